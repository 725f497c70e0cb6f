import { describe, it, expect } from 'vitest';
import { RubricMismatchError } from './errors';
import {
  builtInRubric,
  criterionMaxPoints,
  findLevel,
  maxPoints,
  scoreRubric,
  validateRubric,
  type Criterion,
  type Rubric,
  type RubricSelections,
} from './rubric';
import { builtInUnit } from './unit';

const allProficient: RubricSelections = Object.fromEntries(
  builtInRubric.criteria.map((criterion) => [criterion.id, `${criterion.id}-3`]),
);

function level(id: string, points: number) {
  return { id, label: id, descriptor: `${id} descriptor`, points };
}

function criterion(id: string, levels: Criterion['levels']): Criterion {
  return { id, title: id, description: `${id} description`, levels };
}

const tinyRubric: Rubric = {
  id: 'tiny',
  title: 'Tiny',
  criteria: [
    criterion('a', [level('a-2', 2), level('a-1', 1)]),
    criterion('b', [level('b-5', 5), level('b-0', 0)]),
  ],
};

describe('builtInRubric', () => {
  it('has one criterion per guiding question plus thesis, evidence, accuracy and organisation', () => {
    expect(builtInRubric.criteria.map((c) => c.id)).toEqual([
      'c-gq-rise',
      'c-gq-soviet-1920s',
      'c-gq-stalin',
      'c-gq-policies',
      'c-thesis',
      'c-evidence',
      'c-accuracy',
      'c-organisation',
    ]);
  });

  it('links each guiding-question criterion to a question of the built-in unit', () => {
    const linked = builtInRubric.criteria.flatMap((c) => (c.guidingQuestionId ? [c.guidingQuestionId] : []));
    expect(linked).toEqual(builtInUnit.guidingQuestions.map((question) => question.id));
    for (const c of builtInRubric.criteria) {
      if (c.guidingQuestionId) expect(c.id).toBe(`c-${c.guidingQuestionId}`);
    }
  });

  it.each(builtInRubric.criteria)('$id has Exemplary 4 to Beginning 1 with its own level ids', (c) => {
    expect(c.levels.map((l) => [l.id, l.label, l.points])).toEqual([
      [`${c.id}-4`, 'Exemplary', 4],
      [`${c.id}-3`, 'Proficient', 3],
      [`${c.id}-2`, 'Developing', 2],
      [`${c.id}-1`, 'Beginning', 1],
    ]);
  });

  it('never reuses a descriptor, within or across criteria', () => {
    const descriptors = builtInRubric.criteria.flatMap((c) => c.levels.map((l) => l.descriptor));
    expect(descriptors.every((d) => d.length > 20)).toBe(true);
    expect(new Set(descriptors).size).toBe(descriptors.length);
  });

  it('passes its own validation', () => {
    expect(validateRubric(builtInRubric)).toEqual([]);
  });
});

describe('maxPoints', () => {
  it('is 32 for the built-in rubric', () => {
    expect(maxPoints(builtInRubric)).toBe(32);
  });

  it.each([
    ['no criteria', { id: 'r', title: 'r', criteria: [] }, 0],
    ['levels sorted highest first', tinyRubric, 7],
    ['levels out of order', { id: 'r', title: 'r', criteria: [criterion('x', [level('x-1', 1), level('x-3', 3)])] }, 3],
    ['a criterion with no levels', { id: 'r', title: 'r', criteria: [criterion('x', [])] }, 0],
  ] satisfies [string, Rubric, number][])('sums the best level of each criterion with %s', (_label, rubric, expected) => {
    expect(maxPoints(rubric)).toBe(expected);
  });
});

describe('criterionMaxPoints', () => {
  it('returns the points of the best level', () => {
    expect(criterionMaxPoints(criterion('x', [level('x-1', 1), level('x-6', 6), level('x-2', 2)]))).toBe(6);
  });
});

describe('findLevel', () => {
  it.each([
    ['c-thesis', 'c-thesis-3', 'Proficient'],
    ['c-thesis', 'c-evidence-3', undefined],
    ['c-unknown', 'c-thesis-3', undefined],
  ])('finds %s / %s → %s', (criterionId, levelId, expectedLabel) => {
    expect(findLevel(builtInRubric, criterionId, levelId)?.label).toBe(expectedLabel);
  });
});

