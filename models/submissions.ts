/**
 * The `submissions` collection: one document per (assignment, student).
 *
 * The essay text itself lives in the `essay_revisions` ledger (see
 * essay-revisions.ts), the grade in `grades`, the LMS outcome in
 * `grade_syncs`; the submission document keeps who the student is, and a
 * cached copy of the latest revision for lists. Splitting them means no two
 * people ever write the same document, which matters on FerretDB, whose
 * updates are not isolated.
 */
import { ObjectId, type Collection, type WithId } from 'mongodb';
import type { SubmissionStatus } from '../domain/essay';
import { claimRevision, findLatestRevision, type EssayRevision } from './essay-revisions';
import { findGradePassbacksOfAssignment, findPassback, type PassbackRecord } from './grade-syncs';
import { findGrade, findGradesOfAssignment, saveGradeDocument, type StoredGrade } from './grades';
import { getDb } from './db';

export type { PassbackRecord } from './grade-syncs';
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
  grade?: StoredGrade & { passback?: PassbackRecord };
  submissionPassback?: PassbackRecord;
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
  extra: { grade?: StoredGrade | null; gradePassback?: PassbackRecord | null; submissionPassback?: PassbackRecord | null },
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
  if (extra.grade) {
    // A passback record only speaks for the grade it was about.
    const passback =
      extra.gradePassback && extra.gradePassback.gradedAt?.getTime() === extra.grade.gradedAt.getTime()
        ? extra.gradePassback
        : undefined;
    submission.grade = { ...extra.grade, passback };
  }
  if (extra.submissionPassback) submission.submissionPassback = extra.submissionPassback;
  return submission;
}

/** Brings the cached copy up to the latest revision (it can lag after a crash or a lost race). */
async function refreshCache(doc: WithId<SubmissionDocument>, latest: EssayRevision | null): Promise<WithId<SubmissionDocument>> {
  if (!latest || latest.revision <= doc.revision) return doc;
  const cache = {
    text: latest.text,
    wordCount: latest.wordCount,
    revision: latest.revision,
    submitted: latest.submitted,
    updatedAt: latest.savedAt,
    ...(latest.submitted ? { submittedAt: latest.savedAt } : {}),
  };
  // The guard narrows (FerretDB) or closes (MongoDB) the window for an older refresh to land last.
  await (await collection()).updateOne({ _id: doc._id, revision: { $lt: latest.revision } }, { $set: cache });
  return { ...doc, ...cache };
}

/** One submission with its essay (from the ledger), grade and LMS outcomes. */
export async function findSubmissionById(id: string): Promise<Submission | null> {
  const _id = toObjectId(id);
  if (!_id) return null;
  const doc = await (await collection()).findOne({ _id });
  if (!doc) return null;
  const [latest, grade, gradePassback, submissionPassback] = await Promise.all([
    findLatestRevision(_id),
    findGrade(_id),
    findPassback(_id, 'grade'),
    findPassback(_id, 'submission'),
  ]);
  return toSubmission(await refreshCache(doc, latest), { grade, gradePassback, submissionPassback });
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

export type DraftWriteOutcome = { ok: true; submission: Submission } | { ok: false; current: Submission | null };

async function claimNext(id: string, baseRevision: number, next: Omit<EssayRevision, 'revision'>): Promise<DraftWriteOutcome> {
  const _id = toObjectId(id);
  if (!_id) return { ok: false, current: null };
  const latest = await findLatestRevision(_id);
  const current = latest?.revision ?? 0;
  if (current !== baseRevision || latest?.submitted) return { ok: false, current: await findSubmissionById(id) };
  const claimed = await claimRevision(_id, { ...next, revision: baseRevision + 1 });
  const submission = await findSubmissionById(id);
  if (!claimed || !submission) return { ok: false, current: submission };
  return { ok: true, submission };
}

/** Saves the draft text as the next revision, only if `baseRevision` is still the latest and not submitted. */
export async function saveDraftText(id: string, baseRevision: number, text: string, wordCount: number): Promise<DraftWriteOutcome> {
  return claimNext(id, baseRevision, { text, wordCount, savedAt: new Date(), submitted: false });
}

/** Submits exactly `revision`: the submission is one more revision, with the same text, that ends the essay. */
export async function markSubmitted(id: string, revision: number, at: Date): Promise<DraftWriteOutcome> {
  const current = await findSubmissionById(id);
  if (!current || current.revision !== revision || current.status !== 'draft') return { ok: false, current };
  return claimNext(id, revision, { text: current.text, wordCount: current.wordCount, savedAt: at, submitted: true });
}

/** Every submission of an assignment with grades and LMS status: three queries, however large the class. */
export async function listSubmissionsOfAssignment(assignmentId: string): Promise<Submission[]> {
  const _id = toObjectId(assignmentId);
  if (!_id) return [];
  const [docs, grades, passbacks] = await Promise.all([
    (await collection()).find({ assignmentId: _id }).sort({ userName: 1, userId: 1 }).toArray(),
    findGradesOfAssignment(_id),
    findGradePassbacksOfAssignment(_id),
  ]);
  return docs.map((doc) => {
    const key = doc._id.toHexString();
    return toSubmission(doc, { grade: grades.get(key), gradePassback: passbacks.get(key) });
  });
}

/** Stores the grade of a submitted essay. */
export async function saveGrade(submission: Submission, grade: StoredGrade): Promise<Submission | null> {
  const _id = toObjectId(submission.id);
  const assignmentId = toObjectId(submission.assignmentId);
  if (!_id || !assignmentId) return null;
  await saveGradeDocument(_id, assignmentId, grade);
  return findSubmissionById(submission.id);
}
