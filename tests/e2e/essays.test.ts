/**
 * The editor in a real browser, for issue #12's essay items: two tabs in conflict see each
 * other's text before choosing and the version not chosen stays recoverable from "Earlier
 * versions" (item 4); a 20,000-word essay saves, submits and displays, and a text over the
 * limit is refused with the limit named while the editor and the local backup keep it (item 5).
 * One server for the file; each test has its own student (Ada, Ben, Chen).
 */
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { MAX_ESSAY_CHARS } from '../../domain/essay';
import { sampleEssay } from '../../domain/unit';
import { mintTicket, sessionTokenInPage } from '../support/lti-client';
import { axeViolations, describeViolations, inkwellInBrowser, toolFrame, waitForHydration } from './browser';

const SAVED = 'All changes saved';

const suite = inkwellInBrowser();

/** Opens the essay from the demo course page, once the editor has hydrated. */
async function openEssay(page: Page, student: string): Promise<{ frame: FrameLocator; essay: Locator }> {
  await page.goto(`${suite.inkwell.platform.baseUrl}/`);
  await page.getByRole('link', { name: `Launch as student: ${student}`, exact: true }).click();
  const frame = page.frameLocator('iframe[name="tool-frame"]');
  const essay = frame.getByLabel('Essay text', { exact: true });
  await essay.waitFor();
  await waitForHydration(toolFrame(page), '#essay-text', { timeout: 15_000 });
  return { frame, essay };
}

function statusWith(frame: FrameLocator, text: string): Locator {
  return frame.getByRole('status').filter({ hasText: text });
}

/** Changes the rules of the assignments created so far (as an instructor's edit would). */
async function setRules(rules: Record<string, unknown>): Promise<void> {
  const client = await MongoClient.connect(suite.inkwell.env.MONGODB_URI!);
  try {
    const set = Object.fromEntries(Object.entries(rules).map(([key, value]) => [`rules.${key}`, value]));
    await client.db(suite.inkwell.env.INKWELL_DB_NAME).collection('assignments').updateMany({}, { $set: set });
  } finally {
    await client.close();
  }
}

/** About `count` words of real prose. */
function essayOfWords(count: number): string {
  const source = sampleEssay.split(/\s+/);
  return Array.from({ length: count }, (_, i) => source[i % source.length]).join(' ');
}

