import { describe, it, expect } from 'vitest';
import { GradeIncompleteError, InvalidInputError, RubricMismatchError } from './errors';
import {
  LMS_SUMMARY_MAX_CHARS,
  MAX_COMMENT_CHARS,
  assertGradeInput,
  assertReleasable,
  summariseGradeForLms,
  withCriterionChoice,
  type GradeInput,
} from './grade';
import { builtInRubric, type RubricSelections } from './rubric';

const criterionIds = builtInRubric.criteria.map((criterion) => criterion.id);

function selectAll(points: number): RubricSelections {
  return Object.fromEntries(criterionIds.map((id) => [id, `${id}-${points}`]));
}

function gradeInput(overrides: Partial<GradeInput> = {}): GradeInput {
  return { selections: selectAll(3), criterionComments: {}, overallComment: '', ...overrides };
}

function captureError(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('assertGradeInput', () => {
  it('accepts a complete grade with comments', () => {
    const input = gradeInput({
      criterionComments: { 'c-thesis': 'Clear thesis.' },
      overallComment: 'Well argued.',
    });
    expect(() => assertGradeInput(builtInRubric, input, { requireComplete: true })).not.toThrow();
  });

  it('accepts a partial grade while work is in progress', () => {
    const input = gradeInput({ selections: { 'c-thesis': 'c-thesis-2' } });
    expect(() => assertGradeInput(builtInRubric, input, { requireComplete: false })).not.toThrow();
  });

  it('refuses a partial grade when a complete one is required, listing what is missing', () => {
    const selections = Object.fromEntries(
      Object.entries(selectAll(3)).filter(([id]) => id !== 'c-evidence' && id !== 'c-accuracy'),
    );
    const input = gradeInput({ selections });
    const error = captureError(() => assertGradeInput(builtInRubric, input, { requireComplete: true }));
    expect(error).toBeInstanceOf(GradeIncompleteError);
    expect((error as GradeIncompleteError).missingCriterionIds).toEqual(['c-evidence', 'c-accuracy']);
    expect((error as GradeIncompleteError).message).toContain('Use of evidence, Historical accuracy');
  });

  it.each([
    ['an unknown criterion', { ...selectAll(3), 'c-style': 'c-style-3' }],
    ['a level from another criterion', { ...selectAll(3), 'c-thesis': 'c-evidence-3' }],
  ])('refuses selections with %s', (_label, selections) => {
    for (const requireComplete of [true, false]) {
      expect(() => assertGradeInput(builtInRubric, gradeInput({ selections }), { requireComplete })).toThrow(
        RubricMismatchError,
      );
    }
  });

  it.each([
    ['an overall comment', { overallComment: 'x'.repeat(MAX_COMMENT_CHARS + 1) }, 'overallComment'],
    [
      'a criterion comment',
      { criterionComments: { 'c-thesis': 'x'.repeat(MAX_COMMENT_CHARS + 1) } },
      'criterionComments.c-thesis',
    ],
    ['a comment on an unknown criterion', { criterionComments: { 'c-style': 'Nice.' } }, 'criterionComments.c-style'],
  ])('refuses %s that cannot be saved, pointing at the field', (_label, overrides: Partial<GradeInput>, field) => {
    const error = captureError(() =>
      assertGradeInput(builtInRubric, gradeInput(overrides), { requireComplete: false }),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(Object.keys((error as InvalidInputError).fieldErrors ?? {})).toEqual([field]);
  });

  it('accepts comments exactly at the length limit', () => {
    const atLimit = 'x'.repeat(MAX_COMMENT_CHARS);
    const input = gradeInput({ overallComment: atLimit, criterionComments: { 'c-thesis': atLimit } });
    expect(() => assertGradeInput(builtInRubric, input, { requireComplete: true })).not.toThrow();
  });

  it('reports comment problems before missing selections', () => {
    const input = gradeInput({ selections: {}, overallComment: 'x'.repeat(MAX_COMMENT_CHARS + 1) });
    expect(() => assertGradeInput(builtInRubric, input, { requireComplete: true })).toThrow(InvalidInputError);
  });
});

describe('summariseGradeForLms', () => {
  it('puts the overall comment first, then one line per criterion, then the total', () => {
    const input = gradeInput({
      selections: { ...selectAll(3), 'c-thesis': 'c-thesis-4', 'c-accuracy': 'c-accuracy-2' },
      criterionComments: {
        'c-thesis': 'Your argument about the power vacuum is clear.',
        'c-accuracy': 'Rapallo was signed in 1922,\nand the Whites were not Mensheviks.',
      },
      overallComment: '  A thoughtful essay.  ',
    });
    expect(summariseGradeForLms(builtInRubric, input)).toBe(
      [
        'A thoughtful essay.',
        '',
        'Rise of totalitarianism: Proficient (3/4)',
        'Establishing Soviet government: Proficient (3/4)',
        'Stalin’s rise to power: Proficient (3/4)',
        'Domestic and foreign policy: Proficient (3/4)',
        'Thesis & argument: Exemplary (4/4) — Your argument about the power vacuum is clear.',
        'Use of evidence: Proficient (3/4)',
        'Historical accuracy: Developing (2/4) — Rapallo was signed in 1922, and the Whites were not Mensheviks.',
        'Organisation & writing: Proficient (3/4)',
        '',
        'Total: 24/32',
      ].join('\n'),
    );
  });

  it('leaves out the overall comment when there is none', () => {
    const summary = summariseGradeForLms(builtInRubric, gradeInput({ overallComment: '   ' }));
    expect(summary.startsWith('Rise of totalitarianism: Proficient (3/4)\n')).toBe(true);
    expect(summary.endsWith('\n\nTotal: 24/32')).toBe(true);
  });

  it('marks criteria that have not been graded yet', () => {
    const summary = summariseGradeForLms(builtInRubric, gradeInput({ selections: { 'c-thesis': 'c-thesis-3' } }));
    expect(summary).toContain('Use of evidence: not graded');
    expect(summary).toContain('Total: 3/32');
  });

  it('refuses selections that do not match the rubric', () => {
    const input = gradeInput({ selections: { 'c-thesis': 'c-thesis-7' } });
    expect(() => summariseGradeForLms(builtInRubric, input)).toThrow(RubricMismatchError);
  });

  it.each([
    ['one long criterion comment', { criterionComments: { 'c-evidence': 'e'.repeat(MAX_COMMENT_CHARS) } }],
    ['a long overall comment', { overallComment: 'o'.repeat(MAX_COMMENT_CHARS) }],
    [
      'every comment at the limit',
      {
        overallComment: 'o'.repeat(MAX_COMMENT_CHARS),
        criterionComments: Object.fromEntries(criterionIds.map((id) => [id, 'c'.repeat(MAX_COMMENT_CHARS)])),
      },
    ],
  ])('stays within the LMS limit with %s, keeping every level and the total', (_label, overrides) => {
    const summary = summariseGradeForLms(builtInRubric, gradeInput(overrides));
    expect(summary.length).toBeLessThanOrEqual(LMS_SUMMARY_MAX_CHARS);
    expect(summary).toContain('…');
    for (const criterion of builtInRubric.criteria) expect(summary).toContain(`${criterion.title}: Proficient (3/4)`);
    expect(summary.endsWith('Total: 24/32')).toBe(true);
  });

  it('keeps short comments whole when a long one has to be shortened', () => {
    const summary = summariseGradeForLms(
      builtInRubric,
      gradeInput({
        criterionComments: { 'c-thesis': 'Sharpen the opening.', 'c-evidence': 'e'.repeat(MAX_COMMENT_CHARS) },
        overallComment: 'Good effort.',
      }),
    );
    expect(summary.startsWith('Good effort.\n\n')).toBe(true);
    expect(summary).toContain('Thesis & argument: Proficient (3/4) — Sharpen the opening.\n');
    expect(summary).toMatch(/Use of evidence: Proficient \(3\/4\) — e+…\n/);
  });

  it('does not split an emoji when shortening', () => {
    const summary = summariseGradeForLms(
      builtInRubric,
      gradeInput({ criterionComments: { 'c-thesis': '😀'.repeat(MAX_COMMENT_CHARS / 2) } }),
    );
    expect(summary.length).toBeLessThanOrEqual(LMS_SUMMARY_MAX_CHARS);
    expect(summary).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe('incomplete drafts and release', () => {
  it('saves a draft with criteria unchosen, and refuses to release it, naming what is missing', () => {
    const draft = gradeInput({ selections: { 'c-thesis': 'c-thesis-3' } });
    expect(() => assertGradeInput(builtInRubric, draft, { requireComplete: false })).not.toThrow();
    const error = captureError(() => assertReleasable(builtInRubric, draft.selections));
    expect(error).toBeInstanceOf(GradeIncompleteError);
    expect((error as GradeIncompleteError).missingCriterionIds).toEqual(criterionIds.filter((id) => id !== 'c-thesis'));
    expect((error as GradeIncompleteError).message).toMatch(/^Choose a level for every criterion before releasing the grade\. Still to grade: /);
  });

  it('releases a grade with every criterion chosen', () => {
    expect(() => assertReleasable(builtInRubric, selectAll(2))).not.toThrow();
  });

  it('still refuses a level the rubric does not have, even in a draft', () => {
    expect(() => assertReleasable(builtInRubric, { ...selectAll(2), 'c-thesis': 'nope' })).toThrow(RubricMismatchError);
  });
});

describe('withCriterionChoice', () => {
  const stored: GradeInput = {
    selections: { 'c-thesis': 'c-thesis-3', 'c-evidence': 'c-evidence-2' },
    criterionComments: { 'c-thesis': 'Clear.', 'c-evidence': 'Thin.' },
    overallComment: 'Good start.',
  };

  it('changes one criterion and keeps every other choice and comment', () => {
    const next = withCriterionChoice(stored, 'c-evidence', { levelId: 'c-evidence-4', comment: 'Much better sourced.' });
    expect(next).toEqual({
      selections: { 'c-thesis': 'c-thesis-3', 'c-evidence': 'c-evidence-4' },
      criterionComments: { 'c-thesis': 'Clear.', 'c-evidence': 'Much better sourced.' },
      overallComment: 'Good start.',
    });
    expect(stored.selections['c-evidence']).toBe('c-evidence-2');
  });

  it('leaves the comment alone when none is given, and drops an emptied one', () => {
    expect(withCriterionChoice(stored, 'c-thesis', { levelId: 'c-thesis-1' }).criterionComments).toEqual(stored.criterionComments);
    expect(withCriterionChoice(stored, 'c-thesis', { levelId: 'c-thesis-1', comment: '  ' }).criterionComments).toEqual({ 'c-evidence': 'Thin.' });
  });

  it('clears a level when asked', () => {
    expect(withCriterionChoice(stored, 'c-thesis', { levelId: null }).selections).toEqual({ 'c-evidence': 'c-evidence-2' });
  });
});
