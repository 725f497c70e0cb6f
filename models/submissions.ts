/**
 * The `submissions` collection: one document per (assignment, student) holding
 * the essay text, its revision counter, and the grade once there is one.
 *
 * Every change is one single-document update guarded by a condition (revision,
 * status), which gives us optimistic concurrency without transactions.
 */
import { ObjectId, type Collection, type Filter, type WithId } from 'mongodb';
import type { SubmissionStatus } from '../domain/essay';
import type { RubricSelections } from '../domain/rubric';
import { getDb } from './db';

/** What happened when Inkwell last told the LMS gradebook about this submission. */
export interface PassbackRecord {
  status: 'sent' | 'failed' | 'unavailable';
  at: Date;
  /** Plain-language outcome for the instructor. */
  message: string;
  httpStatus?: number;
}

export interface StoredGrade {
  rubricId: string;
  selections: RubricSelections;
  criterionComments: Record<string, string>;
  overallComment: string;
  total: number;
  max: number;
  gradedAt: Date;
  gradedBy: string;
  passback?: PassbackRecord;
}

export interface Submission {
  id: string;
  assignmentId: string;
  userId: string;
  userName?: string;
  userEmail?: string;
  text: string;
  wordCount: number;
  /** Increases with every saved change of the text; clients send the one they started from. */
  revision: number;
  status: SubmissionStatus;
  createdAt: Date;
  updatedAt: Date;
  submittedAt?: Date;
  grade?: StoredGrade;
  submissionPassback?: PassbackRecord;
  /** Last AGS score timestamp sent for this student, in ms; the next must be later. */
  lastScoreTimestampMs?: number;
}

type SubmissionDocument = Omit<Submission, 'id' | 'assignmentId'> & { assignmentId: ObjectId };

async function collection(): Promise<Collection<SubmissionDocument>> {
  return (await getDb()).collection<SubmissionDocument>('submissions');
}

function toSubmission(doc: WithId<SubmissionDocument>): Submission {
  const { _id, assignmentId, ...rest } = doc;
  return { id: _id.toHexString(), assignmentId: assignmentId.toHexString(), ...rest };
}

function toObjectId(id: string): ObjectId | null {
  return ObjectId.isValid(id) && id.length === 24 ? new ObjectId(id) : null;
}

export async function findSubmissionById(id: string): Promise<Submission | null> {
  const _id = toObjectId(id);
  if (!_id) return null;
  const doc = await (await collection()).findOne({ _id });
  return doc ? toSubmission(doc) : null;
}

/** The student's submission, created empty on first launch; name and email follow the LMS. */
export async function upsertSubmissionOnLaunch(input: {
  assignmentId: string;
  userId: string;
  userName?: string;
  userEmail?: string;
}): Promise<Submission> {
  const assignmentId = new ObjectId(input.assignmentId);
  const now = new Date();
  const set: Partial<SubmissionDocument> = {};
  if (input.userName) set.userName = input.userName;
  if (input.userEmail) set.userEmail = input.userEmail;
  const col = await collection();
  const upsert = () =>
    col.findOneAndUpdate(
      { assignmentId, userId: input.userId },
      {
        ...(Object.keys(set).length > 0 ? { $set: set } : {}),
        $setOnInsert: {
          assignmentId,
          userId: input.userId,
          text: '',
          wordCount: 0,
          revision: 0,
          status: 'draft',
          createdAt: now,
          updatedAt: now,
        },
      },
      { upsert: true, returnDocument: 'after' },
    );
  let doc;
  try {
    doc = await upsert();
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
    doc = await upsert();
  }
  if (!doc) throw new Error('Submission upsert returned nothing');
  return toSubmission(doc);
}

export type DraftWriteOutcome =
  | { ok: true; submission: Submission }
  | { ok: false; current: Submission | null };

/**
 * Saves the draft text only if nobody saved since `baseRevision` and the
 * essay is still a draft; otherwise returns what is stored now.
 */
