/**
 * The grading form in a real browser, inside the demo LMS's iframe (issue #12
 * item 9): Enter on a rubric level releases nothing, only the release button
 * (or Ctrl+Enter) does, and leaving the page with unsaved changes asks first,
 * by an in-app link or by any other way out (beforeunload).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dialog, Frame, FrameLocator, Page } from 'playwright-core';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { api, launch, sessionTokenInPage } from '../support/lti-client';
import { waitFor } from '../support/wait';
import { inkwellInBrowser, openGradingInFrame } from './browser';

const LINK = 'rl-essay-1';
const suite = inkwellInBrowser();

beforeAll(async () => {
  for (const userId of ['student-ada', 'student-ben']) {
    const student = await launch(suite.inkwell.platform, { userId, resourceLinkId: LINK });
    expect((await api(suite.inkwell.baseUrl, student.sessionToken, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 })).status).toBe(200);
    expect((await api(suite.inkwell.baseUrl, student.sessionToken, 'POST', '/api/essay/submit', { revision: 1 })).status).toBe(200);
  }
  await waitFor(() => suite.inkwell.platform.receivedScores.filter((s) => s.accepted).length >= 2, 15_000, 'the needs-grading notices');
});

/** FullyGraded scores the LMS received for a student. */
function releasedScores(userId: string) {
  return suite.inkwell.platform.receivedScores.filter((s) => {
    const body = s.body as { userId?: string; gradingProgress?: string } | undefined;
    return body?.userId === userId && body.gradingProgress === 'FullyGraded';
  });
}

/** The instructor opens one student's grading view inside the LMS frame, hydrated. */
function openGrading(page: Page, studentName: string): Promise<{ frame: FrameLocator; tool: Frame }> {
  return openGradingInFrame(page, suite.inkwell, studentName, 'input[type="radio"]');
}

async function gradeSync(tool: Frame): Promise<{ state: string } | null> {
  // The session the page was handed (its URL carries none).
  const session = sessionTokenInPage(await tool.content());
  const submissionId = new URL(tool.url()).pathname.split('/').pop()!;
  const result = await api(suite.inkwell.baseUrl, session, 'GET', `/api/grading/submissions/${submissionId}/sync`);
  return (result.json.sync as { state: string } | null) ?? null;
}

/** Chooses every criterion's level `index` with the mouse. */
async function chooseAll(frame: FrameLocator, index: number): Promise<void> {
  for (const criterion of builtInRubric.criteria) {
    await frame.getByRole('group', { name: criterion.title }).getByRole('radio').nth(index).check();
  }
}

