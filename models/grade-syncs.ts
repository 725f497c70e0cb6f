/**
 * What Inkwell last told the LMS gradebook, per submission: the `grade_syncs`
 * collection (one document per submission and kind), and the claims that keep
 * AGS score timestamps strictly increasing (`score_timestamps`).
 */
import type { Collection, ObjectId } from 'mongodb';
import { getDb } from './db';

export type SyncKind = 'submission' | 'grade';

/** The outcome of the last attempt to send a score. */
export interface PassbackRecord {
  status: 'sent' | 'failed' | 'unavailable';
  at: Date;
  /** Plain-language outcome for the instructor. */
  message: string;
  httpStatus?: number;
  /** For grades: which grade (by its time) this record is about. */
  gradedAt?: Date;
}

interface GradeSyncDocument extends PassbackRecord {
  _id: string;
  submissionId: ObjectId;
  assignmentId: ObjectId;
  kind: SyncKind;
}

async function syncs(): Promise<Collection<GradeSyncDocument>> {
  return (await getDb()).collection<GradeSyncDocument>('grade_syncs');
}

export async function recordPassback(
  ids: { submissionId: ObjectId; assignmentId: ObjectId },
  kind: SyncKind,
  record: PassbackRecord,
): Promise<void> {
  const _id = `${ids.submissionId.toHexString()}:${kind}`;
  await (await syncs()).replaceOne({ _id }, { ...ids, kind, ...record }, { upsert: true });
}

export async function findPassback(submissionId: ObjectId, kind: SyncKind): Promise<PassbackRecord | null> {
  const doc = await (await syncs()).findOne({ _id: `${submissionId.toHexString()}:${kind}` });
  return doc ? toRecord(doc) : null;
}

function toRecord(doc: GradeSyncDocument): PassbackRecord {
  const record: PassbackRecord = { status: doc.status, at: doc.at, message: doc.message };
  if (doc.httpStatus !== undefined) record.httpStatus = doc.httpStatus;
  if (doc.gradedAt !== undefined) record.gradedAt = doc.gradedAt;
  return record;
}

/** The grade passback records of an assignment, by submission id. */
export async function findGradePassbacksOfAssignment(assignmentId: ObjectId): Promise<Map<string, PassbackRecord>> {
  const docs = await (await syncs()).find({ assignmentId, kind: 'grade' }).toArray();
  return new Map(docs.map((doc) => [doc.submissionId.toHexString(), toRecord(doc)]));
}

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
