/**
 * The student's side: read the essay, autosave the draft, submit.
 * Every call starts from the session and re-reads the submission it names,
 * so a student can only ever reach their own essay.
 */
import { assertDraftSize, assertSubmittable, rulesForStudent } from '../domain/essay';
import {
  assertAllowed,
  assertStudentMayReopen,
  cutoffApplies,
  describeForStudent,
  studentMayReopen,
  type Lifecycle,
} from '../domain/submission-lifecycle';
import { EditConflictError, ForbiddenError, NotFoundError, SubmissionClosedError } from '../domain/errors';
import { findAssignmentById, type Assignment } from '../models/assignments';
import {
  findRevision,
  isPruneDue,
  listRevisions,
  pruneRevisions,
  RECENT_REVISIONS_KEPT,
  type EssayRevision,
  type EssayRevisionSummary,
} from '../models/essay-revisions';
import {
  findSubmissionById,
  markSubmitted,
  reopenSubmission,
  saveDraftText,
  type RevisionClaimOutcome,
  type Submission,
} from '../models/submissions';
import { toObjectId } from '../models/db';
import type { Rubric } from '../domain/rubric';
import type { SubmissionRules } from '../domain/unit';
import { rubricOfGrade } from './grading';
import { gradedTextOf, stateOf, type EssayReturn, type KeptRevision, type SubmissionState } from './submission-state';
import { queueSubmissionNotice } from './passback';
import { processWorker } from './passback-worker';
import { sameCourse, type Session } from './sessions';
import { countAutosave } from './metrics';
import { countWordsReusingLines } from './word-counts';

export interface StudentEssay {
  assignment: Assignment;
  /** The student's submission; a grade only once it is released. */
  submission: Submission;
  /** The assignment's rules with this student's own dates from the LMS (e.g. an extension). */
  rules: SubmissionRules;
  /** The rubric the student's grade was given with, when graded. */
  gradeRubric?: Rubric;
  lifecycle: Lifecycle;
  /** Where the essay stands, in the student's words. */
  statusText: string;
  /** Whether the student may reopen the submitted essay now. */
  canReopen: boolean;
  /** Whether an essay submitted now could later be reopened (the rules allow it and nobody started grading). */
  reopenAfterSubmit: boolean;
  /** The instructor's return for revision the student is working on, with its note. */
  openReturn?: EssayReturn;
  /** The text the released grade was given on, when the essay changed since. */
  gradedText?: KeptRevision;
}

interface OwnEssay {
  assignment: Assignment;
  submission: Submission;
  /** The assignment's rules with this student's own dates from the LMS (e.g. an extension). */
  rules: SubmissionRules;
  state: SubmissionState;
}

/** The session's own submission, unmasked (grade drafts included): for the rules, never for display. */
async function ownEssay(session: Session): Promise<OwnEssay> {
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
  return { assignment, submission, rules, state: await stateOf(submission) };
}

/**
 * @throws {ForbiddenError} for an instructor session
 * @throws {NotFoundError} when the assignment or submission is gone
 */
export async function getStudentEssay(session: Session): Promise<StudentEssay> {
  const { assignment, submission, rules, state } = await ownEssay(session);
  const { lifecycle, facts, openReturn } = state;
  const essay: StudentEssay = {
    assignment,
    rules,
    // Students see a grade only once it is released; until then the essay is simply submitted.
    submission: submission.grade?.released
      ? submission
      : { ...submission, grade: undefined, status: submission.status === 'graded' ? 'submitted' : submission.status },
    lifecycle,
    statusText: describeForStudent(lifecycle, { graded: Boolean(submission.grade) }),
    canReopen: studentMayReopen(facts, rules, new Date()),
    reopenAfterSubmit: rules.allowResubmission === true && !submission.grade,
    ...(openReturn ? { openReturn } : {}),
  };
  if (!submission.grade?.released) return essay;
  const gradedText = await gradedTextOf(submission);
  return { ...essay, gradeRubric: await rubricOfGrade(assignment, submission.grade), ...(gradedText ? { gradedText } : {}) };
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
  try {
    const saved = await saveDraftUncounted(session, input);
    countAutosave('saved');
    return saved;
  } catch (error) {
    countAutosave(error instanceof EditConflictError ? 'conflict' : 'refused');
    throw error;
  }
}

