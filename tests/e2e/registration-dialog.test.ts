/**
 * The registration dialog closes in the LMS (issue #11, item 4), the way
 * Moodle 4.5 does it: its "Manage tools" page (here on the platform
 * emulator's site, http://127.0.0.1:PORT) frames Inkwell's `/lti/register`
 * (http://localhost:PORT2, another site) and waits for
 * `org.imsglobal.lti.close`. The registration response must let that LMS
 * frame it — it was registered only a moment before — and a failure must
 * explain itself inside the dialog.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { runCli } from '../support/inkwell-server';
import { inkwellInBrowser } from './browser';

const suite = inkwellInBrowser({ platform: { flavour: 'moodle' }, registerPlatform: false }, { keepContexts: true });
let context: BrowserContext;

function registrationLink(): string {
  const result = runCli(suite.inkwell.env, ['registration-link']);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim();
}

/** Opens the LMS's "Manage tools" page framing `registrationUrl`; it collects the messages its frame posts. */
async function openDialog(registrationUrl: string): Promise<Page> {
  const page = await context.newPage();
  // Not waiting for the frame: registering takes a while on a busy machine.
  await page.goto(suite.inkwell.platform.registrationDialogUrl(registrationUrl), { waitUntil: 'domcontentloaded' });
  return page;
}

/** The dialog frame's content (waits for it to load, whatever it shows). */
function dialog(page: Page) {
  return page.frameLocator('iframe[name="registration"]');
}

async function dialogHeading(page: Page): Promise<string> {
  return (await dialog(page).locator('h1').textContent({ timeout: 60_000 })) ?? '';
}

beforeAll(async () => {
  context = await suite.newContext();
});

describe('the registration dialog inside the LMS', () => {
  it('explains a failure inside the dialog, in plain words, and does not close it', async () => {
    suite.inkwell.platform.setOpenidConfigurationOverride({ issuer: 'https://elsewhere.example' });
    try {
      const page = await openDialog(suite.inkwell.platform.registrationLaunchUrl(registrationLink()));
      expect(await dialogHeading(page)).toBe('Inkwell could not be registered');
      const text = await dialog(page).locator('main').textContent();
      expect(text).toContain('names a different site');
      expect(text).toContain('Nothing was installed');
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (window as unknown as { receivedMessages: unknown[] }).receivedMessages)).toEqual([]);
      await page.close();
    } finally {
      suite.inkwell.platform.setOpenidConfigurationOverride(null);
    }
  });

  it('explains an unusable link inside the dialog too', async () => {
    const page = await openDialog(suite.inkwell.platform.registrationLaunchUrl(`${suite.inkwell.baseUrl}/lti/register?link=made-up`));
    expect(await dialogHeading(page)).toBe('Inkwell could not be registered');
    expect(await dialog(page).locator('main').textContent()).toContain('Ask the Inkwell administrator for a new registration link');
    await page.close();
  });

  it('registers, shows the result inside the LMS frame and posts org.imsglobal.lti.close to the LMS', async () => {
    const page = await openDialog(suite.inkwell.platform.registrationLaunchUrl(registrationLink()));
    await page.waitForFunction(
      () => (window as unknown as { receivedMessages: { data: { subject?: string } }[] }).receivedMessages.some((m) => m.data?.subject === 'org.imsglobal.lti.close'),
      undefined,
      { timeout: 60_000 },
    );
    const messages = await page.evaluate(() => (window as unknown as { receivedMessages: { data: unknown; origin: string }[] }).receivedMessages);
    expect(messages).toContainEqual({ data: { subject: 'org.imsglobal.lti.close' }, origin: new URL(suite.inkwell.baseUrl).origin });
    expect(await dialogHeading(page)).toBe('Inkwell is registered');
    expect(suite.inkwell.platform.registrations).toHaveLength(1);
    await page.close();
  });
});
