/**
 * The assignment editor's "Rubric assistant knowledge" section in a real browser, inside the demo
 * LMS's iframe: the instructor opens it from the keyboard, adds a look-for and a fact, saves, and
 * finds both again after the editor reloads what was stored. axe checks the open section.
 */
import { describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { axeViolations, describeViolations, inkwellInBrowser, toolFrame, waitForHydration } from './browser';

const suite = inkwellInBrowser();

async function activeElementId(frame: Frame): Promise<string> {
  return frame.evaluate(() => document.activeElement?.id ?? '');
}

describe('editing the rubric assistant’s knowledge', () => {
  it('adds a look-for and a fact from the keyboard, saves them, and shows them again', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    await page.goto(`${suite.inkwell.platform.baseUrl}/`);
    await page.getByRole('link', { name: 'Add Inkwell assignment', exact: true }).click();
    const frame = page.frameLocator('iframe[name="tool-frame"]');
    await frame.getByRole('region', { name: 'Use the built-in unit' }).getByRole('button', { name: /^Edit a copy first/ }).click();
    await frame.getByRole('heading', { level: 1, name: /Edit the copy/ }).waitFor();
    const tool = toolFrame(page);
    await waitForHydration(tool, '#f-title');

    // The coverage check while writing is on for the built-in unit.
    expect(await frame.getByLabel('Let students check their coverage while writing').isChecked()).toBe(true);

    // The disclosure opens from the keyboard.
    const section = frame.getByRole('region', { name: 'Rubric assistant knowledge' });
    await section.locator('summary').focus();
    await page.keyboard.press('Enter');
    const addLookFor = section.getByRole('button', { name: /^Add look-for to “/ }).first();
    await addLookFor.waitFor();
    const open = await axeViolations(tool);
    expect(open, describeViolations('knowledge section', open)).toEqual([]);

    // A look-for: Enter on "Add look-for" puts focus in its first field.
    await addLookFor.focus();
    await page.keyboard.press('Enter');
    expect(await activeElementId(tool)).toBe('f-knowledge-questions-0-lookFors-7-label');
    await page.keyboard.type('The Kadets');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Kadets, Constitutional Democrats');

    // A fact: a misnomer, chosen with the keyboard.
    await section.getByRole('button', { name: 'Add fact', exact: true }).focus();
    await page.keyboard.press('Enter');
    expect(await activeElementId(tool)).toBe('f-knowledge-facts-58-kind');
    await frame.locator('#f-knowledge-facts-58-kind').selectOption('misnomer');
    await frame.locator('#f-knowledge-facts-58-fact').fill('Socialist Realism came in 1932, after this unit.');
    await frame.locator('#f-knowledge-facts-58-wrongNames').fill('Socialist Realism');
    await frame.locator('#f-knowledge-facts-58-says').fill('Socialist Realism belongs to the 1920s');

    await frame.getByRole('button', { name: 'Save changes', exact: true }).click();
    await frame.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await frame.getByText('All changes saved').first().waitFor();
    expect(await frame.locator('#f-knowledge-questions-0-lookFors-7-aliases').inputValue()).toBe('Kadets, Constitutional Democrats');
    expect(await frame.locator('#f-knowledge-facts-58-says').inputValue()).toBe('Socialist Realism belongs to the 1920s');

    // An empty look-for label is named beside its field and in the summary.
    await frame.locator('#f-knowledge-questions-0-lookFors-7-label').fill('');
    await frame.getByRole('button', { name: 'Save changes', exact: true }).click();
    const summary = frame.getByRole('alert').filter({ hasText: 'before the assignment can be saved' });
    await summary.waitFor();
    expect(await frame.locator('#f-knowledge-questions-0-lookFors-7-label-error').textContent()).toContain('Say what a good answer mentions');
    const violations = await axeViolations(tool);
    expect(violations, describeViolations('knowledge section with an error', violations)).toEqual([]);
  });
});
