import { describe, expect, it } from 'vitest';
import { describeLateness, lateByMs } from './lateness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('lateByMs', () => {
  const rules = { dueAt: '2026-03-01T17:00:00+01:00' };

  it('is the time after the due date, with the offset taken into account', () => {
    expect(lateByMs(new Date('2026-03-01T16:30:00Z'), rules)).toBe(30 * MINUTE);
    expect(lateByMs(new Date('2026-03-03T19:00:00Z'), rules)).toBe(2 * DAY + 3 * HOUR);
  });

  it('is null when handed in on time, exactly at the due date, or not at all', () => {
    expect(lateByMs(new Date('2026-03-01T15:59:59Z'), rules)).toBeNull();
    expect(lateByMs(new Date('2026-03-01T16:00:00Z'), rules)).toBeNull();
    expect(lateByMs(undefined, rules)).toBeNull();
  });

  it('is null without a due date or with a stored date that is not one', () => {
    expect(lateByMs(new Date('2026-03-01T16:30:00Z'), {})).toBeNull();
    expect(lateByMs(new Date('2026-03-01T16:30:00Z'), { dueAt: 'next Tuesday' })).toBeNull();
    expect(lateByMs(new Date('not a date'), rules)).toBeNull();
  });
});

describe('describeLateness', () => {
  it.each([
    [2 * DAY + 3 * HOUR + 59 * MINUTE, '2 days 3 hours late'],
    [1 * DAY, '1 day late'],
    [1 * DAY + 1 * HOUR, '1 day 1 hour late'],
    [1 * DAY + 40 * MINUTE, '1 day late'],
    [5 * HOUR, '5 hours late'],
    [1 * HOUR + 1 * MINUTE, '1 hour 1 minute late'],
    [12 * MINUTE + 30_000, '12 minutes late'],
    [1 * MINUTE, '1 minute late'],
    [59_999, 'less than a minute late'],
    [40 * DAY, '40 days late'],
  ])('%i ms → %s', (ms, words) => {
    expect(describeLateness(ms)).toBe(words);
  });
});
