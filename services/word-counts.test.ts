import { describe, expect, it, vi } from 'vitest';
import { countWords } from '../domain/essay';
import { sampleEssay } from '../domain/unit';
import { countWordsReusingLines } from './word-counts';

/** The texts the segmenter is handed while `count` runs. */
function segmented(count: () => void): string[] {
  const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
  try {
    count();
    return segment.mock.calls.map(([piece]) => piece);
  } finally {
    segment.mockRestore();
  }
}

describe('countWordsReusingLines', () => {
  it.each([
    ['an empty text', ''],
    ['line ends only', '\n\n\r\n'],
    ['the sample essay', sampleEssay],
    ['hyphens at line ends', 'Marxist-\nLeninist and Marxist\n-Leninist, Marxist-Leninist\n\n- word'],
    ['a line with a run too long to count alone', `${sampleEssay}\n${'斯大林在列宁去世后掌握了权力'.repeat(60)}\nLenin`],
  ])('counts %s as countWords does', (_, text) => {
    expect(countWordsReusingLines(text)).toBe(countWords(text));
    // Again, from what it kept.
    expect(countWordsReusingLines(text)).toBe(countWords(text));
  });

  it('segments only the paragraph that changed since the last count', () => {
    const paragraphs = `${sampleEssay}\n\nA closing paragraph that the student is still writing.`.split('\n');
    const before = paragraphs.join('\n');
    countWordsReusingLines(before);
    const last = paragraphs.length - 1;
    const after = [...paragraphs.slice(0, last), `${paragraphs[last]} One more sentence.`].join('\n');
    let count = 0;
    const pieces = segmented(() => (count = countWordsReusingLines(after)));
    expect(count).toBe(countWords(after));
    expect(pieces.join('')).toBe(`${paragraphs[last]} One more sentence.`);
    expect(segmented(() => countWords(after)).join('').length).toBeGreaterThan(after.length - paragraphs.length);
  });

  it('keeps no line it could not count alone, and counts such a text whole every time', () => {
    const junk = `Lenin\n${'x'.repeat(3000)}`;
    countWordsReusingLines(junk);
    expect(segmented(() => countWordsReusingLines(junk)).join('').endsWith(junk)).toBe(true);
  });
});
