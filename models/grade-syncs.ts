/**
 * The claims that keep AGS score timestamps strictly increasing per student
 * (`score_timestamps`); deliveries themselves are in passback-jobs.ts.
 */
import type { Collection, ObjectId } from 'mongodb';
import { getDb } from './db';

interface ScoreTimestampDocument {
  _id: string;
  submissionId: ObjectId;
  second: number;
}

/** Where the latest second reserved for a student is noted: a hint read by `_id`, never trusted alone. */
const latestIdOf = (submissionId: ObjectId) => `latest:${submissionId.toHexString()}`;
/** Claims tried upwards from the hint before the claims themselves are read. */
const CLAIMS_TRIED = 20;

/**
 * Reserves the next AGS score timestamp for one student: strictly later, at
 * one-second precision, than any reserved before (Moodle answers 409
 * otherwise). A unique `_id` per second makes concurrent reservations safe.
 *
 * It starts from a hint, the latest second noted for the student (one look-up by `_id`): on the
 * embedded database a search by student reads every timestamp of every student. The hint may lag
 * (FerretDB's `$max` is no atomic update, and a crash can skip it), which is safe: seconds before
 * now are never chosen, every later second reserved belongs to a run of claims each one second
 * after the one before, and a claim that is taken moves the next try one second on. Only when
 * CLAIMS_TRIED seconds in a row are taken are the claims themselves read.
 */
export async function reserveScoreTimestamp(submissionId: ObjectId, now: Date): Promise<Date> {
  const col = (await getDb()).collection<ScoreTimestampDocument>('score_timestamps');
  const hint = await col.findOne({ _id: latestIdOf(submissionId) });
  let second = Math.max(Math.floor(now.getTime() / 1000), (hint?.second ?? 0) + 1);
  for (let round = 0; round < 2; round++) {
    for (let attempt = 0; attempt < CLAIMS_TRIED; attempt++, second++) {
      try {
        await col.insertOne({ _id: `${submissionId.toHexString()}:${second}`, submissionId, second });
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) throw error;
        continue;
      }
      await noteLatest(col, submissionId, second);
      return new Date(second * 1000);
    }
    const last = await col.find({ submissionId }).sort({ second: -1 }).limit(1).next();
    second = Math.max(second, (last?.second ?? 0) + 1);
  }
  throw new Error('Could not reserve a score timestamp: too much contention');
}

async function noteLatest(col: Collection<ScoreTimestampDocument>, submissionId: ObjectId, second: number): Promise<void> {
  const _id = latestIdOf(submissionId);
  try {
    await col.updateOne({ _id }, { $max: { second }, $setOnInsert: { submissionId } }, { upsert: true });
  } catch (error) {
    // Two first notes at once both tried to insert; the document exists now.
    if ((error as { code?: number }).code !== 11000) throw error;
    await col.updateOne({ _id }, { $max: { second } });
  }
}
