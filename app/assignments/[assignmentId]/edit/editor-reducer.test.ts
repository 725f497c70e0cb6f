import { describe, expect, it } from 'vitest';
import { toAssignmentDraft, type AssignmentDraft } from '../../../../domain/assignment';
import { builtInRubric } from '../../../../domain/rubric';
import { builtInUnit } from '../../../../domain/unit';
import { editorReducer, initialStore, isDirty, type EditorAction, type EditorStore } from './editor-reducer';
import { builtInKnowledge } from '../../../../domain/assistant/built-in-knowledge';
import { errorSummaryOf, factKey, keyErrorsOf, levelKey, lookForKey, questionKey } from './field-paths';
import { toDraft, type KeyKind } from './editor-state';

function keys() {
  let next = 0;
  return (kind: KeyKind) => `new-${kind}-${++next}`;
}

function draft(): AssignmentDraft {
  return structuredClone(toAssignmentDraft({ unit: builtInUnit, rubric: builtInRubric }));
}

function start(edit: (draft: AssignmentDraft) => void = () => {}): EditorStore {
  const value = draft();
  edit(value);
  return initialStore({ draft: value, rubricVersion: 1, hasGrades: false });
}

function run(store: EditorStore, ...actions: EditorAction[]): EditorStore {
  return actions.reduce(editorReducer, store);
}

const QUESTIONS = { kind: 'questions' } as const;
const CRITERIA = { kind: 'criteria' } as const;

