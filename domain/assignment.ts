// Assignment authoring: the plain form data an instructor edits (prompts, rubric and submission
// rules), the checks it must pass before it becomes a Unit and Rubric again, and what an edit
// means for grades already given. Ids are made by the caller's `newId`, so this stays pure.
//
// This is the one place that defines what a valid assignment is, with the message for each field.
// The API's zod schema (app/_lib/assignment-draft-schema.ts) only checks the JSON's shape, and the
// editor only notices number fields without a number, in the words of NOT_A_NUMBER_MESSAGES. The
// rules stay here rather than in a zod schema because every caller of the authoring service needs
// them, not only the API, and domain/ imports nothing.

import type { Fact, LookFor, UnitKnowledge } from './assistant/knowledge';
import { knowledgeOfUnit } from './assistant/unit-knowledge';
import { parseIsoDateTime } from './date-time';
import { validateRubric, type Criterion, type Level, type Rubric, type RubricSelections } from './rubric';
import type { GuidingQuestion, SubmissionRules, Unit } from './unit';

export interface AssignmentContent {
  unit: Unit;
  rubric: Rubric;
}

export interface GuidingQuestionDraft {
  /** Absent for a new question; a client may also send a temporary id so criteria can refer to it. */
  id?: string;
  prompt: string;
  context: string;
}

export interface LevelDraft {
  id?: string;
  label: string;
  descriptor: string;
  points: number;
}

export interface CriterionDraft {
  id?: string;
  title: string;
  description: string;
  /** The id of a question in the same draft; null or absent when the criterion assesses the whole essay. */
  guidingQuestionId?: string | null;
  /** In any order; they are stored highest points first. */
  levels: LevelDraft[];
}

export interface SubmissionRulesDraft {
  minWords: number;
  maxWords: number;
  /** ISO 8601 date-time with an offset; null, absent or empty for none. */
  dueAt?: string | null;
  /** ISO 8601 date-time with an offset; null, absent or empty for none. */
  cutoffAt?: string | null;
  allowResubmission: boolean;
  /** Names hidden from instructors until revealed; absent means off. */
  anonymousGrading?: boolean;
  /** Whether students may check, while writing, which questions their essay covers. Absent means no. */
  coverageWhileWriting?: boolean;
}

/** A look-for as the editor sends it: a new one has no id yet. */
export type LookForDraft = Omit<LookFor, 'id' | 'part'> & { id?: string; part?: string | null };

/** A fact as the editor sends it: the stored shape, a new one without an id. */
export type FactDraft = Fact extends infer F ? (F extends Fact ? Omit<F, 'id'> & { id?: string } : never) : never;

/** The rubric assistant's look-fors (by the criterion's id in the draft) and fact sheet. */
export interface KnowledgeDraft {
  questions: { criterionId: string; lookFors: LookForDraft[] }[];
  facts: FactDraft[];
}

/** What the assignment editor sends: plain JSON from a form. */
export interface AssignmentDraft {
  title: string;
  subtitle: string;
  /** Markdown; paragraphs separated by blank lines. */
  introduction: string;
  /** Markdown. */
  instructions: string;
  guidingQuestions: GuidingQuestionDraft[];
  rubric: { title: string; criteria: CriterionDraft[] };
  rules: SubmissionRulesDraft;
  /**
   * The assistant's knowledge as edited. Absent: the assignment keeps what it has. The same as the
   * knowledge the unit would fall back to (the built-in unit's, or none): nothing is stored.
   */
  knowledge?: KnowledgeDraft;
}

export type AssignmentBuildResult =
  | { ok: true; content: AssignmentContent }
  | {
      ok: false;
      /** Keyed by field path, such as `title` or `rubric.criteria.1.levels.0.points`, using the draft's order. */
      fieldErrors: Record<string, string>;
    };

