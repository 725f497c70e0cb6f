/**
 * The shape of Inkwell's one-click state changes (reopen, return for
 * revision): send the request with the session, then show the page again as
 * the server now sees it. Returns the sentence to show when it did not work.
 */
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
