/**
 * The class overview's "Rubric assistant agreement" table in a real browser, inside the demo LMS's
 * frame (issue #15 item 6): five essays graded after their suggestions were recorded, the table
 * with its caption and header scopes, axe clean. The figures themselves are checked over HTTP in
 * tests/integration/assistant-agreement.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { ROLE } from '../../emulator';
import { api, launch, pageHtml } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';
import { axeViolations, describeViolations, launchBrowser, PageErrors, toolFrame } from './browser';

const LINK = 'rl-essay-1';
const NAMES = ['Amir', 'Bea', 'Cai', 'Dev', 'Eli'];

let inkwell: RunningInkwell;
let browser: Browser;
const pageErrors = new PageErrors();

beforeAll(async () => {
  [inkwell, browser] = await Promise.all([startInkwell({ platform: { demo: true, flavour: 'moodle' } }), launchBrowser()]);
  for (const name of NAMES) inkwell.platform.addMember({ sub: `student-${name.toLowerCase()}`, name, roles: [ROLE.learner] });
  const teacher = (await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: LINK })).sessionToken!;
  for (const name of NAMES) {
    const token = (await launch(inkwell.platform, { userId: `student-${name.toLowerCase()}`, resourceLinkId: LINK })).sessionToken!;
    expect((await api(inkwell.baseUrl, token, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 })).status).toBe(200);
    expect((await api(inkwell.baseUrl, token, 'POST', '/api/essay/submit', { revision: 1 })).status).toBe(200);
  }
  const list = await pageHtml(inkwell.baseUrl, '/grading', teacher);
  for (const [index, name] of NAMES.entries()) {
    const id = new RegExp(`/grading/([a-f0-9]{24})">${name}<`).exec(list)![1]!;
    const assistance = await api(inkwell.baseUrl, teacher, 'GET', `/api/grading/submissions/${id}/assistant`);
    const suggested = (assistance.json.suggestions as { criterionId: string; levelId: string }[]).map((s) => [s.criterionId, s.levelId]);
    const selections = Object.fromEntries(suggested);
    // The instructor chooses one level higher (or lower, at the top) on the first criterion for every other essay.
    const first = builtInRubric.criteria[0]!.id;
    const points = Number(/-(\d)$/.exec(selections[first]!)![1]);
    if (index % 2 === 1) selections[first] = `${first}-${points < 4 ? points + 1 : points - 1}`;
    const graded = await api(inkwell.baseUrl, teacher, 'PUT', `/api/grading/submissions/${id}/grade`, {
      selections,
      criterionComments: {},
      overallComment: '',
      release: false,
      baseVersion: 0,
    });
    expect(graded.status, JSON.stringify(graded.json)).toBe(200);
  }
});

afterEach(() => pageErrors.closeContextsAndCheck(browser));

afterAll(async () => {
  await browser?.close();
  await inkwell?.stop();
});

describe('the rubric assistant agreement in the class overview', () => {
  it('is a table with a caption, row and column headers, and a plain explanation, axe clean', async () => {
    const context = await pageErrors.newContext(browser, 30_000);
    const page = await context.newPage();
    await page.goto(`${inkwell.platform.baseUrl}/`);
    await page.getByRole('link', { name: 'Launch as instructor: Maria Rivera', exact: true }).click();
    const frame = page.frameLocator('iframe[name="tool-frame"]');
    await frame.getByRole('link', { name: 'Class overview' }).click();
    await frame.getByRole('heading', { level: 1, name: 'Class overview' }).waitFor();
    const tool = toolFrame(page);
    await tool.waitForFunction(() => document.querySelector('main') !== null && !/[?&]ticket=/.test(window.location.search));

    const section = frame.getByRole('region', { name: 'Rubric assistant agreement' });
    await section.getByText('1 is perfect agreement, 0 no better than chance').waitFor();
    const table = section.getByRole('table', { name: 'Agreement on 5 graded essays, per criterion and overall' });
    await table.waitFor();
    expect(await table.getByRole('columnheader').allTextContents()).toEqual([
      'Criterion',
      'Levels compared',
      'Exact',
      'Within one level',
      'Quadratic weighted kappa',
    ]);
    // Three of the five essays took the first criterion's suggestion, the other two one level off.
    const firstRow = table.locator('tbody tr').first();
    expect(await firstRow.getByRole('rowheader').textContent()).toBe(builtInRubric.criteria[0]!.title);
    expect(await firstRow.getByRole('cell').allTextContents()).toEqual(['5', '60%', '100%', expect.stringMatching(/^−?\d\.\d\d$/)]);
    expect(await table.getByRole('rowheader').allTextContents()).toEqual([...builtInRubric.criteria.map((c) => c.title), 'All criteria']);
    const violations = await axeViolations(tool);
    expect(violations, describeViolations('class overview with the agreement table', violations)).toEqual([]);
  });
});
