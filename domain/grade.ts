// What an instructor hands in when grading with a rubric, the checks it must pass, and how
// it is condensed for the LMS gradebook.

import { GradeIncompleteError, InvalidInputError } from './errors';
import { criterionMaxPoints, scoreRubric, type Rubric, type RubricSelections } from './rubric';

export const MAX_COMMENT_CHARS = 5000;

/**
 * Gradebook comment fields are small and vary by platform; 4,000 characters keeps the summary
 * comfortably inside them while leaving room for real feedback.
 */
export const LMS_SUMMARY_MAX_CHARS = 4000;

export interface GradeInput {
  selections: RubricSelections;
  /** Keyed by criterion id. */
  criterionComments: Record<string, string>;
  overallComment: string;
}

export interface GradeInputRequirements {
  /** False while the instructor saves work in progress; true when the grade is released. */
  requireComplete: boolean;
}

const countFormat = new Intl.NumberFormat('en-US');

/**
 * @throws {RubricMismatchError} when a selection names a criterion or level the rubric does not have.
 * @throws {InvalidInputError} with fieldErrors (`overallComment`, `criterionComments.<criterionId>`) when a
 *   comment is too long or belongs to a criterion the rubric does not have.
 * @throws {GradeIncompleteError} when requireComplete is set and a criterion has no level selected.
 */
export function assertGradeInput(rubric: Rubric, input: GradeInput, requirements: GradeInputRequirements): void {
  // Refuses a level the rubric does not have, before anything else is looked at.
  scoreRubric(rubric, input.selections);

  const tooLongMessage = `Keep this comment to ${countFormat.format(MAX_COMMENT_CHARS)} characters or fewer.`;
  const fieldErrors: Record<string, string> = {};
  if (input.overallComment.length > MAX_COMMENT_CHARS) {
    fieldErrors['overallComment'] = tooLongMessage;
  }
  for (const [criterionId, comment] of Object.entries(input.criterionComments)) {
    const field = `criterionComments.${criterionId}`;
    if (!rubric.criteria.some((criterion) => criterion.id === criterionId)) {
      fieldErrors[field] = 'This comment is for a criterion that is no longer in the rubric. Reload the page.';
    } else if (comment.length > MAX_COMMENT_CHARS) {
      fieldErrors[field] = tooLongMessage;
    }
  }
  const invalidFields = Object.keys(fieldErrors);
  if (invalidFields.length > 0) {
    throw new InvalidInputError('Some comments need changing before the grade can be saved.', {
      fieldErrors,
      detail: `invalid fields: ${invalidFields.join(', ')}`,
    });
  }

  if (requirements.requireComplete) assertReleasable(rubric, input.selections);
}

/**
 * A draft grade may leave criteria unchosen (an instructor saves as they go, or grades one
 * criterion across the class); only a grade the student and the LMS will see must be whole.
 * @throws {RubricMismatchError} when a selection names a criterion or level the rubric does not have.
 * @throws {GradeIncompleteError} naming the criteria without a level.
 */
export function assertReleasable(rubric: Rubric, selections: RubricSelections): void {
  const score = scoreRubric(rubric, selections);
  if (score.complete) return;
  const missingTitles = rubric.criteria
    .filter((criterion) => score.missingCriterionIds.includes(criterion.id))
    .map((criterion) => criterion.title);
  throw new GradeIncompleteError(
    score.missingCriterionIds,
    `Choose a level for every criterion before releasing the grade. Still to grade: ${missingTitles.join(', ')}.`,
  );
}

/**
 * One criterion's choice (and comment) laid over the rest of a grade, for grading a class one
 * criterion at a time: every other criterion's level and comment stays as stored. An empty
 * comment removes that criterion's comment; `levelId` null clears the criterion's level.
 */
export function withCriterionChoice(
  stored: GradeInput,
  criterionId: string,
  choice: { levelId: string | null; comment?: string },
): GradeInput {
  const selections: RubricSelections = { ...stored.selections };
  if (choice.levelId === null) delete selections[criterionId];
  else selections[criterionId] = choice.levelId;
  const criterionComments = { ...stored.criterionComments };
  if (choice.comment !== undefined) {
    if (choice.comment.trim() === '') delete criterionComments[criterionId];
    else criterionComments[criterionId] = choice.comment;
  }
  return { selections, criterionComments, overallComment: stored.overallComment };
}

