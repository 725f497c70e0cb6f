/**
 * The instructor's side: the submissions of one assignment, one submission
 * to grade, and saving a rubric grade (which then goes to the LMS gradebook).
 * Every call checks the instructor role and that the submission belongs to
 * the session's assignment, so an instructor only reaches their own course.
 */
import { assertGradeInput, type GradeInput } from '../domain/grade';
import { ForbiddenError, NotFoundError, SubmissionClosedError } from '../domain/errors';
import { scoreRubric, type Rubric, type RubricSelections } from '../domain/rubric';
import { remapSelections } from '../domain/assignment';
import { findRubricOfGrade } from '../models/rubric-versions';
import { findAssignmentById, type Assignment } from '../models/assignments';
import {
  findSubmissionById,
  listSubmissionsOfAssignment,
  saveGrade,
  storeGrade,
  type StoredGrade,
  type Submission,
  type SubmissionSummary,
} from '../models/submissions';
import { queueGrade, syncStatusOf, type SyncStatus } from './passback';
import { processWorker } from './passback-worker';
import { findJobsOfAssignment, findJobsOfSubmission } from '../models/passback-jobs';
import { randomUUID } from 'node:crypto';
import { studentsOfCourse } from './roster';
import { byClassOrder, classOrderFor, displayName } from './class-order';

export type { StoredGrade, Submission, SubmissionSummary } from '../models/submissions';
export type { SyncStatus } from './passback';
import { requireInstructor, sameCourse, type Session } from './sessions';

async function assignmentOf(session: Session): Promise<Assignment> {
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
  /** Absent for a student on the course roster who has not opened the assignment. */
  submission?: SubmissionSummary;
  /** Where the student's grade stands with the LMS gradebook. */
  sync?: SyncStatus;
}


/** Everyone who opened the assignment, plus the roster's students who have not, by name. */
export async function listSubmissions(
  session: Session,
): Promise<{ assignment: Assignment; rows: SubmissionRow[]; rosterNote?: string }> {
  const assignment = await assignmentOf(session);
  const [submissions, roster, jobs] = await Promise.all([
    listSubmissionsOfAssignment(assignment.id),
    studentsOfCourse(assignment),
    findJobsOfAssignment(assignment.id),
  ]);
  const now = new Date();
  const rows: SubmissionRow[] = submissions.map((s) => ({
    userId: s.userId,
    name: displayName(s.userId, s.userName),
    submission: s,
    sync: syncStatusOf(s, jobs.filter((j) => j.submissionId === s.id), now),
  }));
  const seen = new Set(submissions.map((s) => s.userId));
  for (const member of roster.students ?? []) {
    if (!seen.has(member.userId)) rows.push({ userId: member.userId, name: displayName(member.userId, member.name) });
  }
  rows.sort(byClassOrder);
  return { assignment, rows, rosterNote: roster.note };
}

export interface GradingView {
  assignment: Assignment;
  submission: Submission;
  neighbours: { previousId?: string; nextId?: string };
  /** The rubric the current grade was given with (an earlier version when the rubric changed since). */
  gradeRubric?: Rubric;
  /** When the grade predates the current rubric: the earlier choices that still exist, to start a regrade from. */
  regrade?: { fromVersion: number; selections: RubricSelections };
  /** Where the grade stands with the LMS gradebook. */
  sync?: SyncStatus;
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
async function submissionInAssignment(session: Session, submissionId: string): Promise<{ assignment: Assignment; submission: Submission }> {
  requireInstructor(session);
  const [assignment, submission] = await Promise.all([assignmentOf(session), findSubmissionById(submissionId)]);
  // Same answer for "missing" and "another course's": nothing leaks about other tenants.
  if (!submission || submission.assignmentId !== assignment.id) throw new NotFoundError('This submission could not be found.');
  return { assignment, submission };
}

export async function getSubmissionForGrading(session: Session, submissionId: string): Promise<GradingView> {
  requireInstructor(session);
  const [{ assignment, submission }, order] = await Promise.all([
    submissionInAssignment(session, submissionId),
    classOrderFor(session.assignmentId, submissionId),
  ]);
  const index = order.indexOf(submission.id);
  const view: GradingView = {
    assignment,
    submission,
    neighbours: { previousId: order[index - 1], nextId: order[index + 1] },
  };
  if (submission.grade) {
    view.sync = syncStatusOf(submission, await findJobsOfSubmission(submission.id));
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

/**
 * Saves a complete rubric grade. Released grades (and any change to a grade
 * already released) are queued for the LMS gradebook; drafts stay with the
 * instructor. The grade is stored before anything is queued or sent.
 * @throws {RubricMismatchError} / {GradeIncompleteError} / {InvalidInputError} for bad input
 * @throws {SubmissionClosedError} when the essay has not been submitted yet
 */
export async function gradeSubmission(
  session: Session,
  submissionId: string,
  input: GradeInput & { release?: boolean },
): Promise<GradeResult> {
  const { assignment, submission } = await submissionInAssignment(session, submissionId);
  if (submission.status === 'draft') {
    throw new SubmissionClosedError('This essay has not been submitted yet, so it cannot be graded.');
  }
  assertGradeInput(assignment.rubric, input, { requireComplete: true });
  const score = scoreRubric(assignment.rubric, input.selections);
  // Once a grade is in the LMS, a change must follow it there.
  const released = (input.release ?? true) || Boolean(submission.grade?.released);
  const saved = await saveGrade(submission, {
    gradeId: randomUUID(),
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
  });
  if (!saved) throw new ForbiddenError('This submission can no longer be graded.');
  if (released) {
    await queueGrade(saved);
    processWorker().kick();
  }
  return { submission: saved, sync: syncStatusOf(saved, await findJobsOfSubmission(saved.id)) };
}

/** The LMS status of one submission's grade, for the grading view to follow after a save. */
export async function getGradeSync(session: Session, submissionId: string): Promise<SyncStatus | undefined> {
  const { submission } = await submissionInAssignment(session, submissionId);
  return syncStatusOf(submission, await findJobsOfSubmission(submission.id));
}

/** Releases one draft grade to the student and the LMS. */
export async function releaseGrade(session: Session, submissionId: string): Promise<SyncStatus | undefined> {
  const { submission } = await submissionInAssignment(session, submissionId);
  const grade = submission.grade;
  if (!grade) throw new SubmissionClosedError('This essay has no grade to release yet.');
  if (!grade.released) {
    const saved = await saveGrade(submission, { ...grade, gradeId: randomUUID(), released: true });
    if (saved) await queueGrade(saved);
  }
  processWorker().kick();
  return getGradeSync(session, submissionId);
}

/** Releases every graded submission of the assignment; the worker sends them with bounded concurrency. */
export async function releaseAllGrades(session: Session): Promise<{ released: number }> {
  const assignment = await assignmentOf(session);
  const drafts = (await listSubmissionsOfAssignment(assignment.id)).filter((s) => s.grade && !s.grade.released);
  let released = 0;
  // A few at a time: each is two small writes to documents of its own, and a class must not wait on one queue.
  const lanes = Array.from({ length: Math.min(8, drafts.length) }, async () => {
    for (let submission = drafts.shift(); submission; submission = drafts.shift()) {
      const saved = await storeGrade(submission, { ...submission.grade!, gradeId: randomUUID(), released: true });
      if (saved) {
        await queueGrade(saved);
        released++;
        processWorker().kick();
      }
    }
  });
  await Promise.all(lanes);
  return { released };
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
