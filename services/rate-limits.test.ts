import { afterEach, describe, expect, it, vi } from 'vitest';
import { RATE_LIMITS, takeAutosaveToken, takeLaunchTokenForIp, takeLaunchTokenForUser } from './rate-limits';

afterEach(() => {
  vi.useRealTimers();
  delete process.env.INKWELL_RATE_LIMIT_SCALE;
});

describe('rate limits', () => {
  it('lets a user launch a burst, then asks them to wait, then lets them in again as tokens refill', () => {
    vi.useFakeTimers();
    const user = ['https://lms.example', `u-${Math.random()}`] as const;
    for (let i = 0; i < RATE_LIMITS.launchPerUser.capacity; i++) expect(takeLaunchTokenForUser(...user)).toBe(0);
    const wait = takeLaunchTokenForUser(...user);
    expect(wait).toBeGreaterThan(0);
    vi.advanceTimersByTime(wait * 1000);
    expect(takeLaunchTokenForUser(...user)).toBe(0);
  });

  it('keeps users apart and keeps the per-IP bucket generous', () => {
    const ip = `10.0.0.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < RATE_LIMITS.autosavePerUser.capacity; i++) expect(takeAutosaveToken(`a-${ip}`, ip)).toBe(0);
    expect(takeAutosaveToken(`a-${ip}`, ip)).toBeGreaterThan(0);
    expect(takeAutosaveToken(`b-${ip}`, ip)).toBe(0);
  });

  it('lets a whole year group behind one school address launch and autosave at once', () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 1_000; i++) {
      expect(takeLaunchTokenForIp(ip)).toBe(0);
      expect(takeLaunchTokenForIp(ip)).toBe(0);
    }
    for (let i = 0; i < 1_000; i++) expect(takeAutosaveToken(`student-${i}-${ip}`, ip)).toBe(0);
  });

  it('can be turned off with INKWELL_RATE_LIMIT_SCALE=0', () => {
    process.env.INKWELL_RATE_LIMIT_SCALE = '0';
    for (let i = 0; i < 500; i++) expect(takeLaunchTokenForUser('https://lms.example', 'always')).toBe(0);
  });
});