describe('two tabs in conflict', () => {
  it('shows this tab the other text before it chooses; keeping its own leaves the other recoverable', async () => {
    const context = await suite.newContext();
    const pageA = await context.newPage();
    const pageB = await context.newPage();
    const a = await openEssay(pageA, 'Ada Lovelace');
    const b = await openEssay(pageB, 'Ada Lovelace');

    const textA = 'Tab A: the purges removed every rival Stalin had in the Politburo.';
    await a.essay.pressSequentially(textA);
    await statusWith(a.frame, SAVED).waitFor();

    const textB = 'Tab B: written in a tab opened earlier.';
    await b.essay.pressSequentially(textB);
    // Announced, and both versions shown in labelled regions before anything is chosen.
    await b.frame.getByRole('alert').filter({ hasText: 'changed in another tab or window' }).waitFor();
    const other = b.frame.getByRole('region', { name: /Saved in another tab or window \(version 1/ });
    const mine = b.frame.getByRole('region', { name: /In this tab, not saved yet/ });
    expect(await other.getByRole('textbox').inputValue()).toBe(textA);
    expect(await mine.getByRole('textbox').inputValue()).toBe(textB);
    const violations = await axeViolations(toolFrame(pageB));
    expect(violations, describeViolations('essay page with two versions side by side', violations)).toEqual([]);

    await b.frame.getByRole('button', { name: 'Keep the text in this tab' }).click();
    await statusWith(b.frame, SAVED).waitFor();
    await statusWith(b.frame, 'The other version stays in Earlier versions as version 1').waitFor();
    expect(await b.essay.inputValue()).toBe(textB);

    // The other tab's text is still there, and can be put back (on top, so tab B's stays too).
    await b.frame.getByText('Earlier versions', { exact: true }).click();
    const versions = b.frame.getByRole('list', { name: 'Saved versions, newest first' });
    await versions.getByRole('button', { name: 'Version 2' }).waitFor();
    await versions.getByRole('button', { name: 'Version 1' }).click();
    const shown = b.frame.getByLabel(/^Version 1, saved/);
    await shown.waitFor();
    expect(await shown.inputValue()).toBe(textA);
    const withHistory = await axeViolations(toolFrame(pageB));
    expect(withHistory, describeViolations('essay page with earlier versions open', withHistory)).toEqual([]);
    await b.frame.getByRole('button', { name: 'Put version 1 back in the editor' }).click();
    await statusWith(b.frame, 'Version 1 is back in the editor.').waitFor();
    expect(await b.essay.inputValue()).toBe(textA);
    await statusWith(b.frame, SAVED).waitFor();
    await versions.getByRole('button', { name: 'Version 3' }).waitFor();
    await versions.getByRole('button', { name: 'Version 2' }).click();
    await b.frame.getByLabel(/^Version 2, saved/).waitFor();
    expect(await b.frame.getByLabel(/^Version 2, saved/).inputValue()).toBe(textB);
  });
});

describe('big and long essays', () => {
  it('saves, submits and displays an essay of 20,000 words', async () => {
    const context = await suite.newContext(60_000);
    const page = await context.newPage();
    await openEssay(page, 'Ben Okafor');
    await setRules({ maxWords: 20_000 });
    // Opened again, so the page knows the new limit.
    const { frame, essay } = await openEssay(page, 'Ben Okafor');

    const text = essayOfWords(20_000);
    await essay.fill(text);
    await statusWith(frame, SAVED).waitFor();
    await frame.locator('#essay-count').filter({ hasText: /^20000 words/ }).waitFor();

    await frame.getByRole('button', { name: 'Submit essay…', exact: true }).click();
    const dialog = frame.getByRole('dialog', { name: 'Submit your essay?' });
    await dialog.getByText('You are submitting 20000 words.').waitFor();
    await dialog.getByRole('button', { name: 'Submit essay', exact: true }).click();
    await frame.getByText(/Submitted on/).waitFor();
    expect(await frame.getByRole('region', { name: 'Your submitted essay' }).textContent()).toBe(text);
  });

  it('refuses a text over the limit, naming it, and keeps the text in the editor and on this device', async () => {
    const context = await suite.newContext(60_000);
    const page = await context.newPage();
    const inFrame = await openEssay(page, 'Chen Wei');
    await inFrame.essay.pressSequentially('A first draft.');
    await statusWith(inFrame.frame, SAVED).waitFor();
    const tooLong = `A first draft. ${'x'.repeat(MAX_ESSAY_CHARS)}`;

    // In the LMS frame, where Chromium's default settings deny the tool its storage, the editor
    // keeps the text and says plainly that no copy is kept on the device.
    await inFrame.essay.fill(tooLong);
    const frameAlert = inFrame.frame.getByRole('alert').filter({ hasText: 'up to 200,000 characters' });
    await frameAlert.waitFor();
    await frameAlert.filter({ hasText: 'does not let Inkwell keep a copy on this device' }).waitFor();
    await statusWith(inFrame.frame, 'Not saved').waitFor();
    expect(await inFrame.essay.inputValue()).toBe(tooLong);

    // Opened in a window of its own (first-party), the local backup holds the refused text.
    // Its URL carries no session: the page is opened with a fresh ticket, as Inkwell's links do.
    const inWindow = new URL(toolFrame(page).url());
    inWindow.searchParams.set('ticket', await mintTicket(suite.inkwell.baseUrl, sessionTokenInPage(await toolFrame(page).content())!));
    await page.goto(inWindow.toString());
    const essay = page.getByLabel('Essay text', { exact: true });
    await waitForHydration(page.mainFrame(), '#essay-text');
    expect(await essay.inputValue()).toBe('A first draft.');
    await essay.fill(tooLong);
    const alert = page.getByRole('alert').filter({ hasText: 'up to 200,000 characters' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Your text is still here and kept on this device.');
    expect(await essay.inputValue()).toBe(tooLong);
    const backups = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((key) => key.startsWith('inkwell:draft:'))
        .map((key) => (JSON.parse(localStorage.getItem(key) ?? '{}') as { text?: string }).text),
    );
    expect(backups).toEqual([tooLong]);
  });
});