/**
 * Plain text for the LMS gradebook comment: the overall comment, one line per criterion, then
 * the total. The levels and points always survive; comments are shortened, longest first, when
 * everything would not fit in LMS_SUMMARY_MAX_CHARS.
 * @throws {RubricMismatchError} when a selection names a criterion or level the rubric does not have.
 * @example
 * // "Clear argument.\n\nThesis & argument: Proficient (3/4) — Sharpen the opening.\n…\n\nTotal: 27/32"
 */
export function summariseGradeForLms(rubric: Rubric, input: GradeInput): string {
  const score = scoreRubric(rubric, input.selections);

  const criterionLines = rubric.criteria.map((criterion) => {
    const levelId = ownValue(input.selections, criterion.id);
    const level = criterion.levels.find((candidate) => candidate.id === levelId);
    const heading =
      level === undefined
        ? `${criterion.title}: not graded`
        : `${criterion.title}: ${level.label} (${level.points}/${criterionMaxPoints(criterion)})`;
    // One line per criterion, whatever line breaks the instructor typed.
    const comment = (ownValue(input.criterionComments, criterion.id) ?? '').replace(/\s+/g, ' ').trim();
    return { heading, comment };
  });
  const overallComment = input.overallComment.replace(/\r\n?/g, '\n').trim();
  const totalLine = `Total: ${score.total}/${score.max}`;

  const OVERALL_SEPARATOR = '\n\n';
  const COMMENT_SEPARATOR = ' — ';
  const skeletonLength =
    criterionLines.reduce((sum, line) => sum + line.heading.length + 1, 0) + 1 + totalLine.length;
  const comments = [overallComment, ...criterionLines.map((line) => line.comment)];
  const separatorsLength =
    (overallComment === '' ? 0 : OVERALL_SEPARATOR.length) +
    criterionLines.filter((line) => line.comment !== '').length * COMMENT_SEPARATOR.length;
  const allotments = shareBudget(
    comments.map((comment) => comment.length),
    LMS_SUMMARY_MAX_CHARS - skeletonLength - separatorsLength,
  );
  const [fittedOverall = '', ...fittedCriterionComments] = comments.map((comment, index) =>
    truncateWithEllipsis(comment, allotments[index] ?? 0),
  );

  const body = criterionLines
    .map((line, index) => {
      const comment = fittedCriterionComments[index] ?? '';
      return comment === '' ? line.heading : `${line.heading}${COMMENT_SEPARATOR}${comment}`;
    })
    .join('\n');
  const summary = `${fittedOverall === '' ? '' : fittedOverall + OVERALL_SEPARATOR}${body}\n\n${totalLine}`;

  // Only reachable with a rubric so large that its headings alone overflow the limit.
  return truncateWithEllipsis(summary, LMS_SUMMARY_MAX_CHARS);
}

function ownValue(record: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

// Short texts keep every character; the rest split what is left equally, so one long comment
// cannot crowd out all the others.
function shareBudget(lengths: readonly number[], budget: number): number[] {
  const allotments = lengths.map(() => 0);
  const shortestFirst = lengths.map((_, index) => index).sort((a, b) => (lengths[a] ?? 0) - (lengths[b] ?? 0));
  let remaining = Math.max(0, budget);
  shortestFirst.forEach((index, position) => {
    const fairShare = Math.floor(remaining / (shortestFirst.length - position));
    const allotment = Math.min(lengths[index] ?? 0, fairShare);
    allotments[index] = allotment;
    remaining -= allotment;
  });
  return allotments;
}

function truncateWithEllipsis(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  if (maxLength <= 0) return '';
  let cut = maxLength - 1;
  // Never leave half of a surrogate pair (an emoji, say) in front of the ellipsis.
  const lastKept = text.charCodeAt(cut - 1);
  if (lastKept >= 0xd800 && lastKept <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut).trimEnd()}…`;
}
