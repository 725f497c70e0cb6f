/**
 * Inkwell in a real browser, inside the demo LMS's iframe: the tool runs on
 * http://localhost:PORT and the LMS on http://127.0.0.1:PORT2, two sites, with
 * Chromium's default third-party cookie blocking left on. The student writes
 * (through a dropped connection) and submits, the instructor grades with the
 * keyboard only and the LMS gradebook shows the score; axe checks the pages;
 * a forged launch gets the friendly page; two tabs cannot overwrite each other.
 *
 * The tests share one server and run in order: the instructor grades the essay
 * Ada submits in the first test. Ben is the accessibility test's student and
 * Chen the two-tab one, so those two stand on their own.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { api, mintTicket, sessionTokenInPage } from '../support/lti-client';
import { expectNoAxeViolations, focused, inkwellInBrowser, toolFrame, waitForHydration } from './browser';

const LINK = 'rl-essay-1';
const SAVED = 'All changes saved';

const suite = inkwellInBrowser();

function freshContext(): Promise<BrowserContext> {
  return suite.newContext();
}

/** Opens the demo course page and clicks one of its launch links; Inkwell loads in the iframe. */
async function launchFromCourse(page: Page, linkName: string): Promise<FrameLocator> {
  await page.goto(`${suite.inkwell.platform.baseUrl}/`);
  await page.getByRole('link', { name: linkName, exact: true }).click();
  return page.frameLocator('iframe[name="tool-frame"]');
}

/** The Inkwell session the page in the frame was handed (its URL carries none). */
async function sessionOf(frame: Frame): Promise<string> {
  const token = sessionTokenInPage(await frame.content());
  if (!token) throw new Error(`the page in the tool frame holds no session: ${frame.url()}`);
  return token;
}

/** Opens the frame's page again with the session, as Inkwell's own links and reloads do (a fresh ticket). */
async function reopen(frame: Frame, token: string): Promise<void> {
  const url = new URL(frame.url());
  url.searchParams.set('ticket', await mintTicket(suite.inkwell.baseUrl, token));
  await frame.goto(url.toString());
}

/**
 * Waits until React has hydrated the element, so typed text goes through the
 * editor's change handler rather than into server-rendered markup.
 */
async function openEssay(page: Page, linkName: string): Promise<{ frame: FrameLocator; essay: Locator }> {
  const frame = await launchFromCourse(page, linkName);
  const essay = frame.getByLabel('Essay text', { exact: true });
  await essay.waitFor();
  await waitForHydration(toolFrame(page), '#essay-text');
  return { frame, essay };
}

function statusWith(frame: FrameLocator, text: string): Locator {
  return frame.getByRole('status').filter({ hasText: text });
}

async function serverDraft(token: string): Promise<{ text: string; revision: number; status: string }> {
  const { status, json } = await api(suite.inkwell.baseUrl, token, 'GET', '/api/essay/draft');
  expect(status).toBe(200);
  return json as unknown as { text: string; revision: number; status: string };
}

/** Presses Tab until `reached` holds for the focused element; returns how many presses it took. */
async function tabUntil(
  page: Page,
  frame: Frame,
  what: string,
  reached: (el: Awaited<ReturnType<typeof focused>>) => boolean,
  maxPresses: number,
): Promise<number> {
  for (let presses = 1; presses <= maxPresses; presses++) {
    await page.keyboard.press('Tab');
    if (reached(await focused(frame))) return presses;
  }
  throw new Error(`Tab did not reach ${what} within ${maxPresses} presses (last: ${JSON.stringify(await focused(frame))})`);
}

