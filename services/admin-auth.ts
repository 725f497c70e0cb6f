/**
 * The Inkwell admin page's sign-in: one password from the environment
 * (INKWELL_ADMIN_PASSWORD; in development a generated one kept under .data/),
 * and a signed, short-lived admin session cookie.
 *
 * - In production a password shorter than ADMIN_PASSWORD_MIN_LENGTH keeps the admin page off.
 * - Sign-in is throttled per client address and for everyone together: after each wrong
 *   password the next attempt must wait longer (doubling). The verdict and the back-off are
 *   decided in one synchronous step, so guesses sent in parallel wait like guesses in a row.
 *   The counters live in this process (per process, like the other rate limits).
 * - Sessions carry a generation; "sign out everywhere" moves to the next one.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { environment } from '../config/environment';
import { SignJWT, jwtVerify } from 'jose';
import { advanceAdminGeneration, currentAdminGeneration } from '../models/admin-sessions';
import { deriveKey, isProduction } from './config';

export const ADMIN_COOKIE = 'inkwell_admin';
export const ADMIN_SESSION_SECONDS = 8 * 3600;
export const ADMIN_PASSWORD_MIN_LENGTH = 12;

/** The configured password, whatever its length (for start-up warnings). */
function configuredPassword(): string | undefined {
  return environment.adminPassword();
}

/** Why the admin page is off in production, or null when it is on. */
export function adminPageOffReason(): string | null {
  const configured = configuredPassword();
  if (!isProduction()) return null;
  if (!configured) return 'INKWELL_ADMIN_PASSWORD is not set';
  if (configured.length < ADMIN_PASSWORD_MIN_LENGTH) return `INKWELL_ADMIN_PASSWORD is shorter than ${ADMIN_PASSWORD_MIN_LENGTH} characters`;
  return null;
}

/** The admin password, or null when the admin page is off (production without a password of 12 characters or more). */
export function adminPassword(): string | null {
  const configured = configuredPassword();
  if (isProduction()) return adminPageOffReason() === null ? configured! : null;
  if (configured) return configured;
  const file = resolve(environment.dataDir(), 'admin-password');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const generated = randomBytes(12).toString('base64url');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, generated, { mode: 0o600 });
    return generated;
  }
}

export function checkAdminPassword(attempt: string): boolean {
  const expected = adminPassword();
  if (!expected) return false;
  const a = createHash('sha256').update(attempt).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

// ---- throttling -----------------------------------------------------------------------------------

interface Backoff {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
}

interface BackoffSpec {
  /** Wrong passwords allowed before any waiting. */
  free: number;
  baseMs: number;
  maxMs: number;
}

/** One address: 0.5 s after the first wrong password, then 1 s, 2 s, … up to 15 minutes. */
export const SIGN_IN_BACKOFF_PER_ADDRESS: BackoffSpec = { free: 0, baseMs: 500, maxMs: 15 * 60_000 };
/** Everyone together (guesses from many addresses): 10 wrong passwords, then 0.5 s, 1 s, … up to a minute. */
export const SIGN_IN_BACKOFF_GLOBAL: BackoffSpec = { free: 10, baseMs: 500, maxMs: 60_000 };
/** A counter forgets wrong passwords after an hour without one. */
const FORGET_AFTER_MS = 3600_000;
const MAX_ADDRESSES = 10_000;

interface ThrottleState {
  perAddress: Map<string, Backoff>;
  global: Backoff;
}

// On globalThis: Next compiles route handlers into module graphs of their own.
const THROTTLE_KEY = Symbol.for('inkwell.adminSignInThrottle');
function throttle(): ThrottleState {
  const g = globalThis as typeof globalThis & { [THROTTLE_KEY]?: ThrottleState };
  g[THROTTLE_KEY] ??= { perAddress: new Map(), global: { failures: 0, lastFailureAt: 0, blockedUntil: 0 } };
  return g[THROTTLE_KEY];
}

function recordFailure(backoff: Backoff, spec: BackoffSpec, now: number): void {
  if (now - backoff.lastFailureAt > FORGET_AFTER_MS) backoff.failures = 0;
  backoff.failures += 1;
  backoff.lastFailureAt = now;
  const counted = backoff.failures - spec.free;
  if (counted > 0) backoff.blockedUntil = now + Math.min(spec.baseMs * 2 ** (counted - 1), spec.maxMs);
}

export type SignInVerdict = { ok: true } | { ok: false; reason: 'wrong-password' } | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * Checks a sign-in attempt from `address`: refused without looking at the password while that
 * address or everyone is backing off; a wrong password lengthens both back-offs. Synchronous on
 * purpose: no other attempt can run between the check and the record.
 */
export function attemptAdminSignIn(password: string, address: string, now = Date.now()): SignInVerdict {
  const state = throttle();
  const own = state.perAddress.get(address);
  const waitUntil = Math.max(own?.blockedUntil ?? 0, state.global.blockedUntil);
  if (waitUntil > now) return { ok: false, reason: 'throttled', retryAfterSeconds: Math.ceil((waitUntil - now) / 1000) };
  if (password && checkAdminPassword(password)) {
    state.perAddress.delete(address);
    return { ok: true };
  }
  if (!own && state.perAddress.size >= MAX_ADDRESSES) {
    for (const [key, value] of state.perAddress) if (now - value.lastFailureAt > FORGET_AFTER_MS) state.perAddress.delete(key);
    if (state.perAddress.size >= MAX_ADDRESSES) state.perAddress.clear();
  }
  const backoff = own ?? { failures: 0, lastFailureAt: 0, blockedUntil: 0 };
  recordFailure(backoff, SIGN_IN_BACKOFF_PER_ADDRESS, now);
  state.perAddress.set(address, backoff);
  recordFailure(state.global, SIGN_IN_BACKOFF_GLOBAL, now);
  return { ok: false, reason: 'wrong-password' };
}

// ---- sessions -------------------------------------------------------------------------------------

function key(): Uint8Array {
  return deriveKey('admin-session');
}

export async function issueAdminSession(): Promise<string> {
  return new SignJWT({ admin: true, generation: await currentAdminGeneration() })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience('inkwell-admin')
    .setIssuedAt()
    .setExpirationTime(`${ADMIN_SESSION_SECONDS}s`)
    .sign(key());
}

export async function isAdminSession(token: string | undefined): Promise<boolean> {
  if (!token) return false;
  try {
    const { payload } = await jwtVerify(token, key(), { audience: 'inkwell-admin', algorithms: ['HS256'] });
    return payload.admin === true && payload.generation === (await currentAdminGeneration());
  } catch {
    return false;
  }
}

/** Ends every admin session, in every browser and every process. */
export async function signOutEverywhere(): Promise<void> {
  await advanceAdminGeneration();
}
