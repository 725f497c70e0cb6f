import { describe, expect, it } from 'vitest';
import { InvalidInputError } from './errors';
import {
  anchorText,
  assertAnchor,
  assertCommentBody,
  criterionMark,
  HIGHLIGHT_COLOURS,
  inReadingOrder,
  layerSegments,
  MAX_QUOTE_CHARS,
  segmentText,
} from './inline-comments';
import { builtInRubric } from './rubric';
import { sampleEssay } from './unit';

function fieldErrorsOf(run: () => void): Record<string, string> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return { ...(error as InvalidInputError).fieldErrors };
  }
  throw new Error('expected an InvalidInputError');
}

describe('anchorText', () => {
  it('counts line endings as a browser shows them', () => {
    expect(anchorText('One\r\nTwo\rThree\nFour')).toBe('One\nTwo\nThree\nFour');
  });
});

describe('assertAnchor', () => {
  const text = 'Stalin rose.\r\nLenin died in 1924.';

  it('accepts a passage that is in the text, counted after line endings are normalised', () => {
    const start = anchorText(text).indexOf('Lenin');
    expect(() => assertAnchor(text, { start, end: start + 'Lenin died'.length, quote: 'Lenin died' })).not.toThrow();
  });

  it('accepts the sample essay’s non-breaking spaces as they are', () => {
    const start = sampleEssay.indexOf('\u00a0A new');
    expect(() => assertAnchor(sampleEssay, { start, end: start + 6, quote: '\u00a0A new' })).not.toThrow();
  });

  it.each([
    ['a start before the text', -1, 3],
    ['an end past the text', 5, 1000],
    ['an empty passage', 4, 4],
    ['a reversed passage', 6, 2],
    ['offsets that are not whole numbers', 1.5, 4],
  ])('refuses %s', (_name, start, end) => {
    expect(fieldErrorsOf(() => assertAnchor(text, { start, end, quote: 'x' }))).toHaveProperty('start');
  });

  it('refuses a quote that is not the text at those offsets', () => {
    expect(fieldErrorsOf(() => assertAnchor(text, { start: 0, end: 6, quote: 'Lenin ' }))).toHaveProperty('quote');
  });

  it('refuses a passage of spaces only', () => {
    expect(fieldErrorsOf(() => assertAnchor('a   b', { start: 1, end: 4, quote: '   ' }))).toHaveProperty('quote');
  });

  it('refuses a passage longer than MAX_QUOTE_CHARS', () => {
    const long = 'x'.repeat(MAX_QUOTE_CHARS + 1);
    expect(fieldErrorsOf(() => assertAnchor(long, { start: 0, end: long.length, quote: long }))).toHaveProperty('end');
  });
});

describe('assertCommentBody', () => {
  it('accepts words with or without a criterion of the rubric', () => {
    expect(() => assertCommentBody(builtInRubric, { text: 'Date?', criterionId: 'c-accuracy' })).not.toThrow();
    expect(() => assertCommentBody(builtInRubric, { text: 'Good.', criterionId: null })).not.toThrow();
  });

  it('refuses empty words and a criterion the rubric does not have', () => {
    expect(fieldErrorsOf(() => assertCommentBody(builtInRubric, { text: '  ' }))).toHaveProperty('text');
    expect(fieldErrorsOf(() => assertCommentBody(builtInRubric, { text: 'Hm', criterionId: 'c-gone' }))).toHaveProperty('criterionId');
  });
});

describe('criterionMark', () => {
  it('gives each criterion a colour slot by its place and its title as the label', () => {
    expect(criterionMark(builtInRubric, 'c-gq-rise')).toEqual({ colour: 0, label: 'Rise of totalitarianism' });
    expect(criterionMark(builtInRubric, 'c-thesis')).toEqual({ colour: 4, label: 'Thesis & argument' });
    const marks = builtInRubric.criteria.map((c) => criterionMark(builtInRubric, c.id)!);
    expect(new Set(marks.map((m) => m.colour)).size).toBe(Math.min(HIGHLIGHT_COLOURS, builtInRubric.criteria.length));
  });

  it('has no mark for a general comment or an unknown criterion', () => {
    expect(criterionMark(builtInRubric, undefined)).toBeNull();
    expect(criterionMark(builtInRubric, 'c-gone')).toBeNull();
  });
});

