/**
 * The admin page in a real browser, opened directly at Inkwell's origin (no
 * LMS iframe): sign-in with the password from the environment, registration
 * links, the harness platform's card (disable/enable, deployments, with real
 * launches to show each change takes effect), key rotation, manual add and
 * confirmed removal, recent problems, axe checks, and the refusals a form
 * post without the admin cookie or from another origin gets.
 *
 * The tests share one server and one signed-in browser and run in order.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { CLAIM } from '../../emulator';
import { launch } from '../support/lti-client';
import { axeViolations, describeViolations, inkwellInBrowser } from './browser';

const PASSWORD = 'test-admin-pass';
const ADMIN_COOKIE = 'inkwell_admin';
const ADDED_DEPLOYMENT = 'install-added-in-admin';
/** A resource link the platform emulator knows. */
const LINK = 'rl-essay-1';

const suite = inkwellInBrowser({ env: { INKWELL_ADMIN_PASSWORD: PASSWORD } }, { keepContexts: true });
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  context = await suite.newContext();
  page = await context.newPage();
});

const adminUrl = () => `${suite.inkwell.baseUrl}/admin`;
const harnessCard = (): Locator => page.getByRole('article', { name: `Test ${suite.inkwell.platform.flavour}` });
// Scoped to the page content: Next's route announcer is an alert of its own.
const statusMessage = (): Locator => page.locator('#main').getByRole('status');
const alertMessage = (): Locator => page.locator('#main').getByRole('alert');

async function publishedKids(): Promise<string[]> {
  const jwks = (await (await fetch(`${suite.inkwell.baseUrl}/lti/keys`)).json()) as { keys: { kid: string }[] };
  return jwks.keys.map((k) => k.kid);
}

async function adminCookie(): Promise<string | undefined> {
  return (await context.cookies(suite.inkwell.baseUrl)).find((c) => c.name === ADMIN_COOKIE)?.value;
}

/** A form post the way a browser sends one, with our own cookie and Origin choices. */
function postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${suite.inkwell.baseUrl}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers, redirect: 'manual' });
}

async function expectNoAxeViolations(where: string): Promise<void> {
  const violations = await axeViolations(page.mainFrame());
  expect(violations, describeViolations(where, violations)).toEqual([]);
}

function withDeployment(deploymentId: string | null): void {
  suite.inkwell.platform.setLaunchTamper(
    deploymentId === null ? null : (claims, header) => ({ claims: { ...claims, [CLAIM.deploymentId]: deploymentId }, header }),
  );
}

