// Fitting the score bands of each kind of criterion to a teacher's levels, and measuring how well
// bands fitted without an essay predict that essay (leave-one-out), so the figures we report are
// never measured on the essays the bands were tuned on.
import { agreement, type Agreement, type LevelPair } from './agreement';
import { levelForScore, type CriterionKind, type LevelBands } from './suggest';

export interface ScoredLevel {
  kind: CriterionKind;
  score: number;
  /** The teacher's level, 1–4. */
  level: number;
}

const KINDS: CriterionKind[] = ['question', 'thesis', 'evidence', 'accuracy', 'organisation'];

/**
 * Bands between the mean scores of neighbouring levels. A level nobody reached is spread evenly
 * between its neighbours, so every level stays reachable.
 */
export function fitBands(points: readonly { score: number; level: number }[], fallback: readonly [number, number, number]): [number, number, number] {
  const means: (number | undefined)[] = [1, 2, 3, 4].map((level) => {
    const scores = points.filter((point) => point.level === level).map((point) => point.score);
    return scores.length ? scores.reduce((sum, score) => sum + score, 0) / scores.length : undefined;
  });
  const known = means.flatMap((mean, index) => (mean === undefined ? [] : [{ level: index + 1, mean }]));
  if (known.length < 2) return [...fallback];
  // Each level's centre: its mean, or a point on the line between the known levels around it.
  const centre = (level: number): number => {
    const exact = known.find((entry) => entry.level === level);
    if (exact) return exact.mean;
    const below = [...known].reverse().find((entry) => entry.level < level);
    const above = known.find((entry) => entry.level > level);
    if (below && above) return below.mean + ((above.mean - below.mean) * (level - below.level)) / (above.level - below.level);
    // Outside the known levels: carry on the line through the nearest two.
    const pair = below ? known.slice(-2) : known.slice(0, 2);
    const [first, second] = pair;
    if (!first || !second) return 0;
    const slope = (second.mean - first.mean) / (second.level - first.level);
    return first.mean + slope * (level - first.level);
  };
  const bands = [1, 2, 3].map((level) => (centre(level) + centre(level + 1)) / 2) as [number, number, number];
  // Bands must rise; where the data says otherwise, keep the order.
  return [bands[0], Math.max(bands[1], bands[0]), Math.max(bands[2], bands[1], bands[0])];
}

export function fitAllBands(points: readonly ScoredLevel[], fallback: LevelBands): LevelBands {
  const bands = {} as Record<CriterionKind, readonly [number, number, number]>;
  for (const kind of KINDS) bands[kind] = fitBands(points.filter((point) => point.kind === kind), fallback[kind]);
  return bands;
}

export interface CalibrationReport {
  overall: Agreement;
  byKind: Record<CriterionKind, Agreement>;
  /** Per essay: the levels predicted with bands fitted on the other essays. */
  predictions: { essay: string; predicted: number[]; teacher: number[] }[];
}

/** Leave-one-out: for each essay, fit on the others and predict it. */
export function leaveOneOut(essays: readonly { essay: string; points: ScoredLevel[] }[], fallback: LevelBands): CalibrationReport {
  const pairs: (LevelPair & { kind: CriterionKind })[] = [];
  const predictions: CalibrationReport['predictions'] = [];
  essays.forEach((held, heldIndex) => {
    const training = essays.filter((_, index) => index !== heldIndex).flatMap((essay) => essay.points);
    const bands = fitAllBands(training, fallback);
    const predicted = held.points.map((point) => levelForScore(point.score, bands[point.kind], 4));
    held.points.forEach((point, index) => pairs.push({ suggested: predicted[index] ?? 1, chosen: point.level, kind: point.kind }));
    predictions.push({ essay: held.essay, predicted, teacher: held.points.map((point) => point.level) });
  });
  const byKind = {} as Record<CriterionKind, Agreement>;
  for (const kind of KINDS) byKind[kind] = agreement(pairs.filter((pair) => pair.kind === kind));
  return { overall: agreement(pairs), byKind, predictions };
}