describe('student in the LMS iframe', () => {
  it('writes, keeps every word through a dropped connection, and submits', async () => {
    const context = await freshContext();
    const page = await context.newPage();
    const { frame, essay } = await openEssay(page, 'Launch as student: Ada Lovelace');
    const token = await sessionOf(toolFrame(page));
    expect(new URL(toolFrame(page).url()).origin).toBe(suite.inkwell.baseUrl);

    // Bulk text with fill(), the last words key by key.
    const cut = sampleEssay.lastIndexOf(' ', sampleEssay.length - 30);
    await essay.fill(sampleEssay.slice(0, cut));
    await essay.pressSequentially(sampleEssay.slice(cut));
    await statusWith(frame, SAVED).waitFor();
    expect(await essay.inputValue()).toBe(sampleEssay);
    expect((await serverDraft(token)).text).toBe(sampleEssay);

    // The connection drops while the student keeps writing.
    const offlineWords = ' Written while the connection was down.';
    await context.setOffline(true);
    await essay.pressSequentially(offlineWords);
    await statusWith(frame, 'Offline').waitFor();
    expect((await serverDraft(token)).text).toBe(sampleEssay);
    await expectNoAxeViolations(toolFrame(page), 'essay page while offline');

    await context.setOffline(false);
    await statusWith(frame, SAVED).waitFor({ timeout: 20_000 });
    const onScreen = await essay.inputValue();
    expect(onScreen).toBe(sampleEssay + offlineWords);
    const saved = await serverDraft(token);
    expect(saved.text).toBe(onScreen);

    await frame.getByRole('button', { name: 'Submit essay…', exact: true }).click();
    const dialog = frame.getByRole('dialog', { name: 'Submit your essay?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Submit essay', exact: true }).click();

    await frame.getByText(/Submitted on/).waitFor();
    expect(await frame.locator('textarea').count()).toBe(0);
    expect(await frame.getByRole('region', { name: 'Your submitted essay' }).textContent()).toBe(onScreen);
    expect(await serverDraft(token)).toMatchObject({ status: 'submitted', text: onScreen });
  });
});

describe('instructor in the LMS iframe', () => {
  it('grades every criterion with the keyboard alone and the score reaches the LMS gradebook', async () => {
    const context = await freshContext();
    const page = await context.newPage();
    const frame = await launchFromCourse(page, 'Launch as instructor: Maria Rivera');
    await frame.getByRole('link', { name: 'Ada Lovelace', exact: true }).click();
    await frame.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    const tool = toolFrame(page);
    await waitForHydration(tool, 'input[type="radio"]');

    // Each criterion is a fieldset whose legend names a group of radios sharing one name.
    const groups = await tool.locator('form fieldset').evaluateAll((fieldsets) =>
      fieldsets.map((fieldset) => ({
        legend: fieldset.querySelector(':scope > legend')?.textContent?.trim() ?? null,
        radioNames: [...fieldset.querySelectorAll('input[type="radio"]')].map((r) => r.getAttribute('name')),
      })),
    );
    expect(groups.map((g) => g.legend)).toEqual(builtInRubric.criteria.map((c) => c.title));
    builtInRubric.criteria.forEach((criterion, index) => {
      expect(groups[index]!.radioNames).toEqual(criterion.levels.map(() => criterion.id));
    });
    for (const criterion of builtInRubric.criteria) {
      expect(await frame.getByRole('group', { name: criterion.title }).getByRole('radio').count()).toBe(criterion.levels.length);
    }

    // Level index per criterion (0 = Exemplary … 3 = Beginning): 4+3+3+2+3+4+3+2 = 24.
    const chosen = [0, 1, 1, 2, 1, 0, 1, 2];
    const expectedTotal = builtInRubric.criteria.reduce((sum, c, i) => sum + c.levels[chosen[i]!]!.points, 0);
    expect(expectedTotal).toBe(24);

    // The rubric assistant's suggestions add their own stops before each criterion's levels: wait for
    // them, and count them (its "Accept all" above the criteria; per criterion "Accept suggestion"
    // and the summary of its closed list of cited passages), so that no other stop creeps in.
    await tool.locator('.assistant-suggestion').first().waitFor({ timeout: 60_000 });
    const stopsOf = (selector: string) => tool.locator(`${selector} :is(button, summary, a[href], input, textarea, select):visible`).count();
    const assistantAbove = await stopsOf('.assistant-summary');
    for (const [index, criterion] of builtInRubric.criteria.entries()) {
      const suggestionStops = await stopsOf(`#assistant-${criterion.id}`);
      expect(suggestionStops, `stops in the suggestion for ${criterion.title}`).toBeLessThanOrEqual(2);
      // from the top of the page, then radio → comment → the next criterion's suggestion → its group
      const limit = (index === 0 ? 12 + assistantAbove : 3) + suggestionStops;
      await tabUntil(page, tool, `the "${criterion.title}" radio group`, (el) => el.type === 'radio' && el.name === criterion.id, limit);
      const target = chosen[index]!;
      if (target === 0) await page.keyboard.press('Space');
      for (let step = 0; step < target; step++) await page.keyboard.press('ArrowDown');
      expect(await focused(tool)).toMatchObject({ name: criterion.id, value: criterion.levels[target]!.id, checked: true });
    }

    await tabUntil(page, tool, 'the overall comment', (el) => el.id === 'overall-comment', 3);
    const overall = 'A clear line of argument from Lenin to Stalin.';
    await page.keyboard.type(overall);
    await tabUntil(page, tool, 'the save button', (el) => el.tag === 'button' && el.text === 'Save grade and send to LMS', 3);
    await page.keyboard.press('Enter');

    const announced = statusWith(frame, 'sent to the LMS gradebook');
    await announced.waitFor();
    expect(await announced.textContent()).toContain(`(${expectedTotal} / 32)`);
    expect(await tool.locator('.total').textContent()).toContain(`Total: ${expectedTotal} / 32`);

    expect(suite.inkwell.platform.gradeFor(LINK, 'student-ada')).toMatchObject({
      scoreGiven: expectedTotal,
      scoreMaximum: 32,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
    });
    expect(suite.inkwell.platform.gradeFor(LINK, 'student-ada')?.comment).toContain(overall);

    await page.goto(`${suite.inkwell.platform.baseUrl}/gradebook`);
    const adaRow = page.getByRole('row', { name: /Ada Lovelace/ });
    expect(await adaRow.getByRole('cell').first().textContent()).toBe(`${expectedTotal} / 32`);
    expect(await adaRow.textContent()).toContain('Fully graded');
  });
});

