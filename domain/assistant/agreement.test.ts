import { describe, expect, it } from 'vitest';
import { agreement, quadraticWeightedKappa } from './agreement';

describe('agreement between suggested and chosen levels', () => {
  it('is perfect when every level agrees', () => {
    const pairs = [1, 2, 3, 4, 2].map((level) => ({ suggested: level, chosen: level }));
    expect(agreement(pairs)).toEqual({ count: 5, exact: 1, withinOne: 1, quadraticKappa: 1 });
  });

  it('counts exact and within-one agreement', () => {
    const pairs = [
      { suggested: 1, chosen: 1 },
      { suggested: 2, chosen: 3 },
      { suggested: 4, chosen: 2 },
      { suggested: 3, chosen: 3 },
    ];
    const result = agreement(pairs);
    expect(result.exact).toBe(0.5);
    expect(result.withinOne).toBe(0.75);
  });

  it('computes quadratic weighted kappa as in the textbook example', () => {
    // By hand: weighted disagreement 2/9 observed against 10/9 expected by chance, so 1 - 0.2.
    const pairs = [
      { suggested: 1, chosen: 1 },
      { suggested: 2, chosen: 2 },
      { suggested: 3, chosen: 4 },
      { suggested: 4, chosen: 3 },
    ];
    expect(quadraticWeightedKappa(pairs)).toBeCloseTo(0.8, 10);
  });

  it('says nothing rather than something wrong when kappa cannot be computed', () => {
    expect(quadraticWeightedKappa([{ suggested: 2, chosen: 2 }])).toBeUndefined();
    expect(quadraticWeightedKappa([{ suggested: 3, chosen: 3 }, { suggested: 3, chosen: 3 }])).toBeUndefined();
    expect(agreement([])).toEqual({ count: 0, exact: 0, withinOne: 0 });
  });

  it('is negative when the assistant systematically reverses the instructor', () => {
    const pairs = [1, 2, 3, 4].map((level) => ({ suggested: level, chosen: 5 - level }));
    expect(quadraticWeightedKappa(pairs)).toBeLessThan(0);
  });
});
