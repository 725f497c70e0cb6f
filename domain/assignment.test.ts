import { describe, it, expect } from 'vitest';
import {
  ASSIGNMENT_LIMITS,
  buildAssignmentContent,
  remapSelections,
  rubricContentChanged,
  toAssignmentDraft,
  type AssignmentContent,
  type AssignmentDraft,
  type FactDraft,
} from './assignment';
import { builtInRubric, type Rubric, type RubricSelections } from './rubric';
import { builtInUnit } from './unit';

const base: AssignmentContent = { unit: builtInUnit, rubric: builtInRubric };

function counter(): () => string {
  let next = 0;
  return () => String(++next);
}

function editedDraft(edit: (draft: AssignmentDraft) => void): AssignmentDraft {
  const draft = structuredClone(toAssignmentDraft(base));
  edit(draft);
  return draft;
}

function build(edit: (draft: AssignmentDraft) => void, newId = counter()) {
  return buildAssignmentContent(editedDraft(edit), base, newId);
}

function built(edit: (draft: AssignmentDraft) => void, newId = counter()): AssignmentContent {
  const result = build(edit, newId);
  if (!result.ok) throw new Error(`expected the draft to build, got ${JSON.stringify(result.fieldErrors)}`);
  return result.content;
}

function fieldErrorsOf(edit: (draft: AssignmentDraft) => void): Record<string, string> {
  const result = build(edit);
  if (result.ok) throw new Error('expected the draft to be refused');
  return result.fieldErrors;
}

function level(id: string, points: number, label = id, descriptor = `${id} descriptor`) {
  return { id, label, descriptor, points };
}

describe('toAssignmentDraft', () => {
  it('joins the introduction paragraphs with a blank line', () => {
    expect(toAssignmentDraft(base).introduction).toBe(builtInUnit.introduction.join('\n\n'));
  });

  it('fills optional fields so the form always has a value', () => {
    const draft = toAssignmentDraft(base);
    expect(draft.rules).toStrictEqual({
      minWords: 300,
      maxWords: 3000,
      dueAt: null,
      cutoffAt: null,
      allowResubmission: false,
      coverageWhileWriting: true,
    });
    expect(draft.rubric.criteria.map((criterion) => criterion.guidingQuestionId)).toEqual([
      'gq-rise',
      'gq-soviet-1920s',
      'gq-stalin',
      'gq-policies',
      null,
      null,
      null,
      null,
    ]);
  });

  it('treats rules without allowResubmission as not allowing it', () => {
    const unit = { ...builtInUnit, rules: { minWords: 1, maxWords: 2 } };
    expect(toAssignmentDraft({ unit, rubric: builtInRubric }).rules.allowResubmission).toBe(false);
  });

  it('is plain JSON', () => {
    const draft = toAssignmentDraft(base);
    expect(JSON.parse(JSON.stringify(draft))).toStrictEqual(draft);
  });
});

