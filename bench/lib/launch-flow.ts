/**
 * One full LTI launch as a browser does it, over loopback HTTP: the platform's login initiation
 * posted to the tool, the tool's redirect to the platform's /auth, the signed id_token posted
 * back to the tool, and (for Inkwell) the 303 into the app followed to the first page's HTML.
 */
import { performance } from 'node:perf_hooks';
import { parseAutoSubmitForm, type Platform } from '../../emulator';
import { cookiesOf, formBody, send } from './http';
import { BACKEND_HEADER } from './load-balancer';

export interface LaunchOutcome {
  ok: boolean;
  ms: number;
  error?: string;
  session?: string;
  /** The first page's HTML (Inkwell only). */
  html?: string;
  /** Behind bench/lib/load-balancer.ts: the backend that answered the login initiation and the id_token post. */
  backends?: { login?: string; launch?: string };
}

export async function fullLaunch(
  platform: Platform,
  request: { userId: string; resourceLinkId: string },
  expect: 'inkwell' | 'bare',
): Promise<LaunchOutcome> {
  const started = performance.now();
  const fail = (error: string): LaunchOutcome => ({ ok: false, ms: performance.now() - started, error });
  try {
    const login = platform.startLogin(request);
    const loginForm = formBody(login.formFields);
    const loginResponse = await send('POST', login.loginUrl, loginForm);
    const authUrl = loginResponse.headers.location;
    if (loginResponse.status !== 302 || !authUrl) return fail(`login answered ${loginResponse.status}`);
    const cookie = cookiesOf(loginResponse);
    const authResponse = await send('GET', new URL(authUrl, login.loginUrl).href);
    if (authResponse.status !== 200) return fail(`platform /auth answered ${authResponse.status}`);
    const form = parseAutoSubmitForm(authResponse.body);
    const idToken = formBody(form.fields);
    const launchResponse = await send('POST', form.action, { body: idToken.body, headers: { ...idToken.headers, cookie } });
    if (expect === 'bare') {
      return launchResponse.status === 200 ? { ok: true, ms: performance.now() - started } : fail(`launch answered ${launchResponse.status}`);
    }
    const location = launchResponse.headers.location;
    if (launchResponse.status !== 303 || !location) return fail(`launch answered ${launchResponse.status}`);
    const pageUrl = new URL(location, form.action);
    const page = await send('GET', pageUrl.href);
    if (page.status !== 200 || !String(page.headers['content-type']).includes('text/html')) return fail(`first page answered ${page.status}`);
    // The page redeems the URL's one-time ticket and hands the session to its scripts.
    const session = /\\?"token\\?":\\?"(eyJ[\w-]+\.[\w-]+\.[\w-]+)\\?"/.exec(page.body)?.[1];
    const backends = { login: loginResponse.headers[BACKEND_HEADER] as string | undefined, launch: launchResponse.headers[BACKEND_HEADER] as string | undefined };
    return { ok: true, ms: performance.now() - started, session, html: page.body, backends };
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Runs `work` over `items` with at most `concurrency` at once, starting no new item after
 * `maxSeconds`; returns the wall time in ms and how many items were started.
 */
export async function pool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
  maxSeconds = 120,
): Promise<{ ms: number; started: number }> {
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  let next = 0;
  const worker = async () => {
    while (next < items.length && performance.now() < deadline) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return { ms: performance.now() - started, started: next };
}
