/**
 * The browser side of the Inkwell session, the one module that holds the
 * token: it lives in this page's memory (and, where the browser allows it,
 * in this tab's sessionStorage, so a reload finds it), goes out only as
 * `Authorization: Bearer`, is renewed while the page is in use, and is
 * dropped when the server says it ended. Links to other Inkwell pages get a
 * one-time ticket just before the browser follows them.
 *
 * Client code only: server components read the session with page-session.ts.
 */
import { useSyncExternalStore } from 'react';
import { ERROR_CATALOGUE } from '../../errors/catalogue';

/** What the server hands a page (services/sessions.ts `IssuedSession`). */
export interface IssuedSessionData {
  token: string;
  expiresIn: number;
  idleSeconds: number;
}

interface SessionState {
  token: string;
  idleSeconds: number;
  /** Local clock, so a skewed client clock does not matter. */
  receivedAt: number;
  expiresAt: number;
  lastActivityAt: number;
}

const STORAGE_KEY = 'inkwell:session';
const RECOVERY_KEY = 'inkwell:recovered-at';
export const SESSION_ENDED_MESSAGE = ERROR_CATALOGUE.SESSION_INVALID.message;

let state: SessionState | null = null;
let ended = false;
let renewing: Promise<boolean> | null = null;
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function sessionStore(): Storage | null {
  try {
    // Throws where the browser blocks storage for a third-party frame.
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function remember(value: IssuedSessionData | null): void {
  try {
    const store = sessionStore();
    if (!store) return;
    if (value) store.setItem(STORAGE_KEY, JSON.stringify({ ...value, savedAt: Date.now() }));
    else store.removeItem(STORAGE_KEY);
  } catch {
    // Full or blocked storage: the session still lives in this page's memory.
  }
}

/** A session this tab kept (a reload of an Inkwell page), if it may still be valid. */
export function storedSession(): IssuedSessionData | null {
  try {
    const raw = sessionStore()?.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<IssuedSessionData & { savedAt: number }>;
    if (typeof parsed.token !== 'string' || typeof parsed.expiresIn !== 'number' || typeof parsed.savedAt !== 'number') return null;
    const left = parsed.savedAt + parsed.expiresIn * 1000 - Date.now();
    if (left <= 0) return null;
    return { token: parsed.token, expiresIn: left / 1000, idleSeconds: Number(parsed.idleSeconds) || 3600 };
  } catch {
    return null;
  }
}

/** True once per few seconds: a reload that cannot get a working ticket must not loop. */
export function mayRecover(): boolean {
  try {
    const store = sessionStore();
    if (!store) return false;
    const last = Number(store.getItem(RECOVERY_KEY) ?? 0);
    if (Date.now() - last < 10_000) return false;
    store.setItem(RECOVERY_KEY, String(Date.now()));
    return true;
  } catch {
    return false;
  }
}

function notify(): void {
  for (const listener of listeners) listener();
}

const adopted = new Set<string>();

/**
 * Takes over the token the server rendered into this page, once: the page's components
 * render again later with the same (by then renewed or ended) token.
 */
export function adoptPageSession(issued: IssuedSessionData): void {
  if (adopted.has(issued.token)) return;
  adopted.add(issued.token);
  installSession(issued);
}

/** Takes over a token the server handed this page (or this tab kept). */
export function installSession(issued: IssuedSessionData): void {
  if (state?.token === issued.token) return;
  const now = Date.now();
  state = {
    token: issued.token,
    idleSeconds: issued.idleSeconds,
    receivedAt: now,
    expiresAt: now + issued.expiresIn * 1000,
    lastActivityAt: state?.lastActivityAt ?? now,
  };
  const wasEnded = ended;
  ended = false;
  remember(issued);
  startTimer();
  if (wasEnded) notify();
}

function endSession(): void {
  if (ended) return;
  ended = true;
  state = null;
  remember(null);
  notify();
}

/** Renew once the token is this old and the page was used since. */
function renewAfterMs(current: SessionState): number {
  return (current.idleSeconds * 1000) / 12;
}

function renewDue(current: SessionState, now = Date.now()): boolean {
  return now - current.receivedAt >= renewAfterMs(current);
}

/** One renewal at a time; false when the session is over. */
function renew(): Promise<boolean> {
  if (renewing) return renewing;
  const current = state;
  if (!current) return Promise.resolve(false);
  renewing = (async () => {
    try {
      const response = await fetch('/api/session/renew', { method: 'POST', headers: { Authorization: `Bearer ${current.token}` } });
      if (response.status === 401) {
        endSession();
        return false;
      }
      if (!response.ok) return true; // Server trouble: the current token still works; try again later.
      installSession((await response.json()) as IssuedSessionData);
      return true;
    } catch {
      return true; // Offline: try again later.
    } finally {
      renewing = null;
    }
  })();
  return renewing;
}

function tick(): void {
  const current = state;
  if (!current || ended) return;
  const now = Date.now();
  if (now >= current.expiresAt) {
    endSession();
    return;
  }
  if (current.lastActivityAt > current.receivedAt && renewDue(current, now)) void renew();
}

function startTimer(): void {
  if (timer !== undefined) return;
  const everyMs = Math.max(1_000, Math.min(60_000, ((state?.idleSeconds ?? 3600) * 1000) / 12));
  timer = setInterval(tick, everyMs);
}

/** The person did something on the page (typed, clicked, scrolled): keep the session alive. */
export function noteActivity(): void {
  const current = state;
  if (!current || ended) return;
  current.lastActivityAt = Date.now();
  if (renewDue(current)) void renew();
}

/** The current token, for the one place that must put it in a form body (SessionField). */
export function currentToken(): string | null {
  return ended ? null : (state?.token ?? null);
}

function endedResponse(): Response {
  return Response.json({ code: 'SESSION_INVALID', message: SESSION_ENDED_MESSAGE }, { status: ERROR_CATALOGUE.SESSION_INVALID.status });
}

/**
 * fetch() with the session as a bearer token. When the session has ended it answers
 * 401 SESSION_INVALID like the server would, so callers handle one kind of refusal.
 */
export async function sessionFetch(input: string, init: RequestInit = {}): Promise<Response> {
  noteActivity();
  if (state && renewDue(state)) await renew();
  const current = state;
  if (!current || ended) return endedResponse();
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${current.token}`);
  const response = await fetch(input, { ...init, headers });
  if (response.status === 401) {
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as { code?: unknown } | null;
    if (body?.code === 'SESSION_INVALID' && state?.token === current.token) endSession();
  }
  return response;
}

/** `path` with a ticket parameter (replacing any earlier one). */
function withTicket(path: string, ticket: string): string {
  const url = new URL(path, window.location.href);
  url.searchParams.set('ticket', ticket);
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * Opens another Inkwell page with this session: asks for a one-time ticket and
 * follows the link with it. Without a session the link opens as it is, and
 * that page says to open Inkwell again from the course.
 */
export async function navigateWithSession(path: string, options: { replace?: boolean } = {}): Promise<void> {
  let target = path;
  // Tickets are for Inkwell's own pages only.
  if (new URL(path, window.location.href).origin !== window.location.origin) {
    window.location.assign(path);
    return;
  }
  try {
    const response = await sessionFetch('/api/session/ticket', { method: 'POST' });
    if (response.ok) target = withTicket(path, String(((await response.json()) as { ticket?: unknown }).ticket));
  } catch {
    // Offline: the plain link shows what it can.
  }
  if (options.replace) window.location.replace(target);
  else window.location.assign(target);
}

/** Loads this page again with the session (a plain reload would arrive without one). */
export function reloadWithSession(): Promise<void> {
  const url = new URL(window.location.href);
  url.searchParams.delete('ticket');
  return navigateWithSession(`${url.pathname}${url.search}`, { replace: true });
}

/** The page URL without its ticket: what the address bar and history keep. */
export function dropTicketFromAddress(): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('ticket')) return;
  url.searchParams.delete('ticket');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True once the session has ended (expired, refused by the server). */
export function useSessionEnded(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => ended,
    () => false,
  );
}
