/**
 * The instructor's side: the submissions of one assignment, one submission
 * to grade, and saving a rubric grade (which then goes to the LMS gradebook).
 * Every call checks the instructor role and that the submission belongs to
 * the session's assignment, so an instructor only reaches their own course.
 */
import { assertGradeInput, assertReleasable, type GradeInput } from '../domain/grade';
import { assertMayRelease } from '../domain/anonymity';
import {
  EditConflictError,
  GradeConflictError,
  InvalidInputError,
  NotFoundError,
  type GradeConflictChoices,
} from '../domain/errors';
import { assertAllowed, lifecycleOf, refusalOf, type Lifecycle } from '../domain/submission-lifecycle';
import { scoreRubric, type Rubric, type RubricSelections } from '../domain/rubric';
import { remapSelections } from '../domain/assignment';
import { findRubricOfGrade } from '../models/rubric-versions';
import { findAssignmentById, type Assignment } from '../models/assignments';
import {
  claimGrade,
  findSubmissionById,
  isLatestRevision,
  listSubmissionsOfAssignment,
  reopenSubmission,
  saveDraftText,
  type ListedSubmission,
  type StoredGrade,
  type Submission,
} from '../models/submissions';
import { toObjectId } from '../models/db';
import { saveEssayReturn } from '../models/essay-returns';
import { gradedTextOf, keepLatestRevision, stateOf, type EssayReturn, type KeptRevision } from './submission-state';
import { gradeSyncOf, queueGrade, syncStatusOf, type SyncStatus } from './passback';
import { processWorker } from './passback-worker';
import { findJobsOfAssignment, type PassbackJob } from '../models/passback-jobs';
import { randomUUID } from 'node:crypto';
import { refreshRosterIfStale } from './roster';
import { classDataOf, classTokenOf, keptRosterFetchedAt } from './class-data';
import { prepareWritingProcess } from './writing-process';
import { byClassOrder, classOrderFor, displayName } from './class-order';
import { anonymityOf, namesHiddenIn, studentLabelsFor } from './anonymity';

export type { ListedSubmission, StoredGrade, Submission, SubmissionSummary } from '../models/submissions';
export type { SyncStatus } from './passback';
import { requireInstructor, sameCourse, type Session } from './sessions';

export async function assignmentOf(session: Session): Promise<Assignment> {
  requireInstructor(session);
  const assignment = await findAssignmentById(session.assignmentId);
  // The signed session names the assignment; its tenant is checked again all the same.
  if (!assignment || !sameCourse(session, assignment)) {
    throw new NotFoundError('This assignment could not be found. Please open Inkwell again from your course.');
  }
  return assignment;
}

export interface SubmissionRow {
  userId: string;
  name: string;
  /** Absent for a student on the course roster who has not opened the assignment. Its grade comes without comments. */
  submission?: ListedSubmission;
  /** Where the student's grade stands with the LMS gradebook. */
  sync?: SyncStatus;
}


/** Everyone who opened the assignment, plus the roster's students who have not, by name. */
export async function listSubmissions(
  session: Session,
): Promise<{ assignment: Assignment; rows: SubmissionRow[]; rosterNote?: string }> {
  requireInstructor(session);
  // The class's token first (services/class-data.ts), alongside the assignment's own read.
  let token = classTokenOf(session.assignmentId);
  token.catch(() => undefined);
  const assignment = await assignmentOf(session);
  // The roster before the data: storing a new one changes the token, which is then read again.
  const withRoster = Boolean(assignment.membershipsUrl);
  const { note: rosterNote, stored } = withRoster ? await refreshRosterIfStale(assignment, keptRosterFetchedAt(assignment.id)) : {};
  if (stored) token = classTokenOf(assignment.id);
  const { submissions, jobs, storedRoster } = await classDataOf(assignment.id, token, withRoster);
  const now = new Date();
  // Grouped once: a class of 300 with a few jobs each must not scan every job per student.
  const jobsBySubmission = new Map<string, PassbackJob[]>();
  for (const job of jobs) {
    const list = jobsBySubmission.get(job.submissionId);
    if (list) list.push(job);
    else jobsBySubmission.set(job.submissionId, [job]);
  }
  const rows: SubmissionRow[] = submissions.map((s) => ({
    userId: s.userId,
    name: displayName(s.userId, s.userName),
    submission: s,
    sync: syncStatusOf(s, jobsBySubmission.get(s.id) ?? [], now),
  }));
  const seen = new Set(submissions.map((s) => s.userId));
  for (const member of storedRoster?.members ?? []) {
    if (!seen.has(member.userId)) rows.push({ userId: member.userId, name: displayName(member.userId, member.name) });
  }
  await hideNamesWhileAnonymous(assignment, rows);
  rows.sort(byClassOrder);
  return { assignment, rows, ...(rosterNote ? { rosterNote } : {}) };
}

