// Rules for a student's essay: how words are counted, when a draft may still change, what
// makes it ready to submit, and the deadlines that close submission and resubmission. The
// current time is always passed in; nothing here reads the clock.

import { parseIsoDateTime } from './date-time';
import { EssayIncompleteError, EssayTooLongError, SubmissionClosedError } from './errors';
import type { SubmissionRules } from './unit';

/**
 * A hard ceiling on stored text, far above any sensible essay. It protects storage and the
 * word counter from pasted junk; the unit's maxWords is the limit students are meant to meet.
 */
export const MAX_ESSAY_CHARS = 200_000;

export type SubmissionStatus = 'draft' | 'submitted' | 'graded';

// Words are found by Intl.Segmenter (Unicode word boundaries, with dictionaries for scripts that
// do not put spaces between words, such as Chinese and Japanese), so server and editor count alike.
// On top of that, a hyphen between two words joins them ("Marxist-Leninist" is one word), as
// teachers count them; dashes, slashes and spaced hyphens still separate words.
const WORD_SEGMENTER = new Intl.Segmenter('und', { granularity: 'word' });
const JOINING_HYPHEN = /^[-‐‑]$/u;

/**
 * How much text is segmented at once. V8's word segmenter (Node 20) takes time in proportion to
 * the square of the text it is given: a 1,500-word essay in one piece cost about 20 ms of CPU per
 * count, and the longest essay allowed would cost seconds, on every autosave. In pieces of this
 * size a count takes well under a millisecond per thousand words.
 */
const PIECE_CHARS = 256;
/** A run this long without a safe place to cut is cut anyway (pasted junk; a word may then count twice). */
const LONGEST_PIECE_CHARS = 4 * PIECE_CHARS;
/** Places where Unicode's word rules always break: before white space, after an ideographic full stop, comma or mark. */
const BREAKS_BEFORE = /\s/u;
const BREAKS_AFTER = new Set(['\u3001', '\u3002', '\uff01', '\uff1f']);

function isSafeCut(text: string, at: number): boolean {
  return BREAKS_BEFORE.test(text[at]!) || BREAKS_AFTER.has(text[at - 1]!);
}

/** Where the piece starting at `start` ends: at a word boundary near PIECE_CHARS on. */
function pieceEnd(text: string, start: number): number {
  const target = start + PIECE_CHARS;
  if (target >= text.length) return text.length;
  for (let at = target; at > start + PIECE_CHARS / 2; at--) if (isSafeCut(text, at)) return at;
  const last = Math.min(text.length, start + LONGEST_PIECE_CHARS);
  for (let at = target + 1; at < last; at++) if (isSafeCut(text, at)) return at;
  if (last >= text.length) return text.length;
  // Never between the two halves of a surrogate pair.
  const code = text.charCodeAt(last - 1);
  return code >= 0xd800 && code <= 0xdbff ? last + 1 : last;
}

/**
 * The words of a text, as server and editor count them. The text is segmented piece by piece
 * (see PIECE_CHARS), cut only where a word boundary is anyway, and what the count remembers
 * (the two segments before) carries over the cuts, so the count is the same as in one piece.
 */
export function countWords(text: string): number {
  let count = 0;
  // The two segments before the current one: a word then a lone hyphen means the current word continues it.
  let beforeLast: Intl.SegmentData | undefined;
  let last: Intl.SegmentData | undefined;
  for (let start = 0; start < text.length; ) {
    const end = pieceEnd(text, start);
    for (const segment of WORD_SEGMENTER.segment(text.slice(start, end))) {
      const continuesHyphenated = beforeLast?.isWordLike === true && last !== undefined && JOINING_HYPHEN.test(last.segment);
      if (segment.isWordLike && !continuesHyphenated) count += 1;
      beforeLast = last;
      last = segment;
    }
    start = end;
  }
  return count;
}

/**
 * The longest run a line may have without a safe cut (see isSafeCut) and still be counted alone.
 * countWords cuts where no word boundary is only in a run of more than LONGEST_PIECE_CHARS -
 * PIECE_CHARS / 2 characters without one; below that it cuts at safe places only, wherever its
 * pieces start, so a line counts the same alone as inside its text.
 */