describe('scoreRubric', () => {
  it('totals a complete set of selections', () => {
    expect(scoreRubric(builtInRubric, allProficient)).toEqual({
      total: 24,
      max: 32,
      complete: true,
      missingCriterionIds: [],
    });
  });

  it('scores partial selections and lists what is missing in rubric order', () => {
    const score = scoreRubric(builtInRubric, { 'c-organisation': 'c-organisation-2', 'c-gq-rise': 'c-gq-rise-4' });
    expect(score).toEqual({
      total: 6,
      max: 32,
      complete: false,
      missingCriterionIds: [
        'c-gq-soviet-1920s',
        'c-gq-stalin',
        'c-gq-policies',
        'c-thesis',
        'c-evidence',
        'c-accuracy',
      ],
    });
  });

  it('treats no selections as nothing scored yet', () => {
    expect(scoreRubric(tinyRubric, {})).toEqual({ total: 0, max: 7, complete: false, missingCriterionIds: ['a', 'b'] });
  });

  it('counts a zero-point level as a selection', () => {
    expect(scoreRubric(tinyRubric, { a: 'a-1', b: 'b-0' })).toMatchObject({ total: 1, complete: true });
  });

  it.each([
    ['an unknown criterion', { 'c-style': 'c-style-4' }],
    ['a level from another criterion', { 'c-thesis': 'c-evidence-4' }],
    ['a level that does not exist', { 'c-thesis': 'c-thesis-5' }],
    ['an empty level id', { 'c-thesis': '' }],
    ['an inherited property name as criterion', { constructor: 'c-thesis-4' }],
  ])('rejects %s', (_label, selections: RubricSelections) => {
    expect(() => scoreRubric(builtInRubric, selections)).toThrow(RubricMismatchError);
  });

  it('explains the mismatch in the log detail, not the message', () => {
    try {
      scoreRubric(builtInRubric, { 'c-thesis': 'c-thesis-9' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RubricMismatchError);
      const mismatch = error as RubricMismatchError;
      expect(mismatch.detail).toContain('c-thesis-9');
      expect(mismatch.message).not.toContain('c-thesis-9');
    }
  });
});

describe('validateRubric', () => {
  it.each([
    ['a rubric with no criteria', { id: 'r', title: 'r', criteria: [] }, ['The rubric has no criteria.']],
    ['a criterion without levels', { id: 'r', title: 'r', criteria: [criterion('x', [])] }, ['Criterion "x" has no levels.']],
    [
      'a duplicated criterion id',
      { id: 'r', title: 'r', criteria: [criterion('x', [level('x-1', 1)]), criterion('x', [level('y-1', 1)])] },
      ['Criterion id "x" is used more than once.'],
    ],
    [
      'a level id shared between criteria',
      { id: 'r', title: 'r', criteria: [criterion('x', [level('l', 1)]), criterion('y', [level('l', 1)])] },
      ['Level id "l" is used more than once.'],
    ],
    [
      'two levels worth the same points',
      { id: 'r', title: 'r', criteria: [criterion('x', [level('x-a', 2), level('x-b', 2)])] },
      ['Criterion "x" has more than one level worth 2 points.'],
    ],
    [
      'negative points',
      { id: 'r', title: 'r', criteria: [criterion('x', [level('x-a', 1), level('x-b', -1)])] },
      ['Level "x-b" in criterion "x" must be worth zero or more points.'],
    ],
    [
      'points that are not a number',
      { id: 'r', title: 'r', criteria: [criterion('x', [level('x-a', Number.NaN)])] },
      ['Level "x-a" in criterion "x" must be worth zero or more points.'],
    ],
    [
      'levels listed lowest first',
      { id: 'r', title: 'r', criteria: [criterion('x', [level('x-1', 1), level('x-2', 2)])] },
      ['Criterion "x" must list its levels from highest to lowest points.'],
    ],
  ] satisfies [string, Rubric, string[]][])('reports %s', (_label, rubric, expected) => {
    expect(validateRubric(rubric)).toEqual(expected);
  });

  it('reports each duplicate once however often it repeats', () => {
    const rubric: Rubric = {
      id: 'r',
      title: 'r',
      criteria: [criterion('x', [level('x-a', 2), level('x-b', 2), level('x-c', 2)])],
    };
    expect(validateRubric(rubric)).toEqual(['Criterion "x" has more than one level worth 2 points.']);
  });

  it('accepts a small well-formed rubric', () => {
    expect(validateRubric(tinyRubric)).toEqual([]);
  });
});
