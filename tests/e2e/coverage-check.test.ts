/**
 * The student's coverage check (issue #15 item 5) in a real browser, inside the demo LMS's frame
 * sized like Moodle's (1024 × 560), by keyboard alone: before submitting, the dialog says which
 * guiding questions the essay appears to address, with a gentle pointer to the one it misses, and
 * submitting still works; a failed check says so calmly and does not stand in the way; while
 * writing, "Check which questions my essay covers" is there when the assignment allows it and gone
 * when the instructor turns it off. The text is never changed. Every state is checked with axe.
 */
import { MongoClient } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { sampleEssay } from '../../domain/unit';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';
import { axeViolations, describeViolations, launchBrowser, PageErrors, toolFrame } from './browser';

const SAVED = 'All changes saved';
const CHECK_BUTTON = 'Check which questions my essay covers';
const STALIN_QUESTION = 'How did Joseph Stalin rise to the top of the Soviet government?';
const PARAGRAPHS = sampleEssay.split('\n\n');
// The sample essay without its paragraphs on Stalin's rise (over 500 words): three of the four
// guiding questions addressed, the one on Stalin's rise missing.
const WITHOUT_STALIN = [0, 1, 2, 5, 7, 8].map((index) => PARAGRAPHS[index]).join('\n\n');

let inkwell: RunningInkwell;
let browser: Browser;
const pageErrors = new PageErrors();

beforeAll(async () => {
  [inkwell, browser] = await Promise.all([startInkwell({ platform: { demo: true, flavour: 'moodle' } }), launchBrowser()]);
});

afterEach(() => pageErrors.closeContextsAndCheck(browser));

afterAll(async () => {
  await browser?.close();
  await inkwell?.stop();
});

/** A page of the demo LMS whose Inkwell frame is 1024 × 560 and fills the window, as a student sees it. */
async function lmsPage(): Promise<Page> {
  // Launches are slow on a loaded test machine: a generous wait, as for big essays elsewhere.
  const context = await pageErrors.newContext(browser, 30_000);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1026, height: 562 });
  await page.goto(`${inkwell.platform.baseUrl}/`);
  await page.evaluate(() => {
    const frame = document.querySelector<HTMLIFrameElement>('iframe[name="tool-frame"]')!;
    frame.style.cssText = 'position: fixed; left: 0; top: 0; width: 100vw; height: 100vh; z-index: 10; box-sizing: border-box';
  });
  return page;
}

/** Launches the essay from the course page into the frame and waits for the editor to hydrate. */
async function openEssay(page: Page, student: string): Promise<{ frame: FrameLocator; tool: Frame; essay: Locator }> {
  const href = await page.getByRole('link', { name: `Launch as student: ${student}`, exact: true }).getAttribute('href');
  await page.evaluate((url) => {
    document.querySelector<HTMLIFrameElement>('iframe[name="tool-frame"]')!.src = url!;
  }, href);
  const frame = page.frameLocator('iframe[name="tool-frame"]');
  const essay = frame.getByLabel('Essay text', { exact: true });
  await essay.waitFor();
  const tool = toolFrame(page);
  await tool.waitForFunction(
    () => {
      const el = document.querySelector('#essay-text');
      return el !== null && Object.keys(el).some((key) => key.startsWith('__reactProps'));
    },
    undefined,
    { timeout: 15_000, polling: 100 },
  );
  return { frame, tool, essay };
}

/** Writes `text` into the editor and waits for it to be saved. */
async function write(frame: FrameLocator, essay: Locator, text: string): Promise<void> {
  await essay.fill(text);
  await frame.getByRole('status').filter({ hasText: SAVED }).waitFor();
}

async function expectNoAxeViolations(tool: Frame, where: string): Promise<void> {
  const violations = await axeViolations(tool);
  expect(violations, describeViolations(where, violations)).toEqual([]);
}

function focusedElement(tool: Frame): Promise<{ id: string; text: string }> {
  return tool.evaluate(() => ({ id: document.activeElement?.id ?? '', text: document.activeElement?.textContent?.trim() ?? '' }));
}

/** Focuses "Submit essay…" and presses Enter: the dialog opens with the coverage check under way. */
async function openSubmitDialog(page: Page, frame: FrameLocator): Promise<Locator> {
  await frame.getByRole('button', { name: 'Submit essay…', exact: true }).focus();
  await page.keyboard.press('Enter');
  const dialog = frame.getByRole('dialog', { name: 'Submit your essay?' });
  await dialog.waitFor();
  return dialog;
}

/** Changes the rules of the assignments created so far (as an instructor's edit would). */
async function setRules(rules: Record<string, unknown>): Promise<void> {
  const client = await MongoClient.connect(inkwell.env.MONGODB_URI!);
  try {
    const set = Object.fromEntries(Object.entries(rules).map(([key, value]) => [`rules.${key}`, value]));
    await client.db(inkwell.env.INKWELL_DB_NAME).collection('assignments').updateMany({}, { $set: set });
  } finally {
    await client.close();
  }
}