async function saveDraftUncounted(session: Session, input: { text: string; baseRevision: number }): Promise<SavedDraft> {
  if (session.role !== 'student' || !session.submissionId) throw new ForbiddenError('Only students write essays.');
  assertDraftSize(input.text);
  // Most of an essay is as it was at the last save: only changed lines are segmented again.
  const wordCount = countWordsReusingLines(input.text);
  const outcome = await saveDraftText(session.submissionId, input.baseRevision, input.text, wordCount);
  if (!outcome.ok) refusalError(outcome);
  const _id = toObjectId(session.submissionId);
  if (_id && isPruneDue(outcome.revision.revision)) await pruneRevisions(_id, outcome.revision.revision);
  return { revision: outcome.revision.revision, wordCount, savedAt: outcome.revision.savedAt };
}

/**
 * The kept versions of the student's essay, newest first, without texts: the recent ones and
 * the one last submitted.
 * @throws {ForbiddenError} for an instructor session
 */
export async function listEssayHistory(session: Session): Promise<EssayRevisionSummary[]> {
  const { submission } = await getStudentEssay(session);
  const _id = toObjectId(submission.id);
  if (!_id) return [];
  const pinned = new Set(submission.submittedRevision === undefined ? [] : [submission.submittedRevision]);
  return listRevisions(_id, submission.revision, pinned);
}

/**
 * One kept version of the student's essay, with its text.
 * @throws {NotFoundError} when there is no such version or it is no longer kept
 */
export async function getEssayRevision(session: Session, revision: number): Promise<EssayRevision> {
  const { submission } = await getStudentEssay(session);
  const _id = toObjectId(submission.id);
  const found = _id ? await findRevision(_id, revision) : null;
  if (!found) {
    throw new NotFoundError(
      `That version of your essay is not kept. Inkwell keeps the ${RECENT_REVISIONS_KEPT} most recent versions and the one you submitted.`,
      { detail: `revision=${revision} latest=${submission.revision}` },
    );
  }
  return found;
}

/**
 * Submits exactly the revision the student confirmed.
 * @throws {EditConflictError} when that is not the latest saved text
 * @throws {EssayIncompleteError} below the minimum word count
 * @throws {SubmissionClosedError} when already submitted
 */
export async function submitEssay(session: Session, input: { revision: number }): Promise<Submission> {
  const { submission, rules, state } = await ownEssay(session);
  assertAllowed('submit', state.facts);
  if (submission.revision !== input.revision) throw new EditConflictError(submission.revision);
  const submittedAt = new Date();
  // Without a time, the cutoff is not checked: a returned essay may always be handed in again.
  assertSubmittable(submission.text, rules, cutoffApplies(state.facts) ? submittedAt : undefined);
  const outcome = await markSubmitted(submission, submittedAt);
  if (!outcome.ok) refusalError(outcome);
  const submitted: Submission = {
    ...submission,
    status: 'submitted',
    submitted: true,
    submittedAt,
    updatedAt: submittedAt,
    revision: outcome.revision.revision,
  };
  // The gradebook learns of the submission through the outbox; the student need not wait for the LMS.
  await queueSubmissionNotice(submitted);
  processWorker().kick();
  return submitted;
}

/**
 * Reopens a submitted essay for changes, when the assignment allows
 * resubmission, the due date has not passed and nobody has started grading it
 * (domain/submission-lifecycle.ts). The text stays as submitted; the student
 * edits it as a draft and submits again.
 * @throws {SubmissionClosedError} with the reason when it cannot be reopened
 */
export async function reopenEssay(session: Session): Promise<Submission> {
  const { submission, rules, state } = await ownEssay(session);
  const now = new Date();
  assertStudentMayReopen(state.facts, rules, now);
  const outcome = await reopenSubmission(submission, now);
  if (!outcome.ok) refusalError(outcome);
  return { ...submission, status: 'draft', submitted: false, revision: outcome.revision.revision };
}