describe('editorReducer: lists', () => {
  it('adds a question at the end, focuses its prompt and announces it', () => {
    const store = run(start(), { type: 'add', list: QUESTIONS, newKey: keys() });
    expect(store.form.questions).toHaveLength(5);
    expect(store.form.questions[4]).toStrictEqual({ key: 'new-q-1', id: 'new-q-1', prompt: '', context: '' });
    expect(store.focus).toStrictEqual({ id: 'f-guidingQuestions-4-prompt' });
    expect(store.announcement).toStrictEqual({ text: 'Question 5 added.' });
    expect(isDirty(store)).toBe(true);
  });

  it('removes a question; the criterion that assessed it falls back to the whole essay and is named', () => {
    const before = start();
    const removed = before.form.questions[3]!;
    const linked = before.form.criteria.filter((c) => c.assesses === removed.id);
    expect(linked).toHaveLength(1);

    const store = run(before, { type: 'remove', list: QUESTIONS, index: 3 });
    expect(store.form.questions.map((q) => q.key)).not.toContain(removed.key);
    expect(store.form.criteria.find((c) => c.key === linked[0]!.key)?.assesses).toBe('');
    expect(store.unlinked).toStrictEqual({ [linked[0]!.key]: true });
    expect(store.focus).toStrictEqual({ id: 'f-guidingQuestions-2-prompt' });
    expect(store.announcement?.text).toBe(
      `Question 4 removed. Criterion “${linked[0]!.title}” assessed it and now assesses the whole essay.`,
    );
  });

  it('removes a criterion, naming it by its title, and focuses the next one', () => {
    const before = start();
    const store = run(before, { type: 'remove', list: CRITERIA, index: 0 });
    expect(store.form.criteria).toHaveLength(before.form.criteria.length - 1);
    expect(store.focus).toStrictEqual({ id: 'f-rubric-criteria-0-title' });
    expect(store.announcement?.text).toBe(`Criterion 1 “${before.form.criteria[0]!.title}” removed.`);
  });

  it('focuses the Add button once the last item is gone', () => {
    const store = run(start((d) => (d.guidingQuestions = d.guidingQuestions.slice(0, 1))), { type: 'remove', list: QUESTIONS, index: 0 });
    expect(store.form.questions).toHaveLength(0);
    expect(store.focus).toStrictEqual({ id: 'add-question' });
  });

  it.each([
    { index: 0, delta: 1 as const, focus: 'f-guidingQuestions-1-down', text: 'Question 1 moved down to position 2.' },
    { index: 2, delta: 1 as const, focus: 'f-guidingQuestions-3-up', text: 'Question 3 moved down to position 4.' },
    { index: 1, delta: -1 as const, focus: 'f-guidingQuestions-0-down', text: 'Question 2 moved up to position 1.' },
    { index: 2, delta: -1 as const, focus: 'f-guidingQuestions-1-up', text: 'Question 3 moved up to position 2.' },
  ])('moves question $index by $delta; focus stays on a button that is still enabled', ({ index, delta, focus, text }) => {
    const before = start();
    const store = run(before, { type: 'move', list: QUESTIONS, index, delta });
    expect(store.form.questions[index + delta]).toBe(before.form.questions[index]);
    expect(store.focus).toStrictEqual({ id: focus });
    expect(store.announcement).toStrictEqual({ text });
  });

  it('ignores a move past either end', () => {
    const before = start();
    expect(run(before, { type: 'move', list: QUESTIONS, index: 0, delta: -1 })).toBe(before);
    expect(run(before, { type: 'move', list: QUESTIONS, index: 3, delta: 1 })).toBe(before);
  });

  it('gives a new criterion the labels and points of the one before it', () => {
    const before = start();
    const store = run(before, { type: 'add', list: CRITERIA, newKey: keys() });
    const last = before.form.criteria.at(-1)!;
    const added = store.form.criteria.at(-1)!;
    expect(added).toMatchObject({ key: 'new-c-1', title: '', assesses: '' });
    expect(added.levels.map(({ label, points, descriptor }) => ({ label, points, descriptor }))).toStrictEqual(
      last.levels.map(({ label, points }) => ({ label, points, descriptor: '' })),
    );
    expect(store.focus).toStrictEqual({ id: `f-rubric-criteria-${before.form.criteria.length}-title` });
    expect(store.announcement?.text).toBe(`Criterion ${before.form.criteria.length + 1} added, with the same levels as the one before it.`);
  });

  it('gives the first criterion of an empty rubric a Met / Not yet met scale', () => {
    const store = run(start((d) => (d.rubric.criteria = [])), { type: 'add', list: CRITERIA, newKey: keys() });
    expect(store.form.criteria[0]!.levels.map((l) => [l.label, l.points])).toStrictEqual([
      ['Met', '1'],
      ['Not yet met', '0'],
    ]);
  });

  it('adds a level with points no other level of its criterion uses', () => {
    const before = start();
    const criterion = before.form.criteria[1]!; // levels 4, 3, 2, 1
    const store = run(before, { type: 'add', list: { kind: 'levels', criterion: criterion.key }, newKey: keys() });
    const levels = store.form.criteria[1]!.levels;
    expect(levels.at(-1)).toMatchObject({ key: 'new-l-1', label: '', points: '0' });
    expect(store.focus).toStrictEqual({ id: 'f-rubric-criteria-1-levels-4-label' });
    expect(store.announcement?.text).toBe('Level 5 added to criterion 2.');
  });

  it('removes and moves levels within their criterion only', () => {
    const before = start();
    const list = { kind: 'levels', criterion: before.form.criteria[1]!.key } as const;
    const removed = run(before, { type: 'remove', list, index: 3 });
    expect(removed.form.criteria[1]!.levels).toHaveLength(3);
    expect(removed.form.criteria[0]).toBe(before.form.criteria[0]);
    expect(removed.focus).toStrictEqual({ id: 'f-rubric-criteria-1-levels-2-label' });
    expect(removed.announcement?.text).toBe('Level 4 of criterion 2 removed.');

    const moved = run(before, { type: 'move', list, index: 1, delta: 1 });
    expect(moved.form.criteria[1]!.levels[2]).toBe(before.form.criteria[1]!.levels[1]);
    expect(moved.focus).toStrictEqual({ id: 'f-rubric-criteria-1-levels-2-down' });
    expect(moved.announcement?.text).toBe('Level 2 of criterion 2 moved down to position 3.');
  });
});