/** While anonymous grading hides names: "Student N" for each row, and no name or e-mail left on it. */
async function hideNamesWhileAnonymous(assignment: Assignment, rows: SubmissionRow[]): Promise<void> {
  if (!namesHiddenIn(assignment)) return;
  const labels = await studentLabelsFor(assignment, rows);
  for (const row of rows) {
    row.name = labels.get(row.userId)!;
    if (row.submission) row.submission = withoutName(row.submission);
  }
}

function withoutName<S extends ListedSubmission>(submission: S): S {
  const { userName: _name, userEmail: _email, ...rest } = submission;
  return rest as S;
}

export interface GradingView {
  assignment: Assignment;
  submission: Submission;
  /** How the page names the student: their name, or "Student N" while names are hidden. */
  studentName: string;
  /** True while anonymous grading hides names (the submission then carries none). */
  namesHidden: boolean;
  neighbours: { previousId?: string; nextId?: string };
  /** The rubric the current grade was given with (an earlier version when the rubric changed since). */
  gradeRubric?: Rubric;
  /** When the grade predates the current rubric: the earlier choices that still exist, to start a regrade from. */
  regrade?: { fromVersion: number; selections: RubricSelections };
  /** Where the grade stands with the LMS gradebook. */
  sync?: SyncStatus;
  /** Where the essay and grade stand (domain/submission-lifecycle.ts). */
  lifecycle: Lifecycle;
  /** The return for revision the student is working on, when there is one. */
  openReturn?: EssayReturn;
  /** The text the grade was given on, when the essay changed since. */
  gradedText?: KeptRevision;
}

/** The rubric a grade was given with: the current one, or its archived version. */
export async function rubricOfGrade(assignment: Assignment, grade: StoredGrade): Promise<Rubric> {
  return (await findRubricOfGrade(assignment, grade)) ?? assignment.rubric;
}

/**
 * @throws {ForbiddenError} for students
 * @throws {NotFoundError} when the submission is not in this assignment
 */
/** One submission of the session's assignment, without the rest of the class. */
export async function submissionInAssignment(session: Session, submissionId: string): Promise<{ assignment: Assignment; submission: Submission }> {
  requireInstructor(session);
  const [assignment, submission] = await Promise.all([assignmentOf(session), findSubmissionById(submissionId)]);
  // Same answer for "missing" and "another course's": nothing leaks about other tenants.
  if (!submission || submission.assignmentId !== assignment.id) throw new NotFoundError('This submission could not be found.');
  return { assignment, submission };
}

