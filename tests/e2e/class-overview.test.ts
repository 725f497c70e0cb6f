/**
 * The submission list's sorting, filtering and search, driven by the keyboard, and the class
 * overview's charts with their table alternatives and the CSV download, in a real browser
 * inside the demo LMS's iframe (issue #14 items 5 and 7), axe clean.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { api, launch, pageHtml } from '../support/lti-client';
import { expectNoAxeViolations, inkwellInBrowser, toolFrame, waitForHydration } from './browser';

const LINK = 'rl-essay-1';
const suite = inkwellInBrowser();

async function submit(userId: string): Promise<void> {
  const student = await launch(suite.inkwell.platform, { userId, resourceLinkId: LINK });
  expect((await api(suite.inkwell.baseUrl, student.sessionToken, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 })).status).toBe(200);
  expect((await api(suite.inkwell.baseUrl, student.sessionToken, 'POST', '/api/essay/submit', { revision: 1 })).status).toBe(200);
}

beforeAll(async () => {
  const teacher = (await launch(suite.inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: LINK })).sessionToken!;
  // Ada submits before the due date, Ben after it; Chen never opens the assignment.
  await submit('student-ada');
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  const list = await pageHtml(suite.inkwell.baseUrl, '/grading', teacher);
  const assignmentId = /\/assignments\/([a-f0-9]{24})\/edit/.exec(list)![1]!;
  const { draft } = (await api(suite.inkwell.baseUrl, teacher, 'GET', `/api/assignments/${assignmentId}`)).json as { draft: { rules: Record<string, unknown> } };
  draft.rules.dueAt = new Date().toISOString();
  expect((await api(suite.inkwell.baseUrl, teacher, 'PUT', `/api/assignments/${assignmentId}`, draft)).status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  await submit('student-ben');
  const adaId = /\/grading\/([a-f0-9]{24})">Ada Lovelace</.exec(await pageHtml(suite.inkwell.baseUrl, '/grading', teacher))![1]!;
  const graded = await api(suite.inkwell.baseUrl, teacher, 'PUT', `/api/grading/submissions/${adaId}/grade`, {
    selections: Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, `${c.id}-4`])),
    criterionComments: {},
    overallComment: '',
    release: true,
  });
  expect(graded.status, JSON.stringify(graded.json)).toBe(200);
});

/** The instructor's submission list inside the LMS frame, hydrated. */
async function openList(page: Page): Promise<{ frame: FrameLocator; tool: Frame }> {
  await page.goto(`${suite.inkwell.platform.baseUrl}/`);
  await page.getByRole('link', { name: 'Launch as instructor: Maria Rivera', exact: true }).click();
  const frame = page.frameLocator('iframe[name="tool-frame"]');
  await frame.getByRole('heading', { level: 2, name: 'Submissions' }).waitFor();
  const tool = toolFrame(page);
  await waitForHydration(tool, '#student-search');
  return { frame, tool };
}

function studentsShown(frame: FrameLocator): Promise<string[]> {
  return frame.locator('table.submissions tbody th[scope="row"]').allTextContents();
}

