import { describe, it, expect } from 'vitest';
import { EssayIncompleteError, EssayTooLongError, SubmissionClosedError } from './errors';
import {
  MAX_ESSAY_CHARS,
  assertDraftEditable,
  assertDraftSize,
  assertSubmittable,
  countWords,
  type SubmissionStatus,
} from './essay';
import { sampleEssay } from './unit';

const rules = { minWords: 5, maxWords: 10 };

function words(count: number): string {
  return Array.from({ length: count }, () => 'word').join(' ');
}

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   \n\t  ', 0],
    ['Lenin', 1],
    ['  Lenin   died\n\nin 1924.  ', 4],
    ['Lenin\u00a0died', 2],
    ['"State capitalism," he said.', 4],
    ['Marxist-Leninist theory', 2],
    ['Marxism- Leninist', 2],
    ['Lenin — then Stalin', 3],
    ['Lenin—Stalin', 2],
    ['socialism/ communism', 2],
    ["Lenin's death", 2],
    ['Stalin’s rise', 2],
    ["didn't won't", 2],
    ["the workers' party", 3],
    ['... — !? "" ()', 0],
    ['1920s and 1930s', 3],
    ['3.5 million, or 1,000,000', 4],
    ['Сталин пришёл к власти', 4],
    ['Ленин-Сталин', 1],
    ['café naïve résumé', 3],
    ['cafe\u0301 society', 2],
  ])('counts %j as %i', (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });

  it('counts the sample essay', () => {
    expect(countWords(sampleEssay)).toBe(770);
  });
});

describe('assertDraftEditable', () => {
  it('allows edits to a draft', () => {
    expect(() => assertDraftEditable('draft')).not.toThrow();
  });

  it.each([
    ['submitted', /already been submitted/],
    ['graded', /has been graded/],
  ] satisfies [SubmissionStatus, RegExp][])('refuses edits once %s', (status, message) => {
    expect(() => assertDraftEditable(status)).toThrow(SubmissionClosedError);
    expect(() => assertDraftEditable(status)).toThrow(message);
  });
});

describe('assertDraftSize', () => {
  it.each([
    ['an empty draft', ''],
    ['a draft at the limit', 'a'.repeat(MAX_ESSAY_CHARS)],
  ])('accepts %s', (_label, text) => {
    expect(() => assertDraftSize(text)).not.toThrow();
  });

  it('refuses a draft over the limit', () => {
    expect(() => assertDraftSize('a'.repeat(MAX_ESSAY_CHARS + 1))).toThrow(EssayTooLongError);
  });

  it('lets a draft exceed the word limit so students can trim later', () => {
    expect(() => assertDraftSize(words(5000))).not.toThrow();
  });
});

describe('assertSubmittable', () => {
  it.each([
    ['exactly the minimum', words(5)],
    ['exactly the maximum', words(10)],
  ])('accepts an essay with %s', (_label, text) => {
    expect(() => assertSubmittable(text, rules)).not.toThrow();
  });

  it.each([
    ['an empty essay', '', 'Your essay has 0 words. It needs at least 5 words before you can submit it.'],
    ['one word', 'Stalin', 'Your essay has 1 word. It needs at least 5 words before you can submit it.'],
    ['one word short', words(4), 'Your essay has 4 words. It needs at least 5 words before you can submit it.'],
  ])('refuses %s, naming the count and the minimum', (_label, text, message) => {
    expect(() => assertSubmittable(text, rules)).toThrow(EssayIncompleteError);
    expect(() => assertSubmittable(text, rules)).toThrow(message);
  });

  it('refuses an essay over the word limit, naming both numbers', () => {
    expect(() => assertSubmittable(words(11), rules)).toThrow(EssayTooLongError);
    expect(() => assertSubmittable(words(11), rules)).toThrow('Your essay has 11 words, but the limit is 10 words.');
  });

  it('formats large counts for reading', () => {
    expect(() => assertSubmittable(words(3001), { minWords: 300, maxWords: 3000 })).toThrow(
      'Your essay has 3,001 words, but the limit is 3,000 words.',
    );
  });

  it('refuses text over the character ceiling even when the word count is fine', () => {
    expect(() => assertSubmittable('a'.repeat(MAX_ESSAY_CHARS + 1), rules)).toThrow(EssayTooLongError);
  });

  it('accepts the sample essay under the built-in rules', () => {
    expect(() => assertSubmittable(sampleEssay, { minWords: 300, maxWords: 3000 })).not.toThrow();
  });
});
