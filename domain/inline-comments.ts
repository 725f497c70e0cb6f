// Inline comments: an instructor's remark on one passage of an essay, optionally tied to a
// rubric criterion. A comment is anchored to one revision of the essay by character offsets
// into that revision's text (with line endings as a browser shows them) and the quoted
// passage, so it can be checked, shown on the right words, and never drift when the essay
// changes later.

import { InvalidInputError } from './errors';
import { MAX_COMMENT_CHARS } from './grade';
import type { Rubric } from './rubric';

/** The longest passage one comment may quote; a comment on more than this is an overall comment. */
export const MAX_QUOTE_CHARS = 5000;

export interface CommentAnchor {
  /** The essay revision the passage is in. */
  revision: number;
  /** Offset of the passage's first character, in UTF-16 code units of `anchorText(text)`. */
  start: number;
  /** Offset just after the passage's last character. */
  end: number;
  /** The passage itself, as the instructor selected it. */
  quote: string;
}

export interface InlineComment extends CommentAnchor {
  id: string;
  text: string;
  criterionId?: string;
  authorName?: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * The essay text the offsets count in. Browsers turn `\r\n` and a lone `\r` into `\n` when they
 * parse a page, so offsets taken from a selection in the page only match a text that did the same.
 */
export function anchorText(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * Checks that an anchor names a real passage of the revision's text.
 * @throws {InvalidInputError} with fieldErrors (`start`, `end`, `quote`) when it does not.
 */
export function assertAnchor(text: string, anchor: Omit<CommentAnchor, 'revision'>): void {
  const shown = anchorText(text);
  const { start, end, quote } = anchor;
  const refuse = (field: string, message: string): never => {
    throw new InvalidInputError(message, { fieldErrors: { [field]: message }, detail: `anchor ${start}-${end} of ${shown.length}` });
  };
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > shown.length || start >= end) {
    refuse('start', 'The selected passage is not in this version of the essay. Reload the page and select it again.');
  }
  if (end - start > MAX_QUOTE_CHARS) {
    refuse('end', `Select at most ${MAX_QUOTE_CHARS.toLocaleString('en-US')} characters for one comment, or use the overall comment.`);
  }
  if (shown.slice(start, end) !== quote) {
    refuse('quote', 'The selected passage does not match the essay. Reload the page and select it again.');
  }
  if (quote.trim() === '') refuse('quote', 'Select some words of the essay, not only spaces.');
}

/**
 * Checks a comment's words and criterion against the rubric.
 * @throws {InvalidInputError} with fieldErrors (`text`, `criterionId`).
 */
export function assertCommentBody(rubric: Rubric, body: { text: string; criterionId?: string | null }): void {
  const fieldErrors: Record<string, string> = {};
  const text = body.text.trim();
  if (text === '') fieldErrors['text'] = 'Write a comment.';
  else if (text.length > MAX_COMMENT_CHARS) fieldErrors['text'] = `Keep this comment to ${MAX_COMMENT_CHARS.toLocaleString('en-US')} characters or fewer.`;
  if (body.criterionId && !rubric.criteria.some((c) => c.id === body.criterionId)) {
    fieldErrors['criterionId'] = 'This criterion is no longer in the rubric. Reload the page.';
  }
  const fields = Object.keys(fieldErrors);
  if (fields.length > 0) {
    throw new InvalidInputError(fieldErrors[fields[0]!]!, { fieldErrors });
  }
}

/** Number of highlight colours; criteria beyond it reuse them, and their labels tell them apart. */
export const HIGHLIGHT_COLOURS = 8;

/** How a criterion is marked in the essay: a colour slot and a short visible label (never colour alone). */
export interface CriterionMark {
  colour: number;
  label: string;
}

/** Colour slot and label of a criterion (by its place in the rubric); comments without one are neutral. */
export function criterionMark(rubric: Rubric, criterionId: string | undefined): CriterionMark | null {
  const index = criterionId ? rubric.criteria.findIndex((c) => c.id === criterionId) : -1;
  if (index < 0) return null;
  return { colour: index % HIGHLIGHT_COLOURS, label: rubric.criteria[index]!.title };
}

/** A run of essay text and the comments that cover it; `endsComments` are the comments whose passage ends here. */
export interface TextSegment {
  start: number;
  end: number;
  commentIds: string[];
  endsComments: string[];
}

/**
 * Splits a text into runs at every comment boundary, in order, so overlapping passages can each be
 * highlighted. Anchors outside the text are left out (a caller passes only the shown revision's).
 */
export function segmentText(textLength: number, anchors: readonly { id: string; start: number; end: number }[]): TextSegment[] {
  const valid = anchors.filter((a) => a.start >= 0 && a.end <= textLength && a.start < a.end);
  const cuts = new Set<number>([0, textLength]);
  for (const a of valid) {
    cuts.add(a.start);
    cuts.add(a.end);
  }
  const points = [...cuts].sort((x, y) => x - y);
  const segments: TextSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (start === end) continue;
    segments.push({
      start,
      end,
      commentIds: valid.filter((a) => a.start <= start && a.end >= end).map((a) => a.id),
      endsComments: valid.filter((a) => a.end === end).map((a) => a.id),
    });
  }
  return segments;
}

/** Comments in reading order (by where their passage starts), the order they are numbered in. */
export function inReadingOrder<T extends { start: number; end: number; createdAt: string }>(comments: readonly T[]): T[] {
  return [...comments].sort((a, b) => a.start - b.start || a.end - b.end || a.createdAt.localeCompare(b.createdAt));
}

/** A run of text inside one comment segment, and the other passages (the rubric assistant's) over it. */
export interface TextPiece {
  start: number;
  end: number;
  passageIds: string[];
  /** Passages whose first character is here, and those whose last is. */
  startsPassages: string[];
  endsPassages: string[];
}

export interface LayeredSegment extends TextSegment {
  pieces: TextPiece[];
}

/**
 * Comment segments (as segmentText) each cut further at the boundaries of a second kind of
 * passage, so one comment's highlight stays one element whatever else is marked inside it, and a
 * passage crossing a comment boundary is drawn in pieces. Passages outside the text are left out.
 */
export function layerSegments(
  textLength: number,
  comments: readonly { id: string; start: number; end: number }[],
  passages: readonly { id: string; start: number; end: number }[],
): LayeredSegment[] {
  const inner = segmentText(textLength, passages);
  const valid = passages.filter((p) => p.start >= 0 && p.end <= textLength && p.start < p.end);
  return segmentText(textLength, comments).map((segment) => ({
    ...segment,
    pieces: inner
      .filter((piece) => piece.end > segment.start && piece.start < segment.end)
      .map((piece) => {
        const start = Math.max(piece.start, segment.start);
        const end = Math.min(piece.end, segment.end);
        return {
          start,
          end,
          passageIds: piece.commentIds,
          startsPassages: valid.filter((p) => p.start === start).map((p) => p.id),
          endsPassages: valid.filter((p) => p.end === end).map((p) => p.id),
        };
      }),
  }));
}
