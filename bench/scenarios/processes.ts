/**
 * Two processes, one database: two more Inkwell processes of one installation (same database,
 * same INKWELL_SECRET, the load balancer's address as their public URL) behind a round-robin load
 * balancer (bench/lib/load-balancer.ts, no sticky sessions), with their own LMS emulator. It
 * measures launches/s and autosaves/s through the balancer with one process behind it and then
 * with both, and shows that nothing breaks with two: launches whose login and id_token post reach
 * different processes succeed, an essay saved through one process reads back the same through the
 * other, and each released grade reaches the LMS once (counted at the emulator's AGS scores
 * endpoint). Correctness is asserted by tests/integration/processes.test.ts; this only measures.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ROLE, startPlatform, type Platform } from '../../emulator';
import { builtInRubric } from '../../domain/rubric';
import type { BenchContext, Scenario, Student } from '../lib/context';
import { send } from '../lib/http';
import { fullLaunch, pool } from '../lib/launch-flow';
import { startLoadBalancer, type LoadBalancer } from '../lib/load-balancer';
import { cpuSeconds, freeLoopbackPort, sampleRss, startInkwell, type ServerProcess } from '../lib/processes';
import { round, summarise } from '../lib/stats';
import { save } from './autosave';

const COURSE = 'proc';
const LINK = 'rl-proc';
/** Launch storms: 25 concurrent for this long, with one process and then with two. */
const LAUNCH_SECONDS = 10;
/** Autosave: this many students saving back to back (closed loop) for this long. */
const SAVERS = 25;
const SAVE_SECONDS = 8;
/** Grades released at once for the exactly-once count. */
const RELEASED = 60;

interface Throughput {
  processes: number;
  launchesPerS: number;
  launchP99Ms: number;
  launchErrors: number;
  splitLaunches: number;
  savesPerS: number;
  saveP99Ms: number;
  saveErrors: number;
  /** The machine's 1-minute load average when the measurement ended. */
  loadAverage: number;
}

function seed(platform: Platform, students: number): { teacher: string; students: Student[] } {
  platform.addCourse({ id: COURSE, label: 'PROC', title: 'Benchmark class for two processes' });
  platform.addResourceLink({ id: LINK, title: 'Benchmark essay (two processes)', withLineItem: true, contextId: COURSE });
  const teacher = 'proc-teacher';
  platform.addMember({ sub: teacher, name: 'Teacher Proc', givenName: 'Teacher', familyName: 'Proc', roles: [ROLE.instructor] }, COURSE);
  const list: Student[] = [];
  for (let i = 0; i < students; i++) {
    const userId = `proc-s${String(i).padStart(4, '0')}`;
    platform.addMember({ sub: userId, name: `Student ${i} proc`, givenName: `Student${i}`, familyName: 'Proc', roles: [ROLE.learner] }, COURSE);
    list.push({ userId, courseId: COURSE, resourceLinkId: LINK, revision: 0 });
  }
  return { teacher, students: list };
}

async function measure(platform: Platform, balancer: LoadBalancer, processes: number, fresh: Student[], savers: Student[]): Promise<Throughput> {
  balancer.useBackends(processes);
  const launchMs: number[] = [];
  let launchErrors = 0;
  let splitLaunches = 0;
  const launches = await pool(fresh, 25, async (student) => {
    const outcome = await fullLaunch(platform, { userId: student.userId, resourceLinkId: LINK }, 'inkwell');
    launchMs.push(outcome.ms);
    if (!outcome.ok || !outcome.session) {
      launchErrors++;
      return;
    }
    student.session = outcome.session;
    if (outcome.backends?.login !== outcome.backends?.launch) splitLaunches++;
  }, LAUNCH_SECONDS);
  const launched = launches.started - launchErrors;

  const writers = (savers.length ? savers : fresh.filter((s) => s.session)).slice(0, SAVERS);
  const saveMs: number[] = [];
  let saveErrors = 0;
  let saved = 0;
  const started = performance.now();
  const deadline = started + SAVE_SECONDS * 1000;
  await Promise.all(
    writers.map(async (student, index) => {
      while (performance.now() < deadline) {
        const outcome = await save(balancer.baseUrl, student, index).catch((error: unknown) => ({ ok: false, ms: 0, error: String(error) }));
        saveMs.push(outcome.ms);
        if (outcome.ok) saved++;
        else saveErrors++;
      }
    }),
  );
  const saveWallMs = performance.now() - started;
  return {
    processes,
    launchesPerS: round((launched / launches.ms) * 1000),
    launchP99Ms: summarise(launchMs).p99,
    launchErrors,
    splitLaunches,
    savesPerS: round((saved / saveWallMs) * 1000),
    saveP99Ms: summarise(saveMs).p99,
    saveErrors,
    loadAverage: round(loadavg()[0]!, 2),
  };
}

