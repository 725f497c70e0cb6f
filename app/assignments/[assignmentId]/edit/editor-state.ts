/**
 * The assignment editor's form values and their way to and from the
 * AssignmentDraft the API speaks. Form values are kept as typed (numbers as
 * text), and every item has a stable `key` for React and for errors.
 *
 * No assignment rule is defined here: domain/assignment.ts decides what is
 * valid (the server runs it on save). `toDraft` only refuses what JSON cannot
 * carry to those checks, a number field without a number, in the domain's words.
 */
import { NOT_A_NUMBER_MESSAGES, paragraphsOf, type AssignmentDraft, type FactDraft, type KnowledgeDraft } from '../../../../domain/assignment';
import type { Fact, UnitKnowledge } from '../../../../domain/assistant/knowledge';
import { criterionMaxPoints } from '../../../../domain/rubric';
import type { Unit } from '../../../../domain/unit';
import { factKey, levelKey, type FieldErrorMap } from './field-paths';

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

export interface LookForState {
  key: string;
  id: string;
  label: string;
  /** Comma-separated, as typed. */
  aliases: string;
  part: string;
}

export type FactKind = Fact['kind'];

/**
 * One fact of the sheet, with a field for everything any kind needs, so switching the kind keeps
 * what was typed. Lists are comma-separated; `wrongLines` holds one wrong name per line
 * ("Mensheviks, Menshevik: the Whites were Mensheviks").
 */
export interface FactState {
  key: string;
  id: string;
  kind: FactKind;
  fact: string;
  subject: string;
  action: string;
  years: string;
  deed: string;
  verbs: string;
  /** Identity: "names: what it says"; actor: "names: who". One per line. */
  wrongLines: string;
  /** Misnomer: the wrong names. */
  wrongNames: string;
  says: string;
  /** Settings the form does not show (`unless`, `links`, `near`), kept as they were. */
  extra: Record<string, unknown>;
}

export interface KnowledgeState {
  /** By the id of the criterion (as in the form) whose question they belong to. */
  lookFors: Record<string, LookForState[]>;
  facts: FactState[];
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
  anonymousGrading: boolean;
  coverageWhileWriting: boolean;
  knowledge: KnowledgeState;
}

/** The form fields that hold one value (not a list). */
export type ScalarField = {
  [K in keyof EditorState]: EditorState[K] extends string | boolean ? K : never;
}[keyof EditorState];

export type KeyKind = 'q' | 'c' | 'l' | 'lf' | 'f';
export type NewKey = (kind: KeyKind) => string;

let sequence = 0;

/** A temporary id for a new item; the server replaces it with a permanent one when saving. */
export function newKey(kind: KeyKind): string {
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
    anonymousGrading: draft.rules.anonymousGrading ?? false,
    coverageWhileWriting: draft.rules.coverageWhileWriting === true,
    knowledge: knowledgeStateOf(draft.knowledge ?? { questions: [], facts: [] }),
  };
}

const joined = (list: readonly string[] | undefined): string => (list ?? []).join(', ');

export function emptyFact(key: string): FactState {
  return { key, id: key, kind: 'date', fact: '', subject: '', action: '', years: '', deed: '', verbs: '', wrongLines: '', wrongNames: '', says: '', extra: {} };
}

/** The form's knowledge from a draft's (or the built-in unit's, for a reset). */
export function knowledgeStateOf(knowledge: KnowledgeDraft | UnitKnowledge): KnowledgeState {
  const lookFors: Record<string, LookForState[]> = {};
  for (const question of knowledge.questions) {
    lookFors[question.criterionId] = question.lookFors.map((lookFor) => {
      const id = lookFor.id ?? newKey('lf');
      return { key: id, id, label: lookFor.label, aliases: joined(lookFor.aliases), part: lookFor.part ?? '' };
    });
  }
  const facts = knowledge.facts.map((fact): FactState => {
    const id = fact.id ?? newKey('f');
    const state = { ...emptyFact(id), kind: fact.kind, fact: fact.fact };
    switch (fact.kind) {
      case 'date': {
        const { unless } = fact;
        return { ...state, subject: joined(fact.subject), action: joined(fact.action), years: fact.years.join(', '), extra: unless ? { unless } : {} };
      }
      case 'identity': {
        const { links, near, unless } = fact;
        const extra = { ...(links ? { links } : {}), ...(near ? { near } : {}), ...(unless ? { unless } : {}) };
        return { ...state, subject: joined(fact.subject), wrongLines: fact.wrong.map((w) => `${joined(w.aliases)}: ${w.says}`).join('\n'), extra };
      }
      case 'actor':
        return { ...state, deed: joined(fact.deed), verbs: joined(fact.verbs), wrongLines: fact.wrongActors.map((w) => `${joined(w.aliases)}: ${w.name}`).join('\n') };
      case 'misnomer':
        return { ...state, wrongNames: joined(fact.wrong), says: fact.says };
    }
  });
  return { lookFors, facts };
}

