/**
 * Naming the editor's fields. The server names a field to fix by its path in
 * the draft (`rubric.criteria.1.levels.0.points`); an input's id is derived
 * from the path (`f-rubric-criteria-1-levels-0-points`); the error summary
 * gives each field a label.
 *
 * Server errors are keyed by the position of an item at the time of saving.
 * They are kept by the item's own key instead, so an error stays with its
 * question, criterion or level when the author reorders the lists.
 */
import { questionCriteria, type EditorState } from './editor-state';

/** Errors keyed by a stable field key (see `stableKeyOf`). */
export type FieldErrorMap = Record<string, string>;

export function questionKey(key: string, field: string): string {
  return `q/${key}/${field}`;
}

export function criterionKey(key: string, field: string): string {
  return `c/${key}/${field}`;
}

export function levelKey(criterion: string, level: string, field: string): string {
  return `c/${criterion}/l/${level}/${field}`;
}

export function lookForKey(key: string, field: string): string {
  return `k/lf/${key}/${field}`;
}

/** The look-fors of one criterion, as a list. */
export function lookForsKey(criterionId: string): string {
  return `k/q/${criterionId}/lookFors`;
}

export function factKey(key: string, field: string): string {
  return `k/f/${key}/${field}`;
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
  const lookFor = /^knowledge\.questions\.(\d+)\.lookFors(?:\.(\d+)\.(\w+))?$/.exec(path);
  if (lookFor) {
    const criterion = questionCriteria(sent)[Number(lookFor[1])];
    if (!criterion) return 'knowledge';
    const item = lookFor[2] === undefined ? undefined : sent.knowledge.lookFors[criterion.id]?.[Number(lookFor[2])];
    return item ? lookForKey(item.key, lookFor[3] ?? 'label') : lookForsKey(criterion.id);
  }
  const fact = /^knowledge\.facts\.(\d+)\.(\w+)$/.exec(path);
  if (fact) {
    const item = sent.knowledge.facts[Number(fact[1])];
    return item ? factKey(item.key, fact[2]!) : 'knowledge.facts';
  }
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

/** Server errors (by path) as the editor keeps them (by stable key); the first for a field wins. */
export function keyErrorsOf(fieldErrors: Record<string, string>, sent: EditorState): FieldErrorMap {
  const mapped: FieldErrorMap = {};
  for (const [path, message] of Object.entries(fieldErrors)) {
    const key = stableKeyOf(path, sent);
    if (!(key in mapped)) mapped[key] = message;
  }
  return mapped;
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
  aliases: 'names in essays',
  part: 'part of the question',
  kind: 'kind',
  fact: 'fact',
  subject: 'about',
  action: 'what happened',
  years: 'years',
  deed: 'what was done',
  verbs: 'verbs',
  wrong: 'wrong names',
  wrongActors: 'wrong actors',
  says: 'what the wrong name says',
};

const FACT_FIELDS = ['kind', 'fact', 'subject', 'action', 'years', 'deed', 'verbs', 'wrong', 'wrongActors', 'says'];
/** The input that shows a fact field's value (identity wrong names and actors share one). */
const FACT_INPUT: Record<string, string> = { wrong: 'wrongLines', wrongActors: 'wrongLines' };

/** The look-fors' and facts' fields; their ids follow the section's order, not the draft's paths. */
function knowledgeFields(state: EditorState): FieldInfo[] {
  const fields: FieldInfo[] = [{ key: 'knowledge', id: 'section-knowledge', label: 'Rubric assistant knowledge' }];
  questionCriteria(state).forEach((criterion, index) => {
    const list = `knowledge.questions.${index}.lookFors`;
    const name = `Criterion “${criterion.title || 'untitled'}”`;
    fields.push({ key: lookForsKey(criterion.id), id: idOf(list), label: `${name}: look-fors` });
    (state.knowledge.lookFors[criterion.id] ?? []).forEach((lookFor, lookForIndex) => {
      for (const field of ['label', 'aliases', 'part']) {
        fields.push({ key: lookForKey(lookFor.key, field), id: idOf(`${list}.${lookForIndex}.${field}`), label: `${name}, look-for ${lookForIndex + 1}: ${FIELD_NAMES[field]}` });
      }
    });
  });
  fields.push({ key: 'knowledge.facts', id: idOf('knowledge.facts'), label: 'Fact sheet' });
  state.knowledge.facts.forEach((fact, index) => {
    for (const field of FACT_FIELDS) {
      const input = fact.kind === 'misnomer' && field === 'wrong' ? 'wrongNames' : (FACT_INPUT[field] ?? field);
      fields.push({ key: factKey(fact.key, field), id: idOf(`knowledge.facts.${index}.${input}`), label: `Fact ${index + 1}: ${FIELD_NAMES[field]}` });
    }
  });
  return fields;
}

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
    ...knowledgeFields(state),
  );
  return fields;
}

export interface SummaryItem extends FieldInfo {
  message: string;
}

/**
 * The error summary's lines in page order. Errors of items removed since are dropped; anything
 * else the page has no field for is listed without a link (`id` '').
 */
export function errorSummaryOf(state: EditorState, errors: FieldErrorMap): SummaryItem[] {
  const fields = fieldsInOrder(state);
  const known = new Set(fields.map((field) => field.key));
  return [
    ...fields.filter((field) => errors[field.key]).map((field) => ({ ...field, message: errors[field.key]! })),
    ...Object.entries(errors)
      .filter(([key]) => !known.has(key) && !key.startsWith('q/') && !key.startsWith('c/') && !key.startsWith('k/'))
      .map(([key, message]) => ({ key, id: '', label: 'Assignment', message })),
  ];
}
