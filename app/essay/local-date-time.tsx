'use client';

/**
 * A stored UTC instant shown in the reader's own time zone. The server does
 * not know that zone, so the server's HTML (and the first render in the
 * browser) says the time in UTC, clearly marked; once running in the browser
 * it switches to local time with the zone's name.
 */
import { useSyncExternalStore } from 'react';
import { formatDateTime } from '../_components/format';

const subscribe = () => () => {};

/** True in the browser after hydration, false on the server and while hydrating. */
export function useIsBrowser(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

export function formatLocalDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

export function LocalDateTime({ iso }: { iso: string }) {
  const inBrowser = useIsBrowser();
  return <time dateTime={iso}>{inBrowser ? formatLocalDateTime(iso) : formatDateTime(iso)}</time>;
}
