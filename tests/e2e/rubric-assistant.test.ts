/**
 * The rubric assistant in the grading view, in a real browser inside the demo LMS's iframe (issue
 * #15 items 1 and 3): suggestions labelled as suggestions under every criterion, one accepted by
 * keyboard alone (chosen in the form, saved only by Save), the seed essay's two factual slips
 * listed and marked, "Go to passage" selecting the cited evidence, and a calm sentence, not a
 * broken form, when the assistant cannot answer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { anchorText } from '../../domain/inline-comments';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { api, launch, sessionTokenInPage } from '../support/lti-client';
import type { RunningInkwell } from '../support/inkwell-server';
import { waitFor } from '../support/wait';
import { expectNoAxeViolations, inkwellInBrowser, openGradingInFrame, toolFrame } from './browser';

const LINK = 'rl-essay-1';
const session = inkwellInBrowser();
let inkwell: RunningInkwell;

interface Assistance {
  revision: number;
  suggestions: { criterionId: string; levelId: string; reason: string; evidence: { start: number; end: number; quote: string }[] }[];
  flags: { start: number; end: number; quote: string; says: string; fact: string }[];
}

beforeAll(async () => {
  inkwell = session.inkwell;
  for (const userId of ['student-ada', 'student-ben']) {
    const student = await launch(inkwell.platform, { userId, resourceLinkId: LINK });
    expect((await api(inkwell.baseUrl, student.sessionToken, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 })).status).toBe(200);
    expect((await api(inkwell.baseUrl, student.sessionToken, 'POST', '/api/essay/submit', { revision: 1 })).status).toBe(200);
  }
  await waitFor(() => inkwell.platform.receivedScores.filter((s) => s.accepted).length >= 2, 15_000, 'the needs-grading notices');
}, 120_000);

/** The instructor opens one student's grading view inside the LMS frame, hydrated. */
async function openGrading(page: Page, studentName: string): Promise<{ frame: FrameLocator; tool: Frame; submissionId: string; token: string }> {
  const { frame, tool } = await openGradingInFrame(page, inkwell, studentName, 'input[type="radio"]');
  return { frame, tool, submissionId: new URL(tool.url()).pathname.split('/').pop()!, token: sessionTokenInPage(await tool.content())! };
}

/** What has focus in the frame, and the text selected there. */
async function focusState(tool: Frame) {
  return tool.evaluate(() => {
    const el = document.activeElement;
    return {
      role: el?.getAttribute('role') ?? '',
      label: el?.getAttribute('aria-label') ?? '',
      selection: document.getSelection()?.toString() ?? '',
    };
  });
}