describe('buildAssignmentContent: building', () => {
  it('gives back the same content for an unedited draft, without new ids', () => {
    const newId = () => {
      throw new Error('no new id should be needed');
    };
    expect(buildAssignmentContent(toAssignmentDraft(base), base, newId)).toStrictEqual({ ok: true, content: base });
  });

  it('trims text and collapses whitespace in one-line fields', () => {
    const content = built((draft) => {
      draft.title = '  The   Rise\tof Stalin ';
      draft.instructions = '\r\n  Write **one** essay.\r\nCite sources.  \r\n';
      const question = draft.guidingQuestions[0];
      if (question) question.prompt = '  How did\nit happen? ';
    });
    expect(content.unit.title).toBe('The Rise of Stalin');
    expect(content.unit.instructions).toBe('Write **one** essay.\nCite sources.');
    expect(content.unit.guidingQuestions[0]?.prompt).toBe('How did it happen?');
  });

  it.each([
    ['two paragraphs', 'One.\n\nTwo.', ['One.', 'Two.']],
    ['extra blank lines and spaces', '\n\n  One.  \n \n\n\nTwo.\n\n', ['One.', 'Two.']],
    ['a paragraph over two lines', 'One\nstill one.', ['One\nstill one.']],
    ['Windows line endings', 'One.\r\n\r\nTwo.', ['One.', 'Two.']],
    ['nothing', '   ', []],
  ])('splits an introduction with %s into paragraphs', (_label, introduction, expected) => {
    expect(built((draft) => void (draft.introduction = introduction)).unit.introduction).toEqual(expected);
  });

  it('keeps the unit and rubric ids of the base and any fields the editor does not know', () => {
    const extended = { unit: { ...builtInUnit, courseNote: 'kept' }, rubric: { ...builtInRubric, version: 3 } };
    const result = buildAssignmentContent(toAssignmentDraft(base), extended, counter());
    expect(result.ok && result.content.unit).toMatchObject({ id: builtInUnit.id, courseNote: 'kept' });
    expect(result.ok && result.content.rubric).toMatchObject({ id: builtInRubric.id, version: 3 });
  });

  it('gives new questions, criteria and levels prefixed ids from newId', () => {
    const content = built((draft) => {
      draft.guidingQuestions.push({ prompt: 'What changed in 1928?', context: '' });
      draft.rubric.criteria.push({
        title: 'Use of sources',
        description: '',
        levels: [
          { label: 'Strong', descriptor: '', points: 2 },
          { label: 'Weak', descriptor: '', points: 1 },
        ],
      });
    });
    expect(content.unit.guidingQuestions.at(-1)?.id).toBe('gq-1');
    expect(content.rubric.criteria.at(-1)).toMatchObject({ id: 'c-2', levels: [{ id: 'l-3' }, { id: 'l-4' }] });
  });

  it('replaces ids the base does not have, so a client cannot choose them', () => {
    const content = built((draft) => {
      draft.guidingQuestions[0]!.id = 'gq-made-up';
      draft.rubric.criteria[0]!.guidingQuestionId = 'gq-made-up';
      draft.rubric.criteria[1]!.id = 'c-made-up';
      draft.rubric.criteria[1]!.levels[0]!.id = 'l-made-up';
    });
    expect(content.unit.guidingQuestions[0]?.id).toBe('gq-1');
    expect(content.rubric.criteria[0]?.guidingQuestionId).toBe('gq-1');
    expect(content.rubric.criteria[1]?.id).toBe('c-2');
    expect(content.rubric.criteria[1]?.levels.map((l) => l.id)).toEqual(['l-3', 'l-4', 'l-5', 'l-6']);
  });

  it('gives a copied item a new id instead of sharing one', () => {
    const content = built((draft) => {
      const criterion = draft.rubric.criteria[4];
      if (criterion) draft.rubric.criteria.push(structuredClone({ ...criterion, title: 'Thesis again' }));
    });
    const ids = content.rubric.criteria.map((criterion) => criterion.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(content.rubric.criteria.at(-1)).toMatchObject({
      id: 'c-1',
      levels: [{ id: 'l-2' }, { id: 'l-3' }, { id: 'l-4' }, { id: 'l-5' }],
    });
  });

  it('keeps a level id only within its own criterion', () => {
    const content = built((draft) => {
      const [first, second] = draft.rubric.criteria;
      if (first && second?.levels[0]) first.levels[0] = { ...second.levels[0], points: 4 };
    });
    expect(content.rubric.criteria[0]?.levels[0]?.id).toBe('l-1');
  });

  it('never reuses an id the base had, even for a removed item', () => {
    const ids = ['rise', 'rise', 'new'];
    const content = built(
      (draft) => {
        draft.guidingQuestions.shift();
        draft.rubric.criteria.shift();
        draft.guidingQuestions.push({ prompt: 'A new question?', context: '' });
      },
      () => ids.shift() ?? 'exhausted',
    );
    expect(content.unit.guidingQuestions.at(-1)?.id).toBe('gq-new');
  });

  it('reports a newId that only returns ids in use as a bug', () => {
    const draft = editedDraft((d) => void d.guidingQuestions.push({ prompt: 'Another?', context: '' }));
    expect(() => buildAssignmentContent(draft, base, () => 'rise')).toThrow(/already in use/);
  });

  it('sorts levels highest points first, keeping their ids', () => {
    const content = built((draft) => {
      const criterion = draft.rubric.criteria[0];
      if (criterion) criterion.levels.reverse();
    });
    expect(content.rubric.criteria[0]?.levels.map((l) => [l.id, l.points])).toEqual([
      ['c-gq-rise-4', 4],
      ['c-gq-rise-3', 3],
      ['c-gq-rise-2', 2],
      ['c-gq-rise-1', 1],
    ]);
  });

  it('accepts fractional and zero points', () => {
    const content = built((draft) => {
      const criterion = draft.rubric.criteria[0];
      if (criterion) criterion.levels = [level('a', 0), level('b', 2.5), level('c', 1000)];
    });
    expect(content.rubric.criteria[0]?.levels.map((l) => l.points)).toEqual([1000, 2.5, 0]);
  });

  it('links a criterion to a new question through the temporary id the draft gave it', () => {
    const content = built((draft) => {
      draft.guidingQuestions.push({ id: 'tmp-1', prompt: 'What was the NEP?', context: '' });
      const criterion = draft.rubric.criteria[4];
      if (criterion) criterion.guidingQuestionId = 'tmp-1';
    });
    const question = content.unit.guidingQuestions.at(-1);
    expect(question?.id).toMatch(/^gq-/);
    expect(question?.id).not.toBe('tmp-1');
    expect(content.rubric.criteria[4]?.guidingQuestionId).toBe(question?.id);
  });

  it('drops the link of a criterion whose link was cleared', () => {
    const content = built((draft) => {
      const criterion = draft.rubric.criteria[0];
      if (criterion) criterion.guidingQuestionId = null;
    });
    expect(content.rubric.criteria[0]).not.toHaveProperty('guidingQuestionId');
  });

  it('names the rubric after the assignment when its title is left empty', () => {
    const content = built((draft) => {
      draft.title = 'Stalin';
      draft.rubric.title = ' ';
    });
    expect(content.rubric.title).toBe('Stalin: essay rubric');
  });

  it('stores dates in UTC and leaves out dates that are not set', () => {
    const content = built((draft) => {
      draft.rules = {
        minWords: 0,
        maxWords: 500,
        dueAt: '2025-03-01T17:00:00+01:00',
        cutoffAt: '',
        allowResubmission: true,
      };
    });
    expect(content.unit.rules).toStrictEqual({
      minWords: 0,
      maxWords: 500,
      dueAt: '2025-03-01T16:00:00.000Z',
      allowResubmission: true,
    });
  });

  it('accepts a cutoff equal to the due date, or without one', () => {
    for (const dueAt of ['2025-03-01T17:00:00Z', null]) {
      const content = built((draft) => {
        draft.rules.dueAt = dueAt;
        draft.rules.cutoffAt = '2025-03-01T17:00:00Z';
      });
      expect(content.unit.rules.cutoffAt).toBe('2025-03-01T17:00:00.000Z');
    }
  });

  it('accepts every limit exactly', () => {
    const result = build((draft) => {
      draft.title = 't'.repeat(ASSIGNMENT_LIMITS.titleChars);
      draft.instructions = 'i'.repeat(ASSIGNMENT_LIMITS.markdownChars);
      draft.guidingQuestions = Array.from({ length: ASSIGNMENT_LIMITS.maxGuidingQuestions }, () => ({
        prompt: 'p'.repeat(ASSIGNMENT_LIMITS.promptChars),
        context: 'c'.repeat(ASSIGNMENT_LIMITS.contextChars),
      }));
      draft.rubric.criteria = Array.from({ length: ASSIGNMENT_LIMITS.maxCriteria }, () => ({
        title: 'Criterion',
        description: '',
        levels: Array.from({ length: ASSIGNMENT_LIMITS.maxLevels }, (_, points) => ({
          label: 'Level',
          descriptor: '',
          points,
        })),
      }));
      draft.rules.minWords = ASSIGNMENT_LIMITS.maxWords;
      draft.rules.maxWords = ASSIGNMENT_LIMITS.maxWords;
    });
    expect(result.ok).toBe(true);
  });
});

describe('buildAssignmentContent: validation', () => {
  const tooLong = (max: number) => 'x'.repeat(max + 1);

  it.each<[string, (draft: AssignmentDraft) => void, string, string]>([
    ['an empty title', (d) => void (d.title = '  '), 'title', 'Give the assignment a title.'],
    ['a long title', (d) => void (d.title = tooLong(200)), 'title', 'Keep this to 200 characters or fewer.'],
    ['a long subtitle', (d) => void (d.subtitle = tooLong(200)), 'subtitle', 'Keep this to 200 characters or fewer.'],
    [
      'a long introduction',
      (d) => void (d.introduction = tooLong(20_000)),
      'introduction',
      'Keep this to 20,000 characters or fewer.',
    ],
    [
      'long instructions',
      (d) => void (d.instructions = tooLong(20_000)),
      'instructions',
      'Keep this to 20,000 characters or fewer.',
    ],
    [
      'no guiding questions',
      (d) => {
        d.guidingQuestions = [];
        for (const criterion of d.rubric.criteria) criterion.guidingQuestionId = null;
      },
      'guidingQuestions',
      'Add at least one guiding question.',
    ],
    [
      'thirteen guiding questions',
      (d) => {
        d.guidingQuestions.push(...Array.from({ length: 9 }, () => ({ prompt: 'Why?', context: '' })));
      },
      'guidingQuestions',
      'An assignment can have at most 12 guiding questions.',
    ],
    [
      'a question without a prompt',
      (d) => void (d.guidingQuestions[2]!.prompt = ' '),
      'guidingQuestions.2.prompt',
      'Write the question students should answer.',
    ],
    [
      'a long prompt',
      (d) => void (d.guidingQuestions[1]!.prompt = tooLong(500)),
      'guidingQuestions.1.prompt',
      'Keep this to 500 characters or fewer.',
    ],
    [
      'a long context',
      (d) => void (d.guidingQuestions[0]!.context = tooLong(2_000)),
      'guidingQuestions.0.context',
      'Keep this to 2,000 characters or fewer.',
    ],
    ['a long rubric title', (d) => void (d.rubric.title = tooLong(200)), 'rubric.title', 'Keep this to 200 characters or fewer.'],
    ['a rubric without criteria', (d) => void (d.rubric.criteria = []), 'rubric.criteria', 'Add at least one criterion to the rubric.'],
    [
      'twenty-one criteria',
      (d) => void (d.rubric.criteria = Array.from({ length: 21 }, () => structuredClone(d.rubric.criteria[5]!))),
      'rubric.criteria',
      'A rubric can have at most 20 criteria.',
    ],
    [
      'a criterion without a title',
      (d) => void (d.rubric.criteria[1]!.title = ''),
      'rubric.criteria.1.title',
      'Give this criterion a title.',
    ],
    [
      'a long criterion description',
      (d) => void (d.rubric.criteria[1]!.description = tooLong(2_000)),
      'rubric.criteria.1.description',
      'Keep this to 2,000 characters or fewer.',
    ],
    [
      'a criterion with one level',
      (d) => void (d.rubric.criteria[1]!.levels = [level('a', 1)]),
      'rubric.criteria.1.levels',
      'Give this criterion at least 2 levels.',
    ],
    [
      'a criterion with seven levels',
      (d) => void (d.rubric.criteria[1]!.levels = Array.from({ length: 7 }, (_, n) => level(`l${n}`, n))),
      'rubric.criteria.1.levels',
      'A criterion can have at most 6 levels.',
    ],
    [
      'two levels worth the same points',
      (d) => void (d.rubric.criteria[1]!.levels[3]!.points = 4),
      'rubric.criteria.1.levels',
      'Each level needs a different number of points.',
    ],
    [
      'a level without a label',
      (d) => void (d.rubric.criteria[1]!.levels[0]!.label = ' '),
      'rubric.criteria.1.levels.0.label',
      'Give this level a label, such as “Proficient”.',
    ],
    [
      'a long descriptor',
      (d) => void (d.rubric.criteria[1]!.levels[0]!.descriptor = tooLong(2_000)),
      'rubric.criteria.1.levels.0.descriptor',
      'Keep this to 2,000 characters or fewer.',
    ],
    [
      'a question removed while a criterion still assesses it',
      (d) => void d.guidingQuestions.splice(1, 1),
      'rubric.criteria.1.guidingQuestionId',
      'This criterion is linked to a guiding question that is no longer in the assignment. ' +
        'Link it to another question or remove the link.',
    ],
    [
      'a criterion linked to a question that never existed',
      (d) => void (d.rubric.criteria[6]!.guidingQuestionId = 'gq-nowhere'),
      'rubric.criteria.6.guidingQuestionId',
      'This criterion is linked to a guiding question that is no longer in the assignment. ' +
        'Link it to another question or remove the link.',
    ],
    [
      'a negative minimum',
      (d) => void (d.rules.minWords = -1),
      'rules.minWords',
      'Enter the minimum as a whole number of words, 0 or more.',
    ],
    [
      'a fractional minimum',
      (d) => void (d.rules.minWords = 2.5),
      'rules.minWords',
      'Enter the minimum as a whole number of words, 0 or more.',
    ],
    [
      'a minimum above the ceiling',
      (d) => {
        d.rules.minWords = 20_001;
        d.rules.maxWords = 20_000;
      },
      'rules.minWords',
      'The minimum can be at most 20,000 words.',
    ],
    [
      'a maximum below the minimum',
      (d) => void (d.rules.maxWords = 299),
      'rules.maxWords',
      'The maximum cannot be less than the minimum (300 words).',
    ],
    [
      'a maximum above the ceiling',
      (d) => void (d.rules.maxWords = 20_001),
      'rules.maxWords',
      'The maximum can be at most 20,000 words.',
    ],
    [
      'a maximum of zero',
      (d) => {
        d.rules.minWords = 0;
        d.rules.maxWords = 0;
      },
      'rules.maxWords',
      'Enter the maximum as a whole number of words, 1 or more.',
    ],
    ['a due date without an offset', (d) => void (d.rules.dueAt = '2025-03-01T17:00'), 'rules.dueAt', 'Enter a valid date and time.'],
    ['a due date that does not exist', (d) => void (d.rules.dueAt = '2025-02-30T17:00:00Z'), 'rules.dueAt', 'Enter a valid date and time.'],
    ['a cutoff that is not a date', (d) => void (d.rules.cutoffAt = 'Friday'), 'rules.cutoffAt', 'Enter a valid date and time.'],
    [
      'a cutoff before the due date',
      (d) => {
        d.rules.dueAt = '2025-03-01T17:00:00Z';
        d.rules.cutoffAt = '2025-03-01T16:59:59Z';
      },
      'rules.cutoffAt',
      'The cutoff cannot be before the due date.',
    ],
  ])('refuses %s', (_label, edit, field, message) => {
    expect(fieldErrorsOf(edit)).toEqual({ [field]: message });
  });

  it.each<[string, number]>([
    ['negative', -1],
    ['over 1,000', 1000.5],
    ['not a number', Number.NaN],
    ['infinite', Number.POSITIVE_INFINITY],
  ])('refuses points that are %s', (_label, points) => {
    const errors = fieldErrorsOf((d) => void (d.rubric.criteria[1]!.levels[0]!.points = points));
    expect(errors).toEqual({ 'rubric.criteria.1.levels.0.points': 'Enter the points as a number from 0 to 1,000.' });
  });

  it('reports every problem at once, keyed by its place in the draft', () => {
    const errors = fieldErrorsOf((d) => {
      d.title = '';
      d.guidingQuestions[3]!.prompt = '';
      d.rubric.criteria[7]!.levels[2]!.label = '';
      d.rules.maxWords = 10;
    });
    expect(Object.keys(errors).sort()).toEqual([
      'guidingQuestions.3.prompt',
      'rubric.criteria.7.levels.2.label',
      'rules.maxWords',
      'title',
    ]);
  });

  it('keys level errors by the draft order, not the sorted order', () => {
    const errors = fieldErrorsOf((d) => {
      d.rubric.criteria[0]!.levels = [level('a', 1), level('b', 3, '')];
    });
    expect(errors).toEqual({ 'rubric.criteria.0.levels.1.label': 'Give this level a label, such as “Proficient”.' });
  });

  it('shows only the first problem of a field', () => {
    const errors = fieldErrorsOf((d) => void (d.rubric.criteria[0]!.levels = [level('a', 1)]));
    expect(errors['rubric.criteria.0.levels']).toBe('Give this criterion at least 2 levels.');
  });

  it('treats missing or malformed parts of a form as empty rather than crashing', () => {
    const malformed = {
      title: 'Stalin',
      guidingQuestions: [null],
      rubric: { criteria: [{ title: 'Thesis', levels: [{ label: 'Good', points: '3' }, null] }] },
      rules: { minWords: '10', maxWords: 100, dueAt: 12 },
    } as unknown as AssignmentDraft;
    const result = buildAssignmentContent(malformed, base, counter());
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        'guidingQuestions.0.prompt': 'Write the question students should answer.',
        'rubric.criteria.0.levels.0.points': 'Enter the points as a number from 0 to 1,000.',
        'rubric.criteria.0.levels.1.label': 'Give this level a label, such as “Proficient”.',
        'rubric.criteria.0.levels.1.points': 'Enter the points as a number from 0 to 1,000.',
        'rules.minWords': 'Enter the minimum as a whole number of words, 0 or more.',
        'rules.dueAt': 'Enter a valid date and time.',
      },
    });
  });
});

