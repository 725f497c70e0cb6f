/**
 * Inkwell's own session after an LTI launch: a short-lived signed token that
 * travels in the page URL and in `Authorization: Bearer` headers, never in a
 * cookie — cookies are unreliable inside a cross-site LMS iframe, and a bearer
 * header cannot be forged by another site (no CSRF).
 *
 * It carries the tenant (platform, deployment, context, resource link), the
 * user and the role; every API call re-checks it and re-reads the data it names.
 */
import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { InkwellRole } from '../lti/roles';
import { ForbiddenError, InkwellError } from '../domain/errors';
import { serverSecret } from './config';

export const SESSION_TTL_SECONDS = 8 * 60 * 60;
const AUDIENCE = 'inkwell-session';

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
  constructor(detail: string) {
    super('SESSION_INVALID', 401, 'Your Inkwell session has ended. Please open Inkwell again from your course.', { detail });
  }
}

function signingKey(): Uint8Array {
  // A key of its own, derived from the server secret, so no other use of the secret can mint sessions.
  return createHash('sha256').update(`inkwell-session:${serverSecret()}`).digest();
}

export async function issueSession(session: Session): Promise<string> {
  return new SignJWT({ ...session })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(AUDIENCE)
    // Unique per launch, so every launch gives a new token (and logs can tell sessions apart).
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${SESSION_TTL_SECONDS}s`)
    .sign(signingKey());
}

function stringClaim(payload: Record<string, unknown>, name: keyof Session): string {
  const value = payload[name];
  if (typeof value !== 'string') throw new SessionInvalidError(`session claim ${name} missing`);
  return value;
}

export async function readSession(token: string | null | undefined): Promise<Session> {
  if (!token) throw new SessionInvalidError('no session token');
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, signingKey(), { audience: AUDIENCE, algorithms: ['HS256'] }));
  } catch (error) {
    throw new SessionInvalidError(`session token rejected: ${(error as Error).message}`);
  }
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