const LONGEST_RUN_COUNTED_ALONE = 2 * PIECE_CHARS;

/** A subset of the places isSafeCut accepts, cheap to test (a smaller set only makes a line count whole more often). */
function isPlainSafeCut(code: number, before: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x3000 ||
    before === 0x3001 ||
    before === 0x3002 ||
    before === 0xff01 ||
    before === 0xff1f
  );
}

/**
 * The words of one line of a text (a part without "\n"), counted alone, so that a caller can keep
 * the count of a line that did not change (services/word-counts.ts): countWords(text) is the sum
 * of countLineWords over text.split('\n') whenever no line answers null. Unicode's word rules
 * always break before and after a line feed, and what the count remembers across segments (a
 * hyphen between two words) never reaches past one, so a line's count is the same alone as in its
 * text. Null when the line has a run so long without a safe cut that countWords might cut it where
 * no word boundary is (pasted junk): then only the whole text gives countWords' answer.
 */
export function countLineWords(line: string): number | null {
  let sinceSafe = 0;
  for (let at = 1; at < line.length; at++) {
    if (isPlainSafeCut(line.charCodeAt(at), line.charCodeAt(at - 1))) sinceSafe = 0;
    else if (++sinceSafe >= LONGEST_RUN_COUNTED_ALONE) return null;
  }
  return countWords(line);
}

const countFormat = new Intl.NumberFormat('en-US');

function describeWords(count: number): string {
  return `${countFormat.format(count)} ${count === 1 ? 'word' : 'words'}`;
}

/**
 * Drafts may be any length up to the storage ceiling, so students can save while over the
 * word limit and trim later.
 * @throws {EssayTooLongError} when the text is longer than MAX_ESSAY_CHARS.
 */
export function assertDraftSize(text: string): void {
  if (text.length <= MAX_ESSAY_CHARS) return;
  throw new EssayTooLongError(
    `Your essay is too long to save: it has ${countFormat.format(text.length)} characters, and Inkwell keeps ` +
      `essays of up to ${countFormat.format(MAX_ESSAY_CHARS)} characters. Please shorten it.`,
    { detail: `chars=${text.length} max=${MAX_ESSAY_CHARS}` },
  );
}

/**
 * @param now The time of submission. Pass it whenever the rules may carry a cutoff: without it the
 *   cutoff is not checked.
 * @throws {SubmissionClosedError} when `now` is after rules.cutoffAt.
 * @throws {EssayIncompleteError} when the essay has fewer words than rules.minWords.
 * @throws {EssayTooLongError} when it has more words than rules.maxWords or exceeds MAX_ESSAY_CHARS.
 * @throws {RangeError} when `now` or a date in the rules is not a valid date, which indicates a bug.
 */
export function assertSubmittable(text: string, rules: SubmissionRules, now?: Date): void {
  if (now !== undefined && isAfter(now, rules.cutoffAt)) {
    throw new SubmissionClosedError('The deadline for this essay has passed, so it can no longer be submitted.', {
      detail: `now=${now.toISOString()} cutoffAt=${rules.cutoffAt ?? ''}`,
    });
  }
  assertDraftSize(text);

  const wordCount = countWords(text);
  const detail = `words=${wordCount} min=${rules.minWords} max=${rules.maxWords}`;
  if (wordCount < rules.minWords) {
    throw new EssayIncompleteError(
      `Your essay has ${describeWords(wordCount)}. It needs at least ${describeWords(rules.minWords)} ` +
        'before you can submit it.',
      { detail },
    );
  }
  if (wordCount > rules.maxWords) {
    throw new EssayTooLongError(
      `Your essay has ${describeWords(wordCount)}, but the limit is ${describeWords(rules.maxWords)}. ` +
        'Please shorten it before you submit.',
      { detail },
    );
  }
}

/**
 * One student's own dates, when they differ from the assignment's: an extension or other
 * exception the LMS keeps per student (Canvas sends each student's own due and lock dates).
 */
export interface StudentDates {
  dueAt?: string;
  cutoffAt?: string;
}

