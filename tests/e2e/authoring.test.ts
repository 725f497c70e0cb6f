/**
 * Authoring in a real browser, inside the demo LMS's iframe: the instructor
 * opens the content picker ("Add Inkwell assignment"), edits a copy of the
 * built-in unit (new title, one question and its criterion fewer), meets a
 * field error and fixes it, saves and adds it to the course. The platform
 * then has a resource link with the new title and a gradebook column out of
 * the new rubric total, and a student launching that link sees the edited
 * assignment. axe checks the picker and the editor.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { expectNoAxeViolations, inkwellInBrowser, toolFrame, waitForHydration } from './browser';

const NEW_TITLE = 'Russia 1917–1929: from revolution to dictatorship';

const suite = inkwellInBrowser();

function freshContext(): Promise<BrowserContext> {
  return suite.newContext();
}

/** Opens the demo course page and launches one assignment (by its region) as one member. */
async function launchLink(page: Page, assignmentTitle: string, linkName: string): Promise<FrameLocator> {
  await page.goto(`${suite.inkwell.platform.baseUrl}/`);
  await page
    .getByRole('region', { name: `Assignment: ${assignmentTitle}`, exact: true })
    .getByRole('link', { name: linkName, exact: true })
    .click();
  return page.frameLocator('iframe[name="tool-frame"]');
}

async function activeElementId(frame: Frame): Promise<string> {
  return frame.evaluate(() => document.activeElement?.id ?? '');
}

