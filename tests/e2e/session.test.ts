/**
 * The session in a real browser, inside the demo LMS's iframe (tool on
 * localhost, LMS on 127.0.0.1, Chromium's default third-party cookie
 * blocking): nothing the person can copy from the address bar, the history
 * or a link opens Inkwell in another browser; moving between pages keeps the
 * session; and when the session ends the essay editor keeps the text and says
 * to open Inkwell again from the course. No page reports a
 * Content-Security-Policy violation.
 *
 * The server runs with a 15-second idle time instead of an hour.
 */
import { describe, expect, it } from 'vitest';
import type { FrameLocator, Page } from 'playwright-core';
import { api, launch, sessionTokenInPage } from '../support/lti-client';
import { inkwellInBrowser, toolFrame, waitForHydration } from './browser';

const LINK = 'rl-essay-1';
const IDLE_SECONDS = 15;
const FRIENDLY = 'Please open Inkwell again from your course';

const suite = inkwellInBrowser({ platform: { demo: true, flavour: 'moodle' }, env: { INKWELL_SESSION_IDLE_SECONDS: String(IDLE_SECONDS) } });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function launchFromCourse(page: Page, linkName: string): Promise<FrameLocator> {
  await page.goto(`${suite.inkwell.platform.baseUrl}/`);
  await page.getByRole('link', { name: linkName, exact: true }).click();
  return page.frameLocator('iframe[name="tool-frame"]');
}

/** Every Inkwell URL the tool frame's pages were requested with (what browser history records). */
function recordToolUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.url().startsWith(suite.inkwell.baseUrl)) urls.push(request.url());
  });
  return urls;
}

describe('a copied Inkwell URL', () => {
  it('opens nothing in another suite.browser: the address bar, the history and the links carry no credential', async () => {
    for (const userId of ['student-ada', 'student-ben']) await launch(suite.inkwell.platform, { userId, resourceLinkId: LINK });
    const context = await suite.newContext();
    const page = await context.newPage();
    const requested = recordToolUrls(page);
    const frame = await launchFromCourse(page, 'Launch as instructor: Maria Rivera');
    await frame.getByRole('link', { name: 'Ada Lovelace', exact: true }).click();
    await frame.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    await frame.getByRole('link', { name: 'Next student' }).click();
    await frame.getByRole('heading', { level: 1, name: 'Ben Okafor' }).waitFor();
    const tool = toolFrame(page);
    // The used ticket leaves the address bar as soon as the page has it.
    await expect.poll(() => new URL(tool.url()).search).toBe('');
    const links = await tool.locator('a[href^="/"]').evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    expect(links.length).toBeGreaterThan(1);
    const ticketed = requested.filter((url) => url.includes('ticket='));
    expect(ticketed.length).toBeGreaterThanOrEqual(3);
    for (const url of [tool.url(), ...requested, ...links]) expect(url).not.toMatch(/session=|eyJ/);

    const other = await suite.newContext();
    const stranger = await other.newPage();
    for (const url of new Set([tool.url(), ...ticketed, ...links])) {
      await stranger.goto(url);
      await stranger.getByText(FRIENDLY).first().waitFor();
      expect(await stranger.getByRole('heading', { name: /Ada Lovelace|Ben Okafor/ }).count(), url).toBe(0);
      expect(sessionTokenInPage(await stranger.content()), url).toBeNull();
    }
  });
});

describe('the essay editor', () => {
  it('keeps the session while the student writes, and keeps the text when it ends after idle time', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    const frame = await launchFromCourse(page, 'Launch as student: Chen Wei');
    const essay = frame.getByLabel('Essay text', { exact: true });
    await essay.waitFor();
    const tool = toolFrame(page);
    await waitForHydration(tool, '#essay-text');
    const token = sessionTokenInPage(await tool.content())!;
    const saved = frame.getByRole('status').filter({ hasText: 'All changes saved' });

    // Writing for longer than the idle time: the page renews the session as it goes.
    const words = ['Stalin', 'rose', 'through', 'the', 'party', 'apparatus', 'while', 'rivals', 'argued', 'in', 'public.'];
    const startedAt = Date.now();
    for (const word of words) {
      await essay.pressSequentially(`${word} `);
      await sleep(((IDLE_SECONDS + 5) * 1000) / words.length);
    }
    expect(Date.now() - startedAt).toBeGreaterThan(IDLE_SECONDS * 1000);
    await saved.waitFor();
    const written = `${words.join(' ')} `;
    expect(await essay.inputValue()).toBe(written);

    // Left alone past the idle time, the session ends and the page says so.
    const ended = frame.getByRole('alert').filter({ hasText: FRIENDLY });
    await ended.first().waitFor({ timeout: (IDLE_SECONDS + 15) * 1000 });
    // The launch's own token was not renewed, so the server refuses it too.
    expect((await api(suite.inkwell.baseUrl, token, 'GET', '/api/essay/draft')).status).toBe(401);

    // Text typed now stays on the page, with a plain explanation, and nothing is lost.
    await essay.pressSequentially('Written after the session ended.');
    await frame.getByRole('alert').filter({ hasText: 'Your text is still here' }).waitFor();
    expect(await essay.inputValue()).toBe(`${written}Written after the session ended.`);
    expect(await frame.getByText('Not saved', { exact: true }).count()).toBe(1);
  });
});
