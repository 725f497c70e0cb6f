// Suggested levels: each criterion gets a score from what the essay shows (look-fors and how they
// are explained for a guiding question; opening claim, evidence, fact checks and structure for the
// writing criteria), and the score's band gives the level. The bands were fitted on the unit's
// calibration essays (`npm run inkwell -- calibrate DIR`, report in docs/RUBRIC_ASSISTANT.md).
// A suggestion is never a grade: the instructor accepts it or picks another level.
import type { Evidence, QuestionCoverage } from './coverage';
import { questionCoverage, sentenceEvidence } from './coverage';
import { checkFacts, type FactFlag } from './fact-check';
import type { UnitKnowledge } from './knowledge';
import { analyseText, sentenceAt, type AnalysedText } from './text';
import { writingFeatures, type WritingFeatures } from './writing';

export type CriterionKind = 'question' | 'thesis' | 'evidence' | 'accuracy' | 'organisation';

export interface AssessableCriterion {
  id: string;
  title: string;
  guidingQuestionId?: string;
  levels: readonly { id: string; label: string; points: number }[];
}

export interface CriterionSuggestion {
  criterionId: string;
  kind: CriterionKind;
  /** 1 (lowest) to the number of levels. */
  level: number;
  levelId: string;
  reason: string;
  evidence: Evidence[];
  /** The score the level was read from (for calibration). */
  score: number;
}

export interface CoverageResult {
  criterionId: string;
  guidingQuestionId?: string;
  addressed: boolean;
  evidence: Evidence[];
  missingParts: string[];
}

export interface Assessment {
  criteria: CriterionSuggestion[];
  flags: FactFlag[];
  coverage: CoverageResult[];
}

/** Score bands for levels 2, 3 and 4 on the four-level scale, per kind of criterion. */
export type LevelBands = Record<CriterionKind, readonly [number, number, number]>;

export const FITTED_BANDS: LevelBands = {
  question: [0.78, 3.65, 5.79],
  thesis: [2.73, 4.38, 5.07],
  evidence: [0.93, 2.91, 4.58],
  accuracy: [-3.93, -0.63, 1.09],
  organisation: [1.4, 4.09, 5.15],
};

export function criterionKind(criterion: Pick<AssessableCriterion, 'id' | 'title' | 'guidingQuestionId'>): CriterionKind | undefined {
  if (criterion.guidingQuestionId) return 'question';
  const name = `${criterion.id} ${criterion.title}`.toLowerCase();
  if (/\bthesis|\bargument/.test(name)) return 'thesis';
  if (/\bevidence/.test(name)) return 'evidence';
  if (/\baccura|\bfact/.test(name)) return 'accuracy';
  if (/\borgani[sz]|\bstructure|\bwriting\b|\bclarity|\bstyle/.test(name)) return 'organisation';
  return undefined;
}

/** What the whole essay shows, shared by every criterion: specific, explained and not wrong. */
function essayQuality(features: WritingFeatures, flags: number): number {
  return (
    Math.min(features.years, 10) * 0.25 +
    Math.min(features.names, 40) * 0.03 +
    Math.min(features.explainingShare, 0.5) * 5 +
    Math.min(features.words, 600) / 300 -
    flags * 0.8
  );
}

