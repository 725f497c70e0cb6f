import { describe, it, expect } from 'vitest';
import { builtInUnit, sampleEssay } from './unit';
import { countWords } from './essay';

describe('builtInUnit', () => {
  it('asks the four guiding questions in order', () => {
    expect(builtInUnit.guidingQuestions.map((question) => question.id)).toEqual([
      'gq-rise',
      'gq-soviet-1920s',
      'gq-stalin',
      'gq-policies',
    ]);
    expect(builtInUnit.guidingQuestions.map((question) => question.prompt)).toEqual([
      'How did totalitarianism rise in Russia?',
      'How did the Soviet government establish itself in the 1920s?',
      'How did Joseph Stalin rise to the top of the Soviet government?',
      'What domestic and foreign policies did the Soviet government pursue in the 1920s?',
    ]);
  });

  it.each(builtInUnit.guidingQuestions)('gives $id two or three sentences of context', ({ context }) => {
    const sentences = context.split(/(?<=[.?!])\s+(?=[A-Z])/);
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    expect(sentences.length).toBeLessThanOrEqual(3);
  });

  it('introduces the unit in two paragraphs', () => {
    expect(builtInUnit.introduction).toHaveLength(2);
    expect(builtInUnit.introduction.every((paragraph) => paragraph.trim().length > 0)).toBe(true);
  });

  it('requires between 300 and 3000 words, with no deadlines and no resubmission, and the coverage check while writing (for the demo)', () => {
    expect(builtInUnit.rules).toStrictEqual({ minWords: 300, maxWords: 3000, allowResubmission: false, coverageWhileWriting: true });
  });
});

describe('sampleEssay', () => {
  it('is the student essay without the question line', () => {
    expect(sampleEssay.startsWith('In the 1920s, Vladimir Lenin sought')).toBe(true);
    expect(sampleEssay.endsWith('It was about him.')).toBe(true);
    expect(sampleEssay).not.toContain('How did totalitarianism rise');
    expect(sampleEssay.split('\n\n')).toHaveLength(9);
  });

  it('keeps the non-breaking spaces students paste from word processors', () => {
    expect(sampleEssay).toContain('civil war. \u00a0Lenin embraced');
  });

  it('falls within the unit word limits', () => {
    const words = countWords(sampleEssay);
    expect(words).toBeGreaterThanOrEqual(builtInUnit.rules.minWords);
    expect(words).toBeLessThanOrEqual(builtInUnit.rules.maxWords);
  });
});
