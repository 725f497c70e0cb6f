/**
 * Inkwell's own session after an LTI launch: a short-lived signed token that
 * lives in the page's memory and travels as `Authorization: Bearer`, never in
 * a cookie (cookies are unreliable inside a cross-site LMS iframe, and a
 * bearer header cannot be forged by another site: no CSRF) and never in a URL
 * (URLs end up in history, proxy logs and e-mails).
 *
 * A page URL carries a one-time ticket instead (`?ticket=`, about two
 * minutes, single use, stored hashed in models/session-tickets.ts); the page
 * redeems it and hands the token to its client code.
 *
 * A token lasts an hour after it was issued: the page renews it while it is
 * in use (`renewSession`), so an idle session ends after an hour, and no
 * session outlives eight hours after its launch.
 *
 * It carries the tenant (platform, deployment, context, resource link), the
 * user and the role; every API call re-checks it and re-reads the data it names.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { environment } from '../config/environment';
import { SignJWT, jwtVerify } from 'jose';
import type { InkwellRole } from '../lti/roles';
import { ForbiddenError, InkwellError } from '../domain/errors';
import { claimSessionTicket, insertSessionTicket } from '../models/session-tickets';
import { deriveKey, serverSecret } from './config';

/** A session ends after this long without a renewal (INKWELL_SESSION_IDLE_SECONDS shortens it for tests). */
export function sessionIdleSeconds(): number {
  // Only ever shorter: a longer idle window would weaken the guarantee SECURITY.md gives.
  return Math.min(environment.sessionIdleSeconds() ?? 60 * 60, 60 * 60);
}

/** No renewal takes a session past this long after its launch. */
export const SESSION_MAX_SECONDS = 8 * 60 * 60;

/** How long a page URL's ticket can be redeemed (INKWELL_SESSION_TICKET_SECONDS shortens it for tests). */
export function ticketSeconds(): number {
  return Math.min(environment.sessionTicketSeconds() ?? 120, 120);
}

/** The query parameter that carries a ticket in a page URL. */
export const TICKET_PARAMETER = 'ticket';

const AUDIENCE = 'inkwell-session';
/** The launch time (seconds), a private claim: the absolute limit counts from it. */
const LAUNCHED_AT_CLAIM = 'lat';

export interface Session {
  platformIssuer: string;
  deploymentId: string;
  contextId: string;
  resourceLinkId: string;
  assignmentId: string;
  userId: string;
  userName?: string;
  role: InkwellRole;
  /** The student's own submission; absent for instructors. */
  submissionId?: string;
  /** Set while an instructor answers a Deep Linking request (assignmentId and resourceLinkId are then empty). */
  deepLinkRequestId?: string;
}

export class SessionInvalidError extends InkwellError {
  override name = 'SessionInvalidError';
  constructor(detail: string) {
    super('SESSION_INVALID', undefined, { detail });
  }
}

let keyOfSecret: { secret: string; key: Promise<CryptoKey> } | undefined;

/**
 * A key of its own, derived from the server secret, so no other use of the secret can mint sessions.
 * Derived and imported once per secret: every API call verifies a token, and deriving (HKDF) and
 * importing the key each time cost more CPU than checking the signature.
 */
function signingKey(): Promise<CryptoKey> {
  const secret = serverSecret();
  if (keyOfSecret?.secret !== secret) {
    const key = crypto.subtle.importKey('raw', new Uint8Array(deriveKey('session', secret)), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    keyOfSecret = { secret, key };
  }
  return keyOfSecret.key;
}

/** A token as the page receives it, with what its client code needs to renew it in time. */
export interface IssuedSession {
  token: string;
  /** Seconds from now until the token expires (an hour, or less near the session's absolute limit). */
  expiresIn: number;
  /** How long the session survives without a renewal. */
  idleSeconds: number;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

async function sign(session: Session, launchedAtSeconds: number): Promise<IssuedSession> {
  const now = nowSeconds();
  const idleSeconds = sessionIdleSeconds();
  const expiresAt = Math.min(now + idleSeconds, launchedAtSeconds + SESSION_MAX_SECONDS);
  if (expiresAt <= now) throw new SessionInvalidError('session past its absolute limit');
  const token = await new SignJWT({ ...session, [LAUNCHED_AT_CLAIM]: launchedAtSeconds })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(AUDIENCE)
    // Unique per token, so every launch and renewal gives a new token (and logs can tell them apart).
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(expiresAt)
    .sign(await signingKey());
  return { token, expiresIn: expiresAt - now, idleSeconds };
}

/** A new session for a launch that just happened. */
export async function issueSession(session: Session): Promise<string> {
  return (await sign(session, nowSeconds())).token;
}

function stringClaim(payload: Record<string, unknown>, name: keyof Session): string {
  const value = payload[name];
  if (typeof value !== 'string') throw new SessionInvalidError(`session claim ${name} missing`);
  return value;
}

interface VerifiedSession {
  session: Session;
  launchedAtSeconds: number;
}

/** A token whose signature and claims this process checked, with what the time limits need. */
interface CheckedToken extends VerifiedSession {
  issuedAtSeconds: number;
  expiresAtSeconds: number;
  /** The secret it was checked with. */
  secret: string;
}

/**
 * Tokens this process checked lately. A page sends the same token with every call (a class
 * autosaving every few seconds), and checking its signature hands an HMAC to WebCrypto's thread
 * pool each time. What a token says never changes, so its signature and claims are checked once;
 * the time limits are checked at every use. Keyed by the whole token: only the very same string
 * finds an entry. The oldest go first beyond CHECKED_TOKENS_KEPT (about 1 kB each).
 */
const checkedTokens = new Map<string, CheckedToken>();
const CHECKED_TOKENS_KEPT = 4_096;

async function checkToken(token: string): Promise<CheckedToken> {
  const secret = serverSecret();
  const known = checkedTokens.get(token);
  if (known?.secret === secret) return known;
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, await signingKey(), { audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['iat', 'exp'] }));
  } catch (error) {
    throw new SessionInvalidError(`session token rejected: ${(error as Error).message}`);
  }
  const issuedAtSeconds = payload.iat as number;
  const checked: CheckedToken = {
    session: sessionOfPayload(payload),
    launchedAtSeconds: typeof payload[LAUNCHED_AT_CLAIM] === 'number' ? (payload[LAUNCHED_AT_CLAIM] as number) : issuedAtSeconds,
    issuedAtSeconds,
    expiresAtSeconds: payload.exp as number,
    secret,
  };
  if (checkedTokens.size >= CHECKED_TOKENS_KEPT) checkedTokens.delete(checkedTokens.keys().next().value!);
  checkedTokens.set(token, checked);
  return checked;
}