/** Saves through process 0 and reads the same revision back through process 1 (by their own addresses). */
async function sameEssayEverywhere(servers: ServerProcess[], students: Student[]): Promise<{ checked: number; same: number }> {
  let same = 0;
  const checked = students.slice(0, 20);
  for (const [index, student] of checked.entries()) {
    const outcome = await save(servers[0]!.baseUrl, student, index);
    if (!outcome.ok) continue;
    const read = await send('GET', `${servers[1]!.baseUrl}/api/essay/revisions/${student.revision}`, { headers: { authorization: `Bearer ${student.session}` } });
    const text = read.status === 200 ? (JSON.parse(read.body) as { text?: string }).text : undefined;
    if (text !== undefined && text === (JSON.parse(saveBodyOf(student)) as { text: string }).text) same++;
  }
  return { checked: checked.length, same };
}

/** The text the last save of `student` sent (autosave.ts's body for the revision before it). */
function saveBodyOf(student: Student): string {
  return JSON.stringify({ text: `${student.text} (saved at revision ${student.revision})` });
}

/** Submits, grades as drafts and releases `students` through the balancer; counts accepted scores per student at the LMS. */
async function releaseOnce(ctx: BenchContext, platform: Platform, balancer: LoadBalancer, teacher: string, students: Student[]) {
  await pool(students, 10, async (student) => {
    if (student.revision === 0) await save(balancer.baseUrl, student, students.indexOf(student));
    await send('POST', `${balancer.baseUrl}/api/essay/submit`, {
      headers: { authorization: `Bearer ${student.session}`, 'content-type': 'application/json' },
      body: JSON.stringify({ revision: student.revision }),
    });
  });
  const launch = await fullLaunch(platform, { userId: teacher, resourceLinkId: LINK }, 'inkwell');
  if (!launch.ok || !launch.session) throw new Error(`instructor launch failed: ${launch.error}`);
  const auth = { authorization: `Bearer ${launch.session}`, 'content-type': 'application/json' };
  const ids = [...(launch.html ?? '').matchAll(/href="\/grading\/([0-9a-f]{24})"[^>]*>[^<]*<\/a><\/th><td><span class="status-tag" data-status="submitted"/g)].map((m) => m[1]!);
  const selections = Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, c.levels[1]!.id]));
  await pool(ids, 10, async (id) => {
    await send('PUT', `${balancer.baseUrl}/api/grading/submissions/${id}/grade`, {
      headers: auth,
      body: JSON.stringify({ selections, criterionComments: {}, overallComment: 'Benchmark grade', release: false }),
    });
  });
  const userIds = new Set(students.map((s) => s.userId));
  const fullyGraded = () =>
    platform.receivedScores.filter((s) => {
      const body = s.body as { userId?: string; gradingProgress?: string };
      return s.accepted && body.gradingProgress === 'FullyGraded' && userIds.has(body.userId ?? '');
    });
  platform.setFailureMode({ rate: 0.1, status: 500, delayMs: 50 });
  const started = performance.now();
  try {
    const release = await send('POST', `${balancer.baseUrl}/api/grading/release-all`, { headers: auth, body: '{}', timeoutMs: 120_000 });
    ctx.log(`processes: release-all answered ${release.status} ${release.body.slice(0, 60)}`);
    const delivered = () => new Set(fullyGraded().map((s) => (s.body as { userId: string }).userId)).size;
    while (delivered() < ids.length && performance.now() - started < 90_000) await new Promise((r) => setTimeout(r, 100));
    // Room for a second delivery of the same grade to arrive, if one were on its way.
    await new Promise((r) => setTimeout(r, 3_000));
  } finally {
    platform.setFailureMode(null);
  }
  const perStudent = new Map<string, number>();
  for (const score of fullyGraded()) {
    const userId = (score.body as { userId: string }).userId;
    perStudent.set(userId, (perStudent.get(userId) ?? 0) + 1);
  }
  return {
    released: ids.length,
    deliveredOnce: [...perStudent.values()].filter((n) => n === 1).length,
    deliveredTwiceOrMore: [...perStudent.values()].filter((n) => n > 1).length,
    missing: ids.length - perStudent.size,
    seconds: round((performance.now() - started) / 1000 - 3, 2),
  };
}