const twoLevelRubric: Rubric = {
  id: 'r',
  title: 'Rubric',
  criteria: [
    { id: 'a', title: 'A', description: 'About A', guidingQuestionId: 'gq-a', levels: [level('a-2', 2), level('a-1', 1)] },
    { id: 'b', title: 'B', description: 'About B', levels: [level('b-2', 2), level('b-1', 1)] },
  ],
};

function editedRubric(edit: (rubric: Rubric) => void): Rubric {
  const rubric = structuredClone(twoLevelRubric);
  edit(rubric);
  return rubric;
}

describe('rubricContentChanged', () => {
  it.each<[string, (rubric: Rubric) => void]>([
    ['nothing', () => undefined],
    ['only the rubric title', (r) => void (r.title = 'Renamed')],
    ['only the rubric id', (r) => void (r.id = 'r2')],
    ['an absent link becoming undefined', (r) => void (r.criteria[1]!.guidingQuestionId = undefined)],
  ])('is false when %s changes', (_label, edit) => {
    expect(rubricContentChanged(twoLevelRubric, editedRubric(edit))).toBe(false);
  });

  it.each<[string, (rubric: Rubric) => void]>([
    ['a criterion is added', (r) => void r.criteria.push({ ...r.criteria[1]!, id: 'c' })],
    ['a criterion is removed', (r) => void r.criteria.pop()],
    ['criteria are reordered', (r) => void r.criteria.reverse()],
    ['a criterion title changes', (r) => void (r.criteria[0]!.title = 'A!')],
    ['a criterion description changes', (r) => void (r.criteria[0]!.description = 'Other')],
    ['a linked question changes', (r) => void (r.criteria[0]!.guidingQuestionId = 'gq-b')],
    ['a level is added', (r) => void r.criteria[0]!.levels.push(level('a-0', 0))],
    ['a level is removed', (r) => void r.criteria[0]!.levels.pop()],
    ['a level id changes', (r) => void (r.criteria[0]!.levels[0]!.id = 'a-x')],
    ['a level label changes', (r) => void (r.criteria[0]!.levels[0]!.label = 'Top')],
    ['a descriptor changes', (r) => void (r.criteria[1]!.levels[1]!.descriptor = 'Reworded')],
    ['points change', (r) => void (r.criteria[1]!.levels[1]!.points = 0.5)],
  ])('is true when %s', (_label, edit) => {
    expect(rubricContentChanged(twoLevelRubric, editedRubric(edit))).toBe(true);
    expect(rubricContentChanged(editedRubric(edit), twoLevelRubric)).toBe(true);
  });

  it('sees no change after an unedited round trip through the editor', () => {
    const result = buildAssignmentContent(toAssignmentDraft(base), base, counter());
    expect(result.ok && rubricContentChanged(builtInRubric, result.content.rubric)).toBe(false);
  });
});

