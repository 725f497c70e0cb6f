/**
 * The `submissions` collection: one document per (assignment, student).
 *
 * The essay text itself lives in the `essay_revisions` ledger (see
 * essay-revisions.ts), the grade in `grades`, the LMS deliveries in
 * `passback_jobs`; the submission document keeps who the student is, and a
 * cached copy of the latest revision for lists. Splitting them means no two
 * people ever write the same document, which matters on FerretDB, whose
 * updates are not isolated.
 */
import { ObjectId, type Collection, type WithId } from 'mongodb';
import type { SubmissionStatus } from '../domain/essay';
import { claimRevision, findLatestRevision, type EssayRevision } from './essay-revisions';
import { findGrade, findGradesOfAssignment, saveGradeDocument, type StoredGrade } from './grades';
import { getDb } from './db';

export type { StoredGrade } from './grades';

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
}

interface SubmissionDocument {
  assignmentId: ObjectId;
  userId: string;
  userName?: string;
  userEmail?: string;
  createdAt: Date;
  /** Cache of the latest essay revision, for lists; the ledger is authoritative. */
  text: string;
  wordCount: number;
  revision: number;
  submitted: boolean;
  updatedAt: Date;
  submittedAt?: Date;
}

async function collection(): Promise<Collection<SubmissionDocument>> {
  return (await getDb()).collection<SubmissionDocument>('submissions');
}

export function toObjectId(id: string): ObjectId | null {
  return /^[a-f0-9]{24}$/i.test(id) ? new ObjectId(id) : null;
}

function statusOf(doc: SubmissionDocument, grade: StoredGrade | null | undefined): SubmissionStatus {
  if (grade) return 'graded';
  return doc.submitted ? 'submitted' : 'draft';
}

function toSubmission(
  doc: WithId<SubmissionDocument>,
  extra: { grade?: StoredGrade | null },
): Submission {
  const submission: Submission = {
    id: doc._id.toHexString(),
    assignmentId: doc.assignmentId.toHexString(),
    userId: doc.userId,
    userName: doc.userName,
    userEmail: doc.userEmail,
    text: doc.text,
    wordCount: doc.wordCount,
    revision: doc.revision,
    status: statusOf(doc, extra.grade),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    submittedAt: doc.submittedAt,
  };
  if (extra.grade) submission.grade = extra.grade;
  return submission;
}

function cacheOf(latest: EssayRevision) {
  return {
    text: latest.text,
    wordCount: latest.wordCount,
    revision: latest.revision,
    submitted: latest.submitted,
    updatedAt: latest.savedAt,
    ...(latest.submitted ? { submittedAt: latest.savedAt } : {}),
  };
}

/** Copies a revision into the submission's cache, unless a later one is there already. */
async function writeCache(_id: ObjectId, latest: EssayRevision): Promise<void> {
  // The guard narrows (FerretDB) or closes (MongoDB) the window for an older copy to land last;
  // a copy that still lands late is repaired by the next read (refreshCache).
  await (await collection()).updateOne({ _id, revision: { $lt: latest.revision } }, { $set: cacheOf(latest) });
}

/** Brings the cached copy up to the latest revision (it can lag after a crash or a lost race). */
async function refreshCache(doc: WithId<SubmissionDocument>, latest: EssayRevision | null): Promise<WithId<SubmissionDocument>> {
  if (!latest || latest.revision <= doc.revision) return doc;
  await writeCache(doc._id, latest);
  return { ...doc, ...cacheOf(latest) };
}

/** One submission with its essay (from the ledger), grade and LMS outcomes. */
export async function findSubmissionById(id: string): Promise<Submission | null> {
  const _id = toObjectId(id);
  if (!_id) return null;
  const doc = await (await collection()).findOne({ _id });
  if (!doc) return null;
  const [latest, grade] = await Promise.all([findLatestRevision(_id, doc.revision), findGrade(_id)]);
  return toSubmission(await refreshCache(doc, latest), { grade });
}

