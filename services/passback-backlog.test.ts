import { describe, expect, it } from 'vitest';
import { isBacklogGrowing } from './passback-backlog';

const now = 10 * 60_000;

describe('isBacklogGrowing', () => {
  it('is not growing when nothing waits', () => {
    expect(isBacklogGrowing([{ at: now - 120_000, pending: 5 }], now, 0, 0)).toBe(false);
  });

  it('compares with the latest sample at least a minute old', () => {
    const samples = [
      { at: now - 300_000, pending: 1 },
      { at: now - 90_000, pending: 4 },
      { at: now - 10_000, pending: 9 },
    ];
    expect(isBacklogGrowing(samples, now, 5, 30)).toBe(true);
    expect(isBacklogGrowing(samples, now, 4, 30)).toBe(false);
  });

  it('needs an earlier sample before it calls a count growing', () => {
    expect(isBacklogGrowing([{ at: now - 10_000, pending: 1 }], now, 50, 30)).toBe(false);
  });

  it('calls a backlog whose oldest job waited over 15 minutes growing, whatever the count', () => {
    expect(isBacklogGrowing([], now, 1, 16 * 60)).toBe(true);
  });
});