describe('editorReducer: fields, modes and saving', () => {
  it('edits one field of one item', () => {
    const before = start();
    const level = before.form.criteria[0]!.levels[1]!;
    const store = run(
      before,
      { type: 'set', field: 'title', value: 'New title' },
      { type: 'setLevel', criterion: before.form.criteria[0]!.key, key: level.key, change: { points: '7' } },
    );
    expect(store.form.title).toBe('New title');
    expect(store.form.criteria[0]!.levels[1]).toStrictEqual({ ...level, points: '7' });
    expect(store.form.criteria[1]).toBe(before.form.criteria[1]);
  });

  it('focuses the preview heading when previewing, and a field when its error link is followed', () => {
    const preview = run(start(), { type: 'toggleMode' });
    expect(preview.mode).toBe('preview');
    expect(preview.focus).toStrictEqual({ id: 'preview-heading' });
    const back = run(preview, { type: 'goToField', id: 'f-title' });
    expect(back.mode).toBe('edit');
    expect(back.focus).toStrictEqual({ id: 'f-title' });
  });

  it('keeps server errors with their item after the list is reordered', () => {
    const before = start();
    const sent = before.form;
    const store = run(
      before,
      { type: 'saveStarted' },
      {
        type: 'saveAnswered',
        sent,
        result: { kind: 'invalid', fieldErrors: { 'guidingQuestions.0.prompt': 'Write it.', 'rubric.criteria.0.levels.1.points': 'A number.' } },
      },
      { type: 'move', list: QUESTIONS, index: 0, delta: 1 },
    );
    expect(store.errors).toStrictEqual({
      [questionKey(sent.questions[0]!.key, 'prompt')]: 'Write it.',
      [levelKey(sent.criteria[0]!.key, sent.criteria[0]!.levels[1]!.key, 'points')]: 'A number.',
    });
    expect(store.focus).toStrictEqual({ id: 'f-guidingQuestions-1-down' });
  });

  it('shows errors found before sending and forgets the last outcome', () => {
    const store = run(
      { ...start(), outcome: { kind: 'ok', lines: ['Saved.'] }, mode: 'preview' },
      { type: 'invalid', errors: { 'rules.minWords': 'Enter the minimum.' } },
    );
    expect(store).toMatchObject({ outcome: null, mode: 'edit', focus: { id: 'error-summary' }, errors: { 'rules.minWords': 'Enter the minimum.' } });
  });

  it('after a save, takes the reloaded draft only if nothing was edited meanwhile', () => {
    const before = run(start(), { type: 'set', field: 'title', value: 'Changed' });
    const sent = before.form;
    const saved = run(before, { type: 'saveStarted' }, { type: 'saveAnswered', sent, result: { kind: 'saved', rubricVersion: 2, newRubricVersion: true } });
    expect(saved.saving).toBe(true);
    expect(isDirty(saved)).toBe(false);
    expect(saved.outcome).toStrictEqual({
      kind: 'ok',
      lines: ['Saved.', 'Grading had begun, so this is rubric version 2; earlier grades keep their version.'],
    });

    const fresh = { draft: { ...draft(), title: 'Changed' }, rubricVersion: 2, hasGrades: true };
    const reloaded = run(saved, { type: 'reloaded', sent, fresh }, { type: 'saveEnded' });
    expect(reloaded).toMatchObject({ saving: false, hasGrades: true, rubricVersion: 2 });
    expect(reloaded.form).not.toBe(sent);
    expect(isDirty(reloaded)).toBe(false);

    const editedMeanwhile = run(saved, { type: 'set', field: 'subtitle', value: 'More' }, { type: 'reloaded', sent, fresh });
    expect(editedMeanwhile.form.subtitle).toBe('More');
    expect(isDirty(editedMeanwhile)).toBe(true);
  });

  it('warns when the gradebook could not be updated, and says when it was offline', () => {
    const store = start();
    const failed = run(store, {
      type: 'saveAnswered',
      sent: store.form,
      result: { kind: 'saved', newRubricVersion: false, gradebook: { status: 'failed', message: 'The LMS did not answer.' } },
    });
    expect(failed.outcome).toStrictEqual({ kind: 'warn', lines: ['Saved.', 'The LMS did not answer.'] });
    const offline = run(store, { type: 'saveAnswered', sent: store.form, result: { kind: 'offline' } });
    expect(offline.outcome?.kind).toBe('danger');
    expect(isDirty({ ...offline, form: { ...offline.form, title: 'x' } })).toBe(true);
  });
});

