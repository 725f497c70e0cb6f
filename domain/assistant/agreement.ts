// How far the assistant's suggested levels agree with the instructor's: exact agreement, agreement
// within one level, and quadratic weighted kappa (agreement beyond chance, near misses counting less).

/**
 * Below this many graded essays the figures swing with every essay graded, so the class overview
 * says they are not yet meaningful instead of showing them.
 */
export const MEANINGFUL_AGREEMENT_ESSAYS = 5;

export interface LevelPair {
  suggested: number;
  chosen: number;
}

export interface Agreement {
  count: number;
  exact: number;
  withinOne: number;
  /** Undefined when it cannot be computed (fewer than two pairs, or no spread in either rater). */
  quadraticKappa?: number;
}

export function agreement(pairs: readonly LevelPair[], levelCount = 4): Agreement {
  const count = pairs.length;
  if (count === 0) return { count, exact: 0, withinOne: 0 };
  const exact = pairs.filter((pair) => pair.suggested === pair.chosen).length / count;
  const withinOne = pairs.filter((pair) => Math.abs(pair.suggested - pair.chosen) <= 1).length / count;
  return { count, exact, withinOne, quadraticKappa: quadraticWeightedKappa(pairs, levelCount) };
}

export function quadraticWeightedKappa(pairs: readonly LevelPair[], levelCount = 4): number | undefined {
  if (pairs.length < 2) return undefined;
  const size = Math.max(levelCount, ...pairs.flatMap((pair) => [pair.suggested, pair.chosen]));
  // Counts by cell (suggested level, chosen level), row by row, and the totals of each rater.
  const observed = new Array<number>(size * size).fill(0);
  const suggestedTotals = new Array<number>(size).fill(0);
  const chosenTotals = new Array<number>(size).fill(0);
  const add = (counts: number[], index: number) => (counts[index] = (counts[index] ?? 0) + 1);
  for (const { suggested, chosen } of pairs) {
    add(observed, (suggested - 1) * size + (chosen - 1));
    add(suggestedTotals, suggested - 1);
    add(chosenTotals, chosen - 1);
  }
  let disagreement = 0;
  let expectedDisagreement = 0;
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const weight = ((row - column) * (row - column)) / ((size - 1) * (size - 1));
      disagreement += weight * (observed[row * size + column] ?? 0);
      expectedDisagreement += (weight * (suggestedTotals[row] ?? 0) * (chosenTotals[column] ?? 0)) / pairs.length;
    }
  }
  if (expectedDisagreement === 0) return undefined;
  return 1 - disagreement / expectedDisagreement;
}