describe('remapSelections', () => {
  const selections: RubricSelections = { a: 'a-2', b: 'b-1' };

  it.each<[string, (rubric: Rubric) => void, RubricSelections]>([
    ['an unchanged rubric', () => undefined, { a: 'a-2', b: 'b-1' }],
    ['a reworded level', (r) => void (r.criteria[0]!.levels[0]!.descriptor = 'New words'), { a: 'a-2', b: 'b-1' }],
    ['a level with new points', (r) => void (r.criteria[0]!.levels[0]!.points = 5), { a: 'a-2', b: 'b-1' }],
    ['a removed level', (r) => void r.criteria[0]!.levels.shift(), { b: 'b-1' }],
    ['a removed criterion', (r) => void r.criteria.pop(), { a: 'a-2' }],
    ['a replaced level id', (r) => void (r.criteria[1]!.levels[1]!.id = 'l-9'), { a: 'a-2' }],
    ['a criterion whose id changed', (r) => void (r.criteria[1]!.id = 'c-9'), { a: 'a-2' }],
  ])('carries selections over to %s', (_label, edit, expected) => {
    expect(remapSelections(twoLevelRubric, editedRubric(edit), selections)).toStrictEqual(expected);
  });

  it('drops a level moved to another criterion', () => {
    const moved = editedRubric((r) => void r.criteria[1]!.levels.push(r.criteria[0]!.levels.shift()!));
    expect(remapSelections(twoLevelRubric, moved, { a: 'a-2', b: 'a-2' })).toStrictEqual({});
  });

  it('drops selections that did not fit the old rubric', () => {
    expect(remapSelections(twoLevelRubric, twoLevelRubric, { a: 'b-1', b: 'b-7', zz: 'a-1' })).toStrictEqual({});
  });

  it('ignores inherited property names', () => {
    const rubric = editedRubric((r) => void (r.criteria[0]!.id = 'constructor'));
    expect(remapSelections(rubric, rubric, {})).toStrictEqual({});
  });

  it('does not change the selections it is given', () => {
    const given = { a: 'a-2', b: 'b-1' };
    remapSelections(twoLevelRubric, editedRubric((r) => void r.criteria.pop()), given);
    expect(given).toEqual({ a: 'a-2', b: 'b-1' });
  });
});

