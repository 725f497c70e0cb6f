import { describe, expect, it } from 'vitest';
import { anchorText } from '../../../domain/inline-comments';
import { builtInRubric } from '../../../domain/rubric';
import { evidenceLabel, locateAssistance, locateCitation, passagesToMark, type Assistance } from './assistant-passages';

const raw = 'First line.\r\nThe Treaty of Rapallo in 1921 was signed.\r\nThe Whites were Mensheviks.';
const shown = anchorText(raw);

function citation(quote: string) {
  const start = raw.indexOf(quote);
  return { start, end: start + quote.length, quote };
}

const assistance: Assistance = {
  revision: 3,
  suggestions: [
    { criterionId: 'c-accuracy', levelId: 'x', reason: 'Two slips.', evidence: [citation('Rapallo in 1921'), citation('Whites were Mensheviks')] },
    { criterionId: 'c-thesis', levelId: 'y', reason: 'A claim.', evidence: [citation('First line.')] },
  ],
  flags: [{ ...citation('Rapallo in 1921'), says: 'Rapallo in 1921', fact: 'April 1922' }],
};

describe('locateCitation', () => {
  it('moves offsets past \\r\\n line endings into the text as the browser shows it', () => {
    const located = locateCitation(raw, shown, citation('Whites were Mensheviks'), 'e1');
    expect(located.inText).toBe(true);
    expect(shown.slice(located.start, located.end)).toBe('Whites were Mensheviks');
    expect(located.start).toBe(raw.indexOf('Whites') - 2);
  });

  it('leaves offsets alone in a text without carriage returns', () => {
    const text = 'No returns here.';
    expect(locateCitation(text, text, { start: 3, end: 10, quote: 'returns' }, 'e1')).toEqual({ id: 'e1', start: 3, end: 10, quote: 'returns', inText: true });
  });

  it('does not claim a passage whose words are not at its offsets, or that lies outside the text', () => {
    expect(locateCitation(raw, shown, { start: 0, end: 5, quote: 'Other' }, 'e1').inText).toBe(false);
    expect(locateCitation(raw, shown, { start: 80, end: 300, quote: 'x' }, 'e1').inText).toBe(false);
  });
});

describe('locateAssistance', () => {
  it('locates every passage of the revision shown, with ids for the evidence and the flags', () => {
    const located = locateAssistance(assistance, raw, 3);
    expect(located.suggestions[0]!.evidence.map((e) => [e.id, e.inText])).toEqual([
      ['evidence-c-accuracy-1', true],
      ['evidence-c-accuracy-2', true],
    ]);
    expect(located.flags[0]).toMatchObject({ id: 'flag-1', inText: true, says: 'Rapallo in 1921', fact: 'April 1922' });
  });

  it('places nothing in the text when the answer is about another revision', () => {
    const located = locateAssistance(assistance, raw, 4);
    expect([...located.suggestions.flatMap((s) => s.evidence), ...located.flags].some((c) => c.inText)).toBe(false);
    expect(passagesToMark(located, builtInRubric, { criterionId: 'c-accuracy', flags: true })).toEqual([]);
  });
});

describe('passagesToMark', () => {
  const located = locateAssistance(assistance, raw, 3);

  it('marks nothing until asked', () => {
    expect(passagesToMark(located, builtInRubric, { criterionId: null, flags: false })).toEqual([]);
  });

  it('marks the fact flags when asked, labelled as things to check', () => {
    expect(passagesToMark(located, builtInRubric, { criterionId: null, flags: true })).toEqual([
      { id: 'flag-1', start: shown.indexOf('Rapallo'), end: shown.indexOf('Rapallo') + 15, kind: 'flag', label: 'Check fact 1' },
    ]);
  });

  it('adds the evidence of the criterion being looked at, labelled with its number and criterion', () => {
    const marked = passagesToMark(located, builtInRubric, { criterionId: 'c-thesis', flags: true });
    expect(marked.map((p) => [p.kind, p.label])).toEqual([
      ['evidence', 'Evidence 1 · Thesis & argument'],
      ['flag', 'Check fact 1'],
    ]);
    expect(shown.slice(marked[0]!.start, marked[0]!.end)).toBe('First line.');
  });

  it('marks nothing before the answer arrives', () => {
    expect(passagesToMark(null, builtInRubric, { criterionId: 'c-thesis', flags: true })).toEqual([]);
  });

  it('labels evidence of a criterion the rubric no longer has by number alone', () => {
    expect(evidenceLabel(builtInRubric, 'gone', 2)).toBe('Evidence 2');
  });
});
