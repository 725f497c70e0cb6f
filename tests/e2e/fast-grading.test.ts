/**
 * Faster grading in a real browser (issue #14 items 3, 4, 6), driven by the keyboard alone
 * for items 3 and 4 (no clicks: Tab, digits, Alt+… and Enter): number keys choose a level on
 * the focused criterion and stay digits in a comment; Alt+N asks before leaving unsaved work;
 * "Save and next" (Alt+Enter) saves an incomplete draft and opens the next student; grading
 * by criterion walks the class on one criterion, then moves to the next criterion, keeping
 * every other criterion's choice. Anonymous grading shows no names until revealed. Every page
 * is checked with axe.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { api, launch, mintTicket, pageHtml } from '../support/lti-client';
import { axeViolations, describeViolations, focused, type Focused, inkwellInBrowser } from './browser';

const LINK = 'rl-essay-1';
const ANONYMOUS_LINK = 'rl-anonymous-browser';
const criteria = builtInRubric.criteria;
const suite = inkwellInBrowser();
let rivera: string;
/** Submission ids by student, on LINK. */
const submissions = new Map<string, string>();

async function submitEssay(userId: string, link: string): Promise<void> {
  const token = (await launch(suite.inkwell.platform, { userId, resourceLinkId: link })).sessionToken!;
  expect((await api(suite.inkwell.baseUrl, token, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 })).status).toBe(200);
  expect((await api(suite.inkwell.baseUrl, token, 'POST', '/api/essay/submit', { revision: 1 })).status).toBe(200);
}

beforeAll(async () => {
  suite.inkwell.platform.addResourceLink({ id: ANONYMOUS_LINK, title: 'Anonymous essay', withLineItem: true });
  for (const userId of ['student-ada', 'student-ben', 'student-chen']) await submitEssay(userId, LINK);
  rivera = (await launch(suite.inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: LINK })).sessionToken!;
  const list = (await pageHtml(suite.inkwell.baseUrl, '/grading', rivera)).replaceAll('<!-- -->', '');
  for (const match of list.matchAll(/href="\/grading\/([a-f0-9]{24})">([^<]+)</g)) submissions.set(match[2]!, match[1]!);
  expect([...submissions.keys()]).toEqual(['Ada Lovelace', 'Ben Okafor', 'Chen Wei']);
}, 180_000);

/** Opens an Inkwell page at the top level with the instructor's session, hydrated. */
async function open(path: string, token = rivera): Promise<Page> {
  const page = await (await suite.newContext()).newPage();
  const ticket = await mintTicket(suite.inkwell.baseUrl, token);
  await page.goto(`${suite.inkwell.baseUrl}${path}${path.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket)}`);
  await hydrated(page);
  return page;
}

async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const el = document.querySelector('main a, main button, main input');
    return el !== null && Object.keys(el).some((key) => key.startsWith('__react'));
  });
}