describe('the anonymous grading setting', () => {
  const withSetting = (value: boolean | undefined, baseValue?: boolean) => {
    const base = { unit: { ...builtInUnit, rules: { ...builtInUnit.rules, ...(baseValue ? { anonymousGrading: true } : {}) } }, rubric: builtInRubric };
    const draft = toAssignmentDraft(base);
    if (value === undefined) delete draft.rules.anonymousGrading;
    else draft.rules.anonymousGrading = value;
    const result = buildAssignmentContent(draft, base, () => 'x');
    if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
    return result.content.unit.rules.anonymousGrading;
  };

  it('is off unless turned on, and round-trips through the draft', () => {
    expect(toAssignmentDraft({ unit: builtInUnit, rubric: builtInRubric }).rules.anonymousGrading).toBeUndefined();
    expect(withSetting(true)).toBe(true);
    expect(withSetting(false, true)).toBeUndefined();
    expect(toAssignmentDraft({ unit: { ...builtInUnit, rules: { ...builtInUnit.rules, anonymousGrading: true } }, rubric: builtInRubric }).rules.anonymousGrading).toBe(true);
  });

  it('is off when a draft leaves it out, like every other rule (a draft is the whole assignment)', () => {
    expect(withSetting(undefined, true)).toBeUndefined();
    expect(withSetting(undefined, false)).toBeUndefined();
  });
});