function listLabels(labels: string[]): string {
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

interface Context {
  analysed: AnalysedText;
  features: WritingFeatures;
  flags: FactFlag[];
  quality: number;
  knowledge: UnitKnowledge;
}

interface Scored {
  score: number;
  reason: string;
  evidence: Evidence[];
}

/** The one or two sentences that show the most of a question's look-fors, explaining ones first. */
function bestSentences(context: Context, coverage: QuestionCoverage): Evidence[] {
  const counts = new Map<number, number>();
  for (const found of coverage.found) for (const sentence of found.sentences) counts.set(sentence, (counts.get(sentence) ?? 0) + 1);
  const explaining = new Set(context.features.explaining);
  return [...counts.entries()]
    .sort((a, b) => b[1] + (explaining.has(b[0]) ? 0.5 : 0) - (a[1] + (explaining.has(a[0]) ? 0.5 : 0)) || a[0] - b[0])
    .slice(0, 2)
    .map(([sentence]) => sentence)
    .sort((a, b) => a - b)
    .map((sentence) => sentenceEvidence(context.analysed, sentence));
}

function flagsWithin(flags: FactFlag[], context: Context, sentences: number[]): FactFlag[] {
  const ranges = sentences.map((sentence) => sentenceAt(context.analysed, sentence));
  return flags.filter((flag) => ranges.some((range) => flag.start < range.end && range.start < flag.end));
}

function scoreQuestion(context: Context, coverage: QuestionCoverage): Scored {
  const explaining = new Set(context.features.explaining);
  const explained = coverage.sentences.filter((sentence) => explaining.has(sentence)).length;
  const wrong = flagsWithin(context.flags, context, coverage.sentences).length;
  const score =
    context.quality * 0.6 +
    Math.min(coverage.found.length, 6) * 0.3 +
    Math.min(explained, 3) * 0.3 -
    wrong * 0.5 -
    coverage.missingParts.length * 2;
  const total = coverage.found.length + coverage.missing.length;
  const parts: string[] = [];
  if (coverage.found.length === 0) parts.push('The essay does not seem to take up this question.');
  else {
    parts.push(
      `Mentions ${coverage.found.length} of ${total} look-fors (${coverage.found.slice(0, 3).map((found) => found.label).join('; ')}${coverage.found.length > 3 ? '; …' : ''})` +
        `${explained > 0 ? `, explaining in ${explained} sentence${explained === 1 ? '' : 's'}` : ', without explaining why they matter'}.`,
    );
  }
  if (coverage.missingParts.length > 0) parts.push(`Nothing on ${listLabels(coverage.missingParts)}.`);
  if (wrong > 0) parts.push(`${wrong} factual slip${wrong === 1 ? '' : 's'} flagged in these passages.`);
  return { score, reason: parts.join(' '), evidence: bestSentences(context, coverage) };
}

function scoreThesis(context: Context): Scored {
  const { features } = context;
  const score =
    context.quality * 0.5 +
    (features.openingClaim !== undefined ? 1.5 : 0) -
    (features.announcesOnly ? 1 : 0) +
    (features.conclusion !== undefined ? 0.5 : 0) -
    features.lowercaseStarts * 2;
  const parts: string[] = [];
  if (features.openingClaim !== undefined) parts.push('The opening states a claim.');
  else if (features.announcesOnly) parts.push('The opening announces a plan rather than stating a claim.');
  else parts.push('No clear claim found in the opening.');
  parts.push(features.conclusion !== undefined ? 'The last paragraph draws the argument together.' : 'No concluding paragraph found.');
  const evidence = [features.openingClaim, features.conclusion].flatMap((sentence) =>
    sentence === undefined ? [] : [sentenceEvidence(context.analysed, sentence)],
  );
  return { score, reason: parts.join(' '), evidence };
}

function scoreEvidence(context: Context): Scored {
  const { features, analysed } = context;
  const score = context.quality * 0.6 + Math.min(features.quotations.length, 5) * 0.2 + features.explainingShare * 1.5;
  const reason =
    `${features.years} distinct date${features.years === 1 ? '' : 's'}, ${features.names} names, ` +
    `${features.quotations.length} quotation${features.quotations.length === 1 ? '' : 's'}; ` +
    `${Math.round(features.explainingShare * 100)}% of sentences explain what the evidence shows.`;
  // The sentences richest in dates and names.
  const richness = analysed.sentences.map((sentence, index) => ({
    index,
    count: analysed.tokens
      .slice(sentence.firstToken, sentence.endToken)
      .filter((token) => /^1[6-9]\d\d$/.test(token.text) || (token.pos === 'PROPN' && /^\p{Lu}/u.test(token.text))).length,
  }));
  const evidence = richness
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.count - a.count || a.index - b.index)
    .slice(0, 2)
    .sort((a, b) => a.index - b.index)
    .map((entry) => sentenceEvidence(analysed, entry.index));
  return { score, reason, evidence };
}

