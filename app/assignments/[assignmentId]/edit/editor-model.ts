/**
 * The assignment editor's form state and its plumbing: to and from the
 * AssignmentDraft the API speaks, the ids of inputs (derived from the field
 * path the server names in its errors, such as
 * `rubric.criteria.1.levels.0.points` → `f-rubric-criteria-1-levels-0-points`),
 * and the labels the error summary uses.
 *
 * Server errors are keyed by the position of an item at the time of saving.
 * They are kept here by the item's own key instead, so an error stays with its
 * question, criterion or level when the author reorders the lists.
 */
import type { AssignmentDraft } from '../../../../domain/assignment';
import type { Unit } from '../../../../domain/unit';

export interface QuestionState {
  /** Stable React key; also the id sent for a new question, so criteria can refer to it. */
  key: string;
  id: string;
  prompt: string;
  context: string;
}

export interface LevelState {
  key: string;
  id: string;
  label: string;
  descriptor: string;
  /** As typed; checked to be a number before saving. */
  points: string;
}

export interface CriterionState {
  key: string;
  id: string;
  title: string;
  description: string;
  /** The id of the guiding question it assesses, or '' for the whole essay. */
  assesses: string;
  levels: LevelState[];
}

export interface EditorState {
  title: string;
  subtitle: string;
  introduction: string;
  instructions: string;
  questions: QuestionState[];
  rubricTitle: string;
  criteria: CriterionState[];
  minWords: string;
  maxWords: string;
  /** A UTC ISO date-time, or '' for none. */
  dueAt: string;
  cutoffAt: string;
  allowResubmission: boolean;
}

let sequence = 0;

/** A temporary id for a new item; the server replaces it with a permanent one when saving. */
export function newKey(kind: 'q' | 'c' | 'l'): string {
  sequence += 1;
  return `new-${kind}-${sequence}-${Math.random().toString(36).slice(2, 8)}`;
}

export function fromDraft(draft: AssignmentDraft): EditorState {
  return {
    title: draft.title,
    subtitle: draft.subtitle,
    introduction: draft.introduction,
    instructions: draft.instructions,
    questions: draft.guidingQuestions.map((q) => {
      const id = q.id ?? newKey('q');
      return { key: id, id, prompt: q.prompt, context: q.context };
    }),
    rubricTitle: draft.rubric.title,
    criteria: draft.rubric.criteria.map((c) => {
      const id = c.id ?? newKey('c');
      return {
        key: id,
        id,
        title: c.title,
        description: c.description,
        assesses: c.guidingQuestionId ?? '',
        levels: c.levels.map((l) => {
          const levelId = l.id ?? newKey('l');
          return { key: levelId, id: levelId, label: l.label, descriptor: l.descriptor, points: String(l.points) };
        }),
      };
    }),
    minWords: String(draft.rules.minWords),
    maxWords: String(draft.rules.maxWords),
    dueAt: draft.rules.dueAt ?? '',
    cutoffAt: draft.rules.cutoffAt ?? '',
    allowResubmission: draft.rules.allowResubmission,
  };
}

/** Errors keyed by a stable field key (see `stableKeyOf`). */
export type FieldErrorMap = Record<string, string>;

function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/**
 * The draft to send, or the number fields that are not numbers (which JSON
 * cannot carry to the server's own checks), with the server's wording.
 */
