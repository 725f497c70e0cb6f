/**
 * Small helpers for the browser tests: a headless Chromium with its default
 * privacy settings (third-party cookies blocked), and an axe-core check that
 * works inside the LMS iframe as well as in a top-level page.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Frame, type FrameLocator, type Page } from 'playwright-core';
import { startInkwell, type RunningInkwell, type StartInkwellOptions } from '../support/inkwell-server';

const ROOT = resolve(import.meta.dirname, '..', '..');
const AXE_PATH = resolve(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export const VIEWPORT = { width: 1024, height: 900 } as const;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh context: no cookies or storage carried over, default cookie policy. */
export function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: VIEWPORT });
}

/** Whether a console message is the browser refusing something under a Content-Security-Policy. */
export function isCspViolation(text: string): boolean {
  return /Content Security Policy|Content-Security-Policy/i.test(text);
}

/**
 * Collects the uncaught errors and Content-Security-Policy violations of the pages in the
 * contexts it opens, so each test can check there were none.
 */
export class PageErrors {
  private errors: string[] = [];

  /** A fresh context (as newContext) whose pages report their uncaught errors and CSP violations here. */
  async newContext(browser: Browser, timeoutMs = 15_000): Promise<BrowserContext> {
    const context = await newContext(browser);
    context.setDefaultTimeout(timeoutMs);
    this.watch(context);
    return context;
  }

  /** Reports a context's uncaught errors and CSP violations here. */
  watch(context: BrowserContext): void {
    context.on('weberror', (webError) => this.errors.push(String(webError.error())));
    context.on('console', (message) => {
      if (isCspViolation(message.text())) this.errors.push(`CSP violation: ${message.text()}`);
    });
  }

  /** The errors collected since the last call. */
  take(): string[] {
    const errors = this.errors;
    this.errors = [];
    return errors;
  }

  /** After each test: closes the browser's contexts and fails the test on any uncaught page error. */
  async closeContextsAndCheck(browser: Browser): Promise<void> {
    const errors = this.take();
    await Promise.all(browser.contexts().map((context) => context.close()));
    expect(errors, 'uncaught errors or CSP violations in the browser').toEqual([]);
  }
}

/** The frame the demo LMS loads Inkwell into (`<iframe name="tool-frame">`). */
export function toolFrame(page: Page): Frame {
  const frame = page.frame({ name: 'tool-frame' });
  if (!frame) throw new Error('the demo LMS page has no tool-frame iframe');
  return frame;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

interface AxeResultsLike {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
  passes: unknown[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA) on the document in `frame` and returns what it found. */
export async function axeViolations(frame: Frame): Promise<AxeViolation[]> {
  const hasAxe = await frame.evaluate(() => 'axe' in window);
  // Evaluated by the browser's debugging protocol, not as a page script: Inkwell's CSP rightly refuses inline scripts.
  if (!hasAxe) await frame.evaluate(readFileSync(AXE_PATH, 'utf8'));
  const results = await frame.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<unknown> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    AXE_TAGS,
  );
  const { violations, passes } = results as AxeResultsLike;
  // Zero violations only means something if axe actually checked the page.
  if (passes.length === 0) throw new Error(`axe checked nothing on ${frame.url()}`);
  return violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    targets: v.nodes.map((n) => n.target.map(String).join(' ')),
  }));
}

/** A one-line-per-rule summary for failure messages. */
export function describeViolations(where: string, violations: AxeViolation[]): string {
  if (violations.length === 0) return `${where}: no axe violations`;
  return [
    `${where}: ${violations.length} axe violation(s)`,
    ...violations.map((v) => `  ${v.id} (${v.impact ?? 'n/a'}): ${v.help} → ${v.targets.join(', ')}`),
  ].join('\n');
}

/** Fails the test with a readable list when axe finds WCAG 2.0/2.1 A or AA violations in `frame`. */
export async function expectNoAxeViolations(frame: Frame, where: string): Promise<void> {
  const violations = await axeViolations(frame);
  expect(violations, describeViolations(where, violations)).toEqual([]);
}