/** The rules as they apply to one student: the assignment's, with the student's own dates over them. */
export function rulesForStudent(rules: SubmissionRules, own: StudentDates | undefined): SubmissionRules {
  if (!own) return rules;
  return {
    ...rules,
    ...(own.dueAt ? { dueAt: own.dueAt } : {}),
    ...(own.cutoffAt ? { cutoffAt: own.cutoffAt } : {}),
  };
}

/**
 * The change a launch's dates make to a student's own dates: a date equal to the assignment's
 * is no exception (`null`: forget it), another one is the student's own; a date the launch did
 * not carry leaves the student's as it is (absent).
 */
export function studentDatesChange(
  rules: SubmissionRules,
  fromLaunch: StudentDates,
): { dueAt?: string | null; cutoffAt?: string | null } {
  const change: { dueAt?: string | null; cutoffAt?: string | null } = {};
  for (const field of ['dueAt', 'cutoffAt'] as const) {
    const value = fromLaunch[field];
    if (value) change[field] = value === rules[field] ? null : value;
  }
  return change;
}

/**
 * Whether `now` is after the due date; false when there is none. Work handed in after it is late.
 * @throws {RangeError} when `now` or rules.dueAt is not a valid date, which indicates a bug.
 */
export function isPastDue(rules: SubmissionRules, now: Date): boolean {
  return isAfter(now, rules.dueAt);
}

/**
 * Whether the student may take a submitted essay back to draft: only when the rules allow
 * resubmission, the essay is submitted but not graded, and neither the due date nor the cutoff
 * has passed.
 * @throws {RangeError} when `now` or a date in the rules is not a valid date, which indicates a bug.
 */
export function canReopen(rules: SubmissionRules, status: SubmissionStatus, now: Date): boolean {
  return reopenRefusal(rules, status, now) === null;
}

/**
 * @throws {SubmissionClosedError} when canReopen is false, with a message giving the reason.
 * @throws {RangeError} when `now` or a date in the rules is not a valid date, which indicates a bug.
 */
export function assertCanReopen(rules: SubmissionRules, status: SubmissionStatus, now: Date): void {
  const refusal = reopenRefusal(rules, status, now);
  if (refusal === null) return;
  throw new SubmissionClosedError(refusal.message, {
    detail: `reopen refused: ${refusal.reason} status=${status} now=${now.toISOString()}`,
  });
}

function reopenRefusal(
  rules: SubmissionRules,
  status: SubmissionStatus,
  now: Date,
): { reason: string; message: string } | null {
  // Checked before anything else so a bad date is reported even when the status alone decides.
  const pastDue = isAfter(now, rules.dueAt);
  const pastCutoff = isAfter(now, rules.cutoffAt);
  if (status === 'graded') {
    return { reason: 'graded', message: 'This essay has been graded, so it can no longer be reopened.' };
  }
  if (status === 'draft') {
    return { reason: 'draft', message: 'This essay has not been submitted yet, so there is nothing to reopen.' };
  }
  if (rules.allowResubmission !== true) {
    return {
      reason: 'resubmission-not-allowed',
      message: 'This assignment does not allow resubmission, so a submitted essay cannot be reopened.',
    };
  }
  if (pastDue) {
    return { reason: 'past-due', message: 'The due date for this essay has passed, so it can no longer be reopened.' };
  }
  if (pastCutoff) {
    return {
      reason: 'past-cutoff',
      message: 'The deadline for this essay has passed, so it can no longer be reopened.',
    };
  }
  return null;
}

/** Whether `now` is strictly after the deadline; false when there is no deadline. */
function isAfter(now: Date, deadline: string | undefined): boolean {
  const nowTime = now.getTime();
  if (Number.isNaN(nowTime)) throw new RangeError('The current time is not a valid date.');
  // Stored documents may carry null for a deadline that was never set.
  if (deadline === undefined || deadline === null) return false;
  const deadlineTime = parseIsoDateTime(deadline)?.getTime();
  if (deadlineTime === undefined) throw new RangeError(`Deadline "${deadline}" is not an ISO 8601 date-time.`);
  return nowTime > deadlineTime;
}
