/**
 * The feedback a student reads once their grade is released: the rubric it was given with, the
 * levels reached, criterion and overall comments, and the inline comments on the text that was
 * graded. Before release there is none: not the grade, not a comment.
 */
import type { InlineComment } from '../domain/inline-comments';
import type { Rubric } from '../domain/rubric';
import { listInlineComments } from '../models/inline-comments';
import { getStudentEssay, type StudentEssay } from './essays';
import { toInlineCommentView } from './inline-comments';
import type { Session } from './sessions';

export interface ReleasedFeedback {
  rubric: Rubric;
  total: number;
  max: number;
  gradedAt: string;
  selections: Record<string, string>;
  criterionComments: Record<string, string>;
  overallComment: string;
  /** The text the grade was given on, and when the student saved it. */
  gradedText: { revision: number; text: string; savedAt: string; changedSince: boolean };
  /** The instructors' comments on passages of that text. */
  inlineComments: InlineComment[];
}

/** The released feedback of an essay already read for its student (null before release). */
export async function releasedFeedbackOf(essay: StudentEssay): Promise<ReleasedFeedback | null> {
  const { submission } = essay;
  const grade = submission.grade;
  if (!grade?.released) return null;
  const revision = grade.gradedRevision ?? submission.revision;
  const kept = essay.gradedText && essay.gradedText.revision === revision ? essay.gradedText : null;
  // Without a kept copy the grade is on the latest text (gradedTextOf returns none then).
  const gradedText = kept
    ? { revision, text: kept.text, savedAt: kept.savedAt.toISOString(), changedSince: true }
    : { revision, text: submission.text, savedAt: (submission.submittedAt ?? submission.updatedAt).toISOString(), changedSince: false };
  const { comments } = await listInlineComments(submission.id);
  return {
    rubric: essay.gradeRubric ?? essay.assignment.rubric,
    total: grade.total,
    max: grade.max,
    gradedAt: grade.gradedAt.toISOString(),
    selections: grade.selections,
    criterionComments: grade.criterionComments,
    overallComment: grade.overallComment,
    gradedText,
    inlineComments: comments.filter((c) => c.revision === revision).map(toInlineCommentView),
  };
}

/**
 * The session student's released feedback, or null while there is none to see.
 * @throws {ForbiddenError} for an instructor session
 */
export async function getReleasedFeedback(session: Session): Promise<ReleasedFeedback | null> {
  return releasedFeedbackOf(await getStudentEssay(session));
}