/** Presses Tab until the focused element matches (keyboard only). */
async function tabTo(page: Page, matches: (el: Focused) => boolean, what: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (matches(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

async function expectAccessible(page: Page, where: string): Promise<void> {
  expect(describeViolations(where, await axeViolations(page.mainFrame()))).toBe(`${where}: no axe violations`);
}

function checkedLevel(page: Page, criterionName: string): Promise<string | null> {
  return page.evaluate((name) => document.querySelector<HTMLInputElement>(`input[type="radio"][name="${name}"]:checked`)?.value ?? null, criterionName);
}

describe('the grading view by keyboard (item 3)', () => {
  it('chooses levels with number keys, asks before Alt+N leaves unsaved work, and saves an incomplete draft with Save and next', async () => {
    const page = await open(`/grading/${submissions.get('Ada Lovelace')}`);
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();

    // The first criterion's levels: "2" chooses the second level as listed.
    await tabTo(page, (el) => el.type === 'radio' && el.name === criteria[0]!.id, 'the first criterion');
    await page.keyboard.press('2');
    expect(await checkedLevel(page, criteria[0]!.id)).toBe(criteria[0]!.levels[1]!.id);
    expect((await focused(page)).value).toBe(criteria[0]!.levels[1]!.id);

    // In the comment, digits are text.
    await page.keyboard.press('Tab');
    expect((await focused(page)).tag).toBe('textarea');
    await page.keyboard.type('3 sources');
    expect(await page.getByLabel(`Comment on ${criteria[0]!.title.toLowerCase()} (optional)`).inputValue()).toBe('3 sources');
    expect(await checkedLevel(page, criteria[0]!.id)).toBe(criteria[0]!.levels[1]!.id);

    // The next criterion (past this comment's bank button): "4".
    await tabTo(page, (el) => el.type === 'radio' && el.name === criteria[1]!.id, 'the second criterion');
    await page.keyboard.press('4');
    expect(await checkedLevel(page, criteria[1]!.id)).toBe(criteria[1]!.levels[3]!.id);

    // Alt+N with unsaved changes asks first; staying keeps everything.
    await page.keyboard.press('Alt+KeyN');
    const question = page.getByRole('dialog', { name: 'Leave without saving?' });
    await question.waitFor();
    await expectAccessible(page, 'grading view with the leave question');
    expect((await focused(page)).text).toBe('Stay on this page');
    await page.keyboard.press('Enter');
    await question.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    expect(await checkedLevel(page, criteria[1]!.id)).toBe(criteria[1]!.levels[3]!.id);

    // The shortcuts are listed on the page.
    await tabTo(page, (el) => el.tag === 'summary' && el.text === 'Keyboard shortcuts', 'the shortcuts list');
    await page.keyboard.press('Enter');
    const list = page.locator('details.keyboard-shortcuts');
    await expect.poll(() => list.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    const listed = await list.innerText();
    // Ada is first in the class: there is no previous student to go to.
    for (const keys of ['Alt+N', 'Alt+Enter', 'Ctrl+Enter', '1–9']) expect(listed).toContain(keys);
    expect(listed).not.toContain('Alt+P');
    await expectAccessible(page, 'grading view with the shortcuts open');

    // Releasing an incomplete grade is refused in plain words (Ctrl+Enter, as before).
    await page.keyboard.press('Control+Enter');
    await page.getByRole('status').filter({ hasText: 'Choose a level for every criterion before releasing the grade (6 left)' }).waitFor();

    // Save and next (Alt+Enter): an incomplete draft is saved, and Ben's essay opens.
    await page.keyboard.press('Alt+Enter');
    await page.getByRole('heading', { level: 1, name: 'Ben Okafor' }).waitFor();
    await hydrated(page);
    const ada = (await pageHtml(suite.inkwell.baseUrl, `/grading/${submissions.get('Ada Lovelace')}`, rivera)).replaceAll('<!-- -->', '');
    expect(ada).toContain('2 of 8 criteria graded');
    expect(ada).toContain('3 sources');

    // Nothing unsaved on Ben's page: Alt+P goes straight back.
    await page.keyboard.press('Alt+KeyP');
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    await hydrated(page);
    expect(await checkedLevel(page, criteria[0]!.id)).toBe(criteria[0]!.levels[1]!.id);
    expect(await page.getByRole('dialog', { name: 'Leave without saving?' }).isVisible()).toBe(false);
    await expectAccessible(page, 'grading view');
  });
});

describe('grade by criterion by keyboard (item 4)', () => {
  it('walks the class on one criterion, then opens the next criterion, keeping the other criteria', async () => {
    const page = await open('/grading');
    await tabTo(page, (el) => el.tag === 'a' && el.text === 'Grade by criterion', 'the Grade by criterion link');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Grade by criterion' }).waitFor();
    await hydrated(page);
    await expectAccessible(page, 'the criterion picker');

    const third = criteria[2]!;
    await tabTo(page, (el) => el.tag === 'a' && el.text === third.title, `the ${third.title} link`);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: third.title }).waitFor();

    const students = ['Ada Lovelace', 'Ben Okafor', 'Chen Wei'];
    const keys = ['1', '4', '2'];
    for (const [index, student] of students.entries()) {
      await page.getByText(`${student} · student ${index + 1} of 3`).waitFor();
      await hydrated(page);
      if (index === 0) await expectAccessible(page, 'grade by criterion');
      await tabTo(page, (el) => el.type === 'radio', 'the levels');
      await page.keyboard.press(keys[index]!);
      expect(await checkedLevel(page, `level-${third.id}`)).toBe(third.levels[Number(keys[index]) - 1]!.id);
      if (index === 1) {
        // Alt+N with the choice unsaved asks first; Escape stays.
        await page.keyboard.press('Alt+KeyN');
        await page.getByRole('dialog', { name: 'Leave without saving?' }).waitFor();
        await page.keyboard.press('Escape');
        await page.getByRole('dialog', { name: 'Leave without saving?' }).waitFor({ state: 'hidden' });
      }
      await page.keyboard.press('Alt+Enter');
    }
    // After the last student, the next criterion.
    await page.getByRole('heading', { level: 1, name: criteria[3]!.title }).waitFor();
    await page.getByText('Ada Lovelace · student 1 of 3').waitFor();
    await hydrated(page);
    await expectAccessible(page, 'grade by criterion, next criterion');

    const picker = (await pageHtml(suite.inkwell.baseUrl, '/grading/by-criterion', rivera)).replaceAll('<!-- -->', '');
    expect(picker).toContain(`${third.title.replaceAll('&', '&amp;')}</a> <span class="meta">(3 of 3 graded)`);
    // Ada's draft kept the two criteria chosen in the full view beside the new one.
    const ada = (await pageHtml(suite.inkwell.baseUrl, `/grading/${submissions.get('Ada Lovelace')}`, rivera)).replaceAll('<!-- -->', '');
    expect(ada).toContain('3 of 8 criteria graded');
  });
});

describe('grade by criterion inside the LMS frame', () => {
  it('puts the essay beside the levels at 1024 px, the essay scrolling in its own pane', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    await page.setViewportSize({ width: 1024, height: 600 });
    await page.goto(`${suite.inkwell.platform.baseUrl}/`);
    // The course has two Inkwell links (this file adds the anonymous one): launch the first.
    await page.locator(`a[href*="resource_link_id=${LINK}"]`).filter({ hasText: 'Launch as instructor: Maria Rivera' }).click();
    const frame = page.frameLocator('iframe[name="tool-frame"]');
    await frame.getByRole('link', { name: 'Grade by criterion', exact: true }).click();
    await frame.getByRole('link', { name: criteria[4]!.title, exact: true }).click();
    await frame.getByRole('heading', { level: 1, name: criteria[4]!.title }).waitFor();
    const essay = frame.getByRole('region', { name: 'Essay text', exact: true });
    const levels = frame.getByRole('group', { name: criteria[4]!.title });
    const [essayBox, levelsBox] = [await essay.boundingBox(), await levels.boundingBox()];
    expect(essayBox && levelsBox && essayBox.x + essayBox.width <= levelsBox.x).toBe(true);
    expect(essayBox && levelsBox && Math.abs(essayBox.y - levelsBox.y) < 120).toBe(true);
    const scrolls = await essay.evaluate((el) => el.scrollHeight > el.clientHeight && getComputedStyle(el).overflowY === 'auto');
    expect(scrolls).toBe(true);
  });
});

describe('anonymous grading in the suite.browser (item 6)', () => {
  it('shows numbers, not names, until the instructor reveals them', async () => {
    for (const userId of ['student-ada', 'student-ben']) await submitEssay(userId, ANONYMOUS_LINK);
    const teacher = (await launch(suite.inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: ANONYMOUS_LINK })).sessionToken!;
    const listHtml = await pageHtml(suite.inkwell.baseUrl, '/grading', teacher);
    const assignmentId = /\/assignments\/([a-f0-9]{24})\/edit/.exec(listHtml)![1]!;

    // The setting, in the assignment editor.
    const editor = await open(`/assignments/${assignmentId}/edit`, teacher);
    const setting = editor.getByRole('checkbox', { name: 'Anonymous grading' });
    expect(await setting.isChecked()).toBe(false);
    await setting.check();
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(async () => {
        const { draft } = (await api(suite.inkwell.baseUrl, teacher, 'GET', `/api/assignments/${assignmentId}`)).json as { draft: { rules: Record<string, unknown> } };
        return draft.rules.anonymousGrading;
      }, { timeout: 15_000 })
      .toBe(true);

    const list = await open('/grading', teacher);
    await list.getByText('Anonymous grading: names are hidden.').waitFor();
    const text = await list.locator('body').innerText();
    for (const name of ['Ada', 'Ben', 'Chen', 'Lovelace', 'Okafor']) expect(text).not.toContain(name);
    expect(text).toContain('Student 1');
    await expectAccessible(list, 'anonymous submission list');

    await list.getByRole('button', { name: 'Reveal names…' }).click();
    const question = list.getByRole('dialog', { name: 'Reveal the students’ names?' });
    await question.waitFor();
    await expectAccessible(list, 'the reveal question');
    await question.getByRole('button', { name: 'Reveal names' }).click();
    await list.getByRole('link', { name: 'Ada Lovelace' }).waitFor();
    await list.getByText(/Anonymous grading: names revealed .* by Maria Rivera/).waitFor();
  });
});
