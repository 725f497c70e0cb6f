/**
 * How a student's essay was written, for the instructor grading it: sessions, time spent and
 * large additions (domain/writing-process.ts), from the statistics each save records in the
 * revision ledger. Instructors of the submission's own assignment only; students never see it.
 * It reads statistics, never texts, and writes nothing the student wrote.
 */
import { NotFoundError } from '../domain/errors';
import { describeWritingProcess, type WritingProcess, type WritingSample } from '../domain/writing-process';
import { findAssignmentById } from '../models/assignments';
import { listRevisionStats, type RevisionStats } from '../models/essay-revisions';
import type { ObjectId } from 'mongodb';
import { toObjectId } from '../models/db';
import { findCachedRevision, findSubmissionById } from '../models/submissions';
import { findWritingStats, saveWritingStats, type WritingStatsDigest } from '../models/writing-stats';
import { requireInstructor, sameCourse, type Session } from './sessions';

async function checkedSubmission(session: Session, submissionId: string): Promise<{ id: string; revision: number }> {
  const [assignment, submission] = await Promise.all([findAssignmentById(session.assignmentId), findSubmissionById(submissionId)]);
  // Same answer for "missing" and "another course's": nothing leaks about other tenants.
  if (!assignment || !sameCourse(session, assignment) || !submission || submission.assignmentId !== assignment.id) {
    throw new NotFoundError('This submission could not be found.');
  }
  return submission;
}

function toSample(stats: RevisionStats): WritingSample {
  return {
    revision: stats.revision,
    savedAt: stats.savedAt,
    words: stats.wordCount,
    ...(stats.charCount === undefined ? {} : { chars: stats.charCount }),
  };
}

/**
 * The writing process of one submission of the session's assignment.
 * @param checked The same request's own check of this submission (the grading view,
 *   services/grading.ts), which then stands for this one: checking again would read the
 *   assignment, the essay and the grade a second time.
 * @throws {ForbiddenError} for students
 * @throws {NotFoundError} when the submission is not in the session's assignment (or course)
 */
export async function getWritingProcess(
  session: Session,
  submissionId: string,
  checked?: { submission: { id: string; revision: number } },
): Promise<WritingProcess> {
  requireInstructor(session);
  const submission = checked ? checked.submission : await checkedSubmission(session, submissionId);
  if (submission.id !== submissionId) throw new NotFoundError('This submission could not be found.');
  const _id = toObjectId(submission.id);
  if (!_id || submission.revision === 0) return describeWritingProcess([]);

  const digest = await digestThrough(_id, submission.revision);
  return describeWritingProcess(digest.saves.map(toSample));
}

// Digests being extended in this process, by submission: a page that needs one waits for that
// read instead of reading the same revisions again.
const extending = new Map<string, Promise<void>>();
const PREPARED_AT_ONCE = 2;

/** The submission's digest through `revision` at least: the stored one, extended from the ledger when behind. */
async function digestThrough(_id: ObjectId, revision: number): Promise<WritingStatsDigest> {
  const key = _id.toHexString();
  await extending.get(key)?.catch(() => undefined);
  const digest = (await findWritingStats(_id)) ?? { throughRevision: 0, saves: [] };
  if (digest.throughRevision >= revision) return digest;
  const extension = (async () => {
    const newer = await listRevisionStats(_id, digest.throughRevision + 1, revision);
    digest.saves.push(...newer);
    digest.throughRevision = revision;
    await saveWritingStats(_id, digest);
  })();
  extending.set(key, extension);
  try {
    await extension;
  } finally {
    if (extending.get(key) === extension) extending.delete(key);
  }
  return digest;
}

/**
 * Brings the stored digest of a submission the instructor is likely to open next (the next
 * student in the grading view) up to date in the background, so that page does not read the
 * essay's whole history while the instructor waits. What it stores is only statistics of
 * revisions, which never change: any process may use it. Called only with a submission of the
 * instructor's own assignment (the class order of the view they are reading).
 */
export function prepareWritingProcess(submissionId: string): void {
  const _id = toObjectId(submissionId);
  if (!_id || extending.has(_id.toHexString()) || extending.size >= PREPARED_AT_ONCE) return;
  void (async () => {
    const revision = await findCachedRevision(submissionId);
    if (revision) await digestThrough(_id, revision);
  })().catch(() => undefined);
}