describe('accessibility (axe, WCAG 2.0/2.1 A and AA)', () => {
  it('finds no violations on the essay page, the submitted view, the submissions list and the grading view', async () => {
    const context = await freshContext();
    const studentPage = await context.newPage();
    const { frame: student } = await openEssay(studentPage, 'Launch as student: Ben Okafor');
    const studentFrame = toolFrame(studentPage);
    await expectNoAxeViolations(studentFrame, 'student essay page');

    await student.getByRole('button', { name: 'Submit essay…', exact: true }).click();
    await student.getByRole('alert').filter({ hasText: 'needs at least 300 words' }).waitFor();
    await expectNoAxeViolations(studentFrame, 'student essay page with a submit warning');

    // Submit Ben's essay over the API, then reload the frame on the submitted view.
    const benToken = await sessionOf(studentFrame);
    const saved = await api(suite.inkwell.baseUrl, benToken, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 });
    expect(saved.status).toBe(200);
    expect((await api(suite.inkwell.baseUrl, benToken, 'POST', '/api/essay/submit', { revision: saved.json.revision })).status).toBe(200);
    await reopen(studentFrame, benToken);
    await student.getByText(/Submitted on/).waitFor();
    await expectNoAxeViolations(studentFrame, 'submitted view');

    const instructorPage = await context.newPage();
    const instructor = await launchFromCourse(instructorPage, 'Launch as instructor: Maria Rivera');
    await instructor.getByRole('table').waitFor();
    const instructorFrame = toolFrame(instructorPage);
    await expectNoAxeViolations(instructorFrame, 'submissions list');

    await instructor.getByRole('link', { name: 'Ben Okafor', exact: true }).click();
    await instructor.getByRole('heading', { level: 1, name: 'Ben Okafor' }).waitFor();
    await waitForHydration(instructorFrame, 'input[type="radio"]');
    await expectNoAxeViolations(instructorFrame, 'grading view');

    // Saving with nothing chosen shows the per-criterion errors.
    await instructor.getByRole('button', { name: 'Save grade and send to LMS' }).click();
    await instructor.getByRole('status').filter({ hasText: 'Choose a level for every criterion' }).waitFor();
    await expectNoAxeViolations(instructorFrame, 'grading view with missing levels');

    // The graded essay as the student sees it, with feedback.
    const submissionId = new URL(instructorFrame.url()).pathname.split('/').pop()!;
    const selections = Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, c.levels[1]!.id]));
    const graded = await api(suite.inkwell.baseUrl, await sessionOf(instructorFrame), 'PUT', `/api/grading/submissions/${submissionId}/grade`, {
      selections,
      criterionComments: { 'c-thesis': 'Sharp thesis.' },
      overallComment: 'Well argued.',
    });
    expect(graded.status).toBe(200);
    await reopen(studentFrame, benToken);
    await student.getByRole('heading', { name: 'Feedback' }).waitFor();
    await expectNoAxeViolations(studentFrame, 'submitted view with feedback');
  });
});

