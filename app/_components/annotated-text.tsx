/**
 * An essay text with its inline comments' passages highlighted: each highlight carries the
 * criterion's colour and, where the passage ends, a visible label with the comment's number and
 * criterion (never colour alone). Only text nodes and <mark>s, so character offsets counted over
 * the element's text are offsets into the essay (the labels are CSS generated content, not text).
 * Used by the grading view (inside its selectable region) and by the student's feedback.
 * The grading view also marks the rubric assistant's passages (evidence it cites, statements it
 * asks to check) inside the comments' highlights: a dashed underline and a label that says what
 * they are ("Evidence …", "Check fact …"), so they are never mistaken for comments.
 */
import { Fragment, type ReactNode } from 'react';
import { criterionMark, layerSegments, type InlineComment, type TextPiece } from '../../domain/inline-comments';
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

/** A passage the rubric assistant points at, in the same offsets as the comments. */
export interface MarkedPassage {
  id: string;
  start: number;
  end: number;
  kind: 'evidence' | 'flag';
  /** The visible label where the passage ends ("Evidence 1 · Thesis", "Check fact 2"). */
  label: string;
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
  passages = [],
}: {
  /** The text as anchorText() gives it. */
  text: string;
  /** The comments on this very text. */
  comments: readonly NumberedComment[];
  rubric: Rubric;
  idPrefix: string;
  /** Whether in-page links may move focus to a passage (not inside the grading view's selectable region). */
  focusablePassages?: boolean;
  /** The rubric assistant's passages to mark (grading view only). */
  passages?: readonly MarkedPassage[];
}) {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const passageById = new Map(passages.map((p) => [p.id, p]));
  const started = new Set<string>();
  const renderPiece = (piece: TextPiece): ReactNode => {
    const words = text.slice(piece.start, piece.end);
    if (piece.passageIds.length === 0) return <Fragment key={piece.start}>{words}</Fragment>;
    const covering = piece.passageIds.map((id) => passageById.get(id)!);
    const [firstStarting, ...alsoStarting] = piece.startsPassages;
    const label = piece.endsPassages.map((id) => passageById.get(id)!.label).join('; ');
    return (
      <Fragment key={piece.start}>
        {alsoStarting.map((id) => (
          <span key={id} id={passageElementId(idPrefix, id)} />
        ))}
        <span
          className={`assistant-mark assistant-${covering.some((p) => p.kind === 'flag') ? 'flag' : 'evidence'}`}
          data-label={label || undefined}
          id={firstStarting ? passageElementId(idPrefix, firstStarting) : undefined}
        >
          {words}
        </span>
      </Fragment>
    );
  };
  return (
    <>
      {layerSegments(text.length, comments, passages).map((segment) => {
        const words = segment.pieces.map(renderPiece);
        if (segment.commentIds.length === 0) return <Fragment key={segment.start}>{words}</Fragment>;
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
