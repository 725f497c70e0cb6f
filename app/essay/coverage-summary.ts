// The student's coverage check in words: which guiding questions the essay appears to address,
// read from the answer of POST /api/essay/coverage. Counts and questions only, never a score.

export interface QuestionCoverage {
  guidingQuestionId: string;
  prompt: string;
  addressed: boolean;
  /** A gentle pointer: why a question seems missing, or a part an addressed one may lack. */
  pointer?: string;
  missingParts: string[];
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

function numberWord(count: number): string {
  return NUMBER_WORDS[count] ?? String(count);
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * One or two short sentences for the live region, e.g. "Your essay seems to address three of the
 * four guiding questions. One seems to be missing." Null when the assignment has no guiding
 * questions to check.
 */
export function coverageSummary(questions: readonly QuestionCoverage[]): string | null {
  const total = questions.length;
  if (total === 0) return null;
  const addressed = questions.filter((question) => question.addressed).length;
  const missing = total - addressed;
  if (total === 1) {
    return addressed === 1 ? 'Your essay seems to address the guiding question.' : 'Your essay does not seem to address the guiding question yet.';
  }
  if (missing === 0) return `Your essay seems to address all ${numberWord(total)} guiding questions.`;
  if (addressed === 0) return `Your essay does not seem to address any of the ${numberWord(total)} guiding questions yet.`;
  return (
    `Your essay seems to address ${numberWord(addressed)} of the ${numberWord(total)} guiding questions. ` +
    `${capitalised(numberWord(missing))} ${missing === 1 ? 'seems' : 'seem'} to be missing.`
  );
}

/** Reads the route's answer; null when it is not the shape expected (then the check counts as failed). */
export function parseCoverage(body: unknown): QuestionCoverage[] | null {
  const questions = (body as { questions?: unknown } | null)?.questions;
  if (!Array.isArray(questions)) return null;
  const parsed: QuestionCoverage[] = [];
  for (const entry of questions as Record<string, unknown>[]) {
    if (typeof entry?.guidingQuestionId !== 'string' || typeof entry.prompt !== 'string' || typeof entry.addressed !== 'boolean') return null;
    const missingParts = Array.isArray(entry.missingParts) ? entry.missingParts.filter((part): part is string => typeof part === 'string') : [];
    parsed.push({
      guidingQuestionId: entry.guidingQuestionId,
      prompt: entry.prompt,
      addressed: entry.addressed,
      ...(typeof entry.pointer === 'string' ? { pointer: entry.pointer } : {}),
      missingParts,
    });
  }
  return parsed;
}