/**
 * Waits until React has hydrated the element `selector` finds in `frame` (its props are on it),
 * so clicks and keys reach the component's state rather than the server-rendered HTML.
 * Without a `timeout`, the context's default applies.
 */
export async function waitForHydration(frame: Frame, selector: string, options: { timeout?: number; polling?: number } = {}): Promise<void> {
  await frame.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel);
      return el !== null && Object.keys(el).some((key) => key.startsWith('__reactProps'));
    },
    selector,
    options,
  );
}

/** What has keyboard focus in a page or frame, as a keyboard user would check it. */
export interface Focused {
  tag: string;
  type: string;
  name: string;
  id: string;
  value: string;
  checked: boolean;
  text: string;
}

export function focused(frame: Page | Frame): Promise<Focused> {
  return frame.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      type: el?.getAttribute('type') ?? '',
      name: el?.getAttribute('name') ?? '',
      id: el?.id ?? '',
      value: el?.value ?? '',
      checked: el?.checked === true,
      text: el?.textContent?.trim() ?? '',
    };
  });
}

/**
 * The instructor (Maria Rivera) opens one student's grading view from the demo course page,
 * inside the LMS frame, and waits until `hydratedSelector` is hydrated.
 */
export async function openGradingInFrame(
  page: Page,
  inkwell: RunningInkwell,
  studentName: string,
  hydratedSelector: string,
): Promise<{ frame: FrameLocator; tool: Frame }> {
  await page.goto(`${inkwell.platform.baseUrl}/`);
  await page.getByRole('link', { name: 'Launch as instructor: Maria Rivera', exact: true }).click();
  const frame = page.frameLocator('iframe[name="tool-frame"]');
  await frame.getByRole('link', { name: studentName, exact: true }).click();
  await frame.getByRole('heading', { level: 1, name: studentName }).waitFor();
  const tool = toolFrame(page);
  await waitForHydration(tool, hydratedSelector);
  return { frame, tool };
}

/** The demo LMS's course page, with Moodle's quirks: what most browser tests launch from. */
export const DEMO_MOODLE: StartInkwellOptions = { platform: { demo: true, flavour: 'moodle' } };

/** One test file's Inkwell server and browser, there between its beforeAll and afterAll. */
export interface InkwellInBrowser {
  readonly inkwell: RunningInkwell;
  readonly browser: Browser;
  /** Uncaught page errors and CSP violations of the contexts the file opens. */
  readonly pageErrors: PageErrors;
  /** A fresh context whose uncaught errors and CSP violations fail the test. */
  newContext(timeoutMs?: number): Promise<BrowserContext>;
}

/**
 * Registers the start-up every browser test file shares: Inkwell and Chromium start before all
 * tests; after each test any uncaught page error fails it, and (unless `keepContexts`, for files
 * whose tests share one page) its browser contexts are closed; after all, both stop.
 * Call it at the top of the file, before the file's own hooks (they run after these).
 */
export function inkwellInBrowser(options: StartInkwellOptions = DEMO_MOODLE, { keepContexts = false } = {}): InkwellInBrowser {
  let inkwell: RunningInkwell | undefined;
  let browser: Browser | undefined;
  const pageErrors = new PageErrors();

  beforeAll(async () => {
    [inkwell, browser] = await Promise.all([startInkwell(options), launchBrowser()]);
  });
  afterEach(async () => {
    if (keepContexts) expect(pageErrors.take(), 'uncaught errors or CSP violations in the browser').toEqual([]);
    else await pageErrors.closeContextsAndCheck(started(browser));
  });
  afterAll(async () => {
    await browser?.close();
    await inkwell?.stop();
  });

  return {
    get inkwell() {
      return started(inkwell);
    },
    get browser() {
      return started(browser);
    },
    pageErrors,
    newContext: (timeoutMs?: number) => pageErrors.newContext(started(browser), timeoutMs),
  };
}

function started<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('Inkwell and the browser start in beforeAll: use them inside hooks and tests');
  return value;
}
