/**
 * `npm run --silent inkwell -- assess FILE...`: the rubric assistant on plain-text essays, printed as
 * JSON. Against the built-in unit it needs nothing but this checkout: no server, no database.
 */
import { readFile } from 'node:fs/promises';
import { builtInKnowledge } from '../domain/assistant/built-in-knowledge';
import { assessEssay } from '../domain/assistant/suggest';
import { builtInRubric } from '../domain/rubric';
import { builtInUnit } from '../domain/unit';
import type { AssistantSubject } from '../services/assistant';

export type AssessSubject = AssistantSubject;

export const builtInSubject: AssessSubject = {
  criteria: builtInRubric.criteria,
  knowledge: builtInKnowledge,
  questions: builtInUnit.guidingQuestions,
};

export async function assessFiles(files: readonly string[], subject: AssessSubject): Promise<unknown[]> {
  const results = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'it cannot be read';
      throw new Error(`Cannot assess ${file}: ${reason}.`);
    }
    const assessment = assessEssay(text, subject.criteria, subject.knowledge);
    results.push({
      file,
      criteria: assessment.criteria.map((suggestion) => ({
        id: suggestion.criterionId,
        level: suggestion.level,
        reason: suggestion.reason,
        evidence: suggestion.evidence,
      })),
      flags: assessment.flags.map(({ start, end, quote, says, fact }) => ({ start, end, quote, says, fact })),
      coverage: assessment.coverage.map((entry) => {
        const question = subject.questions.find((candidate) => candidate.id === entry.guidingQuestionId);
        return {
          question: entry.guidingQuestionId ?? entry.criterionId,
          prompt: question?.prompt,
          addressed: entry.addressed,
          evidence: entry.evidence,
        };
      }),
    });
  }
  return results;
}
