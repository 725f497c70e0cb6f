/**
 * How Inkwell writes an instant for people to read, in one place. In the browser the
 * reader's own time zone is used (Intl knows it); the server does not know the reader's
 * zone, so what it writes says UTC explicitly. `<DateTime>` (app/_components/date-time.tsx)
 * puts the two together for pages.
 */

/** What part of the instant to show. */
export type DateTimeStyle = 'date-time' | 'date' | 'time';

const STYLE_OPTIONS: Record<DateTimeStyle, Intl.DateTimeFormatOptions> = {
  'date-time': { dateStyle: 'medium', timeStyle: 'short' },
  date: { dateStyle: 'medium' },
  time: { hour: '2-digit', minute: '2-digit' },
};

// Formatters are made once and kept: building one per call (what toLocaleString with options does)
// cost a list of 300 submissions tens of milliseconds of server time.
const utcFormats = new Map<string, Intl.DateTimeFormat>();
const localFormats = new Map<string, Intl.DateTimeFormat>();

function formatFor(cache: Map<string, Intl.DateTimeFormat>, key: string, locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

function toDate(value: Date | string): Date | null {
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The instant in UTC, marked as such: what a server writes, since it cannot know the reader's zone.
 * @example formatInUtc('2026-03-01T16:05:00Z'); // '1 Mar 2026, 16:05 UTC'
 */
export function formatInUtc(value: Date | string | undefined, style: DateTimeStyle = 'date-time'): string {
  const date = value === undefined ? null : toDate(value);
  if (date === null) return '';
  const text = formatFor(utcFormats, style, 'en-GB', { ...STYLE_OPTIONS[style], timeZone: 'UTC' }).format(date);
  return style === 'date' ? text : `${text} UTC`;
}

/**
 * The instant in the reader's time zone (the browser's own unless one is given), in the reader's
 * locale, with the zone's short name so a time is never ambiguous.
 * @example formatInLocalZone('2026-03-01T16:05:00Z', 'date-time', 'Europe/Berlin'); // '1 Mar 2026, 17:05 CET' (en-GB)
 */
export function formatInLocalZone(
  value: Date | string | undefined,
  style: DateTimeStyle = 'date-time',
  timeZone?: string,
): string {
  const date = value === undefined ? null : toDate(value);
  if (date === null) return '';
  const key = `${style}|${timeZone ?? ''}`;
  if (style === 'date') return formatFor(localFormats, key, undefined, { ...STYLE_OPTIONS[style], timeZone }).format(date);
  // dateStyle/timeStyle cannot be combined with timeZoneName, so the parts are spelled out.
  const withZone: Intl.DateTimeFormatOptions =
    style === 'time'
      ? { hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone }
      : { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone };
  return formatFor(localFormats, key, undefined, withZone).format(date);
}