async function waitForStudents(frame: FrameLocator, names: string[]): Promise<void> {
  const deadline = Date.now() + 5_000;
  let shown: string[] = [];
  while (Date.now() < deadline) {
    shown = await studentsShown(frame);
    if (JSON.stringify(shown) === JSON.stringify(names)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(shown).toEqual(names);
}

describe('the submission list', () => {
  it('searches, filters and sorts by keyboard, announcing the count', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    const { frame, tool } = await openList(page);
    const count = frame.locator('.list-count[role="status"]');
    await waitForStudents(frame, ['Ada Lovelace', 'Ben Okafor', 'Chen Wei']);
    expect(await count.textContent()).toBe('Showing all 3 students');
    // Ben handed in after the due date; Ada before it.
    const benRow = frame.getByRole('row', { name: /Ben Okafor/ });
    expect(await benRow.textContent()).toContain('less than a minute late');
    expect(await frame.getByRole('row', { name: /Ada Lovelace/ }).textContent()).not.toContain(' late');
    await expectNoAxeViolations(tool, 'submission list');

    // Search by name (accents and case folded).
    await frame.getByLabel('Search by name').focus();
    await page.keyboard.type('CHÉN');
    await waitForStudents(frame, ['Chen Wei']);
    await frame.getByText('Showing 1 of 3 students').waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await waitForStudents(frame, ['Ada Lovelace', 'Ben Okafor', 'Chen Wei']);

    // Filters: Tab to the "Show" list, choose with the arrow keys.
    await page.keyboard.press('Tab');
    expect(await tool.evaluate(() => document.activeElement?.id)).toBe('student-show');
    await page.keyboard.press('ArrowDown'); // Needs grading
    await waitForStudents(frame, ['Ben Okafor']);
    await page.keyboard.press('ArrowDown'); // Submitted late
    await waitForStudents(frame, ['Ben Okafor']);
    await page.keyboard.press('ArrowDown'); // Not submitted
    await waitForStudents(frame, ['Chen Wei']);
    await frame.getByText('Showing 1 of 3 students').waitFor();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp'); // back to All students
    await waitForStudents(frame, ['Ada Lovelace', 'Ben Okafor', 'Chen Wei']);

    // Ungraded first: Space on the checkbox.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await waitForStudents(frame, ['Ben Okafor', 'Ada Lovelace', 'Chen Wei']);
    await page.keyboard.press('Space');
    await waitForStudents(frame, ['Ada Lovelace', 'Ben Okafor', 'Chen Wei']);

    // Sorting: Enter on a column header's button; the header says how it is sorted.
    const gradeHeader = frame.getByRole('columnheader', { name: 'Grade', exact: true });
    await gradeHeader.getByRole('button').focus();
    await page.keyboard.press('Enter');
    expect(await gradeHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await frame.getByRole('columnheader', { name: 'Student', exact: true }).getAttribute('aria-sort')).toBeNull();
    await page.keyboard.press('Enter');
    expect(await gradeHeader.getAttribute('aria-sort')).toBe('descending');
    // Students without a grade come last either way.
    await waitForStudents(frame, ['Ada Lovelace', 'Ben Okafor', 'Chen Wei']);
    const submittedHeader = frame.getByRole('columnheader', { name: 'Submitted', exact: true });
    await submittedHeader.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    expect(await submittedHeader.getAttribute('aria-sort')).toBe('descending');
    await waitForStudents(frame, ['Ben Okafor', 'Ada Lovelace', 'Chen Wei']);
    const studentHeader = frame.getByRole('columnheader', { name: 'Student', exact: true });
    await studentHeader.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await waitForStudents(frame, ['Chen Wei', 'Ben Okafor', 'Ada Lovelace']);
    await expectNoAxeViolations(tool, 'submission list, sorted');
  });
});

describe('the class overview', () => {
  it('shows the counts, charts with table alternatives, and downloads the CSV', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    const { frame, tool } = await openList(page);
    await frame.getByRole('link', { name: 'Class overview' }).focus();
    await page.keyboard.press('Enter');
    await frame.getByRole('heading', { level: 1, name: 'Class overview' }).waitFor();
    await tool.waitForFunction(() => document.querySelector('main') !== null && !/[?&]ticket=/.test(window.location.search));

    const criteria = builtInRubric.criteria.length;
    expect(await frame.locator('svg[role="img"]').count()).toBe(1 + criteria);
    expect(await frame.getByRole('img', { name: 'Score distribution' }).count()).toBe(1);
    for (const stage of ['not-submitted', 'submitted', 'released']) {
      expect(await frame.locator(`.stat-list li[data-stage="${stage}"] .stat-value`).textContent(), stage).toBe('1');
    }
    await expectNoAxeViolations(tool, 'class overview');

    // The table alternative opens from the keyboard.
    const summary = frame.getByText('Score distribution (table)');
    await summary.focus();
    await page.keyboard.press('Enter');
    const table = frame.getByRole('table', { name: 'Score distribution' });
    await table.waitFor();
    expect(await table.getByRole('row', { name: `${criteria * 4} 1` }).count()).toBe(1);
    await expectNoAxeViolations(tool, 'class overview, table open');

    // The CSV link fetches a ticket and downloads: nothing in the page changes.
    const downloading = page.waitForEvent('download');
    await frame.getByRole('link', { name: 'Download CSV' }).focus();
    await page.keyboard.press('Enter');
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('unit-essay-the-rise-of-totalitarianism-in-russia-class.csv');
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toMatch(/^Name,Status,Submitted at,Late,Late by,Words,/);
    expect(lines.filter((line) => line.startsWith('Ada Lovelace,Released,'))).toHaveLength(1);
    await frame.getByRole('heading', { level: 1, name: 'Class overview' }).waitFor();
  });
});