describe('the grading form', () => {
  it('Enter on a rubric level releases nothing; the release button does', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    const { frame, tool } = await openGrading(page, 'Ada Lovelace');
    const dialogs: Dialog[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog);
      void dialog.dismiss();
    });

    await chooseAll(frame, 1);
    const lastRadio = frame.getByRole('group', { name: builtInRubric.criteria.at(-1)!.title }).getByRole('radio').nth(1);
    await lastRadio.focus();
    await page.keyboard.press('Enter');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await gradeSync(tool), 'no grade saved by Enter').toBeNull();
    expect(releasedScores('student-ada')).toEqual([]);
    expect(dialogs).toEqual([]);

    // The explicit button releases, and the grade reaches the LMS.
    await frame.getByRole('button', { name: 'Save grade and send to LMS' }).click();
    await frame.getByRole('status').filter({ hasText: 'sent to the LMS gradebook' }).waitFor();
    expect(suite.inkwell.platform.gradeFor(LINK, 'student-ada')).toMatchObject({ scoreGiven: 24, gradingProgress: 'FullyGraded' });

    // Everything is saved: leaving asks nothing.
    await frame.getByRole('link', { name: '← All submissions' }).click();
    await frame.getByRole('table').waitFor();
    expect(dialogs).toEqual([]);
  });

  it('Ctrl+Enter is the release shortcut', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    const { frame } = await openGrading(page, 'Ben Okafor');
    await chooseAll(frame, 0);
    await frame.getByLabel('Overall comment for the student (optional)').fill('Excellent throughout.');
    await page.keyboard.press('Control+Enter');
    await frame.getByRole('status').filter({ hasText: 'sent to the LMS gradebook' }).waitFor();
    expect(suite.inkwell.platform.gradeFor(LINK, 'student-ben')).toMatchObject({ scoreGiven: 32, gradingProgress: 'FullyGraded' });
    expect(suite.inkwell.platform.gradeFor(LINK, 'student-ben')?.comment).toContain('Excellent throughout.');
  });

  it('leaving with unsaved changes asks first: by an in-app link and by any other way out', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    const { frame, tool } = await openGrading(page, 'Ada Lovelace');
    // The page drops its one-time ticket from the address once it has started; compare without it.
    const pageAddress = () => {
      const url = new URL(tool.url());
      url.searchParams.delete('ticket');
      url.hash = '';
      return url.toString();
    };
    const gradingUrl = pageAddress();
    const browserDialogs: string[] = [];
    page.on('dialog', (dialog) => {
      browserDialogs.push(dialog.type());
      void dialog.dismiss();
    });

    // A change not saved yet: a comment.
    const comment = frame.getByLabel('Overall comment for the student (optional)');
    await comment.fill('Changed my mind about the sources.');

    // The skip link stays on the page: nothing to ask.
    await frame.getByRole('link', { name: 'Skip to content' }).focus();
    await page.keyboard.press('Enter');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await frame.getByRole('dialog', { name: 'Leave without saving?' }).isVisible()).toBe(false);

    // An in-app link: Inkwell asks, and staying keeps the page and the text.
    const question = frame.getByRole('dialog', { name: 'Leave without saving?' });
    await frame.getByRole('link', { name: '← All submissions' }).click();
    await question.waitFor();
    expect(await question.textContent()).toContain('Your changes to this grade are not saved');
    await question.getByRole('button', { name: 'Stay on this page' }).click();
    await question.waitFor({ state: 'hidden' });
    expect(pageAddress()).toBe(gradingUrl);
    expect(await comment.inputValue()).toBe('Changed my mind about the sources.');

    // Any other way out (here the frame navigating by itself) meets the browser's beforeunload question.
    await tool.evaluate(() => {
      window.location.href = '/api/health';
    });
    await waitFor(() => browserDialogs.length === 1, 5_000, 'the beforeunload question');
    expect(browserDialogs).toEqual(['beforeunload']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(pageAddress()).toBe(gradingUrl);

    // Leaving on purpose: one question, then the list, and no second question from the browser.
    await frame.getByRole('link', { name: '← All submissions' }).click();
    await question.getByRole('button', { name: 'Leave without saving' }).click();
    await frame.getByRole('table').waitFor();
    expect(browserDialogs).toEqual(['beforeunload']);
    // Nothing was saved or sent: the LMS has only the grade released in the first test.
    expect(releasedScores('student-ada')).toHaveLength(1);
  });

  it('a saved change asks nothing on the way out', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    const { frame } = await openGrading(page, 'Ben Okafor');
    const browserDialogs: string[] = [];
    page.on('dialog', (dialog) => {
      browserDialogs.push(dialog.type());
      void dialog.dismiss();
    });
    await frame.getByLabel('Overall comment for the student (optional)').fill('Excellent throughout. Well sourced.');
    await frame.getByRole('button', { name: 'Save and update the LMS' }).click();
    await frame.getByRole('status').filter({ hasText: 'sent to the LMS gradebook' }).waitFor();
    await frame.getByRole('link', { name: '← All submissions' }).click();
    await frame.getByRole('table').waitFor();
    expect(browserDialogs).toEqual([]);
  });
});
