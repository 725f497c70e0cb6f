/**
 * The assignment editor's form values and their way to and from the
 * AssignmentDraft the API speaks. Form values are kept as typed (numbers as
 * text), and every item has a stable `key` for React and for errors.
 *
 * No assignment rule is defined here: domain/assignment.ts decides what is
 * valid (the server runs it on save). `toDraft` only refuses what JSON cannot
 * carry to those checks, a number field without a number, in the domain's words.
 */
import { NOT_A_NUMBER_MESSAGES, paragraphsOf, type AssignmentDraft } from '../../../../domain/assignment';
import { criterionMaxPoints } from '../../../../domain/rubric';
import type { Unit } from '../../../../domain/unit';
import { levelKey, type FieldErrorMap } from './field-paths';

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
  anonymousGrading: boolean;
}

/** The form fields that hold one value (not a list). */
export type ScalarField = {
  [K in keyof EditorState]: EditorState[K] extends string | boolean ? K : never;
}[keyof EditorState];

export type KeyKind = 'q' | 'c' | 'l';
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
  };
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
      },
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