async function tabUntil(page: Page, tool: Frame, what: string, reached: (state: Awaited<ReturnType<typeof focusState>>) => boolean, max = 150) {
  for (let presses = 0; presses < max; presses++) {
    await page.keyboard.press('Tab');
    if (reached(await focusState(tool))) return;
  }
  throw new Error(`Tab did not reach ${what} within ${max} presses (last: ${JSON.stringify(await focusState(tool))})`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the rubric assistant in the grading view', () => {
  it('suggests, is accepted by keyboard without saving, lists both slips and goes to the cited passages', async () => {
    const context = await session.newContext();
    const page = await context.newPage();
    const { frame, tool, submissionId, token } = await openGrading(page, 'Ada Lovelace');
    const answer = await api(inkwell.baseUrl, token, 'GET', `/api/grading/submissions/${submissionId}/assistant`);
    const assistance = answer.json as unknown as Assistance;
    const thesis = builtInRubric.criteria.find((criterion) => criterion.id === 'c-thesis')!;
    const suggestion = assistance.suggestions.find((entry) => entry.criterionId === thesis.id)!;
    const suggestedLabel = thesis.levels.find((level) => level.id === suggestion.levelId)!.label;

    // Every criterion shows its suggestion, labelled as one in words, tied to its group.
    const kickers = frame.getByText('Suggested by the rubric assistant', { exact: true });
    await expect.poll(() => kickers.count(), { timeout: 60_000 }).toBe(builtInRubric.criteria.length);
    const group = frame.getByRole('group', { name: thesis.title });
    const described = await group.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
    );
    expect(described).toContain(`Suggested by the rubric assistant: ${suggestedLabel}.`);
    expect(described).toContain(suggestion.reason);
    await expectNoAxeViolations(tool, 'grading view with the assistant’s suggestions');

    // Nothing is chosen for the instructor.
    expect(await frame.getByRole('radio', { checked: true }).count()).toBe(0);

    // Keyboard only: Tab to the thesis suggestion's "Accept suggestion" and press Enter.
    const acceptName = `Accept suggestion: ${suggestedLabel} for ${thesis.title}`;
    await tabUntil(page, tool, acceptName, (s) => s.label === acceptName);
    await page.keyboard.press('Enter');
    const radio = group.getByRole('radio', { name: new RegExp(`^${escapeRegExp(suggestedLabel)} —`) });
    await expect.poll(() => radio.isChecked()).toBe(true);
    expect(await frame.getByRole('radio', { checked: true }).count()).toBe(1);
    await frame.getByRole('status').filter({ hasText: `Suggested level “${suggestedLabel}” chosen for ${thesis.title}. Not saved yet` }).waitFor();
    await group.getByText('Your choice matches the suggestion.').waitFor();

    // Chosen, not saved: no grade exists until the instructor saves.
    const sync = async () => (await api(inkwell.baseUrl, token, 'GET', `/api/grading/submissions/${submissionId}/sync`)).json.sync ?? null;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await sync()).toBeNull();
    await frame.getByRole('button', { name: 'Save as draft' }).click();
    await frame.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
    expect(await sync()).not.toBeNull();

    // Both of the seed essay's slips are listed, as things to check, with the fact sheet's words.
    const flags = frame.getByRole('region', { name: /^Possible factual slips/ });
    await flags.getByRole('heading', { name: 'Possible factual slips (2)' }).waitFor();
    const items = flags.getByRole('listitem');
    expect(await items.count()).toBe(2);
    const listed = await flags.innerText();
    expect(listed).toContain('Menshevik Whites');
    expect(listed).toContain('Rapallo in 1921');
    expect(listed).toContain('not Mensheviks');
    expect(listed).toContain('1922');
    expect(listed).toContain('Please check them');

    // "Go to passage" on a slip selects it in the essay, marked and labelled "Check fact".
    const rapallo = assistance.flags.findIndex((flag) => flag.quote.includes('Rapallo')) + 1;
    await flags.getByRole('button', { name: `Go to passage of possible slip ${rapallo}` }).click();
    await expect.poll(async () => (await focusState(tool)).selection).toBe('Rapallo in 1921');
    expect((await focusState(tool)).role).toBe('textbox');
    const flagMark = tool.locator(`.assistant-flag[data-label="Check fact ${rapallo}"]`);
    expect(await flagMark.evaluate((el) => getComputedStyle(el, '::after').content)).toBe(`"Check fact ${rapallo}"`);
    await frame.getByRole('status').filter({ hasText: `The passage of possible slip ${rapallo} is selected in the essay.` }).waitFor();

    // "Go to passage" on a citation: the evidence is marked, labelled as evidence, and selected.
    const firstEvidence = anchorText(sampleEssay.slice(suggestion.evidence[0]!.start, suggestion.evidence[0]!.end));
    // The citations sit in a disclosure, closed so that Tab passes one summary per criterion.
    await group.locator('summary', { hasText: 'Passages it cites' }).click();
    await group.getByRole('button', { name: `Go to passage: evidence 1 for ${thesis.title}` }).click();
    await expect.poll(async () => (await focusState(tool)).selection).toBe(firstEvidence);
    expect((await focusState(tool)).role).toBe('textbox');
    const evidenceMark = tool.locator(`.assistant-evidence[data-label="Evidence 1 · ${thesis.title}"]`);
    expect(await evidenceMark.textContent()).toBe(firstEvidence);
    expect(await tool.locator('mark').count()).toBe(0);
    await frame.getByRole('status').filter({ hasText: `Evidence 1 for ${thesis.title} is selected in the essay.` }).waitFor();
    await expectNoAxeViolations(tool, 'grading view with evidence and slips marked');

    // And back to the criterion.
    await frame.getByRole('button', { name: `Back to the suggestion for ${thesis.title}` }).click();
    expect(await tool.evaluate(() => document.activeElement?.id)).toBe(`assistant-${thesis.id}`);
  });

  it('grade by criterion shows that criterion’s suggestion, and accepting chooses its level there too', async () => {
    const context = await session.newContext();
    const page = await context.newPage();
    await page.goto(`${inkwell.platform.baseUrl}/`);
    await page.getByRole('link', { name: 'Launch as instructor: Maria Rivera', exact: true }).click();
    const frame = page.frameLocator('iframe[name="tool-frame"]');
    await frame.getByRole('link', { name: 'Grade by criterion', exact: true }).click();
    const accuracy = builtInRubric.criteria.find((criterion) => criterion.id === 'c-accuracy')!;
    await frame.getByRole('link', { name: accuracy.title, exact: true }).click();
    await frame.getByRole('heading', { level: 1, name: accuracy.title }).waitFor();
    const group = frame.getByRole('group', { name: accuracy.title });
    await group.getByText('Suggested by the rubric assistant', { exact: true }).waitFor({ timeout: 60_000 });
    await expectNoAxeViolations(toolFrame(page), 'grade by criterion with a suggestion');
    const accept = group.getByRole('button', { name: /^Accept suggestion: / });
    const label = /^Accept suggestion: (.+) for /.exec((await accept.getAttribute('aria-label'))!)![1]!;
    await accept.click();
    await expect.poll(() => group.getByRole('radio', { name: new RegExp(`^${escapeRegExp(label)} —`) }).isChecked()).toBe(true);
    await frame.getByRole('status').filter({ hasText: `Suggested level “${label}” chosen for ${accuracy.title}. Not saved yet` }).waitFor();
    // Its evidence is selected in the essay beside the levels.
    await group.locator('summary', { hasText: 'Passages it cites' }).click();
    await group.getByRole('button', { name: `Go to passage: evidence 1 for ${accuracy.title}` }).click();
    await expect.poll(async () => (await focusState(toolFrame(page))).selection).not.toBe('');
    expect((await focusState(toolFrame(page))).role).toBe('region');
  });

  it('says calmly when the assistant cannot answer, and grading goes on', async () => {
    const context = await session.newContext();
    const page = await context.newPage();
    await page.route('**/assistant', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ code: 'UNAVAILABLE', message: 'Inkwell is busy; try again in a minute.' }) }),
    );
    const { frame } = await openGrading(page, 'Ben Okafor');
    await frame.getByText('The rubric assistant’s suggestions are not available: Inkwell is busy; try again in a minute. You can grade without them.').waitFor();
    expect(await frame.getByText('Suggested by the rubric assistant', { exact: true }).count()).toBe(0);
    const radio = frame.getByRole('group', { name: 'Thesis & argument' }).getByRole('radio').first();
    await radio.check();
    expect(await radio.isChecked()).toBe(true);
  });
});
