import { describe, expect, it } from 'vitest';
import {
  countProgress,
  formatPoints,
  levelDistribution,
  mean,
  median,
  scoreDistribution,
  scoreRange,
  summariseScores,
} from './class-statistics';
import { builtInRubric, type Rubric } from './rubric';

describe('mean and median', () => {
  it('are null for no values', () => {
    expect(mean([])).toBeNull();
    expect(median([])).toBeNull();
  });

  it('take the middle value, or the mean of the two middle values, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([16, 4, 10, 12])).toBe(11);
    expect(median([7])).toBe(7);
    expect(mean([4, 8, 12, 16])).toBe(10);
    expect(mean([1, 2])).toBe(1.5);
  });

  it('leaves its input in the order it was given', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('countProgress', () => {
  it('counts every stage, including those nobody is at', () => {
    expect(countProgress(['submitted', 'released', 'released', 'not-submitted'])).toEqual({
      'not-submitted': 1,
      submitted: 1,
      graded: 0,
      released: 2,
    });
  });
});

describe('scoreRange', () => {
  it('adds up the lowest and the highest level of every criterion', () => {
    const criteria = builtInRubric.criteria.length;
    expect(scoreRange(builtInRubric)).toEqual({ min: criteria * 1, max: criteria * 4 });
  });
});

describe('scoreDistribution', () => {
  it('gives each possible total of a small rubric its own band, empty ones included', () => {
    const bands = scoreDistribution(
      [
        { total: 16, max: 16 },
        { total: 12, max: 16 },
        { total: 12, max: 16 },
        { total: 4, max: 16 },
      ],
      { min: 4, max: 16 },
    );
    expect(bands.map((b) => b.label)).toEqual(['4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16']);
    expect(bands.find((b) => b.label === '12')?.count).toBe(2);
    expect(bands.find((b) => b.label === '16')?.count).toBe(1);
    expect(bands.find((b) => b.label === '4')?.count).toBe(1);
    expect(bands.reduce((n, b) => n + b.count, 0)).toBe(4);
  });

  it('uses ten bands of equal width for a wide range, the top score in the last band', () => {
    const bands = scoreDistribution(
      [
        { total: 0, max: 100 },
        { total: 9, max: 100 },
        { total: 10, max: 100 },
        { total: 100, max: 100 },
      ],
      { min: 0, max: 100 },
    );
    expect(bands).toHaveLength(10);
    expect(bands[0]).toMatchObject({ label: '0–10', count: 3 });
    expect(bands[1]).toMatchObject({ label: '11–21' });
    expect(bands.at(-1)).toMatchObject({ to: 100, count: 1 });
    expect(bands.reduce((n, b) => n + b.count, 0)).toBe(4);
  });

  it('puts a grade given with another maximum on the class scale', () => {
    const bands = scoreDistribution([{ total: 10, max: 20 }], { min: 4, max: 16 });
    expect(bands.find((b) => b.count === 1)?.label).toBe('8');
  });
});

describe('summariseScores', () => {
  it('gives average and median on the class scale', () => {
    expect(summariseScores([{ total: 16, max: 16 }, { total: 8, max: 16 }, { total: 10, max: 20 }], 16)).toEqual({
      count: 3,
      max: 16,
      average: (16 + 8 + 8) / 3,
      median: 8,
    });
    expect(summariseScores([], 16)).toEqual({ count: 0, max: 16, average: null, median: null });
  });
});

describe('levelDistribution', () => {
  const rubric: Rubric = {
    id: 'r',
    title: 'R',
    criteria: [
      {
        id: 'thesis',
        title: 'Thesis',
        description: '',
        levels: [
          { id: 't-2', label: 'Clear', descriptor: '', points: 2 },
          { id: 't-1', label: 'Vague', descriptor: '', points: 1 },
        ],
      },
      { id: 'evidence', title: 'Evidence', description: '', levels: [{ id: 'e-1', label: 'Some', descriptor: '', points: 1 }] },
    ],
  };

  it('counts per level in rubric order, and what chose no (or an unknown) level', () => {
    const result = levelDistribution(rubric, [{ thesis: 't-2', evidence: 'e-1' }, { thesis: 't-2' }, { thesis: 'gone', evidence: 'e-1' }]);
    expect(result).toEqual([
      {
        criterionId: 'thesis',
        title: 'Thesis',
        levels: [
          { levelId: 't-2', label: 'Clear', points: 2, count: 2 },
          { levelId: 't-1', label: 'Vague', points: 1, count: 0 },
        ],
        notAssessed: 1,
      },
      { criterionId: 'evidence', title: 'Evidence', levels: [{ levelId: 'e-1', label: 'Some', points: 1, count: 2 }], notAssessed: 1 },
    ]);
  });
});

describe('formatPoints', () => {
  it('shows at most one decimal', () => {
    expect(formatPoints(11)).toBe('11');
    expect(formatPoints(32 / 3)).toBe('10.7');
    expect(formatPoints(10.04)).toBe('10');
  });
});
