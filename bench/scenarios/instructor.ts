/**
 * Instructor: a class of 300 submitted ~1,500-word essays. The instructor launches, opens the
 * submission list, then clicks "Next student" through the grading view, one page after another.
 * Then half the class is graded (drafts, so nothing goes to the LMS) and the submission list,
 * the class overview and its CSV are loaded again: each must render in under a second.
 * Latency is measured on loopback from the click (ticket request sent, as Inkwell's links do,
 * then the page) to the last byte of the HTML, i.e. server time plus two loopback round trips.
 */
import { builtInRubric } from '../../domain/rubric';
import type { BenchContext, Scenario, Student } from '../lib/context';
import { send } from '../lib/http';
import { fullLaunch, pool } from '../lib/launch-flow';
import { summarise } from '../lib/stats';
import { save } from './autosave';
import { ensureSessions } from './launch';

const LIST_LOADS = 10;
/** How many loads of the list, the overview and the CSV once half the class is graded. */
const OVERVIEW_LOADS = 10;

/** Saves draft grades (not released: no passback) with levels spread over the rubric. */
async function gradeHalf(ctx: BenchContext, session: string, submissionPaths: string[]): Promise<{ graded: number; errors: string[] }> {
  const errors: string[] = [];
  let graded = 0;
  const half = submissionPaths.filter((_, i) => i % 2 === 0);
  await pool(half, 8, async (path, index) => {
    const points = 1 + ((index * 7) % 4);
    const selections = Object.fromEntries(builtInRubric.criteria.map((c, i) => [c.id, `${c.id}-${1 + ((points + i) % 4)}`]));
    const response = await send('PUT', `${ctx.inkwell.baseUrl}/api${path.replace('/grading/', '/grading/submissions/')}/grade`, {
      headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json' },
      body: JSON.stringify({ selections, criterionComments: {}, overallComment: '', release: false }),
    });
    if (response.status === 200) graded++;
    else if (errors.length < 5) errors.push(`${response.status} ${response.body.slice(0, 120)}`);
  }, 40);
  return { graded, errors };
}

/** Loads the list, the class overview and the CSV `OVERVIEW_LOADS` times each, interleaved. */
async function loadClassPages(ctx: BenchContext, session: string, loads = OVERVIEW_LOADS) {
  const list: number[] = [];
  const overview: number[] = [];
  const csv: number[] = [];
  let csvRows = 0;
  for (let i = 0; i < loads; i++) {
    const listPage = await openPage(ctx.inkwell.baseUrl, '/grading', session);
    if (listPage.status !== 200) throw new Error(`submission list answered ${listPage.status}`);
    list.push(listPage.ms);
    const overviewPage = await openPage(ctx.inkwell.baseUrl, '/grading/overview', session);
    if (overviewPage.status !== 200 || !overviewPage.body.includes('<h1>Class overview</h1>')) {
      throw new Error(`class overview answered ${overviewPage.status}`);
    }
    overview.push(overviewPage.ms);
    const file = await send('GET', `${ctx.inkwell.baseUrl}/grading/overview/csv`, { headers: { authorization: `Bearer ${session}` } });
    if (file.status !== 200) throw new Error(`CSV answered ${file.status}`);
    csv.push(file.ms);
    csvRows = file.body.split('\r\n').length - 2;
  }
  return { list, overview, csv, csvRows };
}

async function submitAll(ctx: BenchContext, students: Student[]): Promise<{ submitted: number; errors: string[] }> {
  const errors: string[] = [];
  let submitted = 0;
  await pool(students, 10, async (student) => {
    const index = students.indexOf(student);
    try {
      if (student.revision === 0) await save(ctx.inkwell.baseUrl, student, index);
      const response = await send('POST', `${ctx.inkwell.baseUrl}/api/essay/submit`, {
        headers: { authorization: `Bearer ${student.session}`, 'content-type': 'application/json' },
        body: JSON.stringify({ revision: student.revision }),
      });
      if (response.status === 200) submitted++;
      else if (errors.length < 5) errors.push(`${response.status} ${response.body.slice(0, 120)}`);
    } catch (error) {
      if (errors.length < 5) errors.push(error instanceof Error ? error.message : String(error));
    }
  }, 30);
  return { submitted, errors };
}