describe('editorReducer: the rubric assistant’s knowledge', () => {
  const FACTS = { kind: 'facts' } as const;
  const RISE = { kind: 'lookFors', criterion: 'c-gq-rise' } as const;

  it('adds a look-for to a question criterion and a fact to the sheet, and sends them in the draft', () => {
    const newKey = keys();
    let store = run(start(), { type: 'add', list: RISE, newKey }, { type: 'add', list: FACTS, newKey });
    expect(store.focus).toStrictEqual({ id: 'f-knowledge-facts-58-kind' });
    expect(store.announcement).toStrictEqual({ text: 'Fact 59 added to the fact sheet.' });
    store = run(
      store,
      { type: 'setLookFor', criterion: 'c-gq-rise', key: 'new-lf-1', change: { label: 'The Kadets', aliases: 'Kadets,  Constitutional Democrats, ' } },
      { type: 'setFact', key: 'new-f-2', change: { fact: 'Kronstadt rebelled in 1921.', subject: 'Kronstadt', years: '1921' } },
    );
    const built = toDraft(store.form);
    if (!built.ok) throw new Error('expected a draft');
    expect(built.draft.knowledge!.questions[0]!.lookFors.at(-1)).toStrictEqual({ id: 'new-lf-1', label: 'The Kadets', aliases: ['Kadets', 'Constitutional Democrats'] });
    expect(built.draft.knowledge!.facts.at(-1)).toStrictEqual({ kind: 'date', id: 'new-f-2', fact: 'Kronstadt rebelled in 1921.', subject: ['Kronstadt'], years: [1921] });
    expect(isDirty(store)).toBe(true);
  });

  it('reads identity and actor wrong names one per line, and keeps settings the form does not show', () => {
    const store = start();
    const whites = store.form.knowledge.facts.find((fact) => fact.id === 'whites')!;
    expect(whites.wrongLines.split('\n')[0]).toMatch(/^Mensheviks?, .*: /);
    const edited = run(store, { type: 'setFact', key: whites.key, change: { wrongLines: 'Mensheviks, Menshevik: the Whites were Mensheviks\n\nTsarists' } });
    const built = toDraft(edited.form);
    if (!built.ok) throw new Error('expected a draft');
    const fact = built.draft.knowledge!.facts.find((entry) => entry.id === 'whites');
    expect(fact).toMatchObject({ kind: 'identity', wrong: [{ aliases: ['Mensheviks', 'Menshevik'], says: 'the Whites were Mensheviks' }, { aliases: ['Tsarists'], says: '' }] });
    // An untouched form sends the knowledge it was given.
    const untouched = toDraft(store.form);
    expect(untouched.ok && untouched.draft.knowledge).toStrictEqual(draft().knowledge);
  });

  it('refuses a year that is not a number before sending, beside the field', () => {
    const store = start();
    const fact = store.form.knowledge.facts[0]!;
    const built = toDraft(run(store, { type: 'setFact', key: fact.key, change: { years: '19l7' } }).form);
    expect(built.ok ? null : built.errors).toStrictEqual({ [factKey(fact.key, 'years')]: 'Give each year as a number from 1000 to 2100.' });
  });

  it('keeps server errors with their look-for and fact, and lists them in the summary with links', () => {
    const store = start();
    const lookFor = store.form.knowledge.lookFors['c-gq-stalin']![1]!;
    const fact = store.form.knowledge.facts[3]!;
    const errors = keyErrorsOf({ 'knowledge.questions.2.lookFors.1.aliases': 'List at least one.', 'knowledge.facts.3.years': 'Bad year.' }, store.form);
    expect(errors).toStrictEqual({ [lookForKey(lookFor.key, 'aliases')]: 'List at least one.', [factKey(fact.key, 'years')]: 'Bad year.' });
    expect(errorSummaryOf(store.form, errors).map((item) => item.id)).toEqual(['f-knowledge-questions-2-lookFors-1-aliases', 'f-knowledge-facts-3-years']);
  });

  it('resets to the built-in knowledge', () => {
    const store = run(start(), { type: 'remove', list: FACTS, index: 0 }, { type: 'resetKnowledge', knowledge: builtInKnowledge });
    expect(store.form.knowledge.facts).toHaveLength(builtInKnowledge.facts.length);
    expect(isDirty(store)).toBe(false);
    expect(store.focus).toStrictEqual({ id: 'reset-knowledge' });
  });

  it('sets whether students may check coverage while writing', () => {
    const store = run(start(), { type: 'set', field: 'coverageWhileWriting', value: false });
    const built = toDraft(store.form);
    expect(built.ok && built.draft.rules.coverageWhileWriting).toBe(false);
  });
});
