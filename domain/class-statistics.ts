// A class at a glance: where each student's essay stands, the spread of scores, and how many
// students reached each level of each rubric criterion. Pure: the caller reads the class.

import type { Rubric, RubricSelections } from './rubric';

/** Where one student's essay stands, as the class overview counts it (each student in exactly one). */
export type ClassProgress = 'not-submitted' | 'submitted' | 'graded' | 'released';

export const CLASS_PROGRESS_ORDER: readonly ClassProgress[] = ['not-submitted', 'submitted', 'graded', 'released'];

export const CLASS_PROGRESS_LABELS: Record<ClassProgress, string> = {
  'not-submitted': 'Not submitted',
  submitted: 'Submitted, not graded',
  graded: 'Graded, not released',
  released: 'Released',
};

export function countProgress(progress: readonly ClassProgress[]): Record<ClassProgress, number> {
  const counts: Record<ClassProgress, number> = { 'not-submitted': 0, submitted: 0, graded: 0, released: 0 };
  for (const p of progress) counts[p]++;
  return counts;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** The middle value; with an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A total out of the maximum it was given against. */
export interface Score {
  total: number;
  max: number;
}

/** The points a rubric can give: every lowest level, every highest level. */
export function scoreRange(rubric: Rubric): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const criterion of rubric.criteria) {
    const points = criterion.levels.map((level) => level.points);
    if (points.length === 0) continue;
    min += Math.min(...points);
    max += Math.max(...points);
  }
  return { min, max };
}

/**
 * A score on the scale of `max`: grades given with an earlier rubric whose maximum differed are
 * scaled, so that one class is shown on one scale.
 */
function onScale(score: Score, max: number): number {
  if (score.max === max || score.max <= 0) return score.total;
  return (score.total / score.max) * max;
}

export interface ScoreSummary {
  count: number;
  max: number;
  /** Points on the scale of `max`; null without scores. */
  average: number | null;
  median: number | null;
}

export function summariseScores(scores: readonly Score[], max: number): ScoreSummary {
  const points = scores.map((s) => onScale(s, max));
  return { count: points.length, max, average: mean(points), median: median(points) };
}

export interface ScoreBand {
  /** "12", or "10–14" when a band spans several points. */
  label: string;
  from: number;
  to: number;
  count: number;
}

/** Up to this many points apart, every score gets its own bar; beyond, ten bands. */
const MAX_SINGLE_POINT_BANDS = 25;
const WIDE_BAND_COUNT = 10;

/**
 * How many students scored what, from the rubric's lowest possible total to its highest:
 * one band per point for small rubrics, otherwise ten bands of equal width. Empty bands are
 * kept, so the shape of the class is not distorted.
 */
export function scoreDistribution(scores: readonly Score[], range: { min: number; max: number }): ScoreBand[] {
  const min = Math.floor(Math.min(range.min, range.max));
  const max = Math.ceil(range.max);
  const span = max - min + 1;
  const width = span <= MAX_SINGLE_POINT_BANDS ? 1 : Math.ceil(span / WIDE_BAND_COUNT);
  const bands: ScoreBand[] = [];
  for (let from = min; from <= max; from += width) {
    const to = Math.min(max, from + width - 1);
    bands.push({ label: from === to ? String(from) : `${from}–${to}`, from, to, count: 0 });
  }
  for (const score of scores) {
    const points = onScale(score, range.max);
    const index = Math.min(bands.length - 1, Math.max(0, Math.floor((points - min) / width)));
    bands[index]!.count++;
  }
  return bands;
}

export interface CriterionLevelCounts {
  criterionId: string;
  title: string;
  /** In rubric order (highest points first), each with how many grades chose it. */
  levels: { levelId: string; label: string; points: number; count: number }[];
  /** Grades that chose no level of this criterion (an incomplete draft, or another rubric). */
  notAssessed: number;
}

/** Per criterion of `rubric`, how many of the given grades reached each level. */
export function levelDistribution(rubric: Rubric, selections: readonly RubricSelections[]): CriterionLevelCounts[] {
  return rubric.criteria.map((criterion) => {
    const counts = new Map(criterion.levels.map((level) => [level.id, 0]));
    let notAssessed = 0;
    for (const chosen of selections) {
      const levelId = chosen[criterion.id];
      const count = levelId === undefined ? undefined : counts.get(levelId);
      if (levelId === undefined || count === undefined) notAssessed++;
      else counts.set(levelId, count + 1);
    }
    return {
      criterionId: criterion.id,
      title: criterion.title,
      levels: criterion.levels.map((level) => ({ levelId: level.id, label: level.label, points: level.points, count: counts.get(level.id) ?? 0 })),
      notAssessed,
    };
  });
}

/** A number for people: at most one decimal, none when whole ("11", "11.3"). */
export function formatPoints(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}
