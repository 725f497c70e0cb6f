/**
 * Small helpers for the browser tests: a headless Chromium with its default
 * privacy settings (third-party cookies blocked), and an axe-core check that
 * works inside the LMS iframe as well as in a top-level page.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';

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
