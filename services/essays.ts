/**
 * The student's side: read the essay, autosave the draft, submit.
 * Every call starts from the session and re-reads the submission it names,
 * so a student can only ever reach their own essay.
 */
import { assertCanReopen, assertDraftSize, assertSubmittable, countWords, rulesForStudent } from '../domain/essay';
import { EditConflictError, ForbiddenError, NotFoundError, SubmissionClosedError } from '../domain/errors';
import { findAssignmentById, type Assignment } from '../models/assignments';
import {
  findSubmissionById,
  markSubmitted,
  reopenSubmission,
  saveDraftText,
  type RevisionClaimOutcome,
  type Submission,
} from '../models/submissions';
import type { Rubric } from '../domain/rubric';
import type { SubmissionRules } from '../domain/unit';
import { rubricOfGrade } from './grading';
import { queueSubmissionNotice } from './passback';
import { processWorker } from './passback-worker';
import { sameCourse, type Session } from './sessions';

export interface StudentEssay {
  assignment: Assignment;
  submission: Submission;
  /** The assignment's rules with this student's own dates from the LMS (e.g. an extension). */
  rules: SubmissionRules;
  /** The rubric the student's grade was given with, when graded. */
  gradeRubric?: Rubric;
}

/**
 * @throws {ForbiddenError} for an instructor session
 * @throws {NotFoundError} when the assignment or submission is gone
 */
export async function getStudentEssay(session: Session): Promise<StudentEssay> {
  if (session.role !== 'student' || !session.submissionId) throw new ForbiddenError('This page is for students.');
  const [assignment, submission] = await Promise.all([
    findAssignmentById(session.assignmentId),
    findSubmissionById(session.submissionId),
  ]);
  if (!assignment || !submission) throw new NotFoundError('This essay could not be found. Please open Inkwell again from your course.');
  if (submission.assignmentId !== assignment.id || submission.userId !== session.userId || !sameCourse(session, assignment)) {
    throw new ForbiddenError('This essay belongs to someone else.');
  }
  const rules = rulesForStudent(assignment.unit.rules, submission.ownDates);
  if (!submission.grade) return { assignment, submission, rules };
  // Students see a grade only once it is released; until then the essay is simply submitted.
  if (!submission.grade.released) return { assignment, submission: { ...submission, grade: undefined, status: 'submitted' }, rules };
  return { assignment, submission, rules, gradeRubric: await rubricOfGrade(assignment, submission.grade) };
}

export interface SavedDraft {
  revision: number;
  wordCount: number;
  savedAt: Date;
}

function refusalError(outcome: Extract<RevisionClaimOutcome, { ok: false }>): never {
  if (outcome.reason === 'missing') throw new NotFoundError('This essay could not be found. Please open Inkwell again from your course.');
  if (outcome.reason === 'closed') throw new SubmissionClosedError();
  throw new EditConflictError(outcome.latestRevision);
}

/**
 * Autosave. The signed session names the student's own submission, so the
 * hot path needs no extra look-ups before it claims the next revision.
 * @throws {EditConflictError} when another tab saved meanwhile (nothing is overwritten)
 * @throws {SubmissionClosedError} once submitted
 * @throws {EssayTooLongError}
 */
export async function saveDraft(session: Session, input: { text: string; baseRevision: number }): Promise<SavedDraft> {
  if (session.role !== 'student' || !session.submissionId) throw new ForbiddenError('Only students write essays.');
  assertDraftSize(input.text);
  const wordCount = countWords(input.text);
  const outcome = await saveDraftText(session.submissionId, input.baseRevision, input.text, wordCount);
  if (!outcome.ok) refusalError(outcome);
  return { revision: outcome.revision.revision, wordCount, savedAt: outcome.revision.savedAt };
}

/**
 * Submits exactly the revision the student confirmed.
 * @throws {EditConflictError} when that is not the latest saved text
 * @throws {EssayIncompleteError} below the minimum word count
 * @throws {SubmissionClosedError} when already submitted
 */
export async function submitEssay(session: Session, input: { revision: number }): Promise<Submission> {
  const { submission, rules } = await getStudentEssay(session);
  if (submission.status !== 'draft') throw new SubmissionClosedError();
  if (submission.revision !== input.revision) throw new EditConflictError(submission.revision);
  const submittedAt = new Date();
  assertSubmittable(submission.text, rules, submittedAt);
  const outcome = await markSubmitted(submission, submittedAt);
  if (!outcome.ok) refusalError(outcome);
  const submitted: Submission = { ...submission, status: 'submitted', submittedAt, revision: outcome.revision.revision };
  // The gradebook learns of the submission through the outbox; the student need not wait for the LMS.
  await queueSubmissionNotice(submitted);
  processWorker().kick();
  return submitted;
}

/**
 * Reopens a submitted essay for changes, when the assignment allows
 * resubmission and the due date has not passed. The text stays as submitted;
 * the student edits it as a draft and submits again.
 * @throws {SubmissionClosedError} with the reason when it cannot be reopened
 */
export async function reopenEssay(session: Session): Promise<Submission> {
  const { submission, rules } = await getStudentEssay(session);
  const now = new Date();
  assertCanReopen(rules, submission.status, now);
  const outcome = await reopenSubmission(submission, now);
  if (!outcome.ok) refusalError(outcome);
  return { ...submission, status: 'draft', revision: outcome.revision.revision };
}
