// Deadlines as instructors set them and as stored: ISO 8601 date-times with an explicit offset.
// A time without an offset would mean whatever the server's time zone happens to be, so it is
// refused rather than guessed. Parsing is done by hand because Date.parse rolls 30 February
// over into March instead of rejecting it.

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

const MS_PER_MINUTE = 60_000;

/**
 * The instant an ISO 8601 date-time names, or null when the text is not one.
 * @example
 * parseIsoDateTime('2025-03-01T17:00:00+01:00')?.toISOString(); // '2025-03-01T16:00:00.000Z'
 * parseIsoDateTime('2025-03-01T17:00'); // null: no offset
 */
export function parseIsoDateTime(value: string): Date | null {
  const match = ISO_DATE_TIME.exec(value);
  if (match === null) return null;
  const [, year, month, day, hour, minute, second = '0', fraction = '', zulu, sign, offsetH = '0', offsetM = '0'] = match;
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = [year, month, day, hour, minute, second].map(Number);
  const oh = Number(offsetH);
  const om = Number(offsetM);
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  if (h > 23 || mi > 59 || s > 59 || oh > 23 || om > 59) return null;

  const milliseconds = Number(fraction.padEnd(3, '0').slice(0, 3));
  const offset = zulu === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (oh * 60 + om);
  const time = Date.UTC(y, mo - 1, d, h, mi, s, milliseconds) - offset * MS_PER_MINUTE;
  const instant = new Date(time);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