/** Limits the editor can also use for maxLength and min/max attributes. */
export const ASSIGNMENT_LIMITS = {
  titleChars: 200,
  markdownChars: 20_000,
  minGuidingQuestions: 1,
  maxGuidingQuestions: 12,
  promptChars: 500,
  contextChars: 2_000,
  minCriteria: 1,
  maxCriteria: 20,
  minLevels: 2,
  maxLevels: 6,
  labelChars: 100,
  descriptionChars: 2_000,
  maxLevelPoints: 1_000,
  maxWords: 20_000,
  maxLookFors: 40,
  maxFacts: 200,
  /** Aliases of one name, wrong names of one fact, years of one date. */
  maxAliases: 20,
  knowledgeChars: 200,
  minYear: 1000,
  maxYear: 2100,
} as const;

const L = ASSIGNMENT_LIMITS;
const countFormat = new Intl.NumberFormat('en-US');
const format = (count: number): string => countFormat.format(count);

/**
 * What an author is told when a number field holds no number. The editor has to notice that
 * itself (JSON cannot carry half-typed text to the checks below), so it shows these same words;
 * the rules stay here.
 */
export const NOT_A_NUMBER_MESSAGES = {
  points: `Enter the points as a number from 0 to ${format(L.maxLevelPoints)}.`,
  minWords: 'Enter the minimum as a whole number of words, 0 or more.',
  maxWords: 'Enter the maximum as a whole number of words, 1 or more.',
  years: `Give each year as a number from ${L.minYear} to ${L.maxYear}.`,
} as const;

