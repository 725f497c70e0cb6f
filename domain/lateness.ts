// Late work: how long after the due date an essay was handed in, and that span in words
// ("2 days 3 hours late"). The rules passed in are the student's own (rulesForStudent), so an
// extension from the LMS counts.

import { parseIsoDateTime } from './date-time';
import type { SubmissionRules } from './unit';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * How many milliseconds after the due date `submittedAt` was, or null when it was on time,
 * there is no due date, or the stored due date is not a date (a list must not break on one).
 */
export function lateByMs(submittedAt: Date | undefined, rules: Pick<SubmissionRules, 'dueAt'>): number | null {
  if (!submittedAt || !rules.dueAt) return null;
  const due = parseIsoDateTime(rules.dueAt);
  const submitted = submittedAt.getTime();
  if (!due || Number.isNaN(submitted)) return null;
  const late = submitted - due.getTime();
  return late > 0 ? late : null;
}

function unit(count: number, singular: string): string {
  return `${count} ${singular}${count === 1 ? '' : 's'}`;
}

/**
 * A span of lateness in words, to the two largest units, rounded down: "2 days 3 hours late",
 * "5 hours late", "12 minutes late", "less than a minute late".
 */
export function describeLateness(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / MINUTE_MS);
  let span: string;
  if (days > 0) span = hours > 0 ? `${unit(days, 'day')} ${unit(hours, 'hour')}` : unit(days, 'day');
  else if (hours > 0) span = minutes > 0 ? `${unit(hours, 'hour')} ${unit(minutes, 'minute')}` : unit(hours, 'hour');
  else if (minutes > 0) span = unit(minutes, 'minute');
  else span = 'less than a minute';
  return `${span} late`;
}