function nextLink(html: string): string | null {
  return /<a href="(\/grading\/[0-9a-f]{24})">Next student<\/a>/.exec(html)?.[1] ?? null;
}

/** Opens an Inkwell page the way its links do: a one-time ticket for the session, then the page. */
async function openPage(baseUrl: string, path: string, session: string): Promise<Awaited<ReturnType<typeof send>>> {
  const started = performance.now();
  const minted = await send('POST', `${baseUrl}/api/session/ticket`, { headers: { authorization: `Bearer ${session}` } });
  const ticket = minted.status === 200 ? String((JSON.parse(minted.body) as { ticket?: string }).ticket) : '';
  const page = await send('GET', `${baseUrl}${path}?ticket=${encodeURIComponent(ticket)}`);
  return { ...page, ms: performance.now() - started };
}

/** Follows "Next student" from `firstPath` for at most `steps` pages or `maxSeconds`. */
async function walk(ctx: BenchContext, firstPath: string, steps: number, maxSeconds = 40): Promise<{ latencies: number[]; errors: number; pages: number }> {
  const deadline = Date.now() + maxSeconds * 1000;
  const latencies: number[] = [];
  let errors = 0;
  let path: string | null = firstPath;
  let pages = 0;
  while (path && pages < steps && Date.now() < deadline) {
    const response = await openPage(ctx.inkwell.baseUrl, path, instructorSession!);
    pages++;
    latencies.push(response.ms);
    if (response.status !== 200) {
      errors++;
      break;
    }
    path = nextLink(response.body);
  }
  return { latencies, errors, pages };
}

let instructorSession: string | null = null;
let firstSubmissionPath: string | null = null;