describe('before submitting', () => {
  it('shows which questions the essay seems to address, points gently at the missing one, and submits by keyboard alone', async () => {
    const page = await lmsPage();
    const { frame, tool, essay } = await openEssay(page, 'Ada Lovelace');
    await write(frame, essay, WITHOUT_STALIN);

    const dialog = await openSubmitDialog(page, frame);
    const summary = dialog.getByRole('status');
    await summary.filter({ hasText: 'Your essay seems to address three of the four guiding questions. One seems to be missing.' }).waitFor();
    // The safe choice has the focus; nothing is announced as a score.
    expect(await focusedElement(tool)).toMatchObject({ text: 'Keep writing' });
    const missing = dialog.locator('.coverage-list li[data-addressed="false"]');
    expect(await missing.count()).toBe(1);
    expect(await missing.textContent()).toContain(`Your essay does not seem to answer “${STALIN_QUESTION}” yet.`);
    expect(await dialog.locator('.coverage-list li[data-addressed="true"]').count()).toBe(3);
    expect(await dialog.textContent()).not.toMatch(/score|points|level \d/i);
    await expectNoAxeViolations(tool, 'submit dialog with the coverage check');

    // Escape is "Keep writing": the dialog closes, the cursor is back in the unchanged essay.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focusedElement(tool)).toMatchObject({ id: 'essay-text' });
    expect(await essay.inputValue()).toBe(WITHOUT_STALIN);
    await page.keyboard.press('End');
    await page.keyboard.type(' More to come.');
    await frame.getByRole('status').filter({ hasText: SAVED }).waitFor();

    // Submitting anyway is never blocked: Tab from "Keep writing" to "Submit essay", Enter.
    const again = await openSubmitDialog(page, frame);
    await again.getByRole('status').filter({ hasText: 'One seems to be missing.' }).waitFor();
    expect(await focusedElement(tool)).toMatchObject({ text: 'Keep writing' });
    await page.keyboard.press('Tab');
    expect(await focusedElement(tool)).toMatchObject({ text: 'Submit essay' });
    await page.keyboard.press('Enter');
    await frame.getByText(/Submitted on/).waitFor();
    expect(await frame.getByRole('region', { name: 'Your submitted essay' }).textContent()).toBe(`${WITHOUT_STALIN} More to come.`);
  });

  it('says calmly when the check cannot run, and the essay still submits', async () => {
    const page = await lmsPage();
    const { frame, tool, essay } = await openEssay(page, 'Ben Okafor');
    await write(frame, essay, sampleEssay);
    await page.context().route('**/api/essay/coverage', (route) => route.abort('connectionfailed'));

    const dialog = await openSubmitDialog(page, frame);
    await dialog
      .getByRole('status')
      .filter({ hasText: 'Inkwell could not check which questions your essay covers just now. You can still submit it.' })
      .waitFor();
    expect(await dialog.getByRole('button', { name: 'Submit essay', exact: true }).isEnabled()).toBe(true);
    await expectNoAxeViolations(tool, 'submit dialog, check failed');
    await dialog.getByRole('button', { name: 'Submit essay', exact: true }).focus();
    await page.keyboard.press('Enter');
    await frame.getByText(/Submitted on/).waitFor();
    expect(await frame.getByRole('region', { name: 'Your submitted essay' }).textContent()).toBe(sampleEssay);
  });
});

describe('while writing', () => {
  it('checks on request where the assignment allows it, announcing the result and leaving the text and its saving alone', async () => {
    const page = await lmsPage();
    const { frame, tool, essay } = await openEssay(page, 'Chen Wei');
    await write(frame, essay, WITHOUT_STALIN);

    const check = frame.getByRole('button', { name: CHECK_BUTTON, exact: true });
    await check.focus();
    await page.keyboard.press('Enter');
    const result = frame.locator('.coverage-check');
    await result.getByRole('status').filter({ hasText: 'One seems to be missing.' }).waitFor();
    expect(await result.locator('li[data-addressed="false"]').textContent()).toContain(STALIN_QUESTION);
    expect(await focusedElement(tool)).toMatchObject({ text: CHECK_BUTTON });
    await expectNoAxeViolations(tool, 'coverage check while writing');

    // The student adds the missing part and checks again: every question now seems addressed.
    await essay.focus();
    await page.keyboard.press('Control+End');
    const stalin = `\n\n${PARAGRAPHS[3]}`;
    await page.keyboard.insertText(stalin);
    await check.focus();
    await page.keyboard.press('Enter');
    await result.getByRole('status').filter({ hasText: 'Your essay seems to address all four guiding questions.' }).waitFor();
    await frame.getByRole('status').filter({ hasText: SAVED }).waitFor();
    expect(await essay.inputValue()).toBe(`${WITHOUT_STALIN}${stalin}`);
  });

  it('offers no check while writing once the instructor turns it off; the check before submitting stays', async () => {
    await setRules({ coverageWhileWriting: false });
    const page = await lmsPage();
    const { frame, tool, essay } = await openEssay(page, 'Chen Wei');
    await write(frame, essay, sampleEssay);
    expect(await frame.getByRole('button', { name: CHECK_BUTTON }).count()).toBe(0);

    const dialog = await openSubmitDialog(page, frame);
    await dialog.getByRole('status').filter({ hasText: 'Your essay seems to address all four guiding questions.' }).waitFor();
    await expectNoAxeViolations(tool, 'essay page without the while-writing check, submit dialog open');
    await dialog.getByRole('button', { name: 'Keep writing', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await focusedElement(tool)).toMatchObject({ id: 'essay-text' });
  });
});
