// Which guiding questions an essay appears to address: the look-fors of each question found in it,
// with the passages that mention them. Used for the student's coverage check and as evidence for
// the question criteria.
import type { QuestionKnowledge } from './knowledge';
import { findPhrases } from './phrases';
import { sentenceAt, type AnalysedText } from './text';

export interface Evidence {
  start: number;
  end: number;
  quote: string;
}

export interface LookForFound {
  id: string;
  label: string;
  /** How many times it is mentioned. */
  mentions: number;
  /** Indexes of the sentences that mention it. */
  sentences: number[];
}

export interface QuestionCoverage {
  criterionId: string;
  found: LookForFound[];
  missing: { id: string; label: string }[];
  /** Sentences that mention at least one look-for, in text order. */
  sentences: number[];
  /** Parts of the question with no look-for found ("foreign policy"). */
  missingParts: string[];
}

export function questionCoverage(analysed: AnalysedText, question: QuestionKnowledge): QuestionCoverage {
  const found: LookForFound[] = [];
  const missing: { id: string; label: string }[] = [];
  const sentences = new Set<number>();
  for (const lookFor of question.lookFors) {
    const matches = findPhrases(analysed, [lookFor.label, ...lookFor.aliases]);
    if (matches.length === 0) {
      missing.push({ id: lookFor.id, label: lookFor.label });
      continue;
    }
    const where = [...new Set(matches.map((match) => match.sentence))];
    where.forEach((sentence) => sentences.add(sentence));
    found.push({ id: lookFor.id, label: lookFor.label, mentions: matches.length, sentences: where });
  }
  const parts = [...new Set(question.lookFors.flatMap((lookFor) => (lookFor.part ? [lookFor.part] : [])))];
  const foundIds = new Set(found.map((lookFor) => lookFor.id));
  const missingParts = parts.filter((part) => !question.lookFors.some((lookFor) => lookFor.part === part && foundIds.has(lookFor.id)));
  return { criterionId: question.criterionId, found, missing, sentences: [...sentences].sort((a, b) => a - b), missingParts };
}

export function sentenceEvidence(analysed: AnalysedText, sentence: number): Evidence {
  const { start, end } = sentenceAt(analysed, sentence);
  return { start, end, quote: analysed.text.slice(start, end) };
}
