/**
 * The edge of every admin form post: who may post (the admin cookie, and an
 * Origin that is Inkwell's own), reading and checking the form, and the 303
 * back to the admin page with a short message. Route handlers stay a schema
 * and one service call.
 */
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { ADMIN_COOKIE, adminPassword, isAdminSession } from '../../../services/admin-auth';
import { publicBaseUrl } from '../../../services/config';
import { toErrorBody } from '../../_lib/http-errors';

/** Holds a new registration link for the next page view only (the token is stored hashed, so it is shown once). */
export const NEW_LINK_COOKIE = 'inkwell_admin_new_link';
const NEW_LINK_SECONDS = 120;

/** Where the admin page shows its messages; redirects land on it. */
export const MESSAGE_ANCHOR = 'admin-message';

/** Admin forms are small; anything larger is not one of them. */
const MAX_FORM_BYTES = 64 * 1024;

export function usesHttps(): boolean {
  return publicBaseUrl().startsWith('https:');
}

/**
 * CSRF check (the SameSite=Strict cookie is the other half): a form post that
 * names its Origin must come from Inkwell's own. Under a no-referrer policy
 * browsers send `Origin: null` instead, and then Sec-Fetch-Site must say
 * same-origin. Clients without either header (curl) still need the cookie.
 */
export function fromOwnOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  if (origin === 'null') return site === 'same-origin';
  if (origin !== null) return origin === new URL(publicBaseUrl()).origin;
  return site === null || site === 'same-origin';
}

export async function hasAdminSession(): Promise<boolean> {
  if (!adminPassword()) return false;
  return isAdminSession((await cookies()).get(ADMIN_COOKIE)?.value);
}

function htmlPage(status: number, title: string, text: string): Response {
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Inkwell admin</title></head>
<body><main><h1>${title}</h1><p>${text} <a href="/admin">Go to the admin page</a>.</p></main></body></html>`;
  return new Response(body, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}

export function notSignedIn(): Response {
  return htmlPage(401, 'Please sign in', 'Your admin session has ended, or you are not signed in.');
}

export function foreignOrigin(): Response {
  return htmlPage(403, 'Request refused', 'This form was not sent from the Inkwell admin page, so nothing was changed.');
}

export type AdminOutcome = { notice: string; newLink?: string } | { error: string };

/** 303 to the admin page with its message; a new registration link travels in a short-lived cookie. */
export function backToAdmin(outcome: AdminOutcome): NextResponse {
  const params = new URLSearchParams('error' in outcome ? { error: outcome.error } : { notice: outcome.notice });
  const response = new NextResponse(null, {
    status: 303,
    headers: { Location: `/admin?${params.toString()}#${MESSAGE_ANCHOR}`, 'Cache-Control': 'no-store' },
  });
  if ('newLink' in outcome && outcome.newLink) {
    response.cookies.set(NEW_LINK_COOKIE, outcome.newLink, {
      httpOnly: true,
      sameSite: 'strict',
      secure: usesHttps(),
      path: '/admin',
      maxAge: NEW_LINK_SECONDS,
    });
  } else {
    // Whatever happens next, a link shown before is not shown again.
    response.cookies.set(NEW_LINK_COOKIE, '', { httpOnly: true, sameSite: 'strict', secure: usesHttps(), path: '/admin', maxAge: 0 });
  }
  return response;
}

/** The form's text fields; files are not expected and are ignored. */
export async function readForm(request: Request): Promise<Record<string, string> | null> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_FORM_BYTES) return null;
  try {
    const form = await request.formData();
    const fields: Record<string, string> = {};
    for (const [name, value] of form.entries()) if (typeof value === 'string') fields[name] = value;
    return fields;
  } catch {
    return null;
  }
}

/** Every message, once, in form order: each is written to stand on its own. */
export function describeIssues(error: z.ZodError): string {
  return [...new Set(error.issues.map((issue) => issue.message))].join(' ');
}

/** A service failure as the admin should read it: exposed errors keep their message, others get a reference. */
export function failureMessage(error: unknown): string {
  const { status, body } = toErrorBody(error);
  if (status < 500) return body.message;
  return `Something went wrong and the change may not have been made (reference ${body.reference}). The server log has the details; please try again.`;
}

/**
 * Runs one admin action: refuses foreign origins and missing sessions, checks
 * the form with `schema`, calls `act`, and redirects back with its message.
 */
export async function handleAdminPost<T>(
  request: Request,
  schema: z.ZodType<T>,
  act: (input: T) => Promise<{ notice: string; newLink?: string }>,
): Promise<Response> {
  if (!fromOwnOrigin(request)) return foreignOrigin();
  if (!(await hasAdminSession())) return notSignedIn();
  const fields = await readForm(request);
  if (!fields) return backToAdmin({ error: 'The form could not be read. Reload the admin page and try again.' });
  const parsed = schema.safeParse(fields);
  if (!parsed.success) return backToAdmin({ error: describeIssues(parsed.error) });
  try {
    return backToAdmin(await act(parsed.data));
  } catch (error) {
    return backToAdmin({ error: failureMessage(error) });
  }
}
