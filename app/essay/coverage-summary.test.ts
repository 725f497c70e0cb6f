import { describe, expect, it } from 'vitest';
import { coverageSummary, parseCoverage, type QuestionCoverage } from './coverage-summary';

function questions(addressed: boolean[]): QuestionCoverage[] {
  return addressed.map((isAddressed, index) => ({ guidingQuestionId: `gq-${index}`, prompt: `Question ${index}?`, addressed: isAddressed, missingParts: [] }));
}

describe('coverageSummary', () => {
  it.each([
    [[true, true, true, true], 'Your essay seems to address all four guiding questions.'],
    [[true, true, true, false], 'Your essay seems to address three of the four guiding questions. One seems to be missing.'],
    [[true, false, true, false], 'Your essay seems to address two of the four guiding questions. Two seem to be missing.'],
    [[false, false, false, false], 'Your essay does not seem to address any of the four guiding questions yet.'],
    [[true], 'Your essay seems to address the guiding question.'],
    [[false], 'Your essay does not seem to address the guiding question yet.'],
  ])('says how many questions %j appear to be addressed, in words', (addressed, sentence) => {
    expect(coverageSummary(questions(addressed))).toBe(sentence);
  });

  it('uses figures beyond twelve questions, and says nothing when there are no questions to check', () => {
    expect(coverageSummary(questions([...Array<boolean>(13).fill(true), false]))).toBe(
      'Your essay seems to address 13 of the 14 guiding questions. One seems to be missing.',
    );
    expect(coverageSummary([])).toBeNull();
  });

  it('never mentions a score, level or points', () => {
    for (const addressed of [[true, false], [false, false], [true, true]]) {
      expect(coverageSummary(questions(addressed))).not.toMatch(/score|level|point|grade/i);
    }
  });
});

describe('parseCoverage', () => {
  it('reads the route’s answer, keeping the pointer only where there is one', () => {
    const body = {
      questions: [
        { guidingQuestionId: 'gq-a', prompt: 'A?', addressed: true, missingParts: ['foreign policy'], pointer: 'You may want to say something about foreign policy.' },
        { guidingQuestionId: 'gq-b', prompt: 'B?', addressed: false, missingParts: [] },
      ],
    };
    expect(parseCoverage(body)).toEqual([
      { guidingQuestionId: 'gq-a', prompt: 'A?', addressed: true, missingParts: ['foreign policy'], pointer: 'You may want to say something about foreign policy.' },
      { guidingQuestionId: 'gq-b', prompt: 'B?', addressed: false, missingParts: [] },
    ]);
  });

  it.each([[null], [{}], [{ questions: 'none' }], [{ questions: [{ guidingQuestionId: 'gq-a', prompt: 'A?' }] }], [{ code: 'SERVER_ERROR', message: 'x' }]])(
    'refuses an answer of another shape (%j), so the student sees the calm failure sentence',
    (body) => {
      expect(parseCoverage(body)).toBeNull();
    },
  );
});