describe('signing in', () => {
  it('asks for the password and refuses a wrong one, slowly', async () => {
    await page.goto(adminUrl());
    await expect(page.getByRole('heading', { name: 'Admin sign-in', level: 1 }).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations('admin sign-in');

    await page.getByLabel('Admin password').fill('not-the-password');
    const started = Date.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await alertMessage().waitFor();
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(await alertMessage().textContent()).toContain('That password is not right');
    expect(await page.getByLabel('Admin password').getAttribute('aria-invalid')).toBe('true');
    expect(await adminCookie()).toBeUndefined();
    expect(await page.getByRole('heading', { name: 'Platforms' }).count()).toBe(0);
  });

  it('signs in with the keyboard and sets a strict, HttpOnly session cookie', async () => {
    await page.goto(adminUrl());
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('admin-password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
    expect(await statusMessage().textContent()).toContain('You are signed in.');

    const cookie = (await context.cookies(suite.inkwell.baseUrl)).find((c) => c.name === ADMIN_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', secure: false });
    expect(cookie!.expires - Date.now() / 1000).toBeGreaterThan(7 * 3600);
  });
});

describe('when signed in', () => {
  it('shows the LTI URLs and the harness platform with its deployment', async () => {
    await page.goto(adminUrl());
    const install = page.getByRole('region', { name: 'Install in an LMS' });
    for (const path of ['/lti/login', '/lti/launch', '/lti/keys', '/lti/register', '/lti/canvas.json']) {
      expect(await install.getByText(`${suite.inkwell.baseUrl}${path}`, { exact: true }).count()).toBe(1);
    }

    const card = harnessCard();
    const text = await card.textContent();
    expect(text).toContain(suite.inkwell.platform.issuer);
    expect(text).toContain(suite.inkwell.platform.clientId);
    expect(text).toContain('Active');
    expect(await card.getByRole('list', { name: 'Deployments' }).textContent()).toContain(suite.inkwell.platform.deploymentId);
    expect(await page.getByRole('region', { name: 'Recent problems' }).textContent()).toContain('No problems recorded');
  });

  it('creates a registration link and shows its URL only once', async () => {
    await page.getByLabel('Note (optional)').fill('For the Moodle pilot');
    await page.getByLabel('Valid for (days)').fill('3');
    await page.getByRole('button', { name: 'Create registration link' }).click();
    await statusMessage().waitFor();
    expect(await statusMessage().textContent()).toContain('Registration link created');
    const url = await page.getByLabel('New registration link').inputValue();
    expect(url.startsWith(`${suite.inkwell.baseUrl}/lti/register?link=`)).toBe(true);
    expect(new URL(url).searchParams.get('link')).toMatch(/^[\w-]{20,}$/);
    // The link is not in the address bar, so it stays out of the browser history.
    expect(page.url()).not.toContain(new URL(url).searchParams.get('link')!);
    await expectNoAxeViolations('admin page with a new registration link');

    const row = page.getByRole('row').filter({ hasText: 'For the Moodle pilot' });
    expect(await row.getByText('Unused', { exact: true }).count()).toBe(1);

    // The next action's page no longer shows it.
    await page.getByRole('button', { name: 'Create registration link' }).click();
    await page.getByLabel('New registration link').waitFor();
    const second = await page.getByLabel('New registration link').inputValue();
    expect(second).not.toBe(url);
    await page.goto(adminUrl());
    await page.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
    expect(await page.getByLabel('New registration link').count()).toBe(0);
  });

  it('refuses a registration link with an impossible validity, with a clear message', async () => {
    const response = await postForm(
      '/admin/registration-links',
      { note: '', validDays: '500' },
      { cookie: `${ADMIN_COOKIE}=${await adminCookie()}`, origin: suite.inkwell.baseUrl },
    );
    expect(response.status).toBe(303);
    await page.goto(new URL(response.headers.get('location')!, suite.inkwell.baseUrl).href);
    expect(await alertMessage().textContent()).toContain('whole number from 1 to 90');
  });

  it('disables the platform, which stops its launches, and enables it again', async () => {
    await page.goto(adminUrl());
    await harnessCard().getByRole('button', { name: 'Disable platform' }).click();
    await statusMessage().waitFor();
    expect(await statusMessage().textContent()).toContain('is disabled');
    expect(await harnessCard().getByText('Disabled', { exact: true }).count()).toBe(1);
    await expect(launch(suite.inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK })).rejects.toThrow(/answered 401/);

    await harnessCard().getByRole('button', { name: 'Enable platform' }).click();
    await statusMessage().waitFor();
    expect(await statusMessage().textContent()).toContain('is enabled');
    expect(await harnessCard().getByText('Active', { exact: true }).count()).toBe(1);
    expect((await launch(suite.inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK })).status).toBe(303);
  });

  it('adds a deployment: a launch refused before is accepted after, and the refusal is listed as a problem', async () => {
    withDeployment(ADDED_DEPLOYMENT);
    try {
      expect((await launch(suite.inkwell.platform, { userId: 'student-ben', resourceLinkId: LINK })).status).toBe(403);

      await page.goto(adminUrl());
      await harnessCard().getByLabel('Deployment ID').fill(ADDED_DEPLOYMENT);
      await harnessCard().getByRole('button', { name: 'Add deployment' }).click();
      await statusMessage().waitFor();
      expect(await statusMessage().textContent()).toContain(`Deployment “${ADDED_DEPLOYMENT}” added`);
      expect(await harnessCard().getByRole('list', { name: 'Deployments' }).textContent()).toContain(ADDED_DEPLOYMENT);

      expect((await launch(suite.inkwell.platform, { userId: 'student-ben', resourceLinkId: LINK })).status).toBe(303);
    } finally {
      withDeployment(null);
    }

    const problems = page.getByRole('table', { name: 'Recent problems, newest first' });
    const row = problems.getByRole('row').filter({ hasText: `unknown deployment_id ${ADDED_DEPLOYMENT}` });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('Launch');
    expect(await row.textContent()).toContain(suite.inkwell.platform.issuer);
  });

  it('saves the "accept new deployments automatically" setting', async () => {
    const checkbox = harnessCard().getByLabel('Accept new deployments automatically');
    expect(await checkbox.isChecked()).toBe(false);
    await checkbox.check();
    await harnessCard().getByRole('button', { name: 'Save' }).click();
    await statusMessage().waitFor();
    expect(await statusMessage().textContent()).toContain('now accepts new deployments automatically');
    expect(await harnessCard().getByLabel('Accept new deployments automatically').isChecked()).toBe(true);

    await harnessCard().getByLabel('Accept new deployments automatically').uncheck();
    await harnessCard().getByRole('button', { name: 'Save' }).click();
    await statusMessage().waitFor();
    expect(await statusMessage().textContent()).toContain('now accepts only the deployments listed');
    expect(await harnessCard().getByLabel('Accept new deployments automatically').isChecked()).toBe(false);
  });

  it('rotates the signing keys: the old key stays published next to the new one', async () => {
    const before = await publishedKids();
    await page.getByRole('button', { name: 'Rotate signing keys' }).click();
    await statusMessage().waitFor();
    expect(await statusMessage().textContent()).toContain('Rotated the signing key of 1 platform');
    expect(await statusMessage().textContent()).toContain('stay published for 7 days');
    const after = await publishedKids();
    expect(after).toHaveLength(before.length + 1);
    expect(after).toEqual(expect.arrayContaining(before));
  });

  it('adds a platform manually and removes it only once REMOVE is typed', async () => {
    await page.goto(adminUrl());
    const form = page.getByRole('region', { name: 'Add a platform manually' });
    await form.getByLabel('Name (optional)').fill('Example LMS');
    await form.getByLabel('Issuer (platform ID)').fill('https://lms.example.edu');
    await form.getByLabel('Client ID').fill('manual-client');
    await form.getByLabel('Authorization endpoint').fill('https://lms.example.edu/auth');
    await form.getByLabel('Token endpoint').fill('https://lms.example.edu/token');
    await form.getByLabel('JWKS URL').fill('https://lms.example.edu/jwks');
    await form.getByLabel('Deployment IDs (optional)').fill('dep-a, dep-b');
    await form.getByRole('button', { name: 'Add platform' }).click();
    await statusMessage().waitFor();
    expect(await statusMessage().textContent()).toContain('Platform “Example LMS” added');

    const card = page.getByRole('article', { name: 'Example LMS' });
    expect(await card.getByRole('list', { name: 'Deployments' }).textContent()).toMatch(/dep-a.*dep-b/s);
    expect(await card.textContent()).toContain('Manual registration');

    // The server insists on the confirmation word even when the browser's own check is bypassed.
    const unconfirmed = await postForm(
      '/admin/platforms/remove',
      { issuer: 'https://lms.example.edu', clientId: 'manual-client', confirm: 'remove' },
      { cookie: `${ADMIN_COOKIE}=${await adminCookie()}`, origin: suite.inkwell.baseUrl },
    );
    expect(unconfirmed.status).toBe(303);
    expect(decodeURIComponent(unconfirmed.headers.get('location')!.replace(/\+/g, ' '))).toContain('Nothing was removed');

    await page.goto(adminUrl());
    await card.getByText('Remove this platform').click();
    await expectNoAxeViolations('admin page with a removal confirmation open');
    await card.getByLabel('Type REMOVE to confirm').fill('REMOVE');
    await card.getByRole('button', { name: 'Remove platform' }).click();
    await statusMessage().waitFor();
    expect(await statusMessage().textContent()).toContain('“Example LMS” is removed');
    expect(await page.getByRole('article', { name: 'Example LMS' }).count()).toBe(0);
    expect(await harnessCard().count()).toBe(1);
  });

  it('explains invalid input instead of changing anything', async () => {
    const response = await postForm(
      '/admin/platforms/add',
      { issuer: 'not a url', clientId: '', authorizationEndpoint: 'https://lms.example.edu/auth', tokenEndpoint: 'ftp://x', jwksUrl: '' },
      { cookie: `${ADMIN_COOKIE}=${await adminCookie()}`, origin: suite.inkwell.baseUrl },
    );
    expect(response.status).toBe(303);
    await page.goto(new URL(response.headers.get('location')!, suite.inkwell.baseUrl).href);
    const alert = await alertMessage().textContent();
    expect(alert).toContain('Enter the issuer as a full web address');
    expect(alert).toContain('Enter the client ID.');
    expect(alert).toContain('Enter the token endpoint as a full web address');
    expect(alert).toContain('Enter the JWKS URL.');
  });

  it('passes axe on the full signed-in page', async () => {
    await page.goto(adminUrl());
    await page.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
    await expectNoAxeViolations('admin page, signed in');
  });
});

describe('refusals', () => {
  it('refuses a form post without the admin cookie, or from another origin', async () => {
    const before = await publishedKids();

    const anonymous = await postForm('/admin/keys/rotate', {}, { origin: suite.inkwell.baseUrl });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toContain('Please sign in');

    const forged = await postForm('/admin/keys/rotate', {}, { cookie: `${ADMIN_COOKIE}=not-a-session` });
    expect(forged.status).toBe(401);

    const crossSite = await postForm('/admin/keys/rotate', {}, {
      cookie: `${ADMIN_COOKIE}=${await adminCookie()}`,
      origin: 'http://evil.example',
    });
    expect(crossSite.status).toBe(403);

    // What a browser sends from a page with a no-referrer policy on another site.
    const opaque = await postForm('/admin/keys/rotate', {}, {
      cookie: `${ADMIN_COOKIE}=${await adminCookie()}`,
      origin: 'null',
      'sec-fetch-site': 'cross-site',
    });
    expect(opaque.status).toBe(403);

    expect(await publishedKids()).toEqual(before);
  });

  it('signs out', async () => {
    await page.goto(adminUrl());
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Admin sign-in', level: 1 }).waitFor();
    expect(await statusMessage().textContent()).toContain('You are signed out.');
    expect(await adminCookie()).toBeUndefined();
  });
});