describe('segmentText', () => {
  it('splits at every boundary, so overlapping passages are each covered', () => {
    const segments = segmentText(20, [
      { id: 'a', start: 2, end: 10 },
      { id: 'b', start: 6, end: 14 },
    ]);
    expect(segments).toEqual([
      { start: 0, end: 2, commentIds: [], endsComments: [] },
      { start: 2, end: 6, commentIds: ['a'], endsComments: [] },
      { start: 6, end: 10, commentIds: ['a', 'b'], endsComments: ['a'] },
      { start: 10, end: 14, commentIds: ['b'], endsComments: ['b'] },
      { start: 14, end: 20, commentIds: [], endsComments: [] },
    ]);
  });

  it('covers the whole text once and leaves out anchors outside it', () => {
    const segments = segmentText(5, [{ id: 'x', start: 3, end: 9 }]);
    expect(segments).toEqual([{ start: 0, end: 5, commentIds: [], endsComments: [] }]);
    expect(segmentText(0, [])).toEqual([]);
  });
});

describe('inReadingOrder', () => {
  it('orders by where the passage starts, then ends, then when it was made', () => {
    const made = (id: string, start: number, end: number, createdAt: string) => ({ id, start, end, createdAt });
    const ordered = inReadingOrder([made('c', 9, 12, '1'), made('a', 2, 8, '2'), made('b', 2, 8, '1'), made('d', 2, 5, '3')]);
    expect(ordered.map((c) => c.id)).toEqual(['d', 'b', 'a', 'c']);
  });
});

describe('layerSegments', () => {
  const text = 'abcdefghijklmnopqrst'; // 20 characters

  it('without other passages gives the comment segments, each one piece', () => {
    const layered = layerSegments(text.length, [{ id: 'c1', start: 2, end: 6 }], []);
    expect(layered.map(({ start, end, commentIds }) => ({ start, end, commentIds }))).toEqual(
      segmentText(text.length, [{ id: 'c1', start: 2, end: 6 }]).map(({ start, end, commentIds }) => ({ start, end, commentIds })),
    );
    for (const segment of layered) {
      expect(segment.pieces).toEqual([{ start: segment.start, end: segment.end, passageIds: [], startsPassages: [], endsPassages: [] }]);
    }
  });

  it('keeps a comment one segment and cuts a passage that crosses its boundary into pieces', () => {
    const layered = layerSegments(text.length, [{ id: 'c1', start: 4, end: 10 }], [{ id: 'e1', start: 8, end: 14 }]);
    expect(layered.map((s) => [s.start, s.end, s.commentIds])).toEqual([
      [0, 4, []],
      [4, 10, ['c1']],
      [10, 20, []],
    ]);
    expect(layered[1]!.pieces).toEqual([
      { start: 4, end: 8, passageIds: [], startsPassages: [], endsPassages: [] },
      { start: 8, end: 10, passageIds: ['e1'], startsPassages: ['e1'], endsPassages: [] },
    ]);
    expect(layered[2]!.pieces).toEqual([
      { start: 10, end: 14, passageIds: ['e1'], startsPassages: [], endsPassages: ['e1'] },
      { start: 14, end: 20, passageIds: [], startsPassages: [], endsPassages: [] },
    ]);
  });

  it('marks overlapping passages, where each starts and ends, and the pieces cover the text exactly once', () => {
    const passages = [
      { id: 'flag', start: 5, end: 9 },
      { id: 'e1', start: 3, end: 9 },
      { id: 'bad', start: 18, end: 25 },
    ];
    const layered = layerSegments(text.length, [], passages);
    const pieces = layered.flatMap((s) => s.pieces);
    expect(pieces.map((p) => text.slice(p.start, p.end)).join('')).toBe(text);
    expect(pieces.find((p) => p.start === 5)).toEqual({ start: 5, end: 9, passageIds: ['flag', 'e1'], startsPassages: ['flag'], endsPassages: ['flag', 'e1'] });
    expect(pieces.some((p) => p.passageIds.includes('bad'))).toBe(false);
  });
});
