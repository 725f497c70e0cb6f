/**
 * No bearer credential in any URL (issue #11, item 2), over real HTTP: a
 * launch sends the browser to a page URL with a one-time ticket that works
 * once and for a short time; links carry nothing; the session itself lives in
 * the page and ends after a while without use unless the page renews it.
 *
 * The server runs with a 6-second idle time and 3-second tickets (instead of an
 * hour and two minutes), so the test can wait them out.
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, launch, mintTicket, sessionTokenInPage } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';

const LINK = 'rl-essay-1';
const IDLE_SECONDS = 6;
const TICKET_SECONDS = 3;

let inkwell: RunningInkwell;

beforeAll(async () => {
  inkwell = await startInkwell({
    env: { INKWELL_SESSION_IDLE_SECONDS: String(IDLE_SECONDS), INKWELL_SESSION_TICKET_SECONDS: String(TICKET_SECONDS) },
  });
});

afterAll(async () => {
  await inkwell?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `seconds` after the token was issued (its `iat`). */
async function untilAfterIssue(token: string, seconds: number): Promise<void> {
  const iat = decodeJwt(token).iat! * 1000;
  await sleep(Math.max(0, iat + seconds * 1000 - Date.now()));
}

function essayUrl(ticket: string): string {
  return `${inkwell.baseUrl}/essay?ticket=${encodeURIComponent(ticket)}`;
}

async function renew(token: string): Promise<{ status: number; json: Record<string, unknown> }> {
  return api(inkwell.baseUrl, token, 'POST', '/api/session/renew');
}

describe('a launch', () => {
  it('sends the browser to a page URL with a one-time ticket, never the session', async () => {
    const result = await launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK });
    expect(result.status).toBe(303);
    expect(result.location).toMatch(/^\/essay\?ticket=[\w-]{43}$/);
    expect(result.location).not.toMatch(/eyJ|session=/);
    // The page opened with it shows the essay and hands its scripts the session.
    expect(result.page).toContain('Essay text');
    expect(result.sessionToken).toBeTruthy();

    // The same URL again (history, a copied address bar, a proxy log) opens nothing.
    const again = await (await fetch(`${inkwell.baseUrl}${result.location}`)).text();
    expect(again).not.toContain('Essay text');
    expect(sessionTokenInPage(again)).toBeNull();
    expect(again).toContain('Please open Inkwell again from your course');
  });
});

describe('a ticket', () => {
  it('works once, even when two requests race for it', async () => {
    const { sessionToken } = await launch(inkwell.platform, { userId: 'student-ben', resourceLinkId: LINK });
    const ticket = await mintTicket(inkwell.baseUrl, sessionToken!);
    const pages = await Promise.all([fetch(essayUrl(ticket)), fetch(essayUrl(ticket))].map(async (r) => (await r).text()));
    expect(pages.filter((html) => sessionTokenInPage(html) !== null)).toHaveLength(1);
    expect(pages.filter((html) => html.includes('Essay text'))).toHaveLength(1);
  });

  it('expires unused after its lifetime', async () => {
    const { sessionToken } = await launch(inkwell.platform, { userId: 'student-chen', resourceLinkId: LINK });
    const ticket = await mintTicket(inkwell.baseUrl, sessionToken!);
    await sleep((TICKET_SECONDS + 1) * 1000);
    const html = await (await fetch(essayUrl(ticket))).text();
    expect(html).not.toContain('Essay text');
    expect(sessionTokenInPage(html)).toBeNull();
  });

  it('is only given for a valid session', async () => {
    const response = await fetch(`${inkwell.baseUrl}/api/session/ticket`, { method: 'POST', headers: { Authorization: 'Bearer not-a-session' } });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe('SESSION_INVALID');
  });
});

describe('links between pages', () => {
  it('carry no credential', async () => {
    await launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK });
    const result = await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: LINK });
    const hrefs = [...result.page!.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    const toPages = hrefs.filter((href) => href.startsWith('/grading') || href.startsWith('/assignments'));
    expect(toPages.length).toBeGreaterThan(1);
    for (const href of hrefs) expect(href).not.toMatch(/ticket=|session=|eyJ/);
  });
});

describe('a session', () => {
  it('is refused by the API after the idle time, and renewing keeps one in use alive', async () => {
    const { sessionToken: first } = await launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK });
    expect((await api(inkwell.baseUrl, first, 'GET', '/api/essay/draft')).status).toBe(200);

    // The page renews while someone works in it.
    await untilAfterIssue(first!, IDLE_SECONDS / 3);
    const renewed = await renew(first!);
    expect(renewed.status).toBe(200);
    expect(renewed.json.idleSeconds).toBe(IDLE_SECONDS);
    const second = String(renewed.json.token);
    expect(second).not.toBe(first);
    expect(decodeJwt(second)).toMatchObject({ userId: 'student-ada', role: 'student', lat: decodeJwt(first!).lat });

    // Past the idle time, the token that was not renewed is refused; the renewed one still works.
    await untilAfterIssue(first!, IDLE_SECONDS + 0.5);
    const idle = await api(inkwell.baseUrl, first, 'GET', '/api/essay/draft');
    expect(idle.status).toBe(401);
    expect(idle.json.code).toBe('SESSION_INVALID');
    expect(idle.json.message).toContain('Please open Inkwell again from your course.');
    expect((await renew(first!)).status).toBe(401);
    expect((await api(inkwell.baseUrl, second, 'GET', '/api/essay/draft')).status).toBe(200);

    // And the renewed one ends the same way once it is left alone.
    await untilAfterIssue(second, IDLE_SECONDS + 0.5);
    expect((await api(inkwell.baseUrl, second, 'GET', '/api/essay/draft')).status).toBe(401);
    expect((await renew(second)).status).toBe(401);
  });
});
