'use client';

/**
 * A stored instant shown in the reader's own time zone. The server does not know that zone, so
 * the server's HTML (and the first render in the browser) says the time in UTC, clearly marked;
 * once running in the browser it switches to local time with the zone's name.
 */
import { useSyncExternalStore } from 'react';
import { formatInLocalZone, formatInUtc, type DateTimeStyle } from '../_lib/date-time-format';

const subscribe = () => () => {};

/** True in the browser after hydration, false on the server and while hydrating. */
export function useIsBrowser(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

/** Nothing for a missing instant, so callers need not check first. */
export function DateTime({ value, style = 'date-time' }: { value: Date | string | undefined; style?: DateTimeStyle }) {
  const inBrowser = useIsBrowser();
  if (value === undefined) return null;
  const iso = typeof value === 'string' ? value : value.toISOString();
  return <time dateTime={iso}>{inBrowser ? formatInLocalZone(iso, style) : formatInUtc(iso, style)}</time>;
}
