/**
 * `npm run --silent inkwell -- calibrate DIR`: how well the rubric assistant agrees with a teacher on
 * a folder of essays for the built-in unit (DIR/levels.json: `essays` file → eight levels in rubric
 * order, `errors` file → planted slips with their `quote`, `not_errors` file → true statements).
 * Levels are measured leave-one-out (bands fitted without the essay being predicted); fact checks
 * by whether each planted slip's quote is flagged and how many flags hit no slip. Prints Markdown,
 * then the bands fitted on all essays (what FITTED_BANDS in domain/assistant/suggest.ts holds).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { builtInKnowledge } from '../domain/assistant/built-in-knowledge';
import { fitAllBands, leaveOneOut, type ScoredLevel } from '../domain/assistant/calibration';
import { assessEssay, FITTED_BANDS } from '../domain/assistant/suggest';
import { builtInRubric } from '../domain/rubric';

interface CalibrationFolder {
  essays: Record<string, number[]>;
  errors?: Record<string, { quote: string; kind?: string }[]>;
  not_errors?: Record<string, string[]>;
}

const percent = (value: number) => `${Math.round(value * 100)}%`;

export async function calibrationReport(folder: string): Promise<string> {
  const levels = JSON.parse(await readFile(join(folder, 'levels.json'), 'utf8')) as CalibrationFolder;
  const essays: { essay: string; points: ScoredLevel[] }[] = [];
  let planted = 0;
  let caught = 0;
  let falseFlags = 0;
  let truthsFlagged = 0;
  const missed: string[] = [];
  for (const [file, teacher] of Object.entries(levels.essays)) {
    const text = await readFile(join(folder, file), 'utf8');
    const assessment = assessEssay(text, builtInRubric.criteria, builtInKnowledge);
    essays.push({
      essay: file,
      points: assessment.criteria.map((suggestion, index) => ({ kind: suggestion.kind, score: suggestion.score, level: teacher[index] ?? 1 })),
    });
    const slips = (levels.errors?.[file] ?? []).map((slip) => ({ ...slip, start: text.indexOf(slip.quote) })).filter((slip) => slip.start >= 0);
    for (const slip of slips) {
      planted++;
      const end = slip.start + slip.quote.length;
      if (assessment.flags.some((flag) => flag.start < end && slip.start < flag.end)) caught++;
      else missed.push(`${file}: “${slip.quote}”${slip.kind ? ` (${slip.kind})` : ''}`);
    }
    falseFlags += assessment.flags.filter((flag) => !slips.some((slip) => flag.start < slip.start + slip.quote.length && slip.start < flag.end)).length;
    for (const truth of levels.not_errors?.[file] ?? []) {
      const start = text.indexOf(truth);
      if (start >= 0 && assessment.flags.some((flag) => flag.start < start + truth.length && start < flag.end)) truthsFlagged++;
    }
  }
  const report = leaveOneOut(essays, FITTED_BANDS);
  const row = (name: string, figures: typeof report.overall) =>
    `| ${name} | ${figures.count} | ${percent(figures.exact)} | ${percent(figures.withinOne)} | ${figures.quadraticKappa === undefined ? '–' : figures.quadraticKappa.toFixed(2)} |`;
  return [
    `Essays: ${essays.length}. Levels predicted leave-one-out: for each essay, score bands fitted on the other ${essays.length - 1}.`,
    '',
    '| Criteria | Pairs | Exact | Within one | Quadratic weighted kappa |',
    '|---|---:|---:|---:|---:|',
    row('All', report.overall),
    ...Object.entries(report.byKind).map(([kind, figures]) => row(kind, figures)),
    '',
    '| Essay | Suggested (leave-one-out) | Teacher |',
    '|---|---|---|',
    ...report.predictions.map((prediction) => `| ${prediction.essay} | ${prediction.predicted.join(' ')} | ${prediction.teacher.join(' ')} |`),
    '',
    `Fact checks: ${caught} of ${planted} planted slips flagged (${planted ? percent(caught / planted) : '–'}); ` +
      `${falseFlags} flag${falseFlags === 1 ? '' : 's'} on no planted slip over ${essays.length} essays; ${truthsFlagged} of the listed true statements flagged.`,
    ...(missed.length ? ['', 'Slips not flagged:', ...missed.map((entry) => `- ${entry}`)] : []),
    '',
    'Bands fitted on all essays (FITTED_BANDS):',
    '',
    '```json',
    JSON.stringify(fitAllBands(essays.flatMap((essay) => essay.points), FITTED_BANDS), (_, value: unknown) => (typeof value === 'number' ? Math.round(value * 100) / 100 : value)),
    '```',
  ].join('\n');
}