/** The criteria whose look-fors the form shows and sends: those that assess a guiding question. */
export function questionCriteria(state: EditorState): CriterionState[] {
  return state.criteria.filter((criterion) => criterion.assesses !== '');
}

function commaList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** "names: text" lines; an actor without a colon is named by its first name. */
function wrongEntries(text: string, kind: 'identity' | 'actor'): { aliases: string[]; text: string }[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const colon = line.indexOf(':');
      const aliases = commaList(colon === -1 ? line : line.slice(0, colon));
      const rest = colon === -1 ? '' : line.slice(colon + 1).trim();
      return { aliases, text: rest === '' && kind === 'actor' ? (aliases[0] ?? '') : rest };
    });
}

function factDraftOf(fact: FactState, years: number[]): FactDraft {
  const base = { id: fact.id, fact: fact.fact };
  switch (fact.kind) {
    case 'date':
      return { kind: 'date', ...base, subject: commaList(fact.subject), ...(fact.action.trim() ? { action: commaList(fact.action) } : {}), years, ...fact.extra };
    case 'identity':
      return { kind: 'identity', ...base, subject: commaList(fact.subject), wrong: wrongEntries(fact.wrongLines, 'identity').map((w) => ({ aliases: w.aliases, says: w.text })), ...fact.extra };
    case 'actor':
      return { kind: 'actor', ...base, deed: commaList(fact.deed), verbs: commaList(fact.verbs), wrongActors: wrongEntries(fact.wrongLines, 'actor').map((w) => ({ aliases: w.aliases, name: w.text })) };
    case 'misnomer':
      return { kind: 'misnomer', ...base, wrong: commaList(fact.wrongNames), says: fact.says };
  }
}

/** Years as typed ("1917, 1918"), or null when one is not a whole number. */
function parseYears(text: string): number[] | null {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const years = parts.map(Number);
  return years.every(Number.isInteger) ? years : null;
}

function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** The draft to send, or the number fields that are not numbers. */
export function toDraft(state: EditorState): { ok: true; draft: AssignmentDraft } | { ok: false; errors: FieldErrorMap } {
  const errors: FieldErrorMap = {};
  const criteria = state.criteria.map((criterion) => ({
    id: criterion.id,
    title: criterion.title,
    description: criterion.description,
    guidingQuestionId: criterion.assesses === '' ? null : criterion.assesses,
    levels: criterion.levels.map((level) => {
      const points = parseNumber(level.points);
      if (points === null) errors[levelKey(criterion.key, level.key, 'points')] = NOT_A_NUMBER_MESSAGES.points;
      return { id: level.id, label: level.label, descriptor: level.descriptor, points: points ?? 0 };
    }),
  }));
  const minWords = parseNumber(state.minWords);
  if (minWords === null) errors['rules.minWords'] = NOT_A_NUMBER_MESSAGES.minWords;
  const maxWords = parseNumber(state.maxWords);
  if (maxWords === null) errors['rules.maxWords'] = NOT_A_NUMBER_MESSAGES.maxWords;
  const facts = state.knowledge.facts.map((fact) => {
    const years = fact.kind === 'date' ? parseYears(fact.years) : [];
    if (years === null) errors[factKey(fact.key, 'years')] = NOT_A_NUMBER_MESSAGES.years;
    return factDraftOf(fact, years ?? []);
  });
  const knowledge: KnowledgeDraft = {
    questions: questionCriteria(state).map((criterion) => ({
      criterionId: criterion.id,
      lookFors: (state.knowledge.lookFors[criterion.id] ?? []).map((lookFor) => ({
        id: lookFor.id,
        label: lookFor.label,
        aliases: commaList(lookFor.aliases),
        ...(lookFor.part.trim() ? { part: lookFor.part } : {}),
      })),
    })),
    facts,
  };
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
        // Sent only when on, as the server's own draft has it.
        ...(state.anonymousGrading ? { anonymousGrading: true } : {}),
        coverageWhileWriting: state.coverageWhileWriting,
      },
      knowledge,
    },
  };
}

// ---- rubric arithmetic and the preview ------------------------------------------------------

/** The criterion's highest points, counting only levels whose points are numbers so far. */
export function criterionHighest(criterion: CriterionState): number {
  return criterionMaxPoints({ levels: criterion.levels.map((level) => ({ points: parseNumber(level.points) ?? 0 })) });
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
    introduction: paragraphsOf(state.introduction),
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
