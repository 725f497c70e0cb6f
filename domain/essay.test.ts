import { describe, it, expect, vi } from 'vitest';
import { EssayIncompleteError, EssayTooLongError, SubmissionClosedError } from './errors';
import {
  MAX_ESSAY_CHARS,
  assertCanReopen,
  assertDraftSize,
  assertSubmittable,
  canReopen,
  countLineWords,
  countWords,
  isPastDue,
  rulesForStudent,
  studentDatesChange,
  type SubmissionStatus,
} from './essay';
import { sampleEssay, type SubmissionRules } from './unit';

const rules = { minWords: 5, maxWords: 10 };

function words(count: number): string {
  return Array.from({ length: count }, () => 'word').join(' ');
}

/** A seeded generator, so a failing text can be found again. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

describe('countLineWords', () => {
  // Pieces that meet at line ends in every way that could matter: hyphens before and after a line
  // feed, CR LF, marks and joiners that would attach to what precedes them, scripts without spaces.
  const FRAGMENTS = [
    'Marxist', '-', '‐', '‑', ' - ', 'Leninist', ' ', '   ', '\t', '\n', '\n\n', '\r\n', '\r', '\u00a0', '\u3000',
    '1,000', '3.5', "didn't", 'Stalin’s', '—', '/', '"', '.', '斯大林在列宁去世后掌握了权力', '。', '、', '！',
    'スターリンは', '권력을', 'ภาษาไทยไม่เว้นวรรค', 'cafe\u0301', '\u0301', '\u200d', '👩\u200d🔬', '🇫🇷', 'e.g.', 'a.b',
  ];

  it('adds up, over the lines of any text, to countWords of the whole text', () => {
    const random = generator(20261130);
    for (let trial = 0; trial < 400; trial++) {
      const parts: string[] = [];
      const length = 1 + Math.floor(random() * 300);
      for (let i = 0; i < length; i++) parts.push(FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]!);
      const text = parts.join('');
      const lines = text.split('\n').map(countLineWords);
      expect(lines.every((count) => count !== null), text).toBe(true);
      expect(lines.reduce<number>((sum, count) => sum + count!, 0), JSON.stringify(text)).toBe(countWords(text));
    }
  });

  it('adds up to countWords for an essay with long paragraphs, lines cut at every offset of countWords\' pieces', () => {
    for (let shift = 0; shift < 300; shift += 7) {
      const text = `${'x '.repeat(shift)}\n${sampleEssay}\n\n${sampleEssay.replace(/\n+/g, ' ')}`;
      const lines = text.split('\n').map(countLineWords);
      expect(lines.reduce<number>((sum, count) => sum + count!, 0)).toBe(countWords(text));
    }
  });

  it('refuses a line with a run too long to count alone, and counts a line of ordinary length', () => {
    expect(countLineWords('x'.repeat(600))).toBeNull();
    expect(countLineWords(`${'Lenin '.repeat(100)}${'斯大林在列宁去世后掌握了权力'.repeat(40)}`)).toBeNull();
    expect(countLineWords('Lenin died in 1924.')).toBe(4);
    expect(countLineWords('')).toBe(0);
  });
});

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

  it.each([
    // Chinese and Japanese put no spaces between words; a sentence is still several words.
    ['斯大林在列宁去世后掌握了权力。', 8],
    ['スターリンは権力を握った。', 7],
    ['레닌이 죽은 후 스탈린이 권력을 잡았다', 6],
  ])('counts the words of %j (no spaces between words) as more than one', (text, atLeast) => {
    const count = countWords(text);
    expect(count).toBeGreaterThan(1);
    // Dictionaries differ a little between ICU versions, so the count is bounded rather than exact.
    expect(count).toBeGreaterThanOrEqual(atLeast - 2);
    expect(count).toBeLessThanOrEqual(atLeast + 3);
  });

  it('counts English and Chinese in one text together', () => {
    expect(countWords('Stalin 掌握了权力')).toBe(1 + countWords('掌握了权力'));
  });

  it('counts the sample essay', () => {
    expect(countWords(sampleEssay)).toBe(770);
  });

  /** The count over the whole text in one piece: what countWords must equal, however it cuts. */
  function countInOnePiece(text: string): number {
    const segments = [...new Intl.Segmenter('und', { granularity: 'word' }).segment(text)];
    return segments.filter((s, i) => s.isWordLike && !(segments[i - 2]?.isWordLike && /^[-‐‑]$/u.test(segments[i - 1]?.segment ?? ''))).length;
  }

  it.each([
    ['an essay', `${sampleEssay}\n\n${sampleEssay.slice(0, 3000)}`],
    ['hyphenated words and spaced hyphens at every offset', Array.from({ length: 400 }, (_, i) => `Marxist-Leninist${' '.repeat(i % 5)}- word`).join(' ')],
    ['runs of white space and line ends', Array.from({ length: 300 }, (_, i) => `word${' \n\r\n\t'.slice(0, i % 5)}`).join('   ')],
    ['Chinese with ideographic stops and no spaces', '斯大林在列宁去世后掌握了权力。列宁、托洛茨基！谁赢了？'.repeat(80)],
    ['numbers and abbreviations', '3.5 million, or 1,000,000 (e.g. 1920s) '.repeat(120)],
  ])('counts %s as the whole text in one piece would', (_, text) => {
    expect(text.length).toBeGreaterThan(1000);
    expect(countWords(text)).toBe(countInOnePiece(text));
  });

  it('hands the segmenter short pieces only, also of the longest essay allowed (its cost grows with the square of the length)', () => {
    const copies = Math.floor(MAX_ESSAY_CHARS / (sampleEssay.length + 1));
    const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
    try {
      expect(countWords(`${sampleEssay}\n`.repeat(copies))).toBe(770 * copies);
      expect(segment.mock.calls.length).toBeGreaterThan(100);
      expect(Math.max(...segment.mock.calls.map(([piece]) => piece.length))).toBeLessThanOrEqual(2048);
    } finally {
      segment.mockRestore();
    }
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

const DUE = '2025-03-01T17:00:00.000Z';
const CUTOFF = '2025-03-03T17:00:00.000Z';
const beforeDue = new Date('2025-03-01T16:59:59.999Z');
const atDue = new Date(DUE);
const betweenDueAndCutoff = new Date('2025-03-02T09:00:00.000Z');
const atCutoff = new Date(CUTOFF);
const afterCutoff = new Date('2025-03-03T17:00:00.001Z');

const dated: SubmissionRules = { ...rules, dueAt: DUE, cutoffAt: CUTOFF, allowResubmission: true };

describe('assertSubmittable with deadlines', () => {
  it.each([
    ['before the due date', beforeDue],
    ['late but before the cutoff', betweenDueAndCutoff],
    ['exactly at the cutoff', atCutoff],
  ])('accepts an essay submitted %s', (_label, now) => {
    expect(() => assertSubmittable(words(5), dated, now)).not.toThrow();
  });

  it('refuses an essay submitted after the cutoff, before looking at its length', () => {
    for (const text of [words(5), '']) {
      expect(() => assertSubmittable(text, dated, afterCutoff)).toThrow(SubmissionClosedError);
      expect(() => assertSubmittable(text, dated, afterCutoff)).toThrow(
        'The deadline for this essay has passed, so it can no longer be submitted.',
      );
    }
  });

  it('accepts any time when there is no cutoff', () => {
    expect(() => assertSubmittable(words(5), { ...rules, dueAt: DUE }, new Date('2030-01-01T00:00:00Z'))).not.toThrow();
  });

  it('leaves the cutoff unchecked when no time is given, as before deadlines existed', () => {
    expect(() => assertSubmittable(words(5), dated)).not.toThrow();
  });

  it('still checks the word count before the cutoff', () => {
    expect(() => assertSubmittable(words(4), dated, beforeDue)).toThrow(EssayIncompleteError);
  });

  it.each([
    ['a stored cutoff that is not a date', { ...rules, cutoffAt: 'soon' }, beforeDue],
    ['an invalid current time', dated, new Date(Number.NaN)],
  ])('treats %s as a bug', (_label, badRules, now) => {
    expect(() => assertSubmittable(words(5), badRules, now)).toThrow(RangeError);
  });
});

describe('isPastDue', () => {
  it.each([
    ['before the due date', dated, beforeDue, false],
    ['exactly at the due date', dated, atDue, false],
    ['a millisecond after the due date', dated, new Date('2025-03-01T17:00:00.001Z'), true],
    ['after the cutoff', dated, afterCutoff, true],
    ['with no due date', { ...rules, cutoffAt: CUTOFF }, afterCutoff, false],
    ['with a due date given in another offset', { ...rules, dueAt: '2025-03-01T18:00:00+01:00' }, beforeDue, false],
  ] satisfies [string, SubmissionRules, Date, boolean][])('is %s → %s', (_label, ruleSet, now, expected) => {
    expect(isPastDue(ruleSet, now)).toBe(expected);
  });

  it('treats a stored null due date as none', () => {
    const fromStorage = { ...rules, dueAt: null } as unknown as SubmissionRules;
    expect(isPastDue(fromStorage, afterCutoff)).toBe(false);
  });
});

describe('canReopen and assertCanReopen', () => {
  it.each([
    ['before the due date', dated, beforeDue],
    ['exactly at the due date', dated, atDue],
    ['with no dates at all', { ...rules, allowResubmission: true }, afterCutoff],
    ['with only a cutoff, before it', { ...rules, cutoffAt: CUTOFF, allowResubmission: true }, atCutoff],
  ] satisfies [string, SubmissionRules, Date][])('lets a student reopen a submitted essay %s', (_label, ruleSet, now) => {
    expect(canReopen(ruleSet, 'submitted', now)).toBe(true);
    expect(() => assertCanReopen(ruleSet, 'submitted', now)).not.toThrow();
  });

  it.each([
    ['a graded essay', dated, 'graded', beforeDue, 'This essay has been graded, so it can no longer be reopened.'],
    ['a draft', dated, 'draft', beforeDue, 'This essay has not been submitted yet, so there is nothing to reopen.'],
    [
      'when resubmission is not allowed',
      { ...dated, allowResubmission: false },
      'submitted',
      beforeDue,
      'This assignment does not allow resubmission, so a submitted essay cannot be reopened.',
    ],
    [
      'when the rules say nothing about resubmission',
      rules,
      'submitted',
      beforeDue,
      'This assignment does not allow resubmission, so a submitted essay cannot be reopened.',
    ],
    [
      'after the due date, even before the cutoff',
      dated,
      'submitted',
      betweenDueAndCutoff,
      'The due date for this essay has passed, so it can no longer be reopened.',
    ],
    [
      'after a cutoff when there is no due date',
      { ...rules, cutoffAt: CUTOFF, allowResubmission: true },
      'submitted',
      afterCutoff,
      'The deadline for this essay has passed, so it can no longer be reopened.',
    ],
  ] satisfies [string, SubmissionRules, SubmissionStatus, Date, string][])(
    'refuses to reopen %s, saying why',
    (_label, ruleSet, status, now, message) => {
      expect(canReopen(ruleSet, status, now)).toBe(false);
      expect(() => assertCanReopen(ruleSet, status, now)).toThrow(SubmissionClosedError);
      expect(() => assertCanReopen(ruleSet, status, now)).toThrow(message);
    },
  );

  it('gives the graded reason before the others', () => {
    expect(() => assertCanReopen({ ...rules, dueAt: DUE }, 'graded', afterCutoff)).toThrow(/has been graded/);
  });

  it('keeps the reason for the logs in detail', () => {
    try {
      assertCanReopen(dated, 'submitted', betweenDueAndCutoff);
      expect.unreachable();
    } catch (error) {
      expect((error as SubmissionClosedError).detail).toContain('past-due');
    }
  });

  it('treats a stored due date that is not a date as a bug', () => {
    expect(() => canReopen({ ...dated, dueAt: '2025-03-01' }, 'submitted', beforeDue)).toThrow(RangeError);
  });
});

describe('rulesForStudent', () => {
  const rules = { minWords: 300, maxWords: 800, dueAt: '2026-12-10T23:59:00.000Z', cutoffAt: '2026-12-12T23:59:00.000Z' };

  it('puts the student’s own dates over the assignment’s and keeps the rest', () => {
    expect(rulesForStudent(rules, { dueAt: '2026-12-17T23:59:00.000Z' })).toEqual({ ...rules, dueAt: '2026-12-17T23:59:00.000Z' });
    expect(rulesForStudent(rules, undefined)).toBe(rules);
    expect(rulesForStudent(rules, {})).toEqual(rules);
  });
});

describe('studentDatesChange', () => {
  const rules = { minWords: 300, maxWords: 800, dueAt: '2026-12-10T23:59:00.000Z' };

  it('keeps a different date as the student’s own, forgets one equal to the assignment’s, leaves absent ones alone', () => {
    expect(studentDatesChange(rules, { dueAt: '2026-12-17T23:59:00.000Z', cutoffAt: '2026-12-19T23:59:00.000Z' })).toEqual({
      dueAt: '2026-12-17T23:59:00.000Z',
      cutoffAt: '2026-12-19T23:59:00.000Z',
    });
    expect(studentDatesChange(rules, { dueAt: '2026-12-10T23:59:00.000Z' })).toEqual({ dueAt: null });
    expect(studentDatesChange(rules, {})).toEqual({});
  });
});