export async function saveDraftText(
  id: string,
  baseRevision: number,
  text: string,
  wordCount: number,
): Promise<DraftWriteOutcome> {
  const _id = toObjectId(id);
  if (!_id) return { ok: false, current: null };
  const col = await collection();
  const doc = await col.findOneAndUpdate(
    { _id, revision: baseRevision, status: 'draft' },
    { $set: { text, wordCount, updatedAt: new Date() }, $inc: { revision: 1 } },
    { returnDocument: 'after' },
  );
  if (doc) return { ok: true, submission: toSubmission(doc) };
  const current = await col.findOne({ _id });
  return { ok: false, current: current ? toSubmission(current) : null };
}

/** Draft → submitted, only from the exact revision the student saw. */
export async function markSubmitted(id: string, revision: number, at: Date): Promise<DraftWriteOutcome> {
  const _id = toObjectId(id);
  if (!_id) return { ok: false, current: null };
  const col = await collection();
  const doc = await col.findOneAndUpdate(
    { _id, revision, status: 'draft' },
    { $set: { status: 'submitted', submittedAt: at, updatedAt: at } },
    { returnDocument: 'after' },
  );
  if (doc) return { ok: true, submission: toSubmission(doc) };
  const current = await col.findOne({ _id });
  return { ok: false, current: current ? toSubmission(current) : null };
}

export async function listSubmissionsOfAssignment(assignmentId: string): Promise<Submission[]> {
  const _id = toObjectId(assignmentId);
  if (!_id) return [];
  const docs = await (await collection())
    .find({ assignmentId: _id } as Filter<SubmissionDocument>)
    .sort({ userName: 1, userId: 1 })
    .toArray();
  return docs.map(toSubmission);
}

/** Stores a grade; a submitted essay becomes graded. The essay text is never touched. */
export async function saveGrade(id: string, grade: StoredGrade): Promise<Submission | null> {
  const _id = toObjectId(id);
  if (!_id) return null;
  const doc = await (await collection()).findOneAndUpdate(
    { _id, status: { $in: ['submitted', 'graded'] } },
    { $set: { grade, status: 'graded', updatedAt: new Date() } },
    { returnDocument: 'after' },
  );
  return doc ? toSubmission(doc) : null;
}

/**
 * Reserves the next AGS timestamp for this student: strictly later, at
 * one-second precision, than any sent before (Moodle answers 409 otherwise).
 */
export async function reserveScoreTimestamp(id: string, now: Date): Promise<Date> {
  const _id = toObjectId(id);
  if (!_id) throw new Error(`Invalid submission id ${id}`);
  const col = await collection();
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await col.findOne({ _id }, { projection: { lastScoreTimestampMs: 1 } });
    const last = current?.lastScoreTimestampMs;
    const wholeSecond = Math.floor(now.getTime() / 1000) * 1000;
    const next = last === undefined ? wholeSecond : Math.max(wholeSecond, last + 1000);
    const guard = last === undefined ? { lastScoreTimestampMs: { $exists: false } } : { lastScoreTimestampMs: last };
    const result = await col.updateOne({ _id, ...guard }, { $set: { lastScoreTimestampMs: next } });
    if (result.modifiedCount === 1) return new Date(next);
  }
  throw new Error('Could not reserve a score timestamp: too much contention');
}

export async function recordGradePassback(id: string, gradedAt: Date, passback: PassbackRecord): Promise<void> {
  const _id = toObjectId(id);
  if (!_id) return;
  // Only for the grade it was about: a newer grade saved meanwhile keeps its own status.
  await (await collection()).updateOne({ _id, 'grade.gradedAt': gradedAt }, { $set: { 'grade.passback': passback } });
}

export async function recordSubmissionPassback(id: string, passback: PassbackRecord): Promise<void> {
  const _id = toObjectId(id);
  if (!_id) return;
  await (await collection()).updateOne({ _id }, { $set: { submissionPassback: passback } });
}