export async function getSubmissionForGrading(session: Session, submissionId: string): Promise<GradingView> {
  requireInstructor(session);
  const { assignment, submission: stored } = await submissionInAssignment(session, submissionId);
  const hidden = namesHiddenIn(assignment);
  // The order first: it numbers the whole class at once (in its random order) when names are hidden.
  const order = await classOrderFor(session.assignmentId, submissionId, Date.now(), hidden);
  const labels = await studentLabelsFor(assignment, [{ userId: stored.userId, name: displayName(stored.userId, stored.userName) }]);
  const submission = hidden ? withoutName(stored) : stored;
  const index = order.indexOf(submission.id);
  // The next student's page is the likely next one: its history's statistics are read meanwhile.
  const nextId = order[index + 1];
  if (nextId) prepareWritingProcess(nextId);
  const { lifecycle, openReturn } = await stateOf(submission);
  const view: GradingView = {
    assignment,
    submission,
    studentName: labels.get(submission.userId)!,
    namesHidden: hidden,
    neighbours: { previousId: order[index - 1], nextId: order[index + 1] },
    lifecycle,
    ...(openReturn ? { openReturn } : {}),
  };
  if (submission.grade) {
    const gradedText = await gradedTextOf(submission);
    if (gradedText) view.gradedText = gradedText;
    view.sync = await gradeSyncOf(submission);
    view.gradeRubric = await rubricOfGrade(assignment, submission.grade);
    const fromVersion = submission.grade.rubricVersion ?? 1;
    if (fromVersion !== assignment.rubricVersion) {
      view.regrade = { fromVersion, selections: remapSelections(view.gradeRubric, assignment.rubric, submission.grade.selections) };
    }
  }
  return view;
}

export interface GradeResult {
  submission: Submission;
  sync?: SyncStatus;
}

/** What a grader whose save was refused is shown of the grade now stored. */
function choicesOf(grade: StoredGrade | null | undefined): GradeConflictChoices | null {
  if (!grade) return null;
  return {
    version: grade.version,
    selections: grade.selections,
    criterionComments: grade.criterionComments,
    overallComment: grade.overallComment,
    total: grade.total,
    max: grade.max,
    released: grade.released,
    gradedAt: grade.gradedAt.toISOString(),
    ...(grade.gradedByName ? { gradedByName: grade.gradedByName } : {}),
  };
}

/**
 * Saves a rubric grade as a new version of the submission's grade: a draft may leave criteria
 * unchosen, a released grade may not. Released grades
 * (and any change to a grade already released) are queued for the LMS gradebook; drafts stay
 * with the instructor. The grade is stored before anything is queued or sent, and records the
 * essay revision it was given on, whose text is kept for as long as the submission exists.
 * @param input.baseVersion The grade version the grader opened (0: there was no grade).
 * @param input.revision The essay revision the grader read; the latest when absent.
 * @throws {RubricMismatchError} / {GradeIncompleteError} / {InvalidInputError} for bad input
 * @throws {SubmissionClosedError} when the essay is a draft (not submitted, or being revised)
 * @throws {EditConflictError} when the essay changed since the grader opened it
 * @throws {GradeConflictError} when another grader saved since `baseVersion`, with their grade
 * @throws {NamesHiddenError} when releasing while anonymous grading hides names, unconfirmed
 */
export async function gradeSubmission(
  session: Session,
  submissionId: string,
  input: GradeInput & { release?: boolean; baseVersion?: number; revision?: number; releaseWhileAnonymous?: boolean },
): Promise<GradeResult> {
  const { assignment, submission } = await submissionInAssignment(session, submissionId);
  assertAllowed('grade', (await stateOf(submission)).facts);
  if (input.revision !== undefined && input.revision !== submission.revision) {
    throw new EditConflictError(
      submission.revision,
      'The essay changed since you opened it. Reload the page to read and grade the version now submitted.',
    );
  }
  const current = submission.grade;
  // Once a grade is in the LMS, a change must follow it there.
  const released = (input.release ?? true) || Boolean(current?.released);
  // A draft may leave criteria unchosen; what the student and the LMS see may not.
  assertGradeInput(assignment.rubric, input, { requireComplete: released });
  // Going out for the first time while names are hidden takes the instructor's confirmation.
  if (released && !current?.released) assertMayRelease(anonymityOf(assignment), input.releaseWhileAnonymous === true);
  const baseVersion = input.baseVersion ?? 0;
  if ((current?.version ?? 0) !== baseVersion) {
    throw new GradeConflictError(choicesOf(current), undefined, { detail: `base=${baseVersion} current=${current?.version ?? 0}` });
  }
  const score = scoreRubric(assignment.rubric, input.selections);
  // The text first: a grade never points at a revision that pruning could remove.
  await keepLatestRevision(submission);
  const outcome = await claimGrade(submission, baseVersion, {
    gradeId: randomUUID(),
    gradedRevision: submission.revision,
    released,
    rubricId: assignment.rubric.id,
    rubricVersion: assignment.rubricVersion,
    selections: input.selections,
    criterionComments: Object.fromEntries(
      Object.entries(input.criterionComments).filter(([, comment]) => comment.trim() !== ''),
    ),
    overallComment: input.overallComment,
    total: score.total,
    max: score.max,
    gradedAt: new Date(),
    gradedBy: session.userId,
    ...(session.userName ? { gradedByName: session.userName } : {}),
  });
  if (!outcome.ok) throw new GradeConflictError(choicesOf(outcome.current), undefined, { detail: `lost the claim of version ${baseVersion + 1}` });
  const saved = outcome.submission;
  if (released) {
    await queueGrade(saved);
    processWorker().kick();
  }
  return { submission: saved, sync: await gradeSyncOf(saved) };
}

