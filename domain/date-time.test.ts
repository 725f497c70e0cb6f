import { describe, it, expect } from 'vitest';
import { parseIsoDateTime } from './date-time';

describe('parseIsoDateTime', () => {
  it.each([
    ['2025-03-01T17:00:00.000Z', '2025-03-01T17:00:00.000Z'],
    ['2025-03-01T17:00Z', '2025-03-01T17:00:00.000Z'],
    ['2025-03-01T17:00:05Z', '2025-03-01T17:00:05.000Z'],
    ['2025-03-01T17:00:05.1234Z', '2025-03-01T17:00:05.123Z'],
    ['2025-03-01T17:00:00+01:00', '2025-03-01T16:00:00.000Z'],
    ['2025-03-01T01:30:00-05:30', '2025-03-01T07:00:00.000Z'],
    ['2024-02-29T23:59:59Z', '2024-02-29T23:59:59.000Z'],
    ['2025-12-31T23:30:00-01:00', '2026-01-01T00:30:00.000Z'],
  ])('reads %s as %s', (text, expected) => {
    expect(parseIsoDateTime(text)?.toISOString()).toBe(expected);
  });

  it.each([
    ['an empty string', ''],
    ['a date without a time', '2025-03-01'],
    ['a time without an offset, which would depend on the server', '2025-03-01T17:00:00'],
    ['30 February', '2025-02-30T12:00:00Z'],
    ['29 February outside a leap year', '2025-02-29T12:00:00Z'],
    ['month 13', '2025-13-01T12:00:00Z'],
    ['hour 24', '2025-03-01T24:00:00Z'],
    ['minute 60', '2025-03-01T12:60:00Z'],
    ['second 60', '2025-03-01T12:00:60Z'],
    ['a malformed offset', '2025-03-01T12:00:00+0100'],
    ['surrounding spaces', ' 2025-03-01T12:00:00Z '],
    ['a year before 1000', '0999-03-01T12:00:00Z'],
    ['free text', 'next Friday'],
  ])('refuses %s', (_label, text) => {
    expect(parseIsoDateTime(text)).toBeNull();
  });
});
