/**
 * Inline comments, the comment bank and the student's feedback in a real browser, inside the
 * demo LMS's iframe (issue #14 items 1, 2 and 10): a passage selected and commented on with the
 * keyboard alone, the bank searched by typing, and the released feedback on screen and in print.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { anchorText } from '../../domain/inline-comments';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { api, launch, sessionTokenInPage } from '../support/lti-client';
import { waitFor } from '../support/wait';
import { expectNoAxeViolations, inkwellInBrowser, openGradingInFrame, toolFrame } from './browser';

const LINK = 'rl-essay-1';
const suite = inkwellInBrowser();
const submissionIds = new Map<string, string>();
/** Each student's submitted revision, the one the grading view shows. */
const submittedRevision = new Map<string, number>();

beforeAll(async () => {
  for (const userId of ['student-ada', 'student-ben', 'student-chen']) {
    const student = await launch(suite.inkwell.platform, { userId, resourceLinkId: LINK });
    expect((await api(suite.inkwell.baseUrl, student.sessionToken, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 })).status).toBe(200);
    const submitted = await api(suite.inkwell.baseUrl, student.sessionToken, 'POST', '/api/essay/submit', { revision: 1 });
    expect(submitted.status).toBe(200);
    submittedRevision.set(userId, submitted.json.revision as number);
  }
  await waitFor(() => suite.inkwell.platform.receivedScores.filter((s) => s.accepted).length >= 3, 15_000, 'the needs-grading notices');
}, 120_000);

/** The instructor opens one student's grading view inside the LMS frame, hydrated. */
async function openGrading(page: Page, studentName: string): Promise<{ frame: FrameLocator; tool: Frame }> {
  const { frame, tool } = await openGradingInFrame(page, suite.inkwell, studentName, '.essay-annotatable');
  submissionIds.set(studentName, new URL(tool.url()).pathname.split('/').pop()!);
  return { frame, tool };
}

/** What has focus in the frame, and the text selected there. */
async function focusState(tool: Frame) {
  return tool.evaluate(() => {
    const el = document.activeElement;
    return {
      id: el?.id ?? '',
      role: el?.getAttribute('role') ?? '',
      label: el?.getAttribute('aria-label') ?? '',
      text: (el?.textContent ?? '').trim().slice(0, 80),
      selection: document.getSelection()?.toString() ?? '',
    };
  });
}

async function tabUntil(page: Page, tool: Frame, what: string, reached: (state: Awaited<ReturnType<typeof focusState>>) => boolean, max = 40) {
  for (let presses = 0; presses < max; presses++) {
    await page.keyboard.press('Tab');
    if (reached(await focusState(tool))) return;
  }
  throw new Error(`Tab did not reach ${what} within ${max} presses (last: ${JSON.stringify(await focusState(tool))})`);
}