/** The LMS status of one submission's grade, for the grading view to follow after a save. */
export async function getGradeSync(session: Session, submissionId: string): Promise<SyncStatus | undefined> {
  const { submission } = await submissionInAssignment(session, submissionId);
  return gradeSyncOf(submission);
}

/**
 * Releases one draft grade to the student and the LMS, as a new version of the grade.
 * @param baseVersion The grade version the instructor saw, when known: a newer one is not released unseen.
 * @throws {SubmissionClosedError} without a grade, or when the essay changed since it was graded
 * @throws {GradeConflictError} when the grade changed since `baseVersion`, or meanwhile
 * @throws {GradeIncompleteError} when the draft leaves a criterion unchosen
 * @throws {NamesHiddenError} while anonymous grading hides names, unless `releaseWhileAnonymous`
 */
export async function releaseGrade(
  session: Session,
  submissionId: string,
  baseVersion?: number,
  options: { releaseWhileAnonymous?: boolean } = {},
): Promise<SyncStatus | undefined> {
  const { assignment, submission } = await submissionInAssignment(session, submissionId);
  const grade = submission.grade;
  assertAllowed('release', (await stateOf(submission)).facts);
  const changed = 'The grade changed since you opened it, so it was not released. Look at the grade now stored, then release it.';
  if (grade && baseVersion !== undefined && grade.version !== baseVersion) throw new GradeConflictError(choicesOf(grade), changed);
  if (grade && !grade.released) {
    assertReleasable(await rubricOfGrade(assignment, grade), grade.selections);
    assertMayRelease(anonymityOf(assignment), options.releaseWhileAnonymous === true);
    const { version, ...rest } = grade;
    const outcome = await claimGrade(submission, version, { ...rest, gradeId: randomUUID(), released: true });
    if (!outcome.ok) throw new GradeConflictError(choicesOf(outcome.current), changed);
    await queueGrade(outcome.submission);
  }
  processWorker().kick();
  return getGradeSync(session, submissionId);
}

/**
 * Releases every draft grade of the assignment that was given on the text now submitted; the
 * worker sends them with bounded concurrency. Grades on text that changed since are left as
 * drafts and counted, for the instructor to regrade.
 */
export async function releaseAllGrades(
  session: Session,
  options: { releaseWhileAnonymous?: boolean } = {},
): Promise<{ released: number; changedSinceGraded?: number; incomplete?: number }> {
  const assignment = await assignmentOf(session);
  assertMayRelease(anonymityOf(assignment), options.releaseWhileAnonymous === true);
  const all = (await listSubmissionsOfAssignment(assignment.id)).filter((s) => s.grade && !s.grade.released);
  // Drafts with a criterion still unchosen stay drafts, counted for the instructor to finish.
  const complete = await Promise.all(all.map((s) => isComplete(assignment, s.grade!)));
  const drafts = all.filter((_, index) => complete[index]);
  const incomplete = all.length - drafts.length;
  let released = 0;
  let changedSinceGraded = 0;
  // A few at a time: each is a few small writes to documents of its own, and a class must not wait on one queue.
  const lanes = Array.from({ length: Math.min(8, drafts.length) }, async () => {
    for (let submission = drafts.shift(); submission; submission = drafts.shift()) {
      const grade = submission.grade!;
      const facts = { latestRevision: submission.revision, latestSubmitted: submission.submitted, returned: false, grade };
      // The list's copy of the latest revision may lag a save by moments: ask the ledger whether one followed.
      const current = grade.gradedRevision === undefined || (await isLatestRevision(submission.id, grade.gradedRevision));
      if (refusalOf('release', facts) !== null || !current) {
        changedSinceGraded++;
        continue;
      }
      const { version, ...rest } = grade;
      const outcome = await claimGrade(submission, version, { ...rest, gradeId: randomUUID(), released: true });
      // Lost to a grader saving at this moment: their grade stands, and stays a draft.
      if (outcome.ok) {
        await queueGrade(outcome.submission);
        released++;
        processWorker().kick();
      }
    }
  });
  await Promise.all(lanes);
  return {
    released,
    ...(changedSinceGraded > 0 ? { changedSinceGraded } : {}),
    ...(incomplete > 0 ? { incomplete } : {}),
  };
}