/** The student's submission, created empty on first launch; name and email follow the LMS. */
export async function upsertSubmissionOnLaunch(input: {
  assignmentId: string;
  userId: string;
  userName?: string;
  userEmail?: string;
}): Promise<Submission> {
  const assignmentId = new ObjectId(input.assignmentId);
  const col = await collection();
  const key = { assignmentId, userId: input.userId };
  let doc = await col.findOne(key);
  if (!doc) {
    const now = new Date();
    try {
      const fresh: SubmissionDocument = {
        ...key,
        userName: input.userName,
        userEmail: input.userEmail,
        createdAt: now,
        text: '',
        wordCount: 0,
        revision: 0,
        submitted: false,
        updatedAt: now,
      };
      const { insertedId } = await col.insertOne(fresh);
      doc = { _id: insertedId, ...fresh };
    } catch (error) {
      // A second tab launched at the same moment and created it.
      if ((error as { code?: number }).code !== 11000) throw error;
      doc = await col.findOne(key);
      if (!doc) throw error;
    }
  } else if ((input.userName && input.userName !== doc.userName) || (input.userEmail && input.userEmail !== doc.userEmail)) {
    // Written only when the LMS changed them, to keep writes to this document rare.
    await col.updateOne({ _id: doc._id }, { $set: { userName: input.userName ?? doc.userName, userEmail: input.userEmail ?? doc.userEmail } });
  }
  return (await findSubmissionById(doc._id.toHexString()))!;
}

export type RevisionClaimOutcome =
  | { ok: true; revision: EssayRevision }
  | { ok: false; reason: 'conflict' | 'closed' | 'missing'; latestRevision: number };

/**
 * Claims `baseRevision + 1` if `baseRevision` is still the latest and the essay is not
 * submitted (or, when reopening, is exactly the submitted revision).
 */
async function claimNext(
  id: string,
  baseRevision: number,
  next: Omit<EssayRevision, 'revision'>,
  reopening = false,
): Promise<RevisionClaimOutcome> {
  const _id = toObjectId(id);
  if (!_id) return { ok: false, reason: 'missing', latestRevision: 0 };
  const refusal = (latest: EssayRevision | null): RevisionClaimOutcome => ({
    ok: false,
    reason: latest?.submitted ? 'closed' : 'conflict',
    latestRevision: latest?.revision ?? 0,
  });
  const latest = await findLatestRevision(_id, baseRevision);
  if ((latest?.revision ?? 0) !== baseRevision) return refusal(latest);
  if (Boolean(latest?.submitted) !== reopening) return refusal(latest);
  const revision: EssayRevision = { ...next, revision: baseRevision + 1 };
  if (!(await claimRevision(_id, revision))) return refusal(await findLatestRevision(_id, baseRevision));
  await writeCache(_id, revision);
  return { ok: true, revision };
}

/**
 * Autosave: the next revision of the draft, in three small operations (read the
 * latest revision, insert the new one, refresh the cache).
 */
export async function saveDraftText(id: string, baseRevision: number, text: string, wordCount: number): Promise<RevisionClaimOutcome> {
  return claimNext(id, baseRevision, { text, wordCount, savedAt: new Date(), submitted: false });
}

/** Submits exactly `revision`: one more revision, with the same text, that ends the essay. */
export async function markSubmitted(submission: Submission, at: Date): Promise<RevisionClaimOutcome> {
  return claimNext(submission.id, submission.revision, {
    text: submission.text,
    wordCount: submission.wordCount,
    savedAt: at,
    submitted: true,
  });
}

/** Every submission of an assignment with its grade: two queries, however large the class. */
export async function listSubmissionsOfAssignment(assignmentId: string): Promise<Submission[]> {
  const _id = toObjectId(assignmentId);
  if (!_id) return [];
  const [docs, grades] = await Promise.all([
    (await collection()).find({ assignmentId: _id }).sort({ userName: 1, userId: 1 }).toArray(),
    findGradesOfAssignment(_id),
  ]);
  return docs.map((doc) => toSubmission(doc, { grade: grades.get(doc._id.toHexString()) }));
}

/** Stores the grade of a submitted essay. */
export async function saveGrade(submission: Submission, grade: StoredGrade): Promise<Submission | null> {
  const _id = toObjectId(submission.id);
  const assignmentId = toObjectId(submission.assignmentId);
  if (!_id || !assignmentId) return null;
  await saveGradeDocument(_id, assignmentId, grade);
  return findSubmissionById(submission.id);
}

/** Back to draft after a submission (resubmission allowed): one more revision, same text, not submitted. */
export async function reopenSubmission(submission: Submission, at: Date): Promise<RevisionClaimOutcome> {
  return claimNext(
    submission.id,
    submission.revision,
    { text: submission.text, wordCount: submission.wordCount, savedAt: at, submitted: false },
    true,
  );
}

/** Stores a grade without reading the submission back (bulk release). */
export async function storeGrade(submission: Submission, grade: StoredGrade): Promise<Submission | null> {
  const _id = toObjectId(submission.id);
  const assignmentId = toObjectId(submission.assignmentId);
  if (!_id || !assignmentId) return null;
  await saveGradeDocument(_id, assignmentId, grade);
  return { ...submission, grade, status: 'graded' };
}
