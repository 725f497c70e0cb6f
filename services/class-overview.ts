/**
 * The class as a whole, for the instructor: the submission list with each student's lateness
 * and stage, the class overview's statistics, and the rows of its CSV export.
 *
 * Everything is read in bulk (listSubmissions: the assignment's submissions, grades, passback
 * jobs and roster, a handful of queries however large the class), plus one read per earlier
 * rubric version that grades were given with. Nothing is read per student.
 */
import {
  countProgress,
  levelDistribution,
  scoreDistribution,
  scoreRange,
  summariseScores,
  type ClassProgress,
  type CriterionLevelCounts,
  type ScoreBand,
  type ScoreSummary,
} from '../domain/class-statistics';
import { rulesForStudent } from '../domain/essay';
import { lateByMs } from '../domain/lateness';
import type { Rubric } from '../domain/rubric';
import type { Assignment } from '../models/assignments';
import { findRubricVersion } from '../models/rubric-versions';
import { listSubmissions, type ListedSubmission, type SubmissionRow } from './grading';
import type { Session } from './sessions';

export type { ClassProgress } from '../domain/class-statistics';

export interface ClassRow extends SubmissionRow {
  progress: ClassProgress;
  /** How long after the student's own due date the essay was submitted; absent when on time or not submitted. */
  lateByMs?: number;
}

export interface ClassList {
  assignment: Assignment;
  /** In class order (services/class-order.ts), the order of Previous/Next in the grading view. */
  rows: ClassRow[];
  rosterNote?: string;
}

/** Where a student's essay stands: a draft (also one reopened or returned) is not submitted. */
export function progressOf(submission: ListedSubmission | undefined): ClassProgress {
  if (!submission || submission.status === 'draft') return 'not-submitted';
  if (submission.status === 'submitted') return 'submitted';
  return submission.grade?.released ? 'released' : 'graded';
}

function toClassRow(assignment: Assignment, row: SubmissionRow): ClassRow {
  const progress = progressOf(row.submission);
  const classRow: ClassRow = { ...row, progress };
  if (row.submission && progress !== 'not-submitted') {
    // The student's own due date (an extension from the LMS) decides, not the class's.
    const late = lateByMs(row.submission.submittedAt, rulesForStudent(assignment.unit.rules, row.submission.ownDates));
    if (late !== null) classRow.lateByMs = late;
  }
  return classRow;
}

/** The submission list: every student of the class with their stage and lateness. */
export async function listClass(session: Session): Promise<ClassList> {
  const { assignment, rows, rosterNote } = await listSubmissions(session);
  return { assignment, rows: rows.map((row) => toClassRow(assignment, row)), ...(rosterNote ? { rosterNote } : {}) };
}

export interface ClassOverview extends ClassList {
  progress: Record<ClassProgress, number>;
  late: number;
  /** Of the grades on the text now submitted (graded or released), on the current rubric's scale. */
  scores: ScoreSummary;
  distribution: ScoreBand[];
  /** Per criterion of the current rubric, the levels reached by grades given with it. */
  criteria: CriterionLevelCounts[];
  /** Grades given with an earlier version of the rubric: in the scores, not in the per-criterion counts. */
  earlierRubricGrades: number;
  /** The rubric each grade was given with, by rubric version, for the CSV's level columns. */
  rubricsByVersion: Map<number, Rubric>;
}

/** The rubrics the class's grades were given with: the current one, and each earlier one read once. */
async function rubricsOfGrades(assignment: Assignment, rows: readonly ClassRow[]): Promise<Map<number, Rubric>> {
  const rubrics = new Map<number, Rubric>([[assignment.rubricVersion, assignment.rubric]]);
  const earlier = new Set<number>();
  for (const row of rows) {
    const version = row.submission?.grade ? (row.submission.grade.rubricVersion ?? 1) : undefined;
    if (version !== undefined && !rubrics.has(version)) earlier.add(version);
  }
  await Promise.all(
    [...earlier].map(async (version) => {
      const rubric = await findRubricVersion(assignment.id, version);
      if (rubric) rubrics.set(version, rubric);
    }),
  );
  return rubrics;
}

export async function getClassOverview(session: Session): Promise<ClassOverview> {
  const list = await listClass(session);
  const { assignment, rows } = list;
  const graded = rows.filter((row) => row.progress === 'graded' || row.progress === 'released');
  const grades = graded.flatMap((row) => (row.submission?.grade ? [row.submission.grade] : []));
  const onCurrentRubric = grades.filter((grade) => (grade.rubricVersion ?? 1) === assignment.rubricVersion);
  const range = scoreRange(assignment.rubric);
  return {
    ...list,
    progress: countProgress(rows.map((row) => row.progress)),
    late: rows.filter((row) => row.lateByMs !== undefined).length,
    scores: summariseScores(grades, range.max),
    distribution: scoreDistribution(grades, range),
    criteria: levelDistribution(
      assignment.rubric,
      onCurrentRubric.map((grade) => grade.selections),
    ),
    earlierRubricGrades: grades.length - onCurrentRubric.length,
    rubricsByVersion: await rubricsOfGrades(assignment, rows),
  };
}