async function verify(token: string | null | undefined): Promise<VerifiedSession> {
  if (!token) throw new SessionInvalidError('no session token');
  const { session, launchedAtSeconds, issuedAtSeconds, expiresAtSeconds } = await checkToken(token);
  const now = nowSeconds();
  // As jose checks `exp` (the first time only, see checkedTokens).
  if (now >= expiresAtSeconds) throw new SessionInvalidError('session token rejected: "exp" claim timestamp check failed');
  // Checked here as well as through `exp`, so the limits hold for any token this key ever signed.
  if (now >= issuedAtSeconds + sessionIdleSeconds()) throw new SessionInvalidError('session idle for too long');
  if (now >= launchedAtSeconds + SESSION_MAX_SECONDS) throw new SessionInvalidError('session past its absolute limit');
  // A copy: what a caller does with its session must not change the one kept.
  return { session: { ...session }, launchedAtSeconds };
}

export async function readSession(token: string | null | undefined): Promise<Session> {
  return (await verify(token)).session;
}

/**
 * A fresh token for a session still in use (the page calls this while someone works in it).
 * @throws {SessionInvalidError} when the token is not valid any more
 */
export async function renewSession(token: string | null | undefined): Promise<IssuedSession> {
  const { session, launchedAtSeconds } = await verify(token);
  return sign(session, launchedAtSeconds);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A one-time ticket that a page URL may carry instead of the session: 256 random bits,
 * stored hashed, redeemable once within ticketSeconds().
 * @throws {SessionInvalidError} when the token is not valid any more
 */
export async function issueTicket(token: string | null | undefined): Promise<string> {
  const { session, launchedAtSeconds } = await verify(token);
  return ticketFor(session, launchedAtSeconds);
}

async function ticketFor(session: Session, launchedAtSeconds: number): Promise<string> {
  const ticket = randomBytes(32).toString('base64url');
  const now = new Date();
  await insertSessionTicket({
    _id: sha256(ticket),
    claims: { ...session },
    launchedAt: new Date(launchedAtSeconds * 1000),
    createdAt: now,
    expiresAt: new Date(now.getTime() + ticketSeconds() * 1000),
  });
  return ticket;
}

/** A new session and the ticket that hands it to the first page (after a launch). */
export async function issueLaunchTicket(session: Session): Promise<string> {
  return ticketFor(session, nowSeconds());
}

/** Uses a ticket up: the session it carries with a fresh token, or null (unknown, used or expired). */
export async function redeemTicket(ticket: string | null | undefined): Promise<{ session: Session; issued: IssuedSession } | null> {
  if (!ticket || ticket.length > 100) return null;
  const record = await claimSessionTicket(sha256(ticket));
  if (!record) return null;
  let session: Session;
  try {
    session = sessionOfPayload(record.claims);
  } catch {
    return null;
  }
  const launchedAtSeconds = Math.floor(record.launchedAt.getTime() / 1000);
  if (nowSeconds() >= launchedAtSeconds + SESSION_MAX_SECONDS) return null;
  return { session, issued: await sign(session, launchedAtSeconds) };
}

/** A page path with a ticket added to its query. */
export function withTicket(path: string, ticket: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}${TICKET_PARAMETER}=${encodeURIComponent(ticket)}`;
}

function sessionOfPayload(payload: Record<string, unknown>): Session {
  const role = payload.role;
  if (role !== 'student' && role !== 'instructor') throw new SessionInvalidError('session role missing');
  return {
    platformIssuer: stringClaim(payload, 'platformIssuer'),
    deploymentId: stringClaim(payload, 'deploymentId'),
    contextId: typeof payload.contextId === 'string' ? payload.contextId : '',
    resourceLinkId: typeof payload.resourceLinkId === 'string' ? payload.resourceLinkId : '',
    assignmentId: typeof payload.assignmentId === 'string' ? payload.assignmentId : '',
    userId: stringClaim(payload, 'userId'),
    userName: typeof payload.userName === 'string' ? payload.userName : undefined,
    role,
    submissionId: typeof payload.submissionId === 'string' ? payload.submissionId : undefined,
    deepLinkRequestId: typeof payload.deepLinkRequestId === 'string' ? payload.deepLinkRequestId : undefined,
  };
}

/** The bearer token of a request, or null. */
export function bearerTokenOf(authorization: string | null): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}

export function requireInstructor(session: Session): void {
  if (session.role !== 'instructor') throw new ForbiddenError('Only instructors can do this.');
}

/** Whether an assignment belongs to the session's course (same platform, deployment and context). */
export function sameCourse(session: Session, assignment: { platformIssuer: string; deploymentId: string; contextId: string }): boolean {
  return (
    assignment.platformIssuer === session.platformIssuer &&
    assignment.deploymentId === session.deploymentId &&
    assignment.contextId === session.contextId
  );
}
