import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';
import { launchBrowser, newContext, toolFrame, axeViolations, describeViolations } from './browser';
import type { Browser } from 'playwright-core';

let inkwell: RunningInkwell;
let browser: Browser;
beforeAll(async () => {
  const t = Date.now();
  [inkwell, browser] = await Promise.all([startInkwell({ platform: { demo: true, flavour: 'moodle' } }), launchBrowser()]);
  console.log('startup', Date.now() - t);
});
afterAll(async () => { await browser?.close(); await inkwell?.stop(); });
describe('spike', () => {
  it('launches', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(inkwell.platform.baseUrl + '/');
    await page.getByRole('link', { name: 'Launch as student: Ada Lovelace' }).click();
    const frame = page.frameLocator('iframe[name="tool-frame"]');
    await frame.getByLabel('Essay text').waitFor({ timeout: 15000 }).catch(async (e) => { console.log(await toolFrame(page).content()); console.log(inkwell.logs.join('')); throw e; });
    console.log(toolFrame(page).url());
    console.log(describeViolations('essay', await axeViolations(toolFrame(page))));
    await context.close();
  });
});