describe('inline comments in the grading view', () => {
  it('keyboard only: select a passage, comment on it with a criterion, find it in the list and jump back to it', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    const { frame, tool } = await openGrading(page, 'Ada Lovelace');
    await expectNoAxeViolations(tool, 'grading view with the annotatable essay');

    // Into the essay text box; the caret starts at the beginning.
    await tabUntil(page, tool, 'the essay text', (s) => s.role === 'textbox' && s.label === 'Essay text');
    await page.keyboard.press('Control+Home');
    // Three words along, then three more selected.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+ArrowRight');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+ArrowRight');
    const selected = (await focusState(tool)).selection;
    expect(selected.trim().split(/\s+/).length, `selected: ${JSON.stringify(selected)}`).toBeGreaterThanOrEqual(2);
    await frame.getByText(`Selected: “${selected.replace(/\s+/g, ' ').trim()}”`).waitFor();

    // The shortcut opens the comment form with the caret in the comment field.
    await page.keyboard.press('Control+Alt+M');
    await frame.getByRole('form', { name: 'New comment' }).waitFor();
    expect((await focusState(tool)).id).toBe('inline-comment-text');
    await page.keyboard.type('Which policy do you mean here? Name it.');
    await page.keyboard.press('Tab');
    expect((await focusState(tool)).id).toBe('inline-comment-criterion');
    await page.keyboard.type('Thesis');
    expect(await tool.locator('#inline-comment-criterion').inputValue()).toBe('c-thesis');
    await page.keyboard.press('Tab');
    expect((await focusState(tool)).text).toBe('Save comment');
    await page.keyboard.press('Enter');

    // Saved: focus moves to the comment in the list, numbered, with its criterion and passage.
    const item = frame.getByRole('listitem').filter({ hasText: 'Which policy do you mean here? Name it.' });
    await item.waitFor();
    await tool.waitForFunction(() => document.activeElement?.classList.contains('inline-comment') === true);
    expect(await item.innerText()).toContain('Thesis & argument');
    const mark = tool.locator('mark[data-label="1 · Thesis & argument"]');
    expect(await mark.textContent()).toBe(selected);
    // The label is visible text beside the colour (CSS generated content of the highlight).
    const label = await mark.evaluate((el) => getComputedStyle(el, '::after').content);
    expect(label).toBe('"1 · Thesis & argument"');
    const stored = await api(suite.inkwell.baseUrl, sessionTokenInPage(await tool.content()), 'GET', `/api/grading/submissions/${submissionIds.get('Ada Lovelace')}/inline-comments`);
    const [comment] = stored.json.comments as { quote: string; start: number; end: number; criterionId: string; revision: number }[];
    expect(comment).toMatchObject({ quote: selected, criterionId: 'c-thesis', revision: submittedRevision.get('student-ada') });
    expect(anchorText(sampleEssay).slice(comment!.start, comment!.end)).toBe(selected);

    // With the selection gone, the list takes the instructor back to the passage.
    await tool.evaluate(() => document.getSelection()?.removeAllRanges());
    await tabUntil(page, tool, 'Go to passage', (s) => s.label === 'Go to passage of comment 1', 60);
    await page.keyboard.press('Enter');
    const after = await focusState(tool);
    expect(after.role).toBe('textbox');
    expect(after.selection).toBe(selected);
    await frame.getByRole('status').filter({ hasText: 'The passage of comment 1 is selected in the essay.' }).waitFor();
    await expectNoAxeViolations(tool, 'grading view with an inline comment');
  });

  it('mouse and bank: inserts a starter comment by typing, saves comments to the bank, edits and deletes', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    const { frame, tool } = await openGrading(page, 'Ben Okafor');

    // Select "Treaty of Rapallo in 1921" as a mouse would, then use the button.
    const quote = 'Treaty of Rapallo in 1921';
    const box = tool.locator('.essay-annotatable');
    await box.evaluate((el, q) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(q);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + q.length);
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(range);
        return;
      }
    }, quote);
    await frame.getByText(`Selected: “${quote}”`).waitFor();
    await frame.getByRole('button', { name: 'Add comment on selection' }).click();
    const form = frame.getByRole('form', { name: 'New comment' });
    await form.getByLabel('Rubric criterion (optional)').selectOption({ label: 'Historical accuracy' });

    // Typing searches the bank; the criterion's starter comments come first.
    const search = form.getByRole('combobox', { name: 'Insert from comment bank' });
    await search.fill('fact');
    const listbox = form.getByRole('listbox');
    await listbox.waitFor();
    await expectNoAxeViolations(tool, 'comment form with the bank listbox open');
    await search.press('ArrowDown');
    expect(await search.getAttribute('aria-activedescendant')).toBeTruthy();
    await search.press('Enter');
    const text = form.getByLabel('Comment', { exact: true });
    await expect.poll(() => text.inputValue()).toContain('Check this fact against the unit’s background notes');
    await text.press('End');
    await text.pressSequentially(' It was 1922.');
    await form.getByRole('button', { name: 'Save comment to bank' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved to your comment bank.' }).waitFor();
    await form.getByRole('button', { name: 'Save comment', exact: true }).click();
    // The same words are in the comment bank's list now, so look in the list of comments on the text.
    const item = frame.getByRole('region', { name: /Comments on the text/ }).getByRole('listitem').filter({ hasText: 'It was 1922.' });
    await item.waitFor();
    expect(await tool.locator('mark[data-label="1 · Historical accuracy"]').textContent()).toBe(quote);

    // Edit: new words, no criterion; the highlight's label follows.
    await item.getByRole('button', { name: 'Edit comment 1' }).click();
    const editForm = frame.getByRole('form', { name: 'Edit comment 1' });
    await editForm.getByLabel('Comment', { exact: true }).fill('Rapallo was signed in April 1922.');
    await editForm.getByLabel('Rubric criterion (optional)').selectOption({ label: 'None (a general comment)' });
    await editForm.getByRole('button', { name: 'Save comment', exact: true }).click();
    await frame.getByRole('listitem').filter({ hasText: 'Rapallo was signed in April 1922.' }).waitFor();
    expect(await tool.locator('mark[data-label="1"]').textContent()).toBe(quote);

    // A criterion comment of the rubric form: inserted from the bank, the saved entry found by typing.
    const bankButton = frame.getByRole('button', { name: 'Comment bank: historical accuracy' });
    await bankButton.click();
    expect(await bankButton.getAttribute('aria-expanded')).toBe('true');
    const thesisSearch = frame.getByRole('combobox', { name: 'Insert from comment bank (historical accuracy)' });
    await expect.poll(() => thesisSearch.evaluate((el) => el === document.activeElement)).toBe(true);
    await thesisSearch.fill('1922');
    await frame.getByRole('option', { name: /It was 1922\./ }).click();
    await expect.poll(() => frame.getByLabel('Comment on historical accuracy (optional)').inputValue()).toContain('It was 1922.');

    // The bank manager: the saved entry is edited, then deleted.
    const manager = frame.getByRole('region', { name: 'Comment bank' });
    const entry = manager.getByRole('listitem').filter({ hasText: 'It was 1922.' });
    await entry.getByRole('button', { name: /^Edit saved comment/ }).click();
    await manager.getByLabel('Saved comment', { exact: true }).fill('Check the date: Rapallo was 1922.');
    await manager.getByRole('button', { name: 'Save changes' }).click();
    const edited = manager.getByRole('listitem').filter({ hasText: 'Check the date: Rapallo was 1922.' });
    await edited.waitFor();
    await edited.getByRole('button', { name: /^Delete saved comment/ }).click();
    await edited.getByRole('button', { name: 'Yes, delete it' }).click();
    await manager.getByText('Saved comment deleted.').waitFor();
    expect(await manager.getByText('Check the date: Rapallo was 1922.').count()).toBe(0);

    // Delete the inline comment.
    const commentItem = frame.getByRole('listitem').filter({ hasText: 'Rapallo was signed in April 1922.' });
    await commentItem.getByRole('button', { name: 'Delete comment 1' }).click();
    await commentItem.getByRole('button', { name: 'Yes, delete comment 1' }).click();
    await frame.getByRole('status').filter({ hasText: 'Comment 1 deleted.' }).waitFor();
    expect(await tool.locator('mark').count()).toBe(0);
    await expectNoAxeViolations(tool, 'grading view after editing the bank');
  });
});

