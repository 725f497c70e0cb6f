/**
 * Page weight: the JavaScript a first visit to a page downloads, gzipped (level 9), from the
 * production build in .next: the root main files (build-manifest.json) plus every entry chunk
 * of the page, its layouts and error boundaries (the page's client reference manifest). The
 * polyfill chunk (served as `nomodule`, ignored by current browsers) is left out. As a check,
 * the `<script src>` tags of the pages as served are compared with that set.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import type { BenchContext, Scenario } from '../lib/context';
import { send } from '../lib/http';
import { fullLaunch } from '../lib/launch-flow';
import { ROOT } from '../lib/processes';
import { round } from '../lib/stats';

const NEXT_DIR = resolve(ROOT, '.next');

interface PageWeight {
  route: string;
  files: { file: string; bytes: number; gzipBytes: number }[];
  kb: number;
  gzipKb: number;
}

function entryFiles(route: string): string[] {
  const buildManifest = JSON.parse(readFileSync(resolve(NEXT_DIR, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };
  const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
  sandbox.globalThis = sandbox;
  runInNewContext(readFileSync(resolve(NEXT_DIR, 'server', 'app', `${route}_client-reference-manifest.js`), 'utf8'), sandbox);
  const manifest = sandbox.__RSC_MANIFEST?.[`/${route}`];
  if (!manifest?.entryJSFiles) throw new Error(`no client reference manifest for /${route}`);
  return [...new Set([...buildManifest.rootMainFiles, ...Object.values(manifest.entryJSFiles).flat()])];
}

function weigh(route: string): PageWeight {
  const files = entryFiles(route).map((file) => {
    const content = readFileSync(resolve(NEXT_DIR, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  return {
    route,
    files,
    kb: round(files.reduce((sum, f) => sum + f.bytes, 0) / 1000),
    gzipKb: round(files.reduce((sum, f) => sum + f.gzipBytes, 0) / 1000),
  };
}

/** The module scripts a served page loads (`nomodule` polyfills excluded). */
function servedScripts(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*\bsrc="\/_next\/([^"]+)"[^>]*>/g)].filter((m) => !/nomodule/i.test(m[0])).map((m) => m[1]!);
}

function compare(weight: PageWeight, served: string[] | null): string {
  if (!served) return 'not checked';
  const expected = new Set(weight.files.map((f) => f.file));
  const missing = served.filter((s) => !expected.has(s));
  return missing.length === 0 ? `matches the ${served.length} scripts served` : `served page also loads ${missing.join(', ')}`;
}

const scenario: Scenario = {
  name: 'page',
  title: 'Page weight',
  order: 10,
  usesServer: false,
  targets: [{ key: 'page.student_js_gz_kb', label: 'Student essay page first-load JS, gzipped', op: '<=', threshold: 150, unit: 'kB' }],
  async run(ctx: BenchContext) {
    const essay = weigh('essay/page');
    const grading = weigh('grading/[submissionId]/page');
    const list = weigh('grading/page');

    // Cross-check against the pages as served.
    const course = ctx.courses['bench-warm']!;
    const student = await fullLaunch(ctx.platform, { userId: course.students[0]!.userId, resourceLinkId: course.resourceLinkId }, 'inkwell');
    const teacher = await fullLaunch(ctx.platform, { userId: course.instructorId, resourceLinkId: course.resourceLinkId }, 'inkwell');
    const firstSubmission = teacher.html ? /href="(\/grading\/[0-9a-f]{24})"/.exec(teacher.html)?.[1] : undefined;
    const ticket = teacher.session
      ? (JSON.parse((await send('POST', `${ctx.inkwell.baseUrl}/api/session/ticket`, { headers: { authorization: `Bearer ${teacher.session}` } })).body) as { ticket?: string }).ticket
      : undefined;
    const gradingHtml = firstSubmission && ticket ? (await send('GET', `${ctx.inkwell.baseUrl}${firstSubmission}?ticket=${encodeURIComponent(ticket)}`)).body : null;

    const table = (w: PageWeight) => `| \`/${w.route.replace(/\/page$/, '')}\` | ${w.files.length} | ${w.kb} | **${w.gzipKb}** |`;
    const markdown = [
      'First-load JavaScript from the production build (root main files + the page’s entry chunks), gzip level 9, 1 kB = 1,000 bytes.',
      '',
      '| Page | Files | Raw kB | Gzipped kB |',
      '|---|---:|---:|---:|',
      table(essay),
      table(grading),
      table(list),
      '',
      `Check against the served HTML: essay page ${compare(essay, student.html ? servedScripts(student.html) : null)}; grading view ${compare(grading, gradingHtml ? servedScripts(gradingHtml) : null)}.`,
    ].join('\n');
    return {
      figures: { 'page.student_js_gz_kb': essay.gzipKb, 'page.grading_js_gz_kb': grading.gzipKb },
      markdown,
      details: { essay, grading, list },
    };
  },
};

export default scenario;
