/**
 * Two graders in two browsers open the same essay (issue #12 item 6). The
 * first saves; the second's save is refused, and their page shows, as an
 * alert with focus on it, the first grader's choices beside their own. Nothing
 * is replaced until the second grader has seen the other grade and chosen.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { ROLE } from '../../emulator';
import { api, launch, mintTicket, pageHtml, reopenLaunchPage } from '../support/lti-client';
import { axeViolations, describeViolations, inkwellInBrowser, waitForHydration } from './browser';

const LINK = 'rl-essay-1';
const suite = inkwellInBrowser({ platform: { flavour: 'moodle' } });

beforeAll(async () => {
  suite.inkwell.platform.addMember({ sub: 'teacher-okoye', name: 'Grace Okoye', roles: [ROLE.instructor] });
});

async function openGrading(token: string, submissionId: string): Promise<Page> {
  const page = await (await suite.newContext()).newPage();
  await page.goto(`${suite.inkwell.baseUrl}/grading/${submissionId}?ticket=${encodeURIComponent(await mintTicket(suite.inkwell.baseUrl, token))}`);
  // Hydrated: React's props are on the radios, so clicks reach the form's state.
  await waitForHydration(page.mainFrame(), 'input[type="radio"]');
  return page;
}

async function choose(page: Page, levelIndex: number): Promise<void> {
  for (const criterion of builtInRubric.criteria) {
    await page.check(`input[name="${criterion.id}"][value="${criterion.levels[levelIndex]!.id}"]`);
  }
}

it('the second grader sees the first grader’s choices, announced, and decides', async () => {
  const student = await launch(suite.inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK });
  await api(suite.inkwell.baseUrl, student.sessionToken, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 });
  expect((await api(suite.inkwell.baseUrl, student.sessionToken, 'POST', '/api/essay/submit', { revision: 1 })).status).toBe(200);
  const rivera = await launch(suite.inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: LINK });
  const okoye = await launch(suite.inkwell.platform, { userId: 'teacher-okoye', resourceLinkId: LINK });
  const list = await (await reopenLaunchPage(suite.inkwell.baseUrl, rivera)).text();
  const submissionId = /\/grading\/([a-f0-9]{24})"/.exec(list)![1]!;

  // Both open the ungraded essay.
  const first = await openGrading(rivera.sessionToken!, submissionId);
  const second = await openGrading(okoye.sessionToken!, submissionId);

  await choose(first, 1);
  await first.getByLabel('Overall comment for the student (optional)').fill('Rivera: a clear argument.');
  await first.getByRole('button', { name: 'Save as draft' }).click();
  await first.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();

  await choose(second, 3);
  await second.getByLabel('Overall comment for the student (optional)').fill('Okoye: needs sources.');
  await second.getByRole('button', { name: 'Save as draft' }).click();
  const alert = second.getByRole('alert').filter({ hasText: 'Maria Rivera saved a grade for this essay after you opened it' });
  await alert.waitFor();
  await expect.poll(() => second.evaluate(() => document.activeElement?.id)).toBe('grade-conflict-heading');
  const alertText = await alert.innerText();
  expect(alertText).toContain('Rivera: a clear argument.');
  expect(alertText).toContain(`${builtInRubric.criteria[0]!.levels[1]!.label} (${builtInRubric.criteria[0]!.levels[1]!.points})`);
  expect(alertText).toContain('(differs)');
  expect(describeViolations('grading view with a conflict', await axeViolations(second.mainFrame()))).toBe(
    'grading view with a conflict: no axe violations',
  );

  // Nothing was replaced: the first grader's grade is the one stored.
  const stored = await pageHtml(suite.inkwell.baseUrl, `/grading/${submissionId}`, rivera.sessionToken!);
  expect(stored).toContain('Rivera: a clear argument.');
  expect(stored).not.toContain('Okoye: needs sources.');

  // Starting from their grade fills the form with it; saving then builds on it.
  await second.getByRole('button', { name: 'Start from their grade' }).click();
  for (const criterion of builtInRubric.criteria) {
    expect(await second.isChecked(`input[name="${criterion.id}"][value="${criterion.levels[1]!.id}"]`)).toBe(true);
  }
  expect(await second.getByLabel('Overall comment for the student (optional)').inputValue()).toBe('Rivera: a clear argument.');
  await second.getByLabel('Overall comment for the student (optional)').fill('Rivera: a clear argument. Okoye: agreed.');
  await second.getByRole('button', { name: 'Save as draft' }).click();
  await second.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
  const after = await pageHtml(suite.inkwell.baseUrl, `/grading/${submissionId}`, rivera.sessionToken!);
  expect(after).toContain('Okoye: agreed.');
});
