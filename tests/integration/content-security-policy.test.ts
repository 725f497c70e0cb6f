/**
 * The Content-Security-Policy of every kind of page Inkwell serves (issue #11,
 * item 5): scripts run only with the response's nonce (no `unsafe-inline`, no
 * `unsafe-eval`), on Next's pages and on the hand-built ones alike (login,
 * platform-storage launch, refusal, registration, the Deep Linking answer);
 * and `frame-ancestors` names only LMS origins seen in launches, never a
 * registered platform's other hosts nor every Canvas tenant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAutoSubmitForm } from '../../emulator';
import { deepLinkingLaunch, launch, openPage } from '../support/lti-client';
import { runCli, startInkwell, type RunningInkwell } from '../support/inkwell-server';

const LINK = 'rl-essay-1';

let inkwell: RunningInkwell;
let student: string;
let teacher: string;

beforeAll(async () => {
  inkwell = await startInkwell();
  // A Canvas platform that is registered but has never launched Inkwell.
  const added = runCli(inkwell.env, [
    'platform',
    'add',
    '--issuer',
    'https://canvas.instructure.com',
    '--client-id',
    '10000000000042',
    '--auth-endpoint',
    'https://sso.canvaslms.com/api/lti/authorize_redirect',
    '--token-endpoint',
    'https://sso.canvaslms.com/login/oauth2/token',
    '--jwks-url',
    'https://sso.canvaslms.com/api/lti/security/jwks',
    '--name',
    'Canvas (never launched)',
  ]);
  expect(added.status, added.stderr + added.stdout).toBe(0);
  // Started again, so the platform list is read fresh rather than on the next periodic refresh.
  await inkwell.restart();
  student = (await launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK })).sessionToken!;
  teacher = (await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: LINK })).sessionToken!;
});

afterAll(async () => {
  await inkwell?.stop();
});

function directives(response: Response): Map<string, string[]> {
  const policy = response.headers.get('content-security-policy') ?? '';
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

/** The policy allows scripts only by this response's nonce, and every executable script in the page carries it. */
async function expectNonceOnly(response: Response, where: string): Promise<string> {
  const csp = directives(response);
  const scriptSrc = csp.get('script-src') ?? [];
  expect(scriptSrc, `${where}: script-src`).toEqual(expect.arrayContaining([expect.stringMatching(/^'nonce-[A-Za-z0-9+/=]{16,}'$/)]));
  expect(scriptSrc, where).not.toContain("'unsafe-inline'");
  expect(scriptSrc, where).not.toContain("'unsafe-eval'");
  expect(csp.get('object-src'), where).toEqual(["'none'"]);
  const nonce = /^'nonce-(.+)'$/.exec(scriptSrc.find((s) => s.startsWith("'nonce-"))!)![1]!;
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].map((m) => m[1]!).filter((attrs) => !/type="application\/json"/.test(attrs));
  for (const attrs of scripts) expect(attrs, `${where}: a script without the nonce`).toContain(`nonce="${nonce}"`);
  return html;
}

