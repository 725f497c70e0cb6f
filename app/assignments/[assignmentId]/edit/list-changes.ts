/**
 * Adding, removing and moving items of the editor's four lists (guiding
 * questions, criteria, and each criterion's levels), written once. Pure: each
 * change returns the new form, the element to focus and what to announce.
 *
 * What differs between the lists is in `listInfo` (ids, names, limits) and in
 * the three places a kind of item has its own behaviour: a new criterion copies
 * the levels of the one before it, a new level takes points no level uses yet,
 * and removing a question unlinks the criteria that assessed it.
 */
import { ASSIGNMENT_LIMITS as L } from '../../../../domain/assignment';
import { emptyFact, questionCriteria, type CriterionState, type EditorState, type FactState, type LevelState, type LookForState, type NewKey, type QuestionState } from './editor-state';
import { idOf } from './field-paths';

/** A list of the form; levels are named by their criterion's key. */
export type ListRef =
  | { kind: 'questions' }
  | { kind: 'criteria' }
  | { kind: 'levels'; criterion: string }
  /** The look-fors of the criterion with this id. */
  | { kind: 'lookFors'; criterion: string }
  | { kind: 'facts' };

export interface ListInfo {
  /** The list's field path, as the server names it: `guidingQuestions`, `rubric.criteria.0.levels`. */
  path: string;
  /** "question 2", "level 1 of criterion 3": how buttons and announcements name an item. */
  name: (index: number) => string;
  min: number;
  max: number;
  /** The field that gets focus when an item is added, or is next after one is removed. */
  firstField: string;
  /** Focused when the last item is removed. */
  emptyFocus: string;
}

export interface ListChange {
  form: EditorState;
  focus: string;
  announcement: string;
  /** Keys of criteria that fell back to the whole essay because their question was removed. */
  unlinked?: string[];
}

/** Null only for the levels of a criterion that is no longer in the form. */
export function listInfo(form: EditorState, list: Exclude<ListRef, { kind: 'levels' } | { kind: 'lookFors' }>): ListInfo;
export function listInfo(form: EditorState, list: ListRef): ListInfo | null;
export function listInfo(form: EditorState, list: ListRef): ListInfo | null {
  switch (list.kind) {
    case 'questions':
      return {
        path: 'guidingQuestions',
        name: (index) => `question ${index + 1}`,
        min: L.minGuidingQuestions,
        max: L.maxGuidingQuestions,
        firstField: 'prompt',
        emptyFocus: 'add-question',
      };
    case 'criteria':
      return {
        path: 'rubric.criteria',
        name: (index) => `criterion ${index + 1}`,
        min: L.minCriteria,
        max: L.maxCriteria,
        firstField: 'title',
        emptyFocus: 'add-criterion',
      };
    case 'levels': {
      const criterion = form.criteria.findIndex((c) => c.key === list.criterion);
      if (criterion < 0) return null;
      const path = `rubric.criteria.${criterion}.levels`;
      return {
        path,
        name: (index) => `level ${index + 1} of criterion ${criterion + 1}`,
        min: L.minLevels,
        max: L.maxLevels,
        firstField: 'label',
        emptyFocus: idOf(path),
      };
    }
    case 'lookFors': {
      const criteria = questionCriteria(form);
      const index = criteria.findIndex((c) => c.id === list.criterion);
      if (index < 0) return null;
      const path = `knowledge.questions.${index}.lookFors`;
      const title = criteria[index]!.title || 'untitled criterion';
      return {
        path,
        name: (item) => `look-for ${item + 1} of “${title}”`,
        min: 0,
        max: L.maxLookFors,
        firstField: 'label',
        emptyFocus: `${idOf(path)}-add`,
      };
    }
    case 'facts':
      return {
        path: 'knowledge.facts',
        name: (index) => `fact ${index + 1}`,
        min: 0,
        max: L.maxFacts,
        firstField: 'kind',
        emptyFocus: 'add-fact',
      };
  }
}

type Item = QuestionState | CriterionState | LevelState | LookForState | FactState;

function itemsOf(form: EditorState, list: ListRef): readonly Item[] {
  if (list.kind === 'questions') return form.questions;
  if (list.kind === 'criteria') return form.criteria;
  if (list.kind === 'lookFors') return form.knowledge.lookFors[list.criterion] ?? [];
  if (list.kind === 'facts') return form.knowledge.facts;
  return form.criteria.find((c) => c.key === list.criterion)?.levels ?? [];
}

