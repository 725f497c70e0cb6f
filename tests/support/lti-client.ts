/**
 * Plays the browser through an LTI launch over plain HTTP: the platform's
 * login form, Inkwell's redirect to the platform, the platform's auto-posted
 * id_token, and Inkwell's redirect into the app. Cookies are carried like a
 * browser would for the tool's origin.
 */
import {
  parseAutoSubmitForm,
  type DeepLinkingLaunchRequest,
  type LaunchRequest,
  type LoginInitiation,
  type Platform,
} from '../lti-platform';

export interface LaunchResult {
  status: number;
  location: string | null;
  /** The Inkwell session from the redirect, when the launch succeeded. */
  sessionToken: string | null;
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
  const sessionToken = location ? new URL(location, action).searchParams.get('session') : null;
  return { status: response.status, location, sessionToken, body: await response.text() };
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