export function toDraft(state: EditorState): { ok: true; draft: AssignmentDraft } | { ok: false; errors: FieldErrorMap } {
  const errors: FieldErrorMap = {};
  const criteria = state.criteria.map((criterion) => ({
    id: criterion.id,
    title: criterion.title,
    description: criterion.description,
    guidingQuestionId: criterion.assesses === '' ? null : criterion.assesses,
    levels: criterion.levels.map((level) => {
      const points = parseNumber(level.points);
      if (points === null) errors[levelKey(criterion.key, level.key, 'points')] = 'Enter the points as a number from 0 to 1,000.';
      return { id: level.id, label: level.label, descriptor: level.descriptor, points: points ?? 0 };
    }),
  }));
  const minWords = parseNumber(state.minWords);
  if (minWords === null) errors['rules.minWords'] = 'Enter the minimum as a whole number of words, 0 or more.';
  const maxWords = parseNumber(state.maxWords);
  if (maxWords === null) errors['rules.maxWords'] = 'Enter the maximum as a whole number of words, 1 or more.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    draft: {
      title: state.title,
      subtitle: state.subtitle,
      introduction: state.introduction,
      instructions: state.instructions,
      guidingQuestions: state.questions.map(({ id, prompt, context }) => ({ id, prompt, context })),
      rubric: { title: state.rubricTitle, criteria },
      rules: {
        minWords: minWords ?? 0,
        maxWords: maxWords ?? 0,
        dueAt: state.dueAt === '' ? null : state.dueAt,
        cutoffAt: state.cutoffAt === '' ? null : state.cutoffAt,
        allowResubmission: state.allowResubmission,
      },
    },
  };
}

// ---- field keys, paths and ids ---------------------------------------------------------------

export function questionKey(key: string, field: string): string {
  return `q/${key}/${field}`;
}

export function criterionKey(key: string, field: string): string {
  return `c/${key}/${field}`;
}

export function levelKey(criterion: string, level: string, field: string): string {
  return `c/${criterion}/l/${level}/${field}`;
}

/** `guidingQuestions.2.prompt` → `f-guidingQuestions-2-prompt`. */
export function idOf(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}

/**
 * The stable key for a server error path, measured against the state that was sent.
 * Paths that name no item (`title`, `rules.dueAt`, `rubric.criteria`) are their own key.
 */
export function stableKeyOf(path: string, sent: EditorState): string {
  const level = /^rubric\.criteria\.(\d+)\.levels\.(\d+)(?:\.(\w+))?$/.exec(path);
  if (level) {
    const criterion = sent.criteria[Number(level[1])];
    const item = criterion?.levels[Number(level[2])];
    if (criterion && item) return levelKey(criterion.key, item.key, level[3] ?? 'label');
    return 'rubric.criteria';
  }
  const criterion = /^rubric\.criteria\.(\d+)(?:\.(\w+))?/.exec(path);
  if (criterion) {
    const item = sent.criteria[Number(criterion[1])];
    return item ? criterionKey(item.key, criterion[2] ?? 'title') : 'rubric.criteria';
  }
  const question = /^guidingQuestions\.(\d+)(?:\.(\w+))?/.exec(path);
  if (question) {
    const item = sent.questions[Number(question[1])];
    return item ? questionKey(item.key, question[2] ?? 'prompt') : 'guidingQuestions';
  }
  return path;
}

export interface FieldInfo {
  /** Stable key, as errors are stored. */
  key: string;
  /** The element's id (from the field's current path). */
  id: string;
  /** What the error summary calls it. */
  label: string;
}

const FIELD_NAMES: Record<string, string> = {
  prompt: 'question',
  context: 'background',
  title: 'title',
  description: 'description',
  guidingQuestionId: 'assesses',
  levels: 'levels',
  label: 'label',
  descriptor: 'descriptor',
  points: 'points',
  id: 'identifier',
};

