/**
 * The shape of Inkwell's one-click state changes (reopen, return for
 * revision, reveal names): send the request with the session, then show the
 * page again as the server now sees it. Returns the sentence to show when it
 * did not work; `useSendThenReload` keeps that sentence and a busy flag for
 * the component.
 */
import { useState } from 'react';
import { reloadWithSession, sessionFetch } from './session-client';

export async function sendThenReload(path: string, init: RequestInit, messages: { offline: string; failed: string }): Promise<string | null> {
  const response = await sessionFetch(path, init).catch(() => null);
  if (!response) return messages.offline;
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
    return typeof body?.message === 'string' ? body.message : messages.failed;
  }
  await reloadWithSession();
  return null;
}

/** State for one such change: `busy` while it runs, `problem` the sentence when it did not work. */
export function useSendThenReload() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function send(path: string, init: RequestInit, messages: { offline: string; failed: string }): Promise<void> {
    setBusy(true);
    setProblem(null);
    try {
      const failure = await sendThenReload(path, init, messages);
      if (failure) setProblem(failure);
    } finally {
      setBusy(false);
    }
  }

  return { busy, problem, setProblem, send };
}
