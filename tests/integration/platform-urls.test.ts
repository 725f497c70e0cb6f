/**
 * URLs from a platform are never trusted into a page (issue #11, item 5),
 * over real HTTP with production settings: a `deep_link_return_url` that is
 * not http(s) — or plain http to a host that is not the loopback test LMS —
 * refuses the Deep Linking launch, so no form on Inkwell's origin ever posts
 * to it; a platform whose endpoints are not https cannot be added.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM } from '../../emulator';
import { deepLinkingLaunch, followAutoSubmit } from '../support/lti-client';
import { runCli, startInkwell, type RunningInkwell } from '../support/inkwell-server';

const TEACHER = 'teacher-rivera';
let inkwell: RunningInkwell;

function withReturnUrl(url: string): void {
  inkwell.platform.setLaunchTamper((claims, header) => ({
    claims: {
      ...claims,
      [CLAIM.deepLinkingSettings]: { ...(claims[CLAIM.deepLinkingSettings] as Record<string, unknown>), deep_link_return_url: url },
    },
    header,
  }));
}

/** Everything a browser would get on its way through the content picker, as far as Inkwell lets it go. */
async function pickerResponses(): Promise<{ status: number; pages: string[] }> {
  const result = await deepLinkingLaunch(inkwell.platform, { userId: TEACHER });
  const pages = [result.body];
  if (result.status === 303 && result.sessionToken) {
    const answer = await fetch(`${inkwell.baseUrl}/deep-link/place`, {
      method: 'POST',
      body: new URLSearchParams({ session: result.sessionToken, source: 'builtin', then: 'add' }),
      redirect: 'manual',
    });
    pages.push(await answer.text());
  }
  return { status: result.status, pages };
}

beforeAll(async () => {
  inkwell = await startInkwell({ platform: { flavour: 'moodle' } });
});
afterAll(async () => {
  await inkwell?.stop();
});

describe('deep_link_return_url', () => {
  it.each([
    ['a javascript: URL', 'javascript:alert(document.domain)//'],
    ['a javascript: URL with leading space', '  javascript:alert(1)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['plain http to an LMS that is not on loopback (production wants https)', 'http://lms.example.edu/deep_link_return'],
  ])('refuses %s: the launch shows the friendly page and no form posts there', async (_what, url) => {
    withReturnUrl(url);
    try {
      const { status, pages } = await pickerResponses();
      expect(status).toBe(400);
      expect(pages[0]).toContain('Inkwell could not open');
      for (const page of pages) {
        expect(page).not.toMatch(/action="\s*(javascript|data):/i);
        expect(page).not.toContain('lms.example.edu');
      }
    } finally {
      inkwell.platform.setLaunchTamper(null);
    }
    expect(inkwell.logs.join('')).toMatch(/deep_link_return_url/);
  });

  it('still answers an http(s) return URL of the registered LMS (the control case)', async () => {
    const { status, pages } = await pickerResponses();
    expect(status).toBe(303);
    const returned = await followAutoSubmit(pages[1]!);
    expect(returned.status, returned.body).toBe(200);
    expect(inkwell.platform.deepLinkResponses.at(-1)?.accepted).toBe(true);
  });
});

describe('platform endpoints', () => {
  it.each([
    ['--auth-endpoint', 'http://lms.example.edu/auth'],
    ['--token-endpoint', 'http://lms.example.edu/token'],
    ['--jwks-url', 'http://lms.example.edu/jwks'],
  ])('a platform whose %s is plain http cannot be added in production', (option, url) => {
    const args = [
      'platform',
      'add',
      '--issuer',
      'https://lms.example.edu',
      '--client-id',
      `client-${option}`,
      '--auth-endpoint',
      'https://lms.example.edu/auth',
      '--token-endpoint',
      'https://lms.example.edu/token',
      '--jwks-url',
      'https://lms.example.edu/jwks',
    ];
    args[args.indexOf(option) + 1] = url;
    const result = runCli(inkwell.env, args);
    expect(result.status, result.stdout).not.toBe(0);
    expect(result.stderr).toMatch(/must be an https URL/);
  });
});
