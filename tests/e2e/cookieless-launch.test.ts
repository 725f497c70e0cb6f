/**
 * Launching with every third-party cookie blocked, partitioned ones included
 * (as Safari and strict privacy settings do): the demo LMS on
 * http://127.0.0.1:PORT frames Inkwell on http://localhost:PORT2, and Chromium
 * blocks cookies for localhost whenever the top-level site is 127.0.0.1 (a
 * cookie content setting with that secondary pattern, written into the
 * profile's preferences). First-party cookies in a window of Inkwell's own
 * stay allowed.
 *
 * Two paths: the LMS offers LTI Platform Storage, so the OIDC state is kept in
 * the LMS's frame and the launch completes inside the iframe; or it does not,
 * and the student gets a button that opens Inkwell in a new window, where the
 * launch completes. In both, the instructor then moves from the submissions
 * list to a grading view and on to the next student: the session goes along
 * without a cookie and without being in any URL; and no page reports a
 * Content-Security-Policy violation.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';
import { PageErrors, VIEWPORT } from './browser';

const LINK_TITLE = 'Unit essay: The Rise of Totalitarianism in Russia';

let inkwell: RunningInkwell;
let context: BrowserContext;
let profileDir: string;
const pageErrors = new PageErrors();

/** A Chromium profile whose cookie setting blocks the tool's cookies under the LMS's top-level site. */
function profileBlockingToolCookies(toolOrigin: string, lmsOrigin: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'inkwell-chromium-'));
  mkdirSync(join(dir, 'Default'));
  const preferences = {
    profile: {
      cookie_controls_mode: 1,
      content_settings: { exceptions: { cookies: { [`${toolOrigin},${lmsOrigin}`]: { setting: 2 } } } },
    },
  };
  writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify(preferences));
  return dir;
}

beforeAll(async () => {
  inkwell = await startInkwell({ platform: { demo: true, platformStorage: true } });
  profileDir = profileBlockingToolCookies(new URL(inkwell.baseUrl).origin, new URL(inkwell.platform.baseUrl).origin);
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: VIEWPORT,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context.setDefaultTimeout(20_000);
  pageErrors.watch(context);
});

afterEach(() => {
  expect(pageErrors.take(), 'uncaught errors or CSP violations in the browser').toEqual([]);
});

afterAll(async () => {
  await context?.close();
  await inkwell?.stop();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

async function openCourseAndLaunch(page: Page, who: string, as: 'student' | 'instructor' = 'student'): Promise<void> {
  await page.goto(`${inkwell.platform.baseUrl}/`);
  await page
    .getByRole('region', { name: `Assignment: ${LINK_TITLE}`, exact: true })
    .getByRole('link', { name: `Launch as ${as}: ${who}`, exact: true })
    .click();
}

/** Submissions list → Ada's grading view → next student (Ben) → back to the list, checking no URL carries the session. */
async function gradeAcrossPages(frame: Frame | Page): Promise<void> {
  const urlIsClean = () => expect.poll(() => new URL(frame.url()).search).toBe('');
  await frame.getByRole('table').waitFor();
  await urlIsClean();
  await frame.getByRole('link', { name: 'Ada Lovelace', exact: true }).click();
  await frame.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
  await urlIsClean();
  await frame.getByRole('link', { name: 'Next student' }).click();
  await frame.getByRole('heading', { level: 1, name: 'Ben Okafor' }).waitFor();
  await urlIsClean();
  await frame.getByRole('link', { name: '← All submissions' }).click();
  await frame.getByRole('table').waitFor();
  await urlIsClean();
}

function toolFrame(page: Page): Frame {
  const frame = page.frame({ name: 'tool-frame' });
  if (!frame) throw new Error('no tool frame');
  return frame;
}

async function toolCookiesInFrame(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    document.cookie = 'probe=1; Secure; SameSite=None; Partitioned; Path=/';
    return document.cookie;
  });
}

describe('with third-party cookies blocked, partitioned ones included', () => {
  it('launches inside the LMS frame through LTI Platform Storage', async () => {
    const page = await context.newPage();
    await openCourseAndLaunch(page, 'Ada Lovelace');
    const frame = toolFrame(page);
    await frame.waitForURL(/\/essay(\?|$)/, { timeout: 30_000 });
    await expect.poll(() => frame.getByText('Essay text').count()).toBeGreaterThan(0);
    // The browser really kept no cookie for the tool in the frame…
    expect(await toolCookiesInFrame(frame)).toBe('');
    // …and the state went through the platform's storage frame instead.
    const storage = page.frame({ name: 'post_message_forwarding' })!;
    const keys = await storage.evaluate(() => (window as unknown as { storedKeys: () => string[] }).storedKeys());
    expect(keys.some((key) => key.startsWith(`${new URL(inkwell.baseUrl).origin} inkwell_state_`))).toBe(true);
    expect(inkwell.logs.join('')).not.toContain('[launch] refused');
    await page.close();
  });

  it('offers a new window when the LMS has no platform storage, and the launch completes there', async () => {
    inkwell.platform.setPlatformStorage(false);
    try {
      const page = await context.newPage();
      await openCourseAndLaunch(page, 'Ben Okafor');
      const frame = toolFrame(page);
      const button = frame.getByRole('link', { name: 'Open Inkwell in a new window' });
      await button.waitFor({ state: 'visible' });
      expect(await frame.getByRole('status').textContent()).toContain('needs a new window');
      const [popup] = await Promise.all([context.waitForEvent('page'), button.click()]);
      await popup.waitForURL(/\/essay(\?|$)/, { timeout: 30_000 });
      await expect.poll(() => popup.getByText('Essay text').count()).toBeGreaterThan(0);
      expect(new URL(popup.url()).origin).toBe(new URL(inkwell.baseUrl).origin);
      expect(inkwell.logs.join('')).not.toContain('[launch] refused');
      await page.close();
    } finally {
      inkwell.platform.setPlatformStorage(true);
    }
  });

  it('lets the instructor move between pages inside the LMS frame (platform storage)', async () => {
    const page = await context.newPage();
    await openCourseAndLaunch(page, 'Maria Rivera', 'instructor');
    const frame = toolFrame(page);
    await frame.waitForURL(/\/grading(\?|$)/, { timeout: 30_000 });
    await gradeAcrossPages(frame);
    expect(await toolCookiesInFrame(frame)).toBe('');
    expect(inkwell.logs.join('')).not.toContain('[launch] refused');
    await page.close();
  });

  it('lets the instructor move between pages in the new window (no platform storage)', async () => {
    inkwell.platform.setPlatformStorage(false);
    try {
      const page = await context.newPage();
      await openCourseAndLaunch(page, 'Maria Rivera', 'instructor');
      const button = toolFrame(page).getByRole('link', { name: 'Open Inkwell in a new window' });
      await button.waitFor({ state: 'visible' });
      const [popup] = await Promise.all([context.waitForEvent('page'), button.click()]);
      await popup.waitForURL(/\/grading(\?|$)/, { timeout: 30_000 });
      await gradeAcrossPages(popup);
      expect(inkwell.logs.join('')).not.toContain('[launch] refused');
      await page.close();
    } finally {
      inkwell.platform.setPlatformStorage(true);
    }
  });
});