const scenario: Scenario = {
  name: 'instructor',
  title: 'Instructor: submission list and grading view',
  order: 60,
  usesServer: true,
  targets: [
    { key: 'grading.next_p95_ms', label: 'Next submission in the grading view, p95', op: '<', threshold: 100, unit: 'ms' },
    { key: 'grading.list_graded_p95_ms', label: 'Submission list, 300 students, half graded, p95', op: '<', threshold: 1000, unit: 'ms' },
    { key: 'grading.overview_p95_ms', label: 'Class overview, 300 students, half graded, p95', op: '<', threshold: 1000, unit: 'ms' },
  ],
  async run(ctx: BenchContext) {
    await ensureSessions(ctx, ['bench-a']);
    const course = ctx.courses['bench-a']!;
    const students = course.students.filter((s) => s.session);
    ctx.log(`instructor: submitting ${students.length} essays`);
    const submitted = await submitAll(ctx, students);
    ctx.log(`instructor: ${submitted.submitted} submitted (time cap 30 s); the instructor launches`);
    await ctx.waitForDbIdle();
    const launch = await fullLaunch(ctx.platform, { userId: course.instructorId, resourceLinkId: course.resourceLinkId }, 'inkwell');
    if (!launch.ok || !launch.session) throw new Error(`instructor launch failed: ${launch.error}`);
    instructorSession = launch.session;

    const listLatencies: number[] = [];
    let rows = 0;
    for (let i = 0; i < LIST_LOADS; i++) {
      const response = await openPage(ctx.inkwell.baseUrl, '/grading', launch.session);
      listLatencies.push(response.ms);
      if (response.status !== 200) throw new Error(`submission list answered ${response.status}`);
      const links = [...response.body.matchAll(/href="(\/grading\/[0-9a-f]{24})"/g)].map((m) => m[1]!);
      rows = links.length;
      firstSubmissionPath = links[0] ?? null;
    }
    if (!firstSubmissionPath) throw new Error('the submission list links no submission');
    ctx.log(`instructor: list of ${rows} submissions; walking "Next student" (up to 150 pages or 40 s)`);
    await walk(ctx, firstSubmissionPath, 5); // warm-up
    const next = await walk(ctx, firstSubmissionPath, Math.min(rows, 150));
    const list = summarise(listLatencies);
    const view = summarise(next.latencies);

    ctx.log('instructor: grading half the class (draft grades), then the list, the class overview and its CSV');
    // Only submitted essays can be graded: the rows whose status tag says so.
    const listed = (await openPage(ctx.inkwell.baseUrl, '/grading', launch.session)).body;
    const paths = [...listed.matchAll(/href="(\/grading\/[0-9a-f]{24})">[^<]*<\/a><\/th><td><span class="status-tag" data-status="submitted"/g)].map((m) => m[1]!);
    const graded = await gradeHalf(ctx, launch.session, paths);
    await ctx.waitForDbIdle();
    await loadClassPages(ctx, launch.session, 2); // warm-up
    const classPages = await loadClassPages(ctx, launch.session);
    const listGraded = summarise(classPages.list);
    const overview = summarise(classPages.overview);
    const csv = summarise(classPages.csv);
    const markdown = [
      `${submitted.submitted} essays submitted (~1,500 words each; submitting stops after 30 s); the instructor's list shows ${rows} submissions`,
      '(every student of the class who launched, submitted or not).',
      '',
      '| Request | Count | p50 ms | p95 ms | p99 ms | max ms |',
      '|---|---:|---:|---:|---:|---:|',
      `| Submission list \`/grading\` | ${list.count} | ${list.p50} | ${list.p95} | ${list.p99} | ${list.max} |`,
      `| Next submission \`/grading/[id]\` (following "Next student", up to 150 pages or 40 s) | ${view.count} | ${view.p50} | ${view.p95} | ${view.p99} | ${view.max} |`,
      `| Submission list \`/grading\`, half the class graded | ${listGraded.count} | ${listGraded.p50} | ${listGraded.p95} | ${listGraded.p99} | ${listGraded.max} |`,
      `| Class overview \`/grading/overview\`, half the class graded | ${overview.count} | ${overview.p50} | ${overview.p95} | ${overview.p99} | ${overview.max} |`,
      `| CSV \`/grading/overview/csv\` (${classPages.csvRows} students; bearer token, no ticket) | ${csv.count} | ${csv.p50} | ${csv.p95} | ${csv.p99} | ${csv.max} |`,
      '',
      `${graded.graded} of ${Math.ceil(paths.length / 2)} draft grades saved (every other submitted essay, levels spread over the rubric) before the second set of loads.`,
      ...(graded.errors.length ? ['', `Grade errors: ${graded.errors.map((e) => `\`${e}\``).join(', ')}`] : []),
      '',
      next.errors ? `Errors while walking the grading view: ${next.errors}.` : 'No errors.',
      ...(submitted.errors.length ? ['', `Submit errors: ${submitted.errors.map((e) => `\`${e}\``).join(', ')}`] : []),
    ].join('\n');
    return {
      figures: {
        'grading.next_p95_ms': view.p95,
        'grading.list_p95_ms': list.p95,
        'grading.list_graded_p95_ms': listGraded.p95,
        'grading.overview_p95_ms': overview.p95,
        'grading.csv_p95_ms': csv.p95,
      },
      markdown,
      details: {
        submitted: submitted.submitted,
        listRows: rows,
        list,
        next: view,
        walkErrors: next.errors,
        graded: graded.graded,
        listGraded,
        overview,
        csv,
        csvRows: classPages.csvRows,
      },
    };
  },
  async profile(ctx: BenchContext) {
    if (firstSubmissionPath) await walk(ctx, firstSubmissionPath, 60);
    if (instructorSession) {
      for (let i = 0; i < 5; i++) await openPage(ctx.inkwell.baseUrl, '/grading', instructorSession);
      await loadClassPages(ctx, instructorSession, 5);
    }
  },
};

export default scenario;
