/**
 * Everything the assignment editor remembers, changed only by the actions
 * below. Pure, so it is unit-tested without a browser; the component turns
 * `focus` and `announcement` into DOM focus and a live-region message.
 *
 * Saving is a sequence of actions: `saveStarted`, then `saveAnswered` with the
 * server's result, then (after a successful save) `reloaded` with the draft
 * as stored, and `saveEnded`. `reloaded` only replaces the form when nothing
 * was edited since the draft was sent, so edits made meanwhile stay unsaved.
 */
import type { UnitKnowledge } from '../../../../domain/assistant/knowledge';
import { fromDraft, knowledgeStateOf, type FactState, type LookForState, type CriterionState, type EditorState, type LevelState, type NewKey, type QuestionState, type ScalarField } from './editor-state';
import { keyErrorsOf, type FieldErrorMap } from './field-paths';
import { addItem, moveItem, removeItem, type ListChange, type ListRef } from './list-changes';
import type { LoadedAssignment, SaveResult } from './save-assignment';

export type Outcome = { kind: 'ok' | 'warn' | 'danger'; lines: string[] } | null;

export interface EditorStore {
  form: EditorState;
  /** The form as last saved, as JSON: the form has unsaved changes when it differs. */
  baseline: string;
  errors: FieldErrorMap;
  /** Criteria whose guiding question was removed, so they fell back to the whole essay. */
  unlinked: Record<string, true>;
  outcome: Outcome;
  saving: boolean;
  mode: 'edit' | 'preview';
  rubricVersion: number;
  hasGrades: boolean;
  /** The element to focus after the next render; a new object for every request. */
  focus: { id: string } | null;
  /** A message for screen readers; a new object every time, so a repeated message is read again. */
  announcement: { text: string } | null;
}

type Editable<T> = Partial<Omit<T, 'key' | 'id' | 'levels'>>;

export type EditorAction =
  | { [K in ScalarField]: { type: 'set'; field: K; value: EditorState[K] } }[ScalarField]
  | { type: 'setQuestion'; key: string; change: Editable<QuestionState> }
  | { type: 'setCriterion'; key: string; change: Editable<CriterionState> }
  | { type: 'setLevel'; criterion: string; key: string; change: Editable<LevelState> }
  | { type: 'setLookFor'; criterion: string; key: string; change: Editable<LookForState> }
  | { type: 'setFact'; key: string; change: Partial<Omit<FactState, 'key' | 'id' | 'extra'>> }
  /** Replaces the look-fors and facts with the built-in unit's. */
  | { type: 'resetKnowledge'; knowledge: UnitKnowledge }
  | { type: 'add'; list: ListRef; newKey: NewKey }
  | { type: 'remove'; list: ListRef; index: number }
  | { type: 'move'; list: ListRef; index: number; delta: -1 | 1 }
  | { type: 'toggleMode' }
  | { type: 'goToField'; id: string }
  /** Found before sending: number fields without a number. */
  | { type: 'invalid'; errors: FieldErrorMap }
  | { type: 'saveStarted' }
  | { type: 'saveAnswered'; sent: EditorState; result: SaveResult }
  | { type: 'reloaded'; sent: EditorState; fresh: LoadedAssignment }
  | { type: 'saveEnded' };

export function initialStore(loaded: LoadedAssignment): EditorStore {
  const form = fromDraft(loaded.draft);
  return {
    form,
    baseline: JSON.stringify(form),
    errors: {},
    unlinked: {},
    outcome: null,
    saving: false,
    mode: 'edit',
    rubricVersion: loaded.rubricVersion,
    hasGrades: loaded.hasGrades,
    focus: null,
    announcement: null,
  };
}

export function isDirty(store: EditorStore): boolean {
  return JSON.stringify(store.form) !== store.baseline;
}

function applyListChange(store: EditorStore, change: ListChange | null): EditorStore {
  if (!change) return store;
  const unlinked = change.unlinked?.length
    ? { ...store.unlinked, ...Object.fromEntries(change.unlinked.map((key) => [key, true as const])) }
    : store.unlinked;
  return { ...store, form: change.form, unlinked, focus: { id: change.focus }, announcement: { text: change.announcement } };
}

function withErrors(store: EditorStore, errors: FieldErrorMap): EditorStore {
  return { ...store, errors, mode: 'edit', focus: { id: 'error-summary' } };
}

