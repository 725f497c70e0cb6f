/**
 * Plays the browser through an LTI launch over plain HTTP: the platform's
 * login form, Inkwell's redirect to the platform, the platform's auto-posted
 * id_token, and Inkwell's redirect into the app, whose one-time ticket opens
 * the first page, which hands over the session. Cookies are carried like a
 * browser would for the tool's origin.
 */
import {
  parseAutoSubmitForm,
  type DeepLinkingLaunchRequest,
  type LaunchRequest,
  type LoginInitiation,
  type Platform,
} from '../../emulator';

export interface LaunchResult {
  status: number;
  location: string | null;
  /** The one-time ticket in the redirect, when the launch succeeded (used up by opening the page). */
  ticket: string | null;
  /** The Inkwell session the first page handed over, when the launch succeeded. */
  sessionToken: string | null;
  /** The first page's HTML (opened with the ticket), when the launch succeeded. */
  page: string | null;
  body: string;
}

function cookiesFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Login initiation → platform authorization; returns the form the platform would auto-post to Inkwell. */
export async function loginAndAuthorize(
  platform: Platform,
  request: LaunchRequest,
): Promise<{ cookie: string; form: { action: string; fields: Record<string, string> } }> {
  return authorize(platform.startLogin(request));
}

async function authorize(login: LoginInitiation): Promise<{ cookie: string; form: { action: string; fields: Record<string, string> } }> {
  const loginResponse = await fetch(login.loginUrl, {
    method: 'POST',
    body: new URLSearchParams(login.formFields),
    redirect: 'manual',
  });
  const authUrl = loginResponse.headers.get('location');
  if (loginResponse.status !== 302 || !authUrl) {
    throw new Error(`login initiation answered ${loginResponse.status}: ${await loginResponse.text()}`);
  }
  const cookie = cookiesFrom(loginResponse);
  const authResponse = await fetch(authUrl);
  const form = parseAutoSubmitForm(await authResponse.text());
  return { cookie, form };
}

export async function postIdToken(action: string, fields: Record<string, string>, cookie: string): Promise<LaunchResult> {
  const response = await fetch(action, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: cookie ? { cookie } : {},
    redirect: 'manual',
  });
  const location = response.headers.get('location');
  const body = await response.text();
  const ticket = location ? new URL(location, action).searchParams.get('ticket') : null;
  let page: string | null = null;
  if (location && ticket) {
    // Opening the page as the browser would: it redeems the ticket and hands the session to its scripts.
    page = await (await fetch(new URL(location, action))).text();
  }
  return { status: response.status, location, ticket, sessionToken: page ? sessionTokenInPage(page) : null, page, body };
}

/**
 * The session token a page hands its client code (SessionStart's `issued.token`,
 * in Next's serialized props), or null when the page has none.
 */
export function sessionTokenInPage(html: string): string | null {
  const match = /\\?"token\\?":\\?"(eyJ[\w-]+\.[\w-]+\.[\w-]+)\\?"/.exec(html);
  return match?.[1] ?? null;
}

/** A one-time ticket for `token` (what a page's links ask for before the browser follows them). */
export async function mintTicket(baseUrl: string, token: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/session/ticket`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { ticket?: string };
  if (!response.ok || !body.ticket) throw new Error(`no ticket: ${response.status} ${JSON.stringify(body)}`);
  return body.ticket;
}

/** Opens an Inkwell page with the session `token`, the way a link in Inkwell does (a fresh ticket). */
export async function openPage(baseUrl: string, path: string, token: string): Promise<Response> {
  const ticket = await mintTicket(baseUrl, token);
  return fetch(`${baseUrl}${path}${path.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket)}`);
}

/** Opens a launch's first page again, with its session (the launch's own ticket is used up). */
export async function reopenLaunchPage(baseUrl: string, result: LaunchResult): Promise<Response> {
  if (!result.location || !result.sessionToken) throw new Error(`the launch did not succeed (${result.status})`);
  const url = new URL(result.location, baseUrl);
  url.searchParams.delete('ticket');
  return openPage(baseUrl, `${url.pathname}${url.search}`, result.sessionToken);
}

/** The HTML of an Inkwell page opened with the session `token`. */
export async function pageHtml(baseUrl: string, path: string, token: string): Promise<string> {
  return (await openPage(baseUrl, path, token)).text();
}

/** A Deep Linking launch (the LMS's content picker) up to Inkwell's answer. */
export async function deepLinkingLaunch(platform: Platform, request: DeepLinkingLaunchRequest): Promise<LaunchResult> {
  const { cookie, form } = await authorize(platform.startDeepLinkingLogin(request));
  return postIdToken(form.action, form.fields, cookie);
}

/** Posts an auto-submitting form page (e.g. Inkwell's Deep Linking answer) the way a browser would. */
export async function followAutoSubmit(html: string): Promise<{ status: number; body: string }> {
  const form = parseAutoSubmitForm(html);
  const response = await fetch(form.action, { method: 'POST', body: new URLSearchParams(form.fields) });
  return { status: response.status, body: await response.text() };
}

export async function launch(platform: Platform, request: LaunchRequest): Promise<LaunchResult> {
  const { cookie, form } = await loginAndAuthorize(platform, request);
  return postIdToken(form.action, form.fields, cookie);
}

/** A JSON API call with the session as a bearer token. */
export async function api(
  baseUrl: string,
  sessionToken: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(sessionToken ? { Authorization: `Bearer ${sessionToken}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: response.status, json };
}