/** Whether a grade has a level for every criterion of the rubric it was given with. */
async function isComplete(assignment: Assignment, grade: StoredGrade): Promise<boolean> {
  // The rubric it was given with: read only for the rare grade from an earlier rubric version.
  const rubric = (grade.rubricVersion ?? 1) === assignment.rubricVersion ? assignment.rubric : await rubricOfGrade(assignment, grade);
  return rubric.criteria.every((criterion) => Object.hasOwn(grade.selections, criterion.id));
}

/**
 * Returns a submitted essay to the student for revision, with a note: the submitted text
 * becomes a draft again (a revision claimed in the ledger, so it cannot race the student),
 * and is kept. A grade already given stays, marked as given on the earlier text.
 * @throws {SubmissionClosedError} when the essay is not submitted
 * @throws {EditConflictError} when the essay changed since the instructor opened it
 */
export async function returnForRevision(
  session: Session,
  submissionId: string,
  input: { note: string; revision?: number },
): Promise<Lifecycle> {
  const note = input.note.trim();
  if (note === '') throw new InvalidInputError('Write a note telling the student what to revise.', { fieldErrors: { note: 'Write a note.' } });
  const { submission } = await submissionInAssignment(session, submissionId);
  const { facts } = await stateOf(submission);
  assertAllowed('return', facts);
  if (input.revision !== undefined && input.revision !== submission.revision) {
    throw new EditConflictError(submission.revision, 'The essay changed since you opened it. Reload the page before returning it.');
  }
  const returnedAt = new Date();
  let outcome;
  if (submission.submitted) {
    await keepLatestRevision(submission);
    outcome = await reopenSubmission(submission, returnedAt);
  } else {
    // A draft the student reopened: the same text once more, now as the returned draft.
    outcome = await saveDraftText(submission.id, submission.revision, submission.text, submission.wordCount, returnedAt);
  }
  if (!outcome.ok) {
    throw new EditConflictError(outcome.latestRevision, 'The essay changed at this moment. Reload the page to see it.');
  }
  await saveEssayReturn(toObjectId(submission.id)!, {
    revision: outcome.revision.revision,
    returnedRevision: submission.revision,
    note,
    returnedAt,
    returnedBy: session.userId,
    ...(session.userName ? { returnedByName: session.userName } : {}),
  });
  return lifecycleOf({ ...facts, latestRevision: outcome.revision.revision, latestSubmitted: false, returned: true });
}

/** Queues again the grades whose delivery failed (one, or all of the assignment). */
export async function retryFailedGrades(session: Session, submissionId?: string): Promise<{ retried: number }> {
  const assignment = await assignmentOf(session);
  const submissions = submissionId
    ? [(await submissionInAssignment(session, submissionId)).submission]
    : await listSubmissionsOfAssignment(assignment.id);
  const jobs = await findJobsOfAssignment(assignment.id);
  let retried = 0;
  for (const submission of submissions) {
    const state = syncStatusOf(submission, jobs.filter((j) => j.submissionId === submission.id))?.state;
    if (state === 'failed') {
      await queueGrade(submission, { retry: true });
      retried++;
    }
  }
  processWorker().kick();
  return { retried };
}