/** Every field that can carry an error, in page order. */
export function fieldsInOrder(state: EditorState): FieldInfo[] {
  const fields: FieldInfo[] = [
    { key: 'title', id: idOf('title'), label: 'Title' },
    { key: 'subtitle', id: idOf('subtitle'), label: 'Subtitle' },
    { key: 'introduction', id: idOf('introduction'), label: 'Introduction' },
    { key: 'instructions', id: idOf('instructions'), label: 'Instructions' },
    { key: 'guidingQuestions', id: idOf('guidingQuestions'), label: 'Guiding questions' },
  ];
  state.questions.forEach((question, index) => {
    for (const field of ['prompt', 'context', 'id']) {
      fields.push({
        key: questionKey(question.key, field),
        id: idOf(`guidingQuestions.${index}.${field === 'id' ? 'prompt' : field}`),
        label: `Question ${index + 1}: ${FIELD_NAMES[field]}`,
      });
    }
  });
  fields.push(
    { key: 'rubric', id: idOf('rubric'), label: 'Rubric' },
    { key: 'rubric.title', id: idOf('rubric.title'), label: 'Rubric title' },
    { key: 'rubric.criteria', id: idOf('rubric.criteria'), label: 'Criteria' },
  );
  state.criteria.forEach((criterion, index) => {
    const path = `rubric.criteria.${index}`;
    for (const field of ['title', 'description', 'guidingQuestionId', 'id', 'levels']) {
      fields.push({
        key: criterionKey(criterion.key, field),
        id: idOf(`${path}.${field === 'id' ? 'title' : field}`),
        label: `Criterion ${index + 1}: ${FIELD_NAMES[field]}`,
      });
    }
    criterion.levels.forEach((level, levelIndex) => {
      for (const field of ['label', 'points', 'descriptor', 'id']) {
        fields.push({
          key: levelKey(criterion.key, level.key, field),
          id: idOf(`${path}.levels.${levelIndex}.${field === 'id' ? 'label' : field}`),
          label: `Criterion ${index + 1}, level ${levelIndex + 1}: ${FIELD_NAMES[field]}`,
        });
      }
    });
  });
  fields.push(
    { key: 'rules', id: idOf('rules.minWords'), label: 'Rules' },
    { key: 'rules.minWords', id: idOf('rules.minWords'), label: 'Minimum words' },
    { key: 'rules.maxWords', id: idOf('rules.maxWords'), label: 'Maximum words' },
    { key: 'rules.dueAt', id: idOf('rules.dueAt'), label: 'Due date' },
    { key: 'rules.cutoffAt', id: idOf('rules.cutoffAt'), label: 'Cut-off date' },
    { key: 'rules.allowResubmission', id: idOf('rules.allowResubmission'), label: 'Allow resubmission' },
  );
  return fields;
}

// ---- rubric arithmetic and the preview ------------------------------------------------------

export function criterionHighest(criterion: CriterionState): number {
  let highest = 0;
  for (const level of criterion.levels) {
    const points = parseNumber(level.points);
    if (points !== null && points > highest) highest = points;
  }
  return highest;
}

export function rubricTotal(state: EditorState): number {
  return state.criteria.reduce((sum, criterion) => sum + criterionHighest(criterion), 0);
}

/** What a student would see, built from the form as it is now. */
export function previewUnit(state: EditorState): Unit {
  return {
    id: 'preview',
    title: state.title,
    subtitle: state.subtitle,
    introduction: state.introduction
      .replace(/\r\n?/g, '\n')
      .split(/\n[ \t]*\n/)
      .map((paragraph) => paragraph.trim())
      .filter(Boolean),
    instructions: state.instructions,
    guidingQuestions: state.questions.map((q) => ({ id: q.key, prompt: q.prompt, context: q.context })),
    rules: {
      minWords: parseNumber(state.minWords) ?? 0,
      maxWords: parseNumber(state.maxWords) ?? 0,
      ...(state.dueAt ? { dueAt: state.dueAt } : {}),
      ...(state.cutoffAt ? { cutoffAt: state.cutoffAt } : {}),
      allowResubmission: state.allowResubmission,
    },
  };
}

// ---- dates -------------------------------------------------------------------------------------

const pad = (n: number): string => String(n).padStart(2, '0');

/** A stored UTC ISO value as a `datetime-local` input shows it, in this browser's time zone. */
export function isoToLocalInput(iso: string): string {
  if (iso === '') return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value (local wall time, no offset) as a UTC ISO instant; '' stays ''. */
export function localInputToIso(value: string): string {
  if (value === '') return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