describe('refused launch', () => {
  it('shows the friendly page in the iframe, without a stack trace, when the id_token signature is forged', async () => {
    const context = await freshContext();
    const page = await context.newPage();
    suite.inkwell.platform.setLaunchTamper((claims, header) => ({ claims, header, signWith: 'other-key' }));
    try {
      const frame = await launchFromCourse(page, 'Launch as student: Chen Wei');
      await frame.getByText('Please open Inkwell again from your course.').waitFor();
    } finally {
      suite.inkwell.platform.setLaunchTamper(null);
    }
    const tool = toolFrame(page);
    expect(new URL(tool.url()).origin).toBe(suite.inkwell.baseUrl);
    expect(new URL(tool.url()).searchParams.get('session')).toBeNull();
    expect(new URL(tool.url()).searchParams.get('ticket')).toBeNull();
    const body = await tool.locator('body').innerText();
    expect(body).toContain('Inkwell could not open');
    expect(body).not.toMatch(/\bat \S+ \(|Error:|stack|node_modules|\.ts:\d+/i);
    expect(suite.inkwell.logs.join('')).toMatch(/\[launch\] refused \(401\)/);
    await expectNoAxeViolations(tool, 'refused launch page');
  });
});

describe('the same essay open in two tabs', () => {
  it('refuses the older tab\u2019s save, shows it the newer text, and keeps the replaced text at hand and in the history', async () => {
    const context = await freshContext();
    const pageA = await context.newPage();
    const pageB = await context.newPage();
    const a = await openEssay(pageA, 'Launch as student: Chen Wei');
    const b = await openEssay(pageB, 'Launch as student: Chen Wei');
    const token = await sessionOf(toolFrame(pageA));

    const textA = 'Tab A: Stalin used his post as General Secretary to place loyal allies.';
    await a.essay.pressSequentially(textA);
    await statusWith(a.frame, SAVED).waitFor();
    expect((await serverDraft(token)).text).toBe(textA);

    const textB = 'Tab B: an older draft.';
    await b.essay.pressSequentially(textB);
    const alert = b.frame.getByRole('alert').filter({ hasText: 'changed in another tab or window' });
    await alert.waitFor();
    await statusWith(b.frame, 'Not saved').waitFor();
    expect(await b.essay.inputValue()).toBe(textB);
    expect((await serverDraft(token)).text).toBe(textA);
    await expectNoAxeViolations(toolFrame(pageB), 'essay page with the conflict alert');

    // Tab B is shown tab A's text before it chooses.
    expect(await b.frame.getByRole('region', { name: /Saved in another tab or window/ }).getByRole('textbox').inputValue()).toBe(textA);
    await b.frame.getByRole('button', { name: 'Use the other version' }).click();
    await alert.waitFor({ state: 'detached' });
    expect(await b.essay.inputValue()).toBe(textA);
    // The button is gone with the alert; focus is back on the essay, not lost.
    expect(await focused(toolFrame(pageB))).toMatchObject({ id: 'essay-text' });
    await statusWith(b.frame, SAVED).waitFor();

    await b.frame.getByText('Show the text that was replaced').click();
    const replaced = b.frame.getByLabel('Replaced text (you can copy from here)');
    await replaced.waitFor();
    expect(await replaced.inputValue()).toBe(textB);
    expect((await serverDraft(token)).text).toBe(textA);
    // Tab B's text was saved as a version of its own before tab A's was put back on top.
    const kept = await api(suite.inkwell.baseUrl, token, 'GET', '/api/essay/revisions/2');
    expect(kept.json).toMatchObject({ revision: 2, text: textB });
  });
});