describe('buildAssignmentContent: the rubric assistant’s knowledge', () => {
  const rapallo1921 = { kind: 'date' as const, fact: 'Rapallo was signed in 1922.', subject: ['Rapallo'], years: [1922] };

  it('stores no copy while the knowledge is the built-in unit’s, so the built-in one keeps applying', () => {
    expect(built(() => {}).unit.knowledge).toBeUndefined();
    const edited = { unit: { ...builtInUnit, knowledge: { questions: [], facts: [] } }, rubric: builtInRubric };
    // Going back to the built-in knowledge (the editor’s reset) drops the assignment’s copy.
    const reset = buildAssignmentContent(toAssignmentDraft(base), edited, counter());
    expect(reset.ok && reset.content.unit.knowledge).toBeUndefined();
  });

  it('keeps the knowledge as it is when the draft has none', () => {
    const own = { questions: [], facts: [] };
    const result = buildAssignmentContent({ ...toAssignmentDraft(base), knowledge: undefined }, { unit: { ...builtInUnit, knowledge: own }, rubric: builtInRubric }, counter());
    expect(result.ok && result.content.unit.knowledge).toStrictEqual(own);
  });

  it('stores edited knowledge with trimmed text, new ids for new items and the rubric’s order', () => {
    const content = built((draft) => {
      draft.knowledge!.questions[0]!.lookFors.push({ label: '  The  Kadets ', aliases: [' Kadets ', '', 'Constitutional Democrats'], part: '' });
      draft.knowledge!.facts.push({ ...rapallo1921, id: 'made-up' });
    });
    const knowledge = content.unit.knowledge!;
    expect(knowledge.questions.map((question) => question.criterionId)).toEqual(['c-gq-rise', 'c-gq-soviet-1920s', 'c-gq-stalin', 'c-gq-policies']);
    expect(knowledge.questions[0]!.lookFors.at(-1)).toStrictEqual({ id: 'lf-1', label: 'The Kadets', aliases: ['Kadets', 'Constitutional Democrats'] });
    expect(knowledge.facts.at(-1)).toStrictEqual({ kind: 'date', id: 'f-2', fact: 'Rapallo was signed in 1922.', subject: ['Rapallo'], years: [1922] });
    expect(knowledge.facts[0]?.id).toBe('february-revolution');
  });

  it('follows new criteria by their temporary id and drops the look-fors of criteria that no longer assess a question', () => {
    const content = built((draft) => {
      draft.rubric.criteria[1]!.guidingQuestionId = null;
      draft.rubric.criteria.splice(2, 1);
      draft.rubric.criteria.push({ id: 'new-c-9', title: 'Rise again', description: '', guidingQuestionId: 'gq-rise', levels: [level('a', 1), level('b', 0)] });
      draft.knowledge!.questions.push({ criterionId: 'new-c-9', lookFors: [{ label: 'Lenin', aliases: ['Lenin'] }] });
      draft.knowledge!.questions.push({ criterionId: 'c-unknown', lookFors: [{ label: 'Trotsky', aliases: ['Trotsky'] }] });
    });
    const newCriterion = content.rubric.criteria.at(-1)!.id;
    expect(content.unit.knowledge!.questions.map((question) => question.criterionId)).toEqual(['c-gq-rise', 'c-gq-policies', newCriterion]);
  });

  it('accepts the built-in knowledge and every kind of fact', () => {
    const content = built((draft) => {
      draft.knowledge!.facts = [
        rapallo1921,
        { kind: 'identity', fact: 'The Whites were anti-Bolsheviks.', subject: ['Whites'], wrong: [{ aliases: ['Mensheviks'], says: 'the Whites were Mensheviks' }] },
        { kind: 'actor', fact: 'Lenin introduced the NEP.', deed: ['NEP'], verbs: ['introduced'], wrongActors: [{ aliases: ['Stalin'], name: 'Stalin' }] },
        { kind: 'misnomer', fact: 'NEP is the New Economic Policy.', wrong: ['New Economic Plan'], says: 'NEP is the New Economic Plan' },
      ];
    });
    expect(content.unit.knowledge!.facts.map((fact) => fact.kind)).toEqual(['date', 'identity', 'actor', 'misnomer']);
  });

  it.each<[string, (draft: AssignmentDraft) => void, string, RegExp]>([
    ['a look-for without a label', (d) => void (d.knowledge!.questions[0]!.lookFors[0]!.label = ' '), 'knowledge.questions.0.lookFors.0.label', /Say what a good answer mentions/],
    ['a look-for without aliases', (d) => void (d.knowledge!.questions[1]!.lookFors[0]!.aliases = ['', ' ']), 'knowledge.questions.1.lookFors.0.aliases', /at least one word or phrase/],
    ['21 aliases', (d) => void (d.knowledge!.questions[0]!.lookFors[0]!.aliases = Array.from({ length: 21 }, (_, i) => `a${i}`)), 'knowledge.questions.0.lookFors.0.aliases', /at most 20/],
    ['a 201-character alias', (d) => void (d.knowledge!.questions[0]!.lookFors[0]!.aliases = ['x'.repeat(201)]), 'knowledge.questions.0.lookFors.0.aliases', /200 characters/],
    ['41 look-fors', (d) => void (d.knowledge!.questions[0]!.lookFors = Array.from({ length: 41 }, (_, i) => ({ label: `L${i}`, aliases: [`a${i}`] }))), 'knowledge.questions.0.lookFors', /at most 40 look-fors/],
    ['201 facts', (d) => void (d.knowledge!.facts = Array.from({ length: 201 }, () => rapallo1921)), 'knowledge.facts', /at most 200 facts/],
    ['a year before 1000', (d) => void d.knowledge!.facts.push({ ...rapallo1921, years: [922] }), 'knowledge.facts.58.years', /from 1000 to 2100/],
    ['a year after 2100', (d) => void d.knowledge!.facts.push({ ...rapallo1921, years: [2101] }), 'knowledge.facts.58.years', /from 1000 to 2100/],
    ['a date without a year', (d) => void d.knowledge!.facts.push({ ...rapallo1921, years: [] }), 'knowledge.facts.58.years', /Give the year/],
    ['a fact without its sentence', (d) => void d.knowledge!.facts.push({ ...rapallo1921, fact: '' }), 'knowledge.facts.58.fact', /Write the fact/],
    ['an identity without wrong names', (d) => void d.knowledge!.facts.push({ kind: 'identity', fact: 'F.', subject: ['S'], wrong: [] }), 'knowledge.facts.58.wrong', /at least one wrong name/],
    ['a wrong name that says nothing', (d) => void d.knowledge!.facts.push({ kind: 'identity', fact: 'F.', subject: ['S'], wrong: [{ aliases: ['W'], says: '' }] }), 'knowledge.facts.58.wrong', /Line 1: say what/],
    ['an actor without verbs', (d) => void d.knowledge!.facts.push({ kind: 'actor', fact: 'F.', deed: ['D'], verbs: [], wrongActors: [{ aliases: ['A'], name: 'A' }] }), 'knowledge.facts.58.verbs', /at least one verb/],
    ['a misnomer without what it says', (d) => void d.knowledge!.facts.push({ kind: 'misnomer', fact: 'F.', wrong: ['W'], says: '' }), 'knowledge.facts.58.says', /what the wrong name claims/],
    ['an unknown kind of fact', (d) => void d.knowledge!.facts.push({ kind: 'rumour', fact: 'F.' } as unknown as FactDraft), 'knowledge.facts.58.kind', /Choose what kind/],
  ])('refuses %s', (_label, edit, field, message) => {
    expect(fieldErrorsOf(edit)[field]).toMatch(message);
  });
});
