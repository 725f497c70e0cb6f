/**
 * The claims that keep AGS score timestamps strictly increasing per student
 * (`score_timestamps`); deliveries themselves are in passback-jobs.ts.
 */
import type { ObjectId } from 'mongodb';
import { getDb } from './db';

interface ScoreTimestampDocument {
  _id: string;
  submissionId: ObjectId;
  second: number;
}

/** Seconds tried upwards from now before the claims themselves are read. */
const CLAIMS_TRIED = 20;

/**
 * Reserves the next AGS score timestamp for one student: strictly later, at
 * one-second precision, than any reserved before (Moodle answers 409
 * otherwise). A unique `_id` per second makes concurrent reservations safe.
 *
 * It tries the seconds from now upwards instead of first searching the student's timestamps (on
 * the embedded database a search by student reads every timestamp of every student). That is
 * enough: a second is only ever reserved at the time it names or just above one already taken,
 * so the taken seconds later than now run without a gap from one at or before now, and trying
 * upwards from now passes all of them. Only after CLAIMS_TRIED taken seconds in a row (a run
 * that long is not expected) are the claims read.
 */
export async function reserveScoreTimestamp(submissionId: ObjectId, now: Date): Promise<Date> {
  const col = (await getDb()).collection<ScoreTimestampDocument>('score_timestamps');
  let second = Math.floor(now.getTime() / 1000);
  for (let attempt = 0; attempt < 2 * CLAIMS_TRIED; attempt++, second++) {
    if (attempt === CLAIMS_TRIED) {
      const last = await col.find({ submissionId }).sort({ second: -1 }).limit(1).next();
      second = Math.max(second, (last?.second ?? 0) + 1);
    }
    try {
      await col.insertOne({ _id: `${submissionId.toHexString()}:${second}`, submissionId, second });
      return new Date(second * 1000);
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }
  throw new Error('Could not reserve a score timestamp: too much contention');
}
