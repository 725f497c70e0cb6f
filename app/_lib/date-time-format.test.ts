import { describe, expect, it } from 'vitest';
import { formatInLocalZone, formatInUtc } from './date-time-format';

const INSTANT = '2026-03-01T23:30:00Z';

describe('formatInUtc', () => {
  it('says the time in UTC and says so', () => {
    expect(formatInUtc(INSTANT)).toBe('1 Mar 2026, 23:30 UTC');
    expect(formatInUtc(new Date(INSTANT), 'time')).toBe('23:30 UTC');
    expect(formatInUtc(INSTANT, 'date')).toBe('1 Mar 2026');
  });

  it('writes nothing for a missing or unreadable instant', () => {
    expect(formatInUtc(undefined)).toBe('');
    expect(formatInUtc('not a date')).toBe('');
  });
});

describe('formatInLocalZone', () => {
  it('moves the instant into the reader’s zone and names the zone', () => {
    const tokyo = formatInLocalZone(INSTANT, 'date-time', 'Asia/Tokyo');
    // 23:30 UTC is 08:30 the next morning in Tokyo.
    expect(tokyo).toMatch(/\b2\b/);
    expect(tokyo).toMatch(/08:30|8:30/);
    expect(tokyo).toMatch(/GMT\+9|JST/);
    expect(formatInLocalZone(INSTANT, 'time', 'America/New_York')).toMatch(/06:30|6:30/);
  });

  it('gives the date in the reader’s zone, which may be another day than in UTC', () => {
    expect(formatInLocalZone(INSTANT, 'date', 'Asia/Tokyo')).toMatch(/\b2\b/);
    expect(formatInLocalZone(INSTANT, 'date', 'Asia/Tokyo')).not.toMatch(/\b1\b/);
  });

  it('writes nothing for a missing instant', () => {
    expect(formatInLocalZone(undefined)).toBe('');
  });
});
