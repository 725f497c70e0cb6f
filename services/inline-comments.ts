/**
 * Inline comments (domain/inline-comments.ts): instructors comment on passages of the essay
 * shown in the grading view, anchored to that revision; students see them only in their
 * released feedback (services/feedback.ts). Every call goes through the grading service's
 * check that the submission is in the instructor's own assignment.
 */
import {
  anchorText,
  assertAnchor,
  assertCommentBody,
  type InlineComment,
} from '../domain/inline-comments';
import { EditConflictError, NotFoundError, SubmissionClosedError } from '../domain/errors';
import { isBeingWritten } from '../domain/submission-lifecycle';
import {
  findInlineComment,
  insertInlineComment,
  listInlineComments,
  removeInlineComment,
  updateInlineComment,
  type StoredInlineComment,
} from '../models/inline-comments';
import { submissionInAssignment } from './grading';
import { keepLatestRevision, stateOf } from './submission-state';
import type { Session } from './sessions';

/** A stored comment as pages and the API show it (no author id). */
export function toInlineCommentView(comment: StoredInlineComment): InlineComment {
  return {
    id: comment.id,
    revision: comment.revision,
    start: comment.start,
    end: comment.end,
    quote: comment.quote,
    text: comment.text,
    ...(comment.criterionId ? { criterionId: comment.criterionId } : {}),
    ...(comment.authorName ? { authorName: comment.authorName } : {}),
    createdAt: comment.createdAt.toISOString(),
    updatedAt: comment.updatedAt.toISOString(),
  };
}

/**
 * Every inline comment on a submission, for its instructors.
 * @param checked The same request's own check of this submission (the grading view being read
 *   beside it, services/grading.ts), which then stands for this one: checking again would read
 *   the assignment, the essay and the grade a second time. The comments are read meanwhile, and
 *   returned only once the check has passed.
 */
export async function getInlineComments(
  session: Session,
  submissionId: string,
  checked?: Promise<{ submission: { id: string } }>,
): Promise<InlineComment[]> {
  if (!checked) {
    await submissionInAssignment(session, submissionId);
    return (await listInlineComments(submissionId)).comments.map(toInlineCommentView);
  }
  const [{ submission }, stored] = await Promise.all([checked, listInlineComments(submissionId)]);
  if (submission.id !== submissionId) throw new NotFoundError('This submission could not be found.');
  return stored.comments.map(toInlineCommentView);
}

export interface NewInlineComment {
  revision: number;
  start: number;
  end: number;
  quote: string;
  text: string;
  criterionId?: string | null;
}

/**
 * Comments on a passage of the revision the instructor is reading, which must be the latest
 * submitted one; its text is kept beyond pruning, so the anchor always has its words.
 * @throws {SubmissionClosedError} while the student is writing (nothing submitted to comment on)
 * @throws {EditConflictError} when the essay changed since the instructor opened it
 * @throws {InvalidInputError} for an anchor outside the text, a wrong quote, or a bad comment
 */
export async function addInlineComment(session: Session, submissionId: string, input: NewInlineComment): Promise<InlineComment> {
  const { assignment, submission } = await submissionInAssignment(session, submissionId);
  if (isBeingWritten((await stateOf(submission)).lifecycle.state)) {
    throw new SubmissionClosedError('You can comment on the essay once the student has submitted it.');
  }
  if (input.revision !== submission.revision) {
    throw new EditConflictError(submission.revision, 'The essay changed since you opened it. Reload the page and select the passage again.');
  }
  assertCommentBody(assignment.rubric, input);
  assertAnchor(submission.text, input);
  const { claimed } = await listInlineComments(submission.id);
  // The text first: a comment never points at a revision that pruning could remove.
  await keepLatestRevision(submission);
  const now = new Date();
  const saved = await insertInlineComment(
    {
      submissionId: submission.id,
      revision: submission.revision,
      start: input.start,
      end: input.end,
      quote: anchorText(submission.text).slice(input.start, input.end),
      text: input.text.trim(),
      ...(input.criterionId ? { criterionId: input.criterionId } : {}),
      authorId: session.userId,
      ...(session.userName ? { authorName: session.userName } : {}),
      createdAt: now,
      updatedAt: now,
    },
    claimed,
  );
  return toInlineCommentView(saved);
}

async function commentOf(session: Session, submissionId: string, commentId: string) {
  const { assignment } = await submissionInAssignment(session, submissionId);
  const comment = await findInlineComment(submissionId, commentId);
  if (!comment) throw new NotFoundError('This comment could not be found. It may have been deleted; reload the page.');
  return { assignment, comment };
}

/** Changes a comment's words or criterion; its passage stays where it is. */
export async function editInlineComment(
  session: Session,
  submissionId: string,
  commentId: string,
  input: { text: string; criterionId?: string | null },
): Promise<InlineComment> {
  const { assignment, comment } = await commentOf(session, submissionId, commentId);
  assertCommentBody(assignment.rubric, input);
  const change = { text: input.text.trim(), ...(input.criterionId ? { criterionId: input.criterionId } : {}), updatedAt: new Date() };
  await updateInlineComment(comment, change);
  const { criterionId: _old, ...rest } = comment;
  return toInlineCommentView({ ...rest, ...change });
}

export async function deleteInlineComment(session: Session, submissionId: string, commentId: string): Promise<void> {
  const { comment } = await commentOf(session, submissionId, commentId);
  await removeInlineComment(comment, new Date());
}
