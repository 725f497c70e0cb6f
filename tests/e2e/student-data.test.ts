/**
 * Student data on the admin page, in a real browser (issue #17 item 4): look a
 * student up, see what Inkwell holds, download it as JSON, and erase it behind
 * a typed confirmation; another student's data stays; the privacy audit lists
 * the actions. axe checks on each page; refusals of posts without the admin
 * session or from another origin.
 *
 * The tests share one server and one signed-in browser and run in order.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { sampleEssay } from '../../domain/unit';
import { api, launch } from '../support/lti-client';
import { axeViolations, describeViolations, inkwellInBrowser } from './browser';

const PASSWORD = 'test-admin-pass';
const LINK = 'rl-essay-1';
const ADA_TEXT = `${sampleEssay}\n\nAda's closing line, marker ADA-5150.`;
const BEN_TEXT = `${sampleEssay}\n\nBen's closing line, marker BEN-6160.`;

const suite = inkwellInBrowser({ env: { INKWELL_ADMIN_PASSWORD: PASSWORD, INKWELL_RETENTION_DAYS: '365' } }, { keepContexts: true });
let context: BrowserContext;
let page: Page;
let benToken: string;

async function writeAndSubmit(userId: string, text: string): Promise<string> {
  const { sessionToken } = await launch(suite.inkwell.platform, { userId, resourceLinkId: LINK });
  expect((await api(suite.inkwell.baseUrl, sessionToken, 'PUT', '/api/essay/draft', { text, baseRevision: 0 })).status).toBe(200);
  expect((await api(suite.inkwell.baseUrl, sessionToken, 'POST', '/api/essay/submit', { revision: 1 })).status).toBe(200);
  return sessionToken!;
}

beforeAll(async () => {
  await writeAndSubmit('student-ada', ADA_TEXT);
  benToken = await writeAndSubmit('student-ben', BEN_TEXT);
  context = await suite.newContext();
  page = await context.newPage();
});

const statusMessage = (): Locator => page.locator('#main').getByRole('status');
const alertMessage = (): Locator => page.locator('#main').getByRole('alert');

async function expectNoAxeViolations(where: string): Promise<void> {
  const violations = await axeViolations(page.mainFrame());
  expect(violations, describeViolations(where, violations)).toEqual([]);
}

async function openPersonPage(userId: string): Promise<void> {
  await page.goto(`${suite.inkwell.baseUrl}/admin/privacy`);
  const section = page.getByRole('region', { name: 'Requests and retention' });
  await section.getByLabel('Platform (issuer)').first().selectOption(suite.inkwell.platform.issuer);
  await section.getByLabel('LMS user ID').fill(userId);
  await section.getByRole('button', { name: 'Show this person’s data' }).click();
  await page.getByRole('heading', { name: 'A person’s data', level: 1 }).waitFor();
}

describe('student data on the admin page', () => {
  it('is behind the admin sign-in', async () => {
    const response = await fetch(`${suite.inkwell.baseUrl}/admin/privacy/person?issuer=${encodeURIComponent(suite.inkwell.platform.issuer)}&userId=student-ada`);
    const html = await response.text();
    expect(html).toContain('Please sign in');
    expect(html).not.toContain('essay_revisions');
    const post = await fetch(`${suite.inkwell.baseUrl}/admin/privacy/export`, {
      method: 'POST',
      body: new URLSearchParams({ issuer: suite.inkwell.platform.issuer, userId: 'student-ada' }),
      redirect: 'manual',
    });
    expect(post.status).toBe(401);
    expect(await post.text()).not.toContain('ADA-5150');
  });

  it('signs in and shows the student data section, with retention and an empty audit', async () => {
    await page.goto(`${suite.inkwell.baseUrl}/admin`);
    await page.getByLabel('Admin password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Student data' }).click();
    await page.getByRole('heading', { name: 'Student data', level: 1 }).waitFor();
    const section = page.getByRole('region', { name: 'Requests and retention' });
    const text = await section.textContent();
    expect(text).toContain('Courses with no activity for 365 days are deleted once a day');
    expect(text).toContain('None is due now');
    expect(text).toContain('No export or deletion yet.');
    await expectNoAxeViolations('the student data page');
  });

  it('lists what Inkwell holds about one student, and nothing about another', async () => {
    await openPersonPage('student-ada');
    const held = page.getByRole('table', { name: 'Records about this person' });
    const text = (await held.textContent()) ?? '';
    expect(text).toContain('essay_revisions');
    expect(text).toContain('submissions');
    expect(text).not.toContain('BEN-6160');
    await expectNoAxeViolations('a person’s data');
  });

  it('downloads everything about the student as one JSON file, and the audit records it', async () => {
    await page.getByLabel('Note for the audit (optional)').first().fill('parent request 42');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as JSON' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^inkwell-person-[0-9a-f]{10}\.json$/);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { person: { userId: string }; parts: { name: string; documents: { text?: string }[] }[] };
    expect(exported.person.userId).toBe('student-ada');
    const texts = exported.parts.find((p) => p.name === 'essay_revisions')!.documents.map((d) => d.text);
    expect(texts).toContain(ADA_TEXT);
    expect(JSON.stringify(exported)).not.toContain('BEN-6160');
  });

  it('erases only after ERASE is typed, then the student’s data is gone and another’s stays', async () => {
    await openPersonPage('student-ada');
    const erase = page.getByRole('region', { name: 'Erase' });
    // The browser holds the form back until the confirmation is typed exactly.
    await erase.getByRole('button', { name: 'Erase this person’s data' }).click();
    expect(page.url()).toContain('/admin/privacy/person');
    expect(await erase.getByLabel('Type ERASE to confirm').evaluate((input: HTMLInputElement) => input.validity.valueMissing)).toBe(true);

    // A post that skips the browser's check is refused by the server, and nothing is erased.
    const refused = await page.evaluate(async (issuer) => {
      const response = await fetch('/admin/privacy/erase', {
        method: 'POST',
        body: new URLSearchParams({ issuer, userId: 'student-ada', confirm: 'erase' }),
        redirect: 'manual',
      });
      return response.type === 'opaqueredirect' || response.status === 303;
    }, suite.inkwell.platform.issuer);
    expect(refused).toBe(true);
    await openPersonPage('student-ada');
    expect(await page.getByRole('table', { name: 'Records about this person' }).count()).toBe(1);

    await page.getByLabel('Type ERASE to confirm').fill('ERASE');
    await page.getByRole('button', { name: 'Erase this person’s data' }).click();
    await page.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
    expect(await statusMessage().textContent()).toMatch(/Erased \d+ record\(s\) about user “student-ada”/);
    await page.goto(`${suite.inkwell.baseUrl}/admin/privacy`);
    const audit = page.getByRole('table', { name: 'Privacy actions, newest first' });
    const auditText = (await audit.textContent()) ?? '';
    expect(auditText).toContain('Person erased');
    expect(auditText).toContain('Person exported');
    expect(auditText).toContain('parent request 42');
    expect(auditText).not.toContain('student-ada');
    await expectNoAxeViolations('the student data page after an erasure');

    await openPersonPage('student-ada');
    expect(await page.getByText('Inkwell holds nothing about this person on this platform.').count()).toBe(1);
    const ben = await api(suite.inkwell.baseUrl, benToken, 'GET', '/api/essay/draft');
    expect(ben.json.text).toBe(BEN_TEXT);
  });

  it('refuses an erasure posted from another origin', async () => {
    const cookie = (await context.cookies(suite.inkwell.baseUrl)).map((c) => `${c.name}=${c.value}`).join('; ');
    const response = await fetch(`${suite.inkwell.baseUrl}/admin/privacy/erase`, {
      method: 'POST',
      body: new URLSearchParams({ issuer: suite.inkwell.platform.issuer, userId: 'student-ben', confirm: 'ERASE' }),
      headers: { cookie, origin: 'https://evil.example' },
      redirect: 'manual',
    });
    expect(response.status).toBe(403);
    const ben = await api(suite.inkwell.baseUrl, benToken, 'GET', '/api/essay/draft');
    expect(ben.json.text).toBe(BEN_TEXT);
  });

  it('shows a course and asks for ERASE before deleting it', async () => {
    await page.goto(`${suite.inkwell.baseUrl}/admin/privacy`);
    const section = page.getByRole('region', { name: 'Requests and retention' });
    await section.getByLabel('Course (context) ID').fill('course-101');
    await section.getByRole('button', { name: 'Show this course’s data' }).click();
    await page.getByRole('heading', { name: 'A course’s data', level: 1 }).waitFor();
    expect(await page.getByRole('table', { name: 'Records of this course' }).textContent()).toContain('assignments');
    await expectNoAxeViolations('a course’s data');
    expect(await alertMessage().count()).toBe(0);
  });
});
