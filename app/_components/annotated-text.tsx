/**
 * An essay text with its inline comments' passages highlighted: each highlight carries the
 * criterion's colour and, where the passage ends, a visible label with the comment's number and
 * criterion (never colour alone). Only text nodes and <mark>s, so character offsets counted over
 * the element's text are offsets into the essay (the labels are CSS generated content, not text).
 * Used by the grading view (inside its selectable region) and by the student's feedback.
 */
import { Fragment } from 'react';
import { criterionMark, segmentText, type InlineComment } from '../../domain/inline-comments';
import type { Rubric } from '../../domain/rubric';

export interface NumberedComment extends InlineComment {
  /** The comment's number in reading order, as the list beside the text shows it. */
  number: number;
}

/** The label a comment's highlight ends with: its number, and its criterion when it has one. */
export function markerLabel(rubric: Rubric, comment: NumberedComment): string {
  const mark = criterionMark(rubric, comment.criterionId);
  return mark ? `${comment.number} · ${mark.label}` : String(comment.number);
}

/** The id of the first highlight of a comment's passage, to jump to. */
export function passageElementId(idPrefix: string, commentId: string): string {
  return `${idPrefix}-passage-${commentId}`;
}

export function AnnotatedText({
  text,
  comments,
  rubric,
  idPrefix,
  focusablePassages = false,
}: {
  /** The text as anchorText() gives it. */
  text: string;
  /** The comments on this very text. */
  comments: readonly NumberedComment[];
  rubric: Rubric;
  idPrefix: string;
  /** Whether in-page links may move focus to a passage (not inside the grading view's selectable region). */
  focusablePassages?: boolean;
}) {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const started = new Set<string>();
  return (
    <>
      {segmentText(text.length, comments).map((segment) => {
        const words = text.slice(segment.start, segment.end);
        if (segment.commentIds.length === 0) return words;
        // The innermost (latest-starting) comment gives the colour where passages overlap.
        const covering = segment.commentIds.map((id) => byId.get(id)!).sort((a, b) => b.start - a.start || a.number - b.number);
        const colour = criterionMark(rubric, covering[0]!.criterionId)?.colour;
        // Every comment starting here gets an element with its id: the highlight for one, an empty marker for others.
        const startingHere = covering.filter((c) => !started.has(c.id)).sort((a, b) => a.number - b.number);
        for (const c of covering) started.add(c.id);
        const [firstOf, ...alsoStarting] = startingHere;
        const label = segment.endsComments
          .map((id) => byId.get(id)!)
          .sort((a, b) => a.number - b.number)
          .map((c) => markerLabel(rubric, c))
          .join('; ');
        const tabIndex = focusablePassages ? -1 : undefined;
        return (
          <Fragment key={segment.start}>
          {alsoStarting.map((c) => (
            <span key={c.id} id={passageElementId(idPrefix, c.id)} tabIndex={tabIndex} />
          ))}
          <mark
            className={`highlight highlight-${colour ?? 'none'}`}
            data-comments={covering.map((c) => c.number).join(' ')}
            data-label={label || undefined}
            id={firstOf ? passageElementId(idPrefix, firstOf.id) : undefined}
            tabIndex={firstOf ? tabIndex : undefined}
          >
            {words}
          </mark>
          </Fragment>
        );
      })}
    </>
  );
}