// Each list holds one kind of item; the casts restore what `itemsOf` widened.
function withItems(form: EditorState, list: ListRef, items: readonly Item[]): EditorState {
  if (list.kind === 'questions') return { ...form, questions: items as QuestionState[] };
  if (list.kind === 'criteria') return { ...form, criteria: items as CriterionState[] };
  if (list.kind === 'lookFors') {
    return { ...form, knowledge: { ...form.knowledge, lookFors: { ...form.knowledge.lookFors, [list.criterion]: items as LookForState[] } } };
  }
  if (list.kind === 'facts') return { ...form, knowledge: { ...form.knowledge, facts: items as FactState[] } };
  return {
    ...form,
    criteria: form.criteria.map((c) => (c.key === list.criterion ? { ...c, levels: items as LevelState[] } : c)),
  };
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The smallest whole number of points no level of the criterion uses yet. */
function unusedPoints(levels: readonly LevelState[]): string {
  const used = new Set(levels.map((level) => Number(level.points)));
  let candidate = 0;
  while (used.has(candidate)) candidate += 1;
  return String(candidate);
}

const DEFAULT_SCALE = [
  { label: 'Met', points: '1' },
  { label: 'Not yet met', points: '0' },
];

function newItem(form: EditorState, list: ListRef, items: readonly Item[], newKey: NewKey): { item: Item; message: string } {
  const position = items.length + 1;
  if (list.kind === 'questions') {
    const key = newKey('q');
    return { item: { key, id: key, prompt: '', context: '' }, message: `Question ${position} added.` };
  }
  if (list.kind === 'criteria') {
    const key = newKey('c');
    const scale = form.criteria[form.criteria.length - 1]?.levels ?? DEFAULT_SCALE;
    const levels = scale.map((level) => {
      const levelKey = newKey('l');
      return { key: levelKey, id: levelKey, label: level.label, descriptor: '', points: level.points };
    });
    return {
      item: { key, id: key, title: '', description: '', assesses: '', levels },
      message: `Criterion ${position} added, with the same levels as the one before it.`,
    };
  }
  if (list.kind === 'lookFors') {
    const key = newKey('lf');
    return { item: { key, id: key, label: '', aliases: '', part: '' }, message: `Look-for ${position} added.` };
  }
  if (list.kind === 'facts') return { item: emptyFact(newKey('f')), message: `Fact ${position} added to the fact sheet.` };
  const key = newKey('l');
  const criterion = form.criteria.findIndex((c) => c.key === list.criterion) + 1;
  return {
    item: { key, id: key, label: '', descriptor: '', points: unusedPoints(items as LevelState[]) },
    message: `Level ${position} added to criterion ${criterion}.`,
  };
}

export function addItem(form: EditorState, list: ListRef, newKey: NewKey): ListChange | null {
  const info = listInfo(form, list);
  if (!info) return null;
  const items = itemsOf(form, list);
  const { item, message } = newItem(form, list, items, newKey);
  return {
    form: withItems(form, list, [...items, item]),
    focus: idOf(`${info.path}.${items.length}.${info.firstField}`),
    announcement: message,
  };
}

export function removeItem(form: EditorState, list: ListRef, index: number): ListChange | null {
  const info = listInfo(form, list);
  const items = itemsOf(form, list);
  const removed = items[index];
  if (!info || !removed) return null;
  let next = withItems(form, list, items.filter((item) => item.key !== removed.key));
  const remaining = items.length - 1;
  const focus = remaining === 0 ? info.emptyFocus : idOf(`${info.path}.${Math.min(index, remaining - 1)}.${info.firstField}`);
  const name = capitalized(info.name(index));

  if (list.kind === 'criteria') {
    const title = (removed as CriterionState).title;
    return { form: next, focus, announcement: `${name}${title ? ` “${title}”` : ''} removed.` };
  }
  if (list.kind === 'questions') {
    const questionId = (removed as QuestionState).id;
    const affected = form.criteria.filter((c) => c.assesses === questionId);
    next = { ...next, criteria: next.criteria.map((c) => (c.assesses === questionId ? { ...c, assesses: '' } : c)) };
    const names = affected.map((c, i) => `“${c.title || `untitled criterion ${i + 1}`}”`).join(', ');
    const one = affected.length === 1;
    const unlinkedText =
      affected.length === 0
        ? ''
        : ` ${one ? 'Criterion' : 'Criteria'} ${names} assessed it and now ${one ? 'assesses' : 'assess'} the whole essay.`;
    return { form: next, focus, announcement: `${name} removed.${unlinkedText}`, unlinked: affected.map((c) => c.key) };
  }
  return { form: next, focus, announcement: `${name} removed.` };
}

export function moveItem(form: EditorState, list: ListRef, index: number, delta: -1 | 1): ListChange | null {
  const info = listInfo(form, list);
  const items = itemsOf(form, list);
  const to = index + delta;
  const item = items[index];
  if (!info || !item || to < 0 || to >= items.length) return null;
  const reordered = [...items];
  reordered.splice(index, 1);
  reordered.splice(to, 0, item);
  // Focus stays on the button that was pressed, unless the item reached the end where it is disabled.
  const direction = to === 0 ? 'down' : to === items.length - 1 ? 'up' : delta === -1 ? 'up' : 'down';
  return {
    form: withItems(form, list, reordered),
    focus: `${idOf(`${info.path}.${to}`)}-${direction}`,
    announcement: `${capitalized(info.name(index))} moved ${delta === -1 ? 'up' : 'down'} to position ${to + 1}.`,
  };
}