describe('authoring through the LMS content picker', () => {
  it('edits a copy of the built-in unit, fixes a field error, adds it, and students see the edited assignment', async () => {
    const context = await freshContext();
    const page = await context.newPage();
    await page.goto(`${suite.inkwell.platform.baseUrl}/`);
    const linksBefore = suite.inkwell.platform.resourceLinks().length;
    await page.getByRole('link', { name: 'Add Inkwell assignment', exact: true }).click();
    const frame = page.frameLocator('iframe[name="tool-frame"]');

    // The picker.
    await frame.getByRole('heading', { level: 1, name: 'Add an Inkwell assignment' }).waitFor();
    const builtIn = frame.getByRole('region', { name: 'Use the built-in unit' });
    expect(await builtIn.getByRole('listitem').count()).toBe(4);
    expect(await builtIn.textContent()).toContain('32 points in total');
    await expectNoAxeViolations(toolFrame(page), 'content picker');
    await builtIn.getByRole('button', { name: /^Edit a copy first/ }).click();

    // The editor, on a copy.
    await frame.getByRole('heading', { level: 1, name: /Edit the copy/ }).waitFor();
    const tool = toolFrame(page);
    expect(new URL(tool.url()).searchParams.get('placing')).toBe('1');
    await waitForHydration(tool, '#f-title');
    await expectNoAxeViolations(tool, 'assignment editor');
    const addToCourse = frame.getByRole('button', { name: 'Add to course', exact: true });
    expect(await addToCourse.isEnabled()).toBe(true);

    await frame.getByLabel('Title', { exact: true }).fill(NEW_TITLE);
    expect(await addToCourse.isDisabled()).toBe(true);
    expect(await frame.locator('#add-explanation').textContent()).toContain('Save your changes first');

    // One question fewer: its criterion falls back to the whole essay, then goes too.
    await frame.getByRole('group', { name: 'Question 4', exact: true }).getByRole('button', { name: 'Remove question 4' }).click();
    expect(await frame.getByRole('group', { name: /^Question \d+$/ }).count()).toBe(3);
    expect(await activeElementId(tool)).toBe('f-guidingQuestions-2-prompt');
    const criterion4 = frame.getByRole('group', { name: 'Criterion 4', exact: true });
    expect(await criterion4.getByLabel('Assesses', { exact: true }).inputValue()).toBe('');
    await criterion4.getByRole('button', { name: 'Remove criterion 4', exact: true }).click();
    expect(await frame.getByRole('group', { name: /^Criterion \d+$/ }).count()).toBe(7);
    await frame.getByText('Total: 28 points').waitFor();

    // Keyboard reordering: question 1 moves down and focus follows it.
    const firstPrompt = await frame.locator('#f-guidingQuestions-0-prompt').inputValue();
    await frame.getByRole('button', { name: 'Move down question 1', exact: true }).click();
    expect(await frame.locator('#f-guidingQuestions-1-prompt').inputValue()).toBe(firstPrompt);
    expect(await activeElementId(tool)).toBe('f-guidingQuestions-1-down');
    await page.keyboard.press('Shift+Tab'); // to "Move up" of the same question
    await page.keyboard.press('Enter');
    expect(await frame.locator('#f-guidingQuestions-0-prompt').inputValue()).toBe(firstPrompt);

    // Two levels with the same points: the server names the field; the error sits beside it and in the summary.
    const level2 = frame.getByRole('group', { name: 'Level 2 of criterion 1', exact: true });
    await level2.getByLabel('Points', { exact: true }).fill('4');
    await frame.getByRole('button', { name: 'Save changes', exact: true }).click();
    const summary = frame.getByRole('alert').filter({ hasText: 'before the assignment can be saved' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Criterion 1: levels: Each level needs a different number of points.');
    expect(await activeElementId(tool)).toBe('error-summary');
    const levels1 = frame.locator('#f-rubric-criteria-0-levels');
    expect(await levels1.getAttribute('aria-describedby')).toContain('f-rubric-criteria-0-levels-error');
    expect(await frame.locator('#f-rubric-criteria-0-levels-error').textContent()).toContain('Each level needs a different number of points.');
    await expectNoAxeViolations(tool, 'assignment editor with a field error');
    await summary.getByRole('link', { name: /Criterion 1: levels/ }).click();
    expect(await activeElementId(tool)).toBe('f-rubric-criteria-0-levels');
    expect(await addToCourse.isDisabled()).toBe(true);

    await level2.getByLabel('Points', { exact: true }).fill('3');
    await frame.getByRole('button', { name: 'Save changes', exact: true }).click();
    await frame.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await summary.count()).toBe(0);
    await frame.getByText('All changes saved').first().waitFor();

    // The preview shows the student view of what was saved.
    await frame.getByRole('button', { name: 'Preview as a student', exact: true }).click();
    const preview = frame.getByRole('region', { name: 'Student preview' });
    await preview.waitFor();
    expect(await preview.textContent()).toContain(NEW_TITLE);
    expect(await preview.locator('ol.questions > li').count()).toBe(3);
    await frame.getByRole('button', { name: 'Back to editing', exact: true }).click();

    // Saved, so it can be added.
    expect(await addToCourse.isEnabled()).toBe(true);
    await addToCourse.click();
    await expect.poll(() => suite.inkwell.platform.deepLinkResponses.filter((r) => r.accepted).length, { timeout: 15_000 }).toBe(1);
    await frame.getByText('Content added').waitFor();

    const links = suite.inkwell.platform.resourceLinks();
    expect(links).toHaveLength(linksBefore + 1);
    const link = links.at(-1)!;
    expect(link.title).toBe(NEW_TITLE);
    expect(suite.inkwell.platform.lineItemFor(link.id)?.scoreMaximum).toBe(28);
    expect(suite.inkwell.platform.lineItems().some((item) => item.label === NEW_TITLE && item.scoreMaximum === 28)).toBe(true);

    // A student opens the new link and sees the edited assignment.
    const student = await launchLink(page, NEW_TITLE, 'Launch as student: Ada Lovelace');
    await student.getByRole('heading', { level: 1, name: NEW_TITLE }).waitFor();
    expect(await student.locator('ol.questions > li').count()).toBe(3);
    expect(await student.locator('#essay-hint').textContent()).toContain('Answer all three guiding questions');

    // The instructor reaches the editor from the submissions list.
    const instructor = await launchLink(page, NEW_TITLE, 'Launch as instructor: Maria Rivera');
    await instructor.getByRole('link', { name: 'Edit assignment', exact: true }).click();
    await instructor.getByRole('heading', { level: 1, name: 'Edit assignment' }).waitFor();
    expect(await instructor.getByLabel('Title', { exact: true }).inputValue()).toBe(NEW_TITLE);
    expect(await instructor.getByRole('link', { name: '← All submissions' }).count()).toBe(1);
  });
});
