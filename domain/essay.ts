// Rules for a student's essay: how words are counted, when a draft may still change, and
// what makes it ready to submit.

import { EssayIncompleteError, EssayTooLongError, SubmissionClosedError } from './errors';
import type { SubmissionRules } from './unit';

/**
 * A hard ceiling on stored text, far above any sensible essay. It protects storage and the
 * word counter from pasted junk; the unit's maxWords is the limit students are meant to meet.
 */
export const MAX_ESSAY_CHARS = 200_000;

export type SubmissionStatus = 'draft' | 'submitted' | 'graded';

// A word is a run of letters, marks or digits. Apostrophes and hyphens join runs only when
// they sit between two of them ("don't", "Marxist-Leninist"), and a point or comma joins
// digits ("3.5", "1,000"); everything else (spaces, dashes, slashes, quotes) separates words.
const WORD_PATTERN = /[\p{L}\p{M}\p{N}]+(?:(?:['’\-‐‑]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;

export function countWords(text: string): number {
  return text.match(WORD_PATTERN)?.length ?? 0;
}

const countFormat = new Intl.NumberFormat('en-US');

function describeWords(count: number): string {
  return `${countFormat.format(count)} ${count === 1 ? 'word' : 'words'}`;
}

/** @throws {SubmissionClosedError} once the essay has been submitted or graded. */
export function assertDraftEditable(status: SubmissionStatus): void {
  if (status === 'draft') return;
  const message =
    status === 'graded'
      ? 'This essay has been graded, so it can no longer be changed.'
      : 'This essay has already been submitted, so it can no longer be changed.';
  throw new SubmissionClosedError(message, { detail: `status=${status}` });
}

/**
 * Drafts may be any length up to the storage ceiling, so students can save while over the
 * word limit and trim later.
 * @throws {EssayTooLongError} when the text is longer than MAX_ESSAY_CHARS.
 */
export function assertDraftSize(text: string): void {
  if (text.length <= MAX_ESSAY_CHARS) return;
  throw new EssayTooLongError('Your essay is too long to save. Please shorten it and try again.', {
    detail: `chars=${text.length} max=${MAX_ESSAY_CHARS}`,
  });
}

/**
 * @throws {EssayIncompleteError} when the essay has fewer words than rules.minWords.
 * @throws {EssayTooLongError} when it has more words than rules.maxWords or exceeds MAX_ESSAY_CHARS.
 */
export function assertSubmittable(text: string, rules: SubmissionRules): void {
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