/** Markdown text as the unit stores its introduction: one string per paragraph, blank lines between. */
export function paragraphsOf(markdown: string): string[] {
  return markdown
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

/** The editor's starting point for existing content. */
export function toAssignmentDraft(content: AssignmentContent): AssignmentDraft {
  const { unit, rubric } = content;
  return {
    title: unit.title,
    subtitle: unit.subtitle,
    introduction: unit.introduction.join('\n\n'),
    instructions: unit.instructions,
    guidingQuestions: unit.guidingQuestions.map(({ id, prompt, context }) => ({ id, prompt, context })),
    rubric: {
      title: rubric.title,
      criteria: rubric.criteria.map((criterion) => ({
        id: criterion.id,
        title: criterion.title,
        description: criterion.description,
        guidingQuestionId: criterion.guidingQuestionId ?? null,
        levels: criterion.levels.map(({ id, label, descriptor, points }) => ({ id, label, descriptor, points })),
      })),
    },
    rules: {
      minWords: unit.rules.minWords,
      maxWords: unit.rules.maxWords,
      dueAt: unit.rules.dueAt ?? null,
      cutoffAt: unit.rules.cutoffAt ?? null,
      allowResubmission: unit.rules.allowResubmission ?? false,
      // Only when on: absent means off.
      ...(unit.rules.anonymousGrading === true ? { anonymousGrading: true } : {}),
      coverageWhileWriting: unit.rules.coverageWhileWriting ?? false,
    },
    knowledge: knowledgeOfUnit(unit),
  };
}

/**
 * Turns an edited draft back into content, or explains what to fix. Text is trimmed (single-line
 * fields also have their whitespace collapsed). An item keeps its id when `base` has an item of
 * that kind with that id (a level only within the same criterion) and no earlier item of the
 * draft claimed it; every other item gets a fresh `gq-`, `c-` or `l-` id from `newId`, never one
 * `base` used. Criteria may name a question by its kept id or by whatever id the draft gave a new
 * one. Levels are stored highest points first. Dates are stored as UTC ISO strings. An empty
 * rubric title becomes "<assignment title>: essay rubric". `unit.id` and `rubric.id` stay those
 * of `base`.
 * @throws {Error} when `newId` keeps producing ids that are already in use, which is a bug.
 */
export function buildAssignmentContent(
  draft: AssignmentDraft,
  base: AssignmentContent,
  newId: () => string,
): AssignmentBuildResult {
  const errors = new FieldErrors();
  const ids = new IdAllocator(base, draft, newId);

  const title = singleLine(draft.title);
  if (title === '') errors.add('title', 'Give the assignment a title.');
  errors.checkLength('title', title, L.titleChars);
  const subtitle = singleLine(draft.subtitle);
  errors.checkLength('subtitle', subtitle, L.titleChars);
  const introduction = multiLine(draft.introduction);
  errors.checkLength('introduction', introduction, L.markdownChars);
  const instructions = multiLine(draft.instructions);
  errors.checkLength('instructions', instructions, L.markdownChars);

  const { guidingQuestions, questionIdFor } = buildGuidingQuestions(listOf(draft.guidingQuestions), base, ids, errors);
  const rubric = buildRubric(recordOf(draft.rubric), title, base, ids, questionIdFor, errors);
  const rules = buildRules(recordOf(draft.rules), errors);
  const knowledge = draft.knowledge === undefined ? base.unit.knowledge : buildKnowledge(draft.knowledge, listOf(recordOf(draft.rubric).criteria), base, rubric, errors, newId);

  if (errors.isEmpty()) {
    // A backstop: the checks above should already have caught anything this finds.
    const problems = validateRubric(rubric);
    if (problems.length > 0) errors.add('rubric', `The rubric cannot be saved: ${problems.join(' ')}`);
  }
  if (!errors.isEmpty()) return { ok: false, fieldErrors: errors.toRecord() };

  const { knowledge: _previous, ...baseUnit } = base.unit;
  const unit: Unit = {
    ...baseUnit,
    title,
    subtitle,
    introduction: paragraphsOf(introduction),
    instructions,
    guidingQuestions,
    rules,
    ...(knowledge === undefined ? {} : { knowledge }),
  };
  return { ok: true, content: { unit, rubric } };
}

function buildGuidingQuestions(
  drafts: Partial<GuidingQuestionDraft>[],
  base: AssignmentContent,
  ids: IdAllocator,
  errors: FieldErrors,
): { guidingQuestions: GuidingQuestion[]; questionIdFor: Map<string, string> } {
  if (drafts.length < L.minGuidingQuestions) {
    errors.add('guidingQuestions', 'Add at least one guiding question.');
  } else if (drafts.length > L.maxGuidingQuestions) {
    errors.add('guidingQuestions', `An assignment can have at most ${L.maxGuidingQuestions} guiding questions.`);
  }

  const baseIds = new Set(base.unit.guidingQuestions.map((question) => question.id));
  const questionIdFor = new Map<string, string>();
  const guidingQuestions = drafts.map((draft, index) => {
    const field = `guidingQuestions.${index}`;
    const prompt = singleLine(draft.prompt);
    if (prompt === '') errors.add(`${field}.prompt`, 'Write the question students should answer.');
    errors.checkLength(`${field}.prompt`, prompt, L.promptChars);
    const context = multiLine(draft.context);
    errors.checkLength(`${field}.context`, context, L.contextChars);

    const draftId = singleLine(draft.id);
    const id = ids.keepOrCreate('gq-', draftId, baseIds.has(draftId));
    if (draftId !== '' && !questionIdFor.has(draftId)) questionIdFor.set(draftId, id);
    return { id, prompt, context };
  });
  return { guidingQuestions, questionIdFor };
}

function buildRubric(
  draft: Partial<AssignmentDraft['rubric']>,
  assignmentTitle: string,
  base: AssignmentContent,
  ids: IdAllocator,
  questionIdFor: ReadonlyMap<string, string>,
  errors: FieldErrors,
): Rubric {
  const title = singleLine(draft.title);
  errors.checkLength('rubric.title', title, L.titleChars);

  const criteriaDrafts = listOf(draft.criteria);
  if (criteriaDrafts.length < L.minCriteria) {
    errors.add('rubric.criteria', 'Add at least one criterion to the rubric.');
  } else if (criteriaDrafts.length > L.maxCriteria) {
    errors.add('rubric.criteria', `A rubric can have at most ${L.maxCriteria} criteria.`);
  }

  const baseLevelIdsByCriterion = new Map(
    base.rubric.criteria.map((criterion) => [criterion.id, new Set(criterion.levels.map((level) => level.id))]),
  );
  const criteria = criteriaDrafts.map((criterionDraft, index): Criterion => {
    const field = `rubric.criteria.${index}`;
    const criterionTitle = singleLine(criterionDraft.title);
    if (criterionTitle === '') errors.add(`${field}.title`, 'Give this criterion a title.');
    errors.checkLength(`${field}.title`, criterionTitle, L.titleChars);
    const description = multiLine(criterionDraft.description);
    errors.checkLength(`${field}.description`, description, L.descriptionChars);

    const draftId = singleLine(criterionDraft.id);
    const id = ids.keepOrCreate('c-', draftId, baseLevelIdsByCriterion.has(draftId));
    const levelIdsOfBase = baseLevelIdsByCriterion.get(id) ?? new Set<string>();
    const levels = buildLevels(listOf(criterionDraft.levels), field, levelIdsOfBase, ids, errors);

    const questionRef = singleLine(criterionDraft.guidingQuestionId);
    const guidingQuestionId = questionRef === '' ? undefined : questionIdFor.get(questionRef);
    if (questionRef !== '' && guidingQuestionId === undefined) {
      errors.add(
        `${field}.guidingQuestionId`,
        'This criterion is linked to a guiding question that is no longer in the assignment. ' +
          'Link it to another question or remove the link.',
      );
    }
    return {
      id,
      title: criterionTitle,
      description,
      ...(guidingQuestionId === undefined ? {} : { guidingQuestionId }),
      levels,
    };
  });

  return {
    ...base.rubric,
    title: title === '' ? `${assignmentTitle}: essay rubric` : title,
    criteria,
  };
}

function buildLevels(
  drafts: Partial<LevelDraft>[],
  criterionField: string,
  baseLevelIds: ReadonlySet<string>,
  ids: IdAllocator,
  errors: FieldErrors,
): Level[] {
  const field = `${criterionField}.levels`;
  if (drafts.length < L.minLevels) {
    errors.add(field, `Give this criterion at least ${L.minLevels} levels.`);
  } else if (drafts.length > L.maxLevels) {
    errors.add(field, `A criterion can have at most ${L.maxLevels} levels.`);
  }

  const seenPoints = new Set<number>();
  const levels = drafts.map((draft, index): Level => {
    const label = singleLine(draft.label);
    if (label === '') errors.add(`${field}.${index}.label`, 'Give this level a label, such as “Proficient”.');
    errors.checkLength(`${field}.${index}.label`, label, L.labelChars);
    const descriptor = multiLine(draft.descriptor);
    errors.checkLength(`${field}.${index}.descriptor`, descriptor, L.descriptionChars);

    const points = draft.points;
    if (typeof points !== 'number' || !Number.isFinite(points) || points < 0 || points > L.maxLevelPoints) {
      errors.add(`${field}.${index}.points`, NOT_A_NUMBER_MESSAGES.points);
    } else if (seenPoints.has(points)) {
      errors.add(field, 'Each level needs a different number of points.');
    } else {
      seenPoints.add(points);
    }

    const draftId = singleLine(draft.id);
    const id = ids.keepOrCreate('l-', draftId, baseLevelIds.has(draftId));
    return { id, label, descriptor, points: typeof points === 'number' ? points : Number.NaN };
  });
  // Stable, so levels the author gave equal points keep their order while the error is shown.
  return levels.sort((a, b) => b.points - a.points);
}

function buildRules(draft: Partial<SubmissionRulesDraft>, errors: FieldErrors): SubmissionRules {
  const { minWords, maxWords } = draft;
  const minValid = isWholeNumber(minWords) && minWords >= 0 && minWords <= L.maxWords;
  if (!isWholeNumber(minWords) || minWords < 0) {
    errors.add('rules.minWords', NOT_A_NUMBER_MESSAGES.minWords);
  } else if (!minValid) {
    errors.add('rules.minWords', `The minimum can be at most ${format(L.maxWords)} words.`);
  }
  if (!isWholeNumber(maxWords) || maxWords < 1) {
    errors.add('rules.maxWords', NOT_A_NUMBER_MESSAGES.maxWords);
  } else if (maxWords > L.maxWords) {
    errors.add('rules.maxWords', `The maximum can be at most ${format(L.maxWords)} words.`);
  } else if (minValid && maxWords < minWords) {
    errors.add('rules.maxWords', `The maximum cannot be less than the minimum (${format(minWords)} words).`);
  }

  const dueAt = optionalDateTime(draft.dueAt, 'rules.dueAt', errors);
  const cutoffAt = optionalDateTime(draft.cutoffAt, 'rules.cutoffAt', errors);
  if (dueAt !== undefined && cutoffAt !== undefined && cutoffAt < dueAt) {
    errors.add('rules.cutoffAt', 'The cutoff cannot be before the due date.');
  }

  return {
    minWords: typeof minWords === 'number' ? minWords : Number.NaN,
    maxWords: typeof maxWords === 'number' ? maxWords : Number.NaN,
    ...(dueAt === undefined ? {} : { dueAt: dueAt.toISOString() }),
    ...(cutoffAt === undefined ? {} : { cutoffAt: cutoffAt.toISOString() }),
    allowResubmission: draft.allowResubmission === true,
    // Stored only when on; absent is off, as for every other rule (a draft is the whole assignment).
    ...(draft.anonymousGrading === true ? { anonymousGrading: true } : {}),
    // Absent means no, as in SubmissionRules.
    ...(draft.coverageWhileWriting === true ? { coverageWhileWriting: true } : {}),
  };
}

// ---- the rubric assistant's knowledge ---------------------------------------------------------

/**
 * The look-fors and fact sheet to store, or undefined when they are the ones the unit falls back to
 * anyway (so an untouched built-in assignment keeps no copy and follows the built-in knowledge).
 * Look-fors name criteria by their id in the draft; those of a criterion that is not in the rubric,
 * or no longer assesses a guiding question, are dropped, since the editor no longer shows them.
 */
function buildKnowledge(
  draft: KnowledgeDraft,
  criteriaDrafts: Partial<CriterionDraft>[],
  base: AssignmentContent,
  rubric: Rubric,
  errors: FieldErrors,
  newId: () => string,
): UnitKnowledge | undefined {
  const record = recordOf(draft);
  // Ids of the knowledge the assignment has and of what it falls back to (restored by a reset) are kept.
  const fallback = knowledgeOfUnit({ id: base.unit.id });
  const known = [knowledgeOfUnit(base.unit), fallback];
  const lookForIds = new KnowledgeIds(known.flatMap((k) => k.questions.flatMap((q) => q.lookFors.map((lookFor) => lookFor.id))), newId);
  const factIds = new KnowledgeIds(known.flatMap((k) => k.facts.map((fact) => fact.id)), newId);

  // The draft's criterion id → the saved criterion, for criteria that assess a question.
  const questionCriterionFor = new Map<string, string>();
  criteriaDrafts.forEach((criterionDraft, index) => {
    const saved = rubric.criteria[index];
    const draftId = singleLine(criterionDraft.id);
    if (saved?.guidingQuestionId && draftId !== '' && !questionCriterionFor.has(draftId)) questionCriterionFor.set(draftId, saved.id);
  });

  const lookForsByCriterion = new Map<string, LookFor[]>();
  listOf(record.questions).forEach((question, questionIndex) => {
    const criterionId = questionCriterionFor.get(singleLine(question.criterionId));
    const field = `knowledge.questions.${questionIndex}.lookFors`;
    const drafts = listOf(question.lookFors);
    if (drafts.length > L.maxLookFors) {
      errors.add(field, `A question can have at most ${L.maxLookFors} look-fors.`);
      return;
    }
    const lookFors = drafts.map((lookForDraft, index) => buildLookFor(lookForDraft, `${field}.${index}`, errors, lookForIds));
    if (criterionId !== undefined && !lookForsByCriterion.has(criterionId)) lookForsByCriterion.set(criterionId, lookFors);
  });
  const questions = rubric.criteria.flatMap((criterion) => {
    const lookFors = lookForsByCriterion.get(criterion.id);
    return lookFors && lookFors.length > 0 ? [{ criterionId: criterion.id, lookFors }] : [];
  });

  const factDrafts = listOf(record.facts as FactDraft[] | undefined);
  if (factDrafts.length > L.maxFacts) errors.add('knowledge.facts', `The fact sheet can have at most ${L.maxFacts} facts.`);
  const facts = factDrafts.slice(0, L.maxFacts).map((factDraft, index) => buildFact(factDraft, `knowledge.facts.${index}`, errors, factIds));

  const knowledge: UnitKnowledge = { questions, facts };
  return sameKnowledge(knowledge, fallback) ? undefined : knowledge;
}

/** Compared in the shape `buildFact` and `buildLookFor` give, so key order and empty lists do not count. */
function sameKnowledge(a: UnitKnowledge, b: UnitKnowledge): boolean {
  const canonical = (knowledge: UnitKnowledge): string => {
    const ignore = new FieldErrors();
    const ids = new KnowledgeIds([], () => '');
    return JSON.stringify({
      questions: knowledge.questions.map((q) => ({ criterionId: q.criterionId, lookFors: q.lookFors.map((l) => buildLookFor(l, '', ignore, ids, l.id)) })),
      facts: knowledge.facts.map((fact) => buildFact(fact, '', ignore, ids, fact.id)),
    });
  };
  return canonical(a) === canonical(b);
}

function buildLookFor(draft: Partial<LookForDraft>, field: string, errors: FieldErrors, ids: KnowledgeIds, keepId?: string): LookFor {
  const label = singleLine(draft.label);
  if (label === '') errors.add(`${field}.label`, 'Say what a good answer mentions, such as “The New Economic Policy”.');
  errors.checkLength(`${field}.label`, label, L.knowledgeChars);
  const aliases = phrases(draft.aliases, `${field}.aliases`, errors, 'List at least one word or phrase that names it in an essay.');
  const part = singleLine(draft.part);
  errors.checkLength(`${field}.part`, part, L.knowledgeChars);
  return { id: keepId ?? ids.keepOrCreate('lf-', singleLine(draft.id)), label, aliases, ...(part === '' ? {} : { part }) };
}

const FACT_KINDS = ['date', 'identity', 'actor', 'misnomer'] as const;

function buildFact(draft: Partial<FactDraft>, field: string, errors: FieldErrors, ids: KnowledgeIds, keepId?: string): Fact {
  const id = keepId ?? ids.keepOrCreate('f-', singleLine(draft.id));
  const fact = singleLine(draft.fact);
  if (fact === '') errors.add(`${field}.fact`, 'Write the fact as the instructor should read it, such as “The USSR was founded in 1922.”');
  errors.checkLength(`${field}.fact`, fact, L.knowledgeChars);
  const optional = (key: string, value: unknown): Record<string, string[]> => {
    const list = phrases(value, `${field}.${key}`, errors);
    return list.length > 0 ? { [key]: list } : {};
  };
  const d = draft as Record<string, unknown>;
  const kind = FACT_KINDS.find((candidate) => candidate === d.kind);
  switch (kind) {
    case 'date': {
      const subject = phrases(d.subject, `${field}.subject`, errors, 'Name what the date belongs to, in at least one way.');
      return { kind, id, fact, subject, ...optional('action', d.action), years: years(d.years, `${field}.years`, errors), ...optional('unless', d.unless) };
    }
    case 'identity': {
      const subject = phrases(d.subject, `${field}.subject`, errors, 'Name what the fact is about, in at least one way.');
      const wrong = wrongNames(d.wrong, `${field}.wrong`, errors, 'says');
      const near = d.near === true ? { near: true } : {};
      return { kind, id, fact, subject, wrong: wrong.map(({ aliases, text }) => ({ aliases, says: text })), ...optional('links', d.links), ...near, ...optional('unless', d.unless) };
    }
    case 'actor': {
      const deed = phrases(d.deed, `${field}.deed`, errors, 'Name what was done, in at least one way.');
      const verbs = phrases(d.verbs, `${field}.verbs`, errors, 'List at least one verb that says who did it, such as “introduced”.');
      const wrongActors = wrongNames(d.wrongActors, `${field}.wrongActors`, errors, 'name');
      return { kind, id, fact, deed, verbs, wrongActors: wrongActors.map(({ aliases, text }) => ({ aliases, name: text })) };
    }
    case 'misnomer': {
      const wrong = phrases(d.wrong, `${field}.wrong`, errors, 'List at least one wrong name.');
      const says = singleLine(d.says);
      if (says === '') errors.add(`${field}.says`, 'Say what the wrong name claims, such as “NEP stands for New Economic Plan”.');
      errors.checkLength(`${field}.says`, says, L.knowledgeChars);
      return { kind, id, fact, wrong, says };
    }
    default:
      errors.add(`${field}.kind`, 'Choose what kind of fact this is.');
      return { kind: 'misnomer', id, fact, wrong: [], says: '' };
  }
}

/** Words or phrases: trimmed, empty ones dropped; `required` is the message when none is left. */
function phrases(value: unknown, field: string, errors: FieldErrors, required?: string): string[] {
  const list = (Array.isArray(value) ? value : []).map(singleLine).filter((phrase) => phrase !== '');
  if (required && list.length === 0) errors.add(field, required);
  if (list.length > L.maxAliases) errors.add(field, `List at most ${L.maxAliases} here.`);
  if (list.some((phrase) => phrase.length > L.knowledgeChars)) errors.add(field, `Keep each one to ${L.knowledgeChars} characters or fewer.`);
  return list;
}

function years(value: unknown, field: string, errors: FieldErrors): number[] {
  const list = Array.isArray(value) ? value : [];
  if (list.length === 0) errors.add(field, 'Give the year it happened.');
  else if (list.length > L.maxAliases) errors.add(field, `List at most ${L.maxAliases} years.`);
  else if (!list.every((year) => isWholeNumber(year) && year >= L.minYear && year <= L.maxYear)) {
    errors.add(field, NOT_A_NUMBER_MESSAGES.years);
  }
  return list.filter(isWholeNumber);
}

/** Identity facts' wrong names (with what they say) and actor facts' wrong actors (with their name). */
function wrongNames(value: unknown, field: string, errors: FieldErrors, textKey: 'says' | 'name'): { aliases: string[]; text: string }[] {
  const entries = (Array.isArray(value) ? value : []).map((entry: unknown) => recordOf(entry as Record<string, unknown>));
  if (entries.length === 0) errors.add(field, textKey === 'says' ? 'List at least one wrong name and what it says.' : 'List at least one wrong actor.');
  if (entries.length > L.maxAliases) errors.add(field, `List at most ${L.maxAliases} here.`);
  return entries.map((entry, index) => {
    const aliases = phrases(entry.aliases, field, errors, `Line ${index + 1}: name the wrong ${textKey === 'says' ? 'thing' : 'actor'} in at least one way.`);
    const text = singleLine(entry[textKey]);
    if (text === '') {
      errors.add(field, textKey === 'says' ? `Line ${index + 1}: say what the wrong name claims.` : `Line ${index + 1}: give the actor’s name.`);
    }
    errors.checkLength(field, text, L.knowledgeChars);
    return { aliases, text };
  });
}

/** Ids of look-fors or facts: an id the assignment already has is kept once; anything else gets a new one. */
class KnowledgeIds {
  private readonly existing: Set<string>;
  private readonly used = new Set<string>();

  constructor(
    existing: readonly string[],
    private readonly newId: () => string,
  ) {
    this.existing = new Set(existing);
  }

  keepOrCreate(prefix: string, draftId: string): string {
    if (this.existing.has(draftId) && !this.used.has(draftId)) {
      this.used.add(draftId);
      return draftId;
    }
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const id = `${prefix}${this.newId()}`;
      if (!this.existing.has(id) && !this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
    throw new Error('newId() returned 100 ids in a row that were already in use.');
  }
}

function optionalDateTime(value: unknown, field: string, errors: FieldErrors): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'string' ? value.trim() : undefined;
  if (text === '') return undefined;
  const date = text === undefined ? null : parseIsoDateTime(text);
  if (date === null) {
    errors.add(field, 'Enter a valid date and time.');
    return undefined;
  }
  return date;
}

/**
 * Whether two rubrics would grade differently: any change to criteria (order, ids, titles,
 * descriptions, linked questions) or levels (ids, labels, descriptors, points). The rubric's own
 * title does not count. Once grades exist, a change means a new rubric version.
 */
export function rubricContentChanged(a: Rubric, b: Rubric): boolean {
  if (a.criteria.length !== b.criteria.length) return true;
  return a.criteria.some((criterion, index) => {
    const other = b.criteria[index];
    return other === undefined || criterionChanged(criterion, other);
  });
}

function criterionChanged(a: Criterion, b: Criterion): boolean {
  if (
    a.id !== b.id ||
    a.title !== b.title ||
    a.description !== b.description ||
    (a.guidingQuestionId ?? null) !== (b.guidingQuestionId ?? null) ||
    a.levels.length !== b.levels.length
  ) {
    return true;
  }
  return a.levels.some((level, index) => {
    const other = b.levels[index];
    return (
      other === undefined ||
      level.id !== other.id ||
      level.label !== other.label ||
      level.descriptor !== other.descriptor ||
      !Object.is(level.points, other.points)
    );
  });
}

/**
 * The selections made against `oldRubric` that still name a criterion and one of its levels in
 * `newRubric`, to pre-fill a regrade. Selections that did not fit `oldRubric` are dropped too.
 */
export function remapSelections(oldRubric: Rubric, newRubric: Rubric, selections: RubricSelections): RubricSelections {
  const entries = newRubric.criteria.flatMap((criterion): [string, string][] => {
    if (!Object.hasOwn(selections, criterion.id)) return [];
    const levelId = selections[criterion.id];
    if (levelId === undefined) return [];
    const oldCriterion = oldRubric.criteria.find((candidate) => candidate.id === criterion.id);
    const existedBefore = oldCriterion?.levels.some((level) => level.id === levelId) ?? false;
    const existsNow = criterion.levels.some((level) => level.id === levelId);
    return existedBefore && existsNow ? [[criterion.id, levelId]] : [];
  });
  return Object.fromEntries(entries);
}

// The first problem found for a field is the one shown beside it.
class FieldErrors {
  private readonly errors = new Map<string, string>();

  add(field: string, message: string): void {
    if (!this.errors.has(field)) this.errors.set(field, message);
  }

  checkLength(field: string, text: string, max: number): void {
    if (text.length > max) this.add(field, `Keep this to ${format(max)} characters or fewer.`);
  }

  isEmpty(): boolean {
    return this.errors.size === 0;
  }

  toRecord(): Record<string, string> {
    return Object.fromEntries(this.errors);
  }
}

class IdAllocator {
  private static readonly MAX_ATTEMPTS = 100;
  /**
   * Every id `base` used, so a removed item's id never comes back meaning something else, and
   * every id the draft sent, so a new id never matches a temporary one a criterion refers to.
   */
  private readonly taken: Set<string>;
  /** Kept ids, per kind of item. */
  private readonly kept = new Set<string>();
  private readonly newId: () => string;

  constructor(base: AssignmentContent, draft: AssignmentDraft, newId: () => string) {
    this.newId = newId;
    const draftCriteria = listOf(recordOf(draft.rubric).criteria);
    this.taken = new Set([
      ...base.unit.guidingQuestions.map((question) => question.id),
      ...base.rubric.criteria.flatMap((criterion) => [criterion.id, ...criterion.levels.map((level) => level.id)]),
      ...listOf(draft.guidingQuestions).map((question) => singleLine(question.id)),
      ...draftCriteria.flatMap((criterion) => [
        singleLine(criterion.id),
        ...listOf(criterion.levels).map((level) => singleLine(level.id)),
      ]),
    ]);
  }

  keepOrCreate(prefix: string, draftId: string, existsInBase: boolean): string {
    const keptKey = `${prefix}${draftId}`;
    if (existsInBase && !this.kept.has(keptKey)) {
      this.kept.add(keptKey);
      return draftId;
    }
    for (let attempt = 0; attempt < IdAllocator.MAX_ATTEMPTS; attempt += 1) {
      const id = `${prefix}${this.newId()}`;
      if (!this.taken.has(id)) {
        this.taken.add(id);
        return id;
      }
    }
    throw new Error(`newId() returned ${IdAllocator.MAX_ATTEMPTS} ids in a row that were already in use.`);
  }
}

// The draft is typed, but it comes from a browser form, so a missing list or a null entry is
// treated as empty rather than crashing with a TypeError.
function listOf<T>(value: readonly T[] | undefined): Partial<T>[] {
  return Array.isArray(value) ? value.map((item: unknown) => recordOf(item as T)) : [];
}

function recordOf<T>(value: T | undefined): Partial<T> {
  return typeof value === 'object' && value !== null ? value : {};
}

function singleLine(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
}

function multiLine(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : '';
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}