describe('the student’s feedback', () => {
  it('after release: the whole rubric with the level reached, comments, and inline comments on the graded text; printable', async () => {
    // The instructor comments and releases through the API.
    const context = await suite.newContext();
    const page = await context.newPage();
    const { tool } = await openGrading(page, 'Chen Wei');
    const token = sessionTokenInPage(await tool.content())!;
    const submissionId = submissionIds.get('Chen Wei')!;
    const quote = 'Bolshevik Red and Menshevik Whites';
    const start = anchorText(sampleEssay).indexOf(quote);
    const made = await api(suite.inkwell.baseUrl, token, 'POST', `/api/grading/submissions/${submissionId}/inline-comments`, {
      revision: submittedRevision.get('student-chen'),
      start,
      end: start + quote.length,
      quote,
      text: 'The Whites were not Mensheviks.',
      criterionId: 'c-accuracy',
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const selections = Object.fromEntries(builtInRubric.criteria.map((c, i) => [c.id, c.levels[i % 4]!.id]));
    const graded = await api(suite.inkwell.baseUrl, token, 'PUT', `/api/grading/submissions/${submissionId}/grade`, {
      selections,
      criterionComments: { 'c-thesis': 'State your thesis early.' },
      overallComment: 'A thoughtful essay; check your facts.',
      baseVersion: 0,
      revision: submittedRevision.get('student-chen'),
    });
    expect(graded.status, JSON.stringify(graded.json)).toBe(200);

    await page.goto(`${suite.inkwell.platform.baseUrl}/`);
    await page.getByRole('link', { name: 'Launch as student: Chen Wei', exact: true }).click();
    const student = page.frameLocator('iframe[name="tool-frame"]');
    const feedback = student.getByRole('region', { name: 'Feedback' });
    await feedback.waitFor();
    const studentTool = toolFrame(page);

    // Every criterion with all its levels; the one reached said in words, not only colour.
    for (const [index, criterion] of builtInRubric.criteria.entries()) {
      const section = feedback.getByRole('region', { name: new RegExp(`^${criterion.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`) });
      const reached = criterion.levels[index % 4]!;
      expect(await section.getByRole('listitem').count()).toBe(criterion.levels.length);
      expect(await section.getByRole('listitem').filter({ hasText: '✓ Your level' }).innerText()).toContain(reached.label);
    }
    await feedback.getByText('State your thesis early.').waitFor();
    await feedback.getByText('A thoughtful essay; check your facts.').waitFor();
    const mark = studentTool.locator('.feedback mark[data-label="1 · Historical accuracy"]');
    expect(await mark.textContent()).toBe(quote);
    await feedback.getByRole('listitem').filter({ hasText: 'The Whites were not Mensheviks.' }).waitFor();
    await expectNoAxeViolations(studentTool, 'student feedback');

    // The link from the list takes the reader to the passage.
    await feedback.getByRole('link', { name: /^Show in your essay: comment 1 /}).click();
    await studentTool.waitForFunction(() => document.activeElement?.tagName === 'MARK');

    // In print: the feedback and the graded essay, without buttons or the page's other sections.
    await page.emulateMedia({ media: 'print' });
    expect(await feedback.isVisible()).toBe(true);
    expect(await student.getByRole('button', { name: 'Print feedback' }).isVisible()).toBe(false);
    expect(await student.getByRole('heading', { name: 'Your essay', exact: true }).isVisible()).toBe(false);
    expect(await mark.isVisible()).toBe(true);
    expect(await studentTool.locator('.essay-annotatable').evaluate((el) => getComputedStyle(el).overflowY)).toBe('visible');
    await page.emulateMedia({ media: 'screen' });
  });

  it('before release the student sees none of it', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    await page.goto(`${suite.inkwell.platform.baseUrl}/`);
    await page.getByRole('link', { name: 'Launch as student: Ada Lovelace', exact: true }).click();
    const student = page.frameLocator('iframe[name="tool-frame"]');
    await student.getByRole('heading', { name: 'Your essay' }).waitFor();
    const body = await toolFrame(page).locator('body').innerText();
    expect(body).not.toContain('Feedback');
    expect(body).not.toContain('Which policy do you mean here?');
    expect(await toolFrame(page).locator('mark').count()).toBe(0);
  });
});