describe('script-src with a nonce, no unsafe-inline, no unsafe-eval', () => {
  it("on Next's pages: essay, submissions, grading view, assignment editor, home, not found, admin", async () => {
    const list = await openPage(inkwell.baseUrl, '/grading', teacher);
    const listHtml = (await expectNonceOnly(list, 'submissions list')).replaceAll('<!-- -->', '');
    expect(listHtml).toContain('Ada Lovelace');
    const submissionId = /\/grading\/([a-f0-9]{24})"/.exec(listHtml)![1]!;
    const assignmentId = /\/assignments\/([a-f0-9]{24})\/edit/.exec(listHtml)![1]!;
    expect(await expectNonceOnly(await openPage(inkwell.baseUrl, '/essay', student), 'essay page')).toContain('Essay text');
    expect(await expectNonceOnly(await openPage(inkwell.baseUrl, `/grading/${submissionId}`, teacher), 'grading view')).toContain('Ada Lovelace');
    await expectNonceOnly(await openPage(inkwell.baseUrl, `/assignments/${assignmentId}/edit`, teacher), 'assignment editor');
    await expectNonceOnly(await fetch(`${inkwell.baseUrl}/essay`), 'a page opened without a ticket');
    await expectNonceOnly(await fetch(`${inkwell.baseUrl}/`), 'home page');
    await expectNonceOnly(await fetch(`${inkwell.baseUrl}/no-such-page`), 'not found');
    const admin = await fetch(`${inkwell.baseUrl}/admin`);
    expect(directives(admin).get('frame-ancestors')).toEqual(["'none'"]);
    await expectNonceOnly(admin, 'admin page');
  });

  it('gives each response its own nonce', async () => {
    const nonces = await Promise.all([1, 2, 3].map(async () => directives(await fetch(`${inkwell.baseUrl}/`)).get('script-src')!.join(' ')));
    expect(new Set(nonces).size).toBe(3);
  });

  it('on the hand-built pages: framed login, platform-storage launch, refusal, registration', async () => {
    inkwell.platform.setPlatformStorage(true);
    try {
      const login = inkwell.platform.startLogin({ userId: 'student-ben', resourceLinkId: LINK });
      const checkPage = await fetch(login.loginUrl, {
        method: 'POST',
        body: new URLSearchParams(login.formFields),
        headers: { 'sec-fetch-dest': 'iframe', origin: inkwell.platform.baseUrl },
        redirect: 'manual',
      });
      expect(checkPage.status).toBe(200);
      const checkHtml = await expectNonceOnly(checkPage, 'login check page');
      const config = JSON.parse(/<script type="application\/json" id="login-config">([^<]*)<\/script>/.exec(checkHtml)![1]!) as { authUrl: string };
      const form = parseAutoSubmitForm(await (await fetch(config.authUrl)).text());
      // No cookie comes back: the page that reads platform storage answers.
      const storagePage = await fetch(form.action, { method: 'POST', body: new URLSearchParams(form.fields), redirect: 'manual' });
      expect(storagePage.status).toBe(200);
      expect(await expectNonceOnly(storagePage, 'platform-storage launch page')).toContain('launch-config');
    } finally {
      inkwell.platform.setPlatformStorage(false);
    }
    const refused = await fetch(`${inkwell.baseUrl}/lti/launch`, { method: 'POST', body: new URLSearchParams({ state: 'x' }) });
    expect(refused.status).toBe(401);
    await expectNonceOnly(refused, 'refused launch');
    await expectNonceOnly(await fetch(`${inkwell.baseUrl}/lti/register`), 'registration page');
  });

  it('on the Deep Linking answer that posts itself back to the LMS', async () => {
    const picker = await deepLinkingLaunch(inkwell.platform, { userId: 'teacher-rivera' });
    expect(picker.sessionToken).toBeTruthy();
    const answer = await fetch(`${inkwell.baseUrl}/deep-link/place`, {
      method: 'POST',
      body: new URLSearchParams({ session: picker.sessionToken!, source: 'builtin', then: 'add' }),
    });
    expect(answer.status).toBe(200);
    const html = await expectNonceOnly(answer, 'deep linking answer');
    expect(html).toContain('Adding the assignment to your course');
  });
});

describe('frame-ancestors', () => {
  it('names the LMS origin seen in launches, and nothing of a platform that never launched', async () => {
    for (const response of [await openPage(inkwell.baseUrl, '/essay', student), await fetch(`${inkwell.baseUrl}/`)]) {
      expect(directives(response).get('frame-ancestors')).toEqual(["'self'", new URL(inkwell.platform.baseUrl).origin]);
      expect(response.headers.get('content-security-policy')).not.toMatch(/instructure|canvaslms/);
    }
  });

  it('lets the registering LMS frame the registration page: the admin page that opened it, not every Canvas tenant', async () => {
    // An unknown link is refused before Inkwell contacts anything, so no request leaves this machine.
    const register = (referer?: string) =>
      fetch(
        `${inkwell.baseUrl}/lti/register?link=unknown&openid_configuration=${encodeURIComponent('https://canvas.instructure.com/api/lti/security/openid-configuration')}`,
        { headers: referer ? { referer } : {} },
      );
    const opened = await register('https://school.instructure.com/accounts/1/developer_keys');
    expect(await opened.text()).toContain('could not be registered');
    expect(directives(opened).get('frame-ancestors')).toEqual(["'self'", 'https://school.instructure.com', 'https://canvas.instructure.com']);
    // Without a Referer the school's host is unknown: only then does the page fall back to Canvas's hosts.
    expect(directives(await register()).get('frame-ancestors')).toContain('https://*.instructure.com');
  });
});
