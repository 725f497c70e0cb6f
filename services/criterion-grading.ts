/**
 * Grading by criterion: the whole class on one criterion at a time (essay beside that
 * criterion's levels, then the next student; after the last, the next criterion), for
 * consistent marking across a large class.
 *
 * Each choice is saved into the same grade versions as the full grading view
 * (services/grading.ts `gradeSubmission`): the stored grade of the version the instructor
 * opened, with only this criterion's level and comment changed, as a draft (a grade already
 * released stays released and follows to the LMS). Another grader's newer version is a
 * GRADE_CONFLICT, never overwritten, so a change to one criterion cannot wipe another's.
 * It does not release grades; the submission list does.
 */
import { remapSelections } from '../domain/assignment';
import { RubricMismatchError } from '../domain/errors';
import { withCriterionChoice, type GradeInput } from '../domain/grade';
import type { Criterion } from '../domain/rubric';
import type { Assignment } from '../models/assignments';
import { listSubmissionsOfAssignment, type StoredGrade, type SubmissionSummary } from '../models/submissions';
import { namesHiddenIn, studentLabelsFor } from './anonymity';
import { byClassOrder, displayName } from './class-order';
import { assignmentOf, gradeSubmission, rubricOfGrade, submissionInAssignment, type GradeResult } from './grading';
import type { Session } from './sessions';

export interface CriterionProgress {
  id: string;
  title: string;
  /** Students in the walk with a level for this criterion. */
  graded: number;
}

export interface CriterionStep {
  submissionId: string;
  studentName: string;
  text: string;
  /** The essay revision shown: a newer one makes the save a conflict. */
  revision: number;
  /** The grade version shown (0: none yet). */
  gradeVersion: number;
  levelId?: string;
  comment: string;
  released: boolean;
  /** 1-based place in the walk. */
  position: number;
  previousId?: string;
  nextId?: string;
}

export interface CriterionWalk {
  assignment: Assignment;
  criteria: CriterionProgress[];
  /** How many submissions the walk visits: every essay now submitted. */
  students: number;
  namesHidden: boolean;
  criterion?: Criterion;
  step?: CriterionStep;
  /** The criterion after this one, where the walk goes after its last student. */
  nextCriterionId?: string;
}

/** A grade's choices on the current rubric (a grade from an earlier version keeps what still fits). */
async function currentChoices(assignment: Assignment, grade: StoredGrade): Promise<GradeInput> {
  if ((grade.rubricVersion ?? 1) === assignment.rubricVersion) {
    return { selections: grade.selections, criterionComments: grade.criterionComments, overallComment: grade.overallComment };
  }
  const criterionIds = new Set(assignment.rubric.criteria.map((criterion) => criterion.id));
  return {
    selections: remapSelections(await rubricOfGrade(assignment, grade), assignment.rubric, grade.selections),
    criterionComments: Object.fromEntries(Object.entries(grade.criterionComments).filter(([id]) => criterionIds.has(id))),
    overallComment: grade.overallComment,
  };
}

function levelOn(summary: SubmissionSummary, assignment: Assignment, criterionId: string): string | undefined {
  const grade = summary.grade;
  if (!grade || (grade.rubricVersion ?? 1) !== assignment.rubricVersion) return undefined;
  return Object.hasOwn(grade.selections, criterionId) ? grade.selections[criterionId] : undefined;
}

/**
 * The walk on one criterion (or, without one, the criteria to choose from), at `submissionId`,
 * or at the first student still without a level for it.
 * @throws {ForbiddenError} for students; {NotFoundError} outside the session's course
 */
export async function getCriterionWalk(session: Session, criterionId?: string, submissionId?: string): Promise<CriterionWalk> {
  const assignment = await assignmentOf(session);
  const submitted = (await listSubmissionsOfAssignment(assignment.id)).filter((s) => s.submitted);
  const labels = await studentLabelsFor(
    assignment,
    submitted.map((s) => ({ userId: s.userId, name: displayName(s.userId, s.userName) })),
  );
  const walk = submitted
    .map((s) => ({ summary: s, userId: s.userId, name: labels.get(s.userId)! }))
    .sort(byClassOrder)
    .map((entry) => entry.summary);
  const criteria = assignment.rubric.criteria.map((criterion) => ({
    id: criterion.id,
    title: criterion.title,
    graded: walk.filter((s) => levelOn(s, assignment, criterion.id) !== undefined).length,
  }));
  const result: CriterionWalk = { assignment, criteria, students: walk.length, namesHidden: namesHiddenIn(assignment) };
  const index = assignment.rubric.criteria.findIndex((criterion) => criterion.id === criterionId);
  const criterion = assignment.rubric.criteria[index];
  if (!criterion) return result;
  result.criterion = criterion;
  const nextCriterion = assignment.rubric.criteria[index + 1];
  if (nextCriterion) result.nextCriterionId = nextCriterion.id;
  if (walk.length === 0) return result;

  let position = walk.findIndex((s) => s.id === submissionId);
  if (position < 0) position = Math.max(0, walk.findIndex((s) => levelOn(s, assignment, criterion.id) === undefined));
  const { submission } = await submissionInAssignment(session, walk[position]!.id);
  const choices = submission.grade ? await currentChoices(assignment, submission.grade) : undefined;
  const levelId = choices && Object.hasOwn(choices.selections, criterion.id) ? choices.selections[criterion.id] : undefined;
  result.step = {
    submissionId: submission.id,
    studentName: labels.get(submission.userId)!,
    text: submission.text,
    revision: submission.revision,
    gradeVersion: submission.grade?.version ?? 0,
    ...(levelId ? { levelId } : {}),
    comment: (choices && Object.hasOwn(choices.criterionComments, criterion.id) ? choices.criterionComments[criterion.id] : '') ?? '',
    released: submission.grade?.released ?? false,
    position: position + 1,
    ...(walk[position - 1] ? { previousId: walk[position - 1]!.id } : {}),
    ...(walk[position + 1] ? { nextId: walk[position + 1]!.id } : {}),
  };
  return result;
}

/**
 * Saves one criterion's level (and comment) of a submission, over the grade version the
 * instructor opened: every other criterion stays as stored.
 * @param input.levelId null clears the level; a comment absent leaves the comment as it is.
 * @throws {RubricMismatchError} for a criterion or level the rubric does not have
 * @throws {GradeConflictError} when the grade changed since `baseVersion` (with the grade now stored)
 * @throws {EditConflictError} when the essay changed since `revision`
 * @throws {SubmissionClosedError} when the essay is not submitted
 */
export async function gradeCriterion(
  session: Session,
  submissionId: string,
  input: { criterionId: string; levelId: string | null; comment?: string; baseVersion: number; revision?: number },
): Promise<GradeResult> {
  const { assignment, submission } = await submissionInAssignment(session, submissionId);
  if (!assignment.rubric.criteria.some((criterion) => criterion.id === input.criterionId)) {
    throw new RubricMismatchError(undefined, { detail: `criterion ${input.criterionId} is not in the rubric` });
  }
  const stored = submission.grade ? await currentChoices(assignment, submission.grade) : { selections: {}, criterionComments: {}, overallComment: '' };
  const merged = withCriterionChoice(stored, input.criterionId, {
    levelId: input.levelId,
    ...(input.comment === undefined ? {} : { comment: input.comment }),
  });
  // gradeSubmission checks the base version against the grade now stored, and claims the next one.
  return gradeSubmission(session, submissionId, {
    ...merged,
    release: false,
    baseVersion: input.baseVersion,
    ...(input.revision === undefined ? {} : { revision: input.revision }),
  });
}