function scoreAccuracy(context: Context): Scored {
  const { features, flags } = context;
  const score = -flags.length + Math.min(features.years, 8) * 0.15 + context.quality * 0.1;
  const reason =
    flags.length === 0
      ? `No statement contradicts the unit's fact sheet${features.years > 0 ? ` (${features.years} dates checked where they name an event)` : ''}.`
      : `${flags.length} statement${flags.length === 1 ? '' : 's'} contradict${flags.length === 1 ? 's' : ''} the unit's fact sheet (see the flags).`;
  const evidence = flags.slice(0, 2).map((flag) => ({ start: flag.start, end: flag.end, quote: flag.quote }));
  return { score, reason, evidence };
}

function scoreOrganisation(context: Context): Scored {
  const { features, analysed } = context;
  const runOn = Math.max(0, features.wordsPerSentence - 30);
  const score =
    context.quality * 0.3 +
    Math.min(features.paragraphs, 6) * 0.4 +
    Math.min(features.transitions, 6) * 0.15 -
    features.lowercaseStarts * 4 -
    runOn * 0.1 +
    (features.conclusion !== undefined ? 0.5 : 0);
  const parts = [
    `${features.paragraphs} paragraph${features.paragraphs === 1 ? '' : 's'}, ${Math.round(features.wordsPerSentence)} words a sentence on average, ${features.transitions} kinds of transition.`,
  ];
  if (features.lowercaseStarts > 0.1) parts.push(`${Math.round(features.lowercaseStarts * 100)}% of sentences start without a capital letter.`);
  if (runOn > 0) parts.push('Very long sentences suggest run-ons.');
  parts.push(features.conclusion !== undefined ? 'Ends with a conclusion.' : 'No conclusion found.');
  const firstParagraphs = analysed.paragraphs.slice(0, 2).map((paragraph) => sentenceEvidence(analysed, paragraph.firstSentence));
  return { score, reason: parts.join(' '), evidence: firstParagraphs };
}

/** The four-level band a score falls in, spread over the criterion's own number of levels. */
export function levelForScore(score: number, bands: readonly [number, number, number], levelCount: number): number {
  const onFour = 1 + bands.filter((band) => score >= band).length;
  if (levelCount === 4) return onFour;
  return Math.max(1, Math.min(levelCount, Math.round(((onFour - 1) * (levelCount - 1)) / 3) + 1));
}

/** Whether a guiding question counts as addressed: two of its look-fors, or one explained. */
function addressed(coverage: QuestionCoverage, explaining: Set<number>): boolean {
  return coverage.found.length >= 2 || coverage.sentences.some((sentence) => explaining.has(sentence));
}

export function assessEssay(
  text: string,
  criteria: readonly AssessableCriterion[],
  knowledge: UnitKnowledge,
  bands: LevelBands = FITTED_BANDS,
): Assessment {
  const analysed = analyseText(text);
  const features = writingFeatures(analysed);
  const flags = checkFacts(analysed, knowledge.facts);
  const context: Context = { analysed, features, flags, quality: essayQuality(features, flags.length), knowledge };
  const explaining = new Set(features.explaining);

  const coverage: CoverageResult[] = [];
  const suggestions: CriterionSuggestion[] = [];
  for (const criterion of criteria) {
    const kind = criterionKind(criterion);
    if (!kind) continue;
    let scored: Scored;
    if (kind === 'question') {
      const question = knowledge.questions.find((entry) => entry.criterionId === criterion.id);
      if (!question || question.lookFors.length === 0) continue;
      const found = questionCoverage(analysed, question);
      coverage.push({
        criterionId: criterion.id,
        guidingQuestionId: criterion.guidingQuestionId,
        addressed: addressed(found, explaining),
        evidence: bestSentences(context, found),
        missingParts: found.missingParts,
      });
      scored = scoreQuestion(context, found);
    } else if (kind === 'thesis') scored = scoreThesis(context);
    else if (kind === 'evidence') scored = scoreEvidence(context);
    else if (kind === 'accuracy') scored = scoreAccuracy(context);
    else scored = scoreOrganisation(context);
    const levels = [...criterion.levels].sort((a, b) => a.points - b.points);
    const level = levelForScore(scored.score, bands[kind], levels.length);
    const chosen = levels[level - 1];
    if (!chosen) continue;
    suggestions.push({
      criterionId: criterion.id,
      kind,
      level,
      levelId: chosen.id,
      reason: scored.reason,
      evidence: scored.evidence,
      score: Math.round(scored.score * 1000) / 1000,
    });
  }
  return { criteria: suggestions, flags, coverage };
}