const scenario: Scenario = {
  name: 'processes',
  title: 'Two processes, one database',
  order: 80,
  usesServer: false,
  targets: [],
  async run(ctx: BenchContext) {
    const balancerPort = await freeLoopbackPort();
    const publicUrl = `http://localhost:${balancerPort}`;
    const platform = await startPlatform({ host: '127.0.0.1', toolBaseUrl: publicUrl });
    const { teacher, students } = seed(platform, 900);
    const servers: ServerProcess[] = [];
    let balancer: LoadBalancer | undefined;
    try {
      ctx.log('processes: starting two Inkwell processes of one installation and a load balancer');
      const mongoUri = ctx.inkwell.env.MONGODB_URI!;
      const first = await startInkwell({ port: await freeLoopbackPort(), mongoUri, platform, profileDir: ctx.profileDir, publicUrl });
      servers.push(first);
      servers.push(await startInkwell({ port: await freeLoopbackPort(), mongoUri, platform, profileDir: ctx.profileDir, sameInstallationAs: first }));
      balancer = await startLoadBalancer(servers.map((s) => s.baseUrl), { port: balancerPort });
      const rss = servers.map((s) => sampleRss(s.pid));
      const cpuBefore = servers.map((s) => cpuSeconds(s.pid));

      // Warm both processes (Next compiles routes on first use) before anything is timed.
      const warm = students.slice(0, 20);
      await pool(warm, 4, async (s) => {
        const outcome = await fullLaunch(platform, { userId: s.userId, resourceLinkId: LINK }, 'inkwell');
        if (outcome.session) s.session = outcome.session;
      });
      for (const [i, s] of warm.entries()) if (s.session) await save(balancer.baseUrl, s, i);

      ctx.log('processes: one process behind the balancer');
      const one = await measure(platform, balancer, 1, students.slice(20, 450), warm.filter((s) => s.session));
      await ctx.waitForDbIdle();
      ctx.log(`processes: one: ${one.launchesPerS} launches/s, ${one.savesPerS} saves/s`);
      ctx.log('processes: two processes behind the balancer');
      const two = await measure(platform, balancer, 2, students.slice(450, 880), warm.filter((s) => s.session));
      await ctx.waitForDbIdle();
      ctx.log(`processes: two: ${two.launchesPerS} launches/s, ${two.savesPerS} saves/s, ${two.splitLaunches} launches split over both`);

      const launched = students.slice(20).filter((s) => s.session);
      const essays = await sameEssayEverywhere(servers, launched);
      ctx.log(`processes: ${essays.same} of ${essays.checked} essays saved through one process read the same through the other`);
      const passback = await releaseOnce(ctx, platform, balancer, teacher, launched.slice(0, RELEASED));
      ctx.log(`processes: ${passback.deliveredOnce} of ${passback.released} grades delivered once, ${passback.deliveredTwiceOrMore} more than once, ${passback.missing} missing`);

      const peakRss = rss.map((r) => r.stop());
      const cpu = servers.map((s, i) => {
        const after = cpuSeconds(s.pid);
        const before = cpuBefore[i];
        return after === null || before === null || before === undefined ? null : round(after - before);
      });
      const row = (t: Throughput) =>
        `| ${t.processes} | ${t.launchesPerS} | ${t.launchP99Ms} | ${t.launchErrors} | ${t.splitLaunches} | ${t.savesPerS} | ${t.saveP99Ms} | ${t.saveErrors} | ${t.loadAverage} |`;
      const markdown = [
        'Two more Inkwell processes of one installation (same database and `INKWELL_SECRET`, the balancer’s address as',
        '`INKWELL_PUBLIC_URL`) behind a round-robin `node:http` load balancer (each request to the next process, no sticky',
        `sessions), with an LMS emulator of their own. Launches: new students, 25 concurrent, ${LAUNCH_SECONDS} s; autosaves: ${SAVERS} students`,
        `saving back to back for ${SAVE_SECONDS} s. Same balancer for both rows; the second row sends every other request to the second process.`,
        'On 2 cores two processes cannot do much more than one: the point is that nothing breaks. The load average is the',
        'machine’s (1 minute) as each measurement ended: figures taken at different loads do not compare.',
        '',
        '| Processes | Launches/s | Launch p99 ms | Launch errors | Launches split over both | Autosaves/s | Autosave p99 ms | Autosave errors | Load average |',
        '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
        row(one),
        row(two),
        '',
        `- Launches whose login initiation reached one process and whose id_token post reached the other: ${two.splitLaunches}, all among the successful ones.`,
        `- Essays saved through process 1 and read back through process 2: ${essays.same} of ${essays.checked} the same.`,
        `- ${passback.released} grades released at once through the balancer (LMS: 50 ms per score, 10% answered 500): ${passback.deliveredOnce} delivered exactly once, ${passback.deliveredTwiceOrMore} more than once, ${passback.missing} not delivered, in ${passback.seconds} s.`,
        `- Peak RSS of the two processes: ${peakRss.map((m) => (m === null ? 'n/a' : `${round(m)} MB`)).join(', ')}; CPU seconds used: ${cpu.map((c) => c ?? 'n/a').join(', ')}.`,
      ].join('\n');
      return {
        figures: {
          'processes.one_launches_per_s': one.launchesPerS,
          'processes.two_launches_per_s': two.launchesPerS,
          'processes.one_autosaves_per_s': one.savesPerS,
          'processes.two_autosaves_per_s': two.savesPerS,
          'processes.split_launches': two.splitLaunches,
          'processes.launch_errors': one.launchErrors + two.launchErrors,
          'processes.essays_same': essays.same,
          'processes.grades_delivered_twice': passback.deliveredTwiceOrMore,
          'processes.grades_missing': passback.missing,
          // The two processes are Inkwell servers too: their peak counts for the largest server RSS.
          'memory.processes_rss_mb': peakRss.some((m) => m !== null) ? round(Math.max(...peakRss.map((m) => m ?? 0))) : null,
        },
        markdown,
        details: { one, two, essays, passback, peakRssMb: peakRss, cpuSeconds: cpu, balancerServed: [...balancer.served] },
      };
    } catch (error) {
      // Whatever stopped the scenario, the processes' own last lines say what they were doing.
      for (const [index, server] of servers.entries()) ctx.log(`processes: last log lines of process ${index + 1}:\n${server.logs.join('').split('\n').slice(-40).join('\n')}`);
      throw error;
    } finally {
      await balancer?.close();
      await Promise.allSettled(servers.map((s) => s.stop()));
      await platform.close();
    }
  },
};

export default scenario;