function savedOutcome(result: Extract<SaveResult, { kind: 'saved' }>, version: number): Outcome {
  const lines = ['Saved.'];
  if (result.newRubricVersion) {
    lines.push(`Grading had begun, so this is rubric version ${version}; earlier grades keep their version.`);
  }
  const { gradebook } = result;
  if ((gradebook?.status === 'updated' || gradebook?.status === 'failed') && gradebook.message) lines.push(gradebook.message);
  return { kind: gradebook?.status === 'failed' ? 'warn' : 'ok', lines };
}

function answered(store: EditorStore, sent: EditorState, result: SaveResult): EditorStore {
  switch (result.kind) {
    case 'offline':
      return {
        ...store,
        outcome: {
          kind: 'danger',
          lines: ['You seem to be offline. Nothing was saved; your changes are still here. Try again when the connection is back.'],
        },
      };
    case 'invalid':
      return withErrors(store, keyErrorsOf(result.fieldErrors, sent));
    case 'failed':
      return { ...store, outcome: { kind: 'danger', lines: [`Not saved: ${result.message}`] } };
    case 'saved': {
      const rubricVersion = result.rubricVersion ?? store.rubricVersion;
      return {
        ...store,
        baseline: JSON.stringify(sent),
        errors: {},
        unlinked: {},
        outcome: savedOutcome(result, rubricVersion),
        rubricVersion,
      };
    }
  }
}

export function editorReducer(store: EditorStore, action: EditorAction): EditorStore {
  const { form } = store;
  switch (action.type) {
    case 'set':
      return { ...store, form: { ...form, [action.field]: action.value } };
    case 'setQuestion':
      return {
        ...store,
        form: { ...form, questions: form.questions.map((q) => (q.key === action.key ? { ...q, ...action.change } : q)) },
      };
    case 'setCriterion':
      return {
        ...store,
        form: { ...form, criteria: form.criteria.map((c) => (c.key === action.key ? { ...c, ...action.change } : c)) },
      };
    case 'setLevel':
      return {
        ...store,
        form: {
          ...form,
          criteria: form.criteria.map((c) =>
            c.key === action.criterion
              ? { ...c, levels: c.levels.map((l) => (l.key === action.key ? { ...l, ...action.change } : l)) }
              : c,
          ),
        },
      };
    case 'setLookFor': {
      const lookFors = form.knowledge.lookFors[action.criterion] ?? [];
      const changed = lookFors.map((l) => (l.key === action.key ? { ...l, ...action.change } : l));
      return { ...store, form: { ...form, knowledge: { ...form.knowledge, lookFors: { ...form.knowledge.lookFors, [action.criterion]: changed } } } };
    }
    case 'setFact':
      return {
        ...store,
        form: { ...form, knowledge: { ...form.knowledge, facts: form.knowledge.facts.map((f) => (f.key === action.key ? { ...f, ...action.change } : f)) } },
      };
    case 'resetKnowledge':
      return {
        ...store,
        form: { ...form, knowledge: knowledgeStateOf(action.knowledge) },
        focus: { id: 'reset-knowledge' },
        announcement: { text: 'The look-fors and fact sheet are the built-in unit’s again. Save to keep this.' },
      };
    case 'add':
      return applyListChange(store, addItem(form, action.list, action.newKey));
    case 'remove':
      return applyListChange(store, removeItem(form, action.list, action.index));
    case 'move':
      return applyListChange(store, moveItem(form, action.list, action.index, action.delta));
    case 'toggleMode':
      return store.mode === 'edit'
        ? { ...store, mode: 'preview', focus: { id: 'preview-heading' } }
        : { ...store, mode: 'edit' };
    case 'goToField':
      return { ...store, mode: 'edit', focus: { id: action.id } };
    case 'invalid':
      return withErrors({ ...store, outcome: null }, action.errors);
    case 'saveStarted':
      return { ...store, outcome: null, saving: true };
    case 'saveAnswered':
      return answered(store, action.sent, action.result);
    case 'reloaded': {
      if (store.form !== action.sent) return store;
      const next = fromDraft(action.fresh.draft);
      return {
        ...store,
        form: next,
        baseline: JSON.stringify(next),
        rubricVersion: action.fresh.rubricVersion,
        hasGrades: action.fresh.hasGrades,
      };
    }
    case 'saveEnded':
      return { ...store, saving: false };
  }
}
