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

/**
 * Reserves the next AGS score timestamp for one student: strictly later, at
 * one-second precision, than any reserved before (Moodle answers 409
 * otherwise). A unique `_id` per second makes concurrent reservations safe.
 */
export async function reserveScoreTimestamp(submissionId: ObjectId, now: Date): Promise<Date> {
  const col = (await getDb()).collection<ScoreTimestampDocument>('score_timestamps');
  const last = await col.find({ submissionId }).sort({ second: -1 }).limit(1).next();
  let second = Math.max(Math.floor(now.getTime() / 1000), (last?.second ?? 0) + 1);
  for (let attempt = 0; attempt < 20; attempt++, second++) {
    try {
      await col.insertOne({ _id: `${submissionId.toHexString()}:${second}`, submissionId, second });
      return new Date(second * 1000);
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }
  throw new Error('Could not reserve a score timestamp: too much contention');
}
