/**
 * Shared steps for the certification cases: a launch through the emulator with
 * the id_token changed before signing, and the checks every refused case makes
 * (HTTP status, the friendly page, the reason logged under the page's reference).
 */
import { expect } from 'vitest';
import type { JwtClaims, JwtHeader, SignWith } from '../../emulator';
import { loginAndAuthorize, postIdToken, type LaunchResult } from '../support/lti-client';
import type { RunningInkwell } from '../support/inkwell-server';

export const LINK = 'rl-essay-1';
export const STUDENT = 'student-ada';
export const INSTRUCTOR = 'teacher-rivera';

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A launch whose id_token claims (and header / signing key) are changed before the platform signs it. */
export async function tamperedLaunch(
  inkwell: RunningInkwell,
  change: (claims: JwtClaims, header: JwtHeader) => { signWith?: SignWith } | void,
  userId = STUDENT,
): Promise<LaunchResult> {
  inkwell.platform.setLaunchTamper((claims, header) => {
    const outcome = change(claims, header) ?? {};
    return { claims, header, signWith: outcome.signWith ?? 'platform' };
  });
  try {
    const { cookie, form } = await loginAndAuthorize(inkwell.platform, { userId, resourceLinkId: LINK });
    return await postIdToken(form.action, form.fields, cookie);
  } finally {
    inkwell.platform.setLaunchTamper(null);
  }
}

/** The reason logged for the refusal whose reference the page shows (waits for the log line). */
/**
 * A JSON log line's message (quotes unescaped) followed by the whole line, so a reason matches as
 * written and checks for leaked tokens still see every field; a plain line as it is.
 */
function messageOf(line: string): string {
  try {
    const parsed = JSON.parse(line) as { msg?: unknown };
    return typeof parsed.msg === 'string' ? `${parsed.msg}\n${line}` : line;
  } catch {
    return line;
  }
}

export async function loggedReason(inkwell: RunningInkwell, body: string): Promise<string> {
  const reference = /Reference for support: <code>([0-9a-f]{8})<\/code>/.exec(body)?.[1];
  expect(reference, 'the page shows a reference').toBeDefined();
  const deadline = Date.now() + 5_000;
  for (;;) {
    const line = inkwell.logs
      .join('')
      .split('\n')
      .find((l) => l.includes(`ref=${reference}:`));
    if (line) return messageOf(line);
    if (Date.now() > deadline) throw new Error(`no log line for ref=${reference}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Status, friendly page without internals, and the logged reason. */
export async function expectRefused(inkwell: RunningInkwell, result: LaunchResult, status: number, reason: RegExp): Promise<void> {
  expect(result.status).toBe(status);
  expect(result.ticket).toBeNull();
  expect(result.sessionToken).toBeNull();
  expect(result.body).toContain('Inkwell could not open');
  expect(result.body).not.toMatch(/at \w+ \(|node_modules|eyJ/);
  const line = await loggedReason(inkwell, result.body);
  expect(line).toContain(`[launch] refused (${status})`);
  expect(line).toMatch(reason);
  // The log never carries the id_token itself.
  expect(line).not.toMatch(/eyJ[\w-]+\.eyJ/);
}

export function expectAccepted(result: LaunchResult, role: 'student' | 'instructor'): void {
  expect(result.status, result.body.slice(0, 300)).toBe(303);
  expect(result.location).toMatch(role === 'student' ? /^\/essay\?ticket=[\w-]+$/ : /^\/grading\?ticket=[\w-]+$/);
  expect(result.sessionToken).toBeTruthy();
}
