/**
 * The benchmark runner (started by bench/run.mjs after preparation). It is the load process:
 * it starts FerretDB, two LTI platform emulators, Inkwell (server.ts, production build) and a
 * bare ltijs tool as separate processes on loopback, runs every scenario in bench/scenarios/ in
 * order, profiles the scenarios whose targets are missed, and writes bench/results/latest.md
 * and latest.json.
 *
 *   npm run bench                      all scenarios
 *   npm run bench -- --only=launch     some scenarios (comma-separated names); results are
 *                                      then written to bench/results/partial.{md,json}
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { startEmbeddedDb } from '../server/embedded-db';
import { ROLE, startPlatform, type Platform } from '../emulator';
import { met, type BenchContext, type Scenario, type ScenarioResult, type Student, type Target } from './lib/context';
import { DbProxy, type CommandStat } from './lib/db-proxy';
import { agent } from './lib/http';
import {
  cpuSeconds,
  ferretDbPid,
  freeLoopbackPort,
  readMemoryPeak,
  resetMemoryPeak,
  ROOT,
  sampleRss,
  startBareLtijs,
  startInkwell,
  toggleProfile,
  type MemoryBreakdown,
  type ServerProcess,
} from './lib/processes';
import { profileMarkdown, summariseProfile, type ProfileSummary } from './lib/profile';
import { round } from './lib/stats';

/** Every figure the issue asks for, in report order; scenarios may add more. */
const FIGURE_KEYS = [
  'launch.c25.p99_ms',
  'launch.c100.p99_ms',
  'launch.c25.per_s',
  'launch.ratio_vs_ltijs',
  'autosave.sustained_per_s',
  'autosave.p99_ms',
  'autosave.classroom60_errors',
  'grading.next_p95_ms',
  'grading.list_p95_ms',
  'grading.list_graded_p95_ms',
  'grading.overview_p95_ms',
  'page.student_js_gz_kb',
  'page.grading_js_gz_kb',
  'memory.launch_rss_mb',
  'memory.largest_rss_mb',
  // Measured by the grade passback scenario (issue #6) once it exists; null until then.
  'passback.release300_s',
  'passback.requests',
  'passback.delivered',
];

/**
 * The targets of issue #16, one row each in the report whichever scenarios ran, with the scenario
 * whose profile explains a miss. A scenario's own target with the same key is replaced by this one.
 */
const ISSUE_TARGETS: (Target & { issue: string; scenario: string })[] = [
  { issue: '#16', scenario: 'autosave', key: 'autosave.sustained_per_s', label: 'Autosaves/s sustained with p99 < 50 ms, no errors', op: '>=', threshold: 300, unit: '/s' },
  { issue: '#16', scenario: 'autosave', key: 'autosave.classroom60_errors', label: 'Failed saves at 100 saves/s for 60 s', op: '<=', threshold: 0, unit: 'errors' },
  { issue: '#16', scenario: 'launch', key: 'launch.c25.p99_ms', label: 'Launch storm p99 at 25 concurrent', op: '<', threshold: 300, unit: 'ms' },
  { issue: '#16', scenario: 'launch', key: 'launch.ratio_vs_ltijs', label: 'Inkwell launches/s ÷ bare ltijs launches/s (25 concurrent)', op: '>=', threshold: 3, unit: '×' },
  { issue: '#16', scenario: 'instructor', key: 'grading.next_p95_ms', label: 'Next submission in the grading view, p95', op: '<', threshold: 100, unit: 'ms' },
  { issue: '#16', scenario: 'instructor', key: 'grading.list_p95_ms', label: 'Submission list, 300 students, p95', op: '<', threshold: 150, unit: 'ms' },
  { issue: '#16', scenario: '(largest)', key: 'memory.largest_rss_mb', label: 'Largest Inkwell server RSS in any scenario', op: '<', threshold: 400, unit: 'MB' },
];

/** Hard stop: every loop is bounded, but a hung server must not hang the run. */
const WATCHDOG_MS = 15 * 60_000;
/**
 * The run must end within 10 minutes: no scenario starts after this many seconds (it is reported
 * as skipped), and profiles are taken only while time remains.
 */
const SCENARIO_BUDGET_S = 400;
const PROFILE_BUDGET_S = 530;

const started = performance.now();
function log(message: string): void {
  console.log(`[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`);
}

function seedCourse(platform: Platform, id: string, size: number, prefix: string): BenchContext['courses'][string] {
  platform.addCourse({ id, label: id.toUpperCase(), title: `Benchmark class ${id}` });
  const resourceLinkId = `rl-${id}`;
  platform.addResourceLink({ id: resourceLinkId, title: `Benchmark essay ${id}`, withLineItem: true, contextId: id });
  const instructorId = `${prefix}-${id}-teacher`;
  platform.addMember({ sub: instructorId, name: `Teacher ${id}`, givenName: 'Teacher', familyName: id, roles: [ROLE.instructor] }, id);
  const students: Student[] = [];
  for (let i = 0; i < size; i++) {
    const userId = `${prefix}-${id}-s${String(i).padStart(4, '0')}`;
    platform.addMember(
      { sub: userId, name: `Student ${i} ${id}`, givenName: `Student${i}`, familyName: id, email: `${userId}@example.edu`, roles: [ROLE.learner] },
      id,
    );
    students.push({ userId, courseId: id, resourceLinkId, revision: 0 });
  }
  return { resourceLinkId, students, instructorId };
}

async function loadScenarios(only: string[] | null): Promise<Scenario[]> {
  const dir = resolve(import.meta.dirname, 'scenarios');
  const modules = await Promise.all(
    readdirSync(dir)
      .filter((f) => /\.(ts|mjs)$/.test(f) && !f.endsWith('.test.ts'))
      .map(async (f) => ((await import(pathToFileURL(join(dir, f)).href)) as { default: Scenario }).default),
  );
  return modules.filter((s) => !only || only.includes(s.name)).sort((a, b) => a.order - b.order);
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function roundStat(s: CommandStat): CommandStat {
  return { command: s.command, count: s.count, totalMs: round(s.totalMs), maxMs: round(s.maxMs) };
}

function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a';
  return unit === '×' ? `${value}×` : `${value} ${unit}`;
}

interface Outcome {
  scenario: Scenario;
  result?: ScenarioResult;
  error?: string;
  seconds: number;
  serverRssMb: number | null;
  /** Where the server's memory was at its peak (heap, external…), when the server was loaded. */
  serverMemory: MemoryBreakdown | null;
  ferretRssMb: number | null;
  /** CPU seconds used during the scenario by each process. */
  cpu: Record<string, number | null>;
  /** Database commands sent by Inkwell (and by bare ltijs) during the scenario. */
  db: { inkwell: CommandStat[]; bare: CommandStat[] };
}

const PROCESS_NAMES = ['Inkwell server', 'FerretDB', 'bare ltijs', 'runner (load + emulator)'];

function dbTable(stats: CommandStat[], top = 12): string[] {
  const total = stats.reduce((n, s) => n + s.count, 0);
  const totalMs = stats.reduce((n, s) => n + s.totalMs, 0);
  return [
    `${total} commands, ${round(totalMs / 1000)} s of database time in all (summed over concurrent commands).`,
    '',
    '| Command, collection, filter fields | Count | Mean ms | Max ms | Total s |',
    '|---|---:|---:|---:|---:|',
    ...stats.slice(0, top).map((s) => `| \`${s.command}\` | ${s.count} | ${round(s.totalMs / s.count)} | ${round(s.maxMs)} | ${round(s.totalMs / 1000)} |`),
  ];
}

/** The highest `memory.<scenario>_rss_mb` figure and its scenario. */
function largestRss(figures: Record<string, number | null>): { scenario: string; mb: number } | null {
  let found: { scenario: string; mb: number } | null = null;
  for (const [key, value] of Object.entries(figures)) {
    const scenario = /^memory\.(.+)_rss_mb$/.exec(key)?.[1];
    if (!scenario || scenario === 'largest' || value === null) continue;
    if (!found || value > found.mb) found = { scenario, mb: value };
  }
  return found;
}

type ReportTarget = Target & { issue: string; scenario: string };

/** Issue #16's targets (always), then every other target of the scenarios that ran (same key: #16's wins). */
function targetsOf(outcomes: Outcome[]): ReportTarget[] {
  const central = new Set(ISSUE_TARGETS.map((t) => t.key));
  const own = outcomes.flatMap(({ scenario }) =>
    scenario.targets.filter((t) => !central.has(t.key)).map((t) => ({ ...t, issue: ISSUE_OF_KEY[t.key] ?? '', scenario: scenario.name })),
  );
  return [...ISSUE_TARGETS, ...own];
}

/** Which issue set the targets kept from before #16. */
const ISSUE_OF_KEY: Record<string, string> = {
  'autosave.p99_ms': '#16',
  'grading.list_graded_p95_ms': '#14',
  'grading.overview_p95_ms': '#14',
  'memory.launch_rss_mb': '#11',
  'page.student_js_gz_kb': '#11',
  'assistant.essay1000_p95_ms': '#15',
};

/** One line on what the recorded profile of a missed target's scenario shows: the top functions by self time, and database commands. */
function profileLine(target: ReportTarget, outcomes: Outcome[], profiles: { scenario: string; summary: ProfileSummary }[], figures: Record<string, number | null>): string {
  if (target.key === 'memory.largest_rss_mb') {
    const largest = largestRss(figures);
    const outcome = outcomes.find((o) => o.scenario.name === largest?.scenario);
    const m = outcome?.serverMemory;
    if (!largest || !m) return 'no memory breakdown was recorded.';
    const other = round(m.rssMb - m.heapTotalMb - m.externalMb);
    return `peak in ${outcome.scenario.title}: V8 heap ${m.heapTotalMb} MB (${m.heapUsedMb} MB used), external ${m.externalMb} MB (array buffers ${m.arrayBuffersMb} MB), the rest ${other} MB (code, native libraries, allocator, thread stacks) — see “Memory”.`;
  }
  const outcome = outcomes.find((o) => o.scenario.name === target.scenario);
  if (!outcome?.result) return outcome?.error ? `the scenario failed or was skipped (${outcome.error.split('\n', 1)[0]}).` : 'the scenario did not run.';
  const profile = profiles.find((p) => p.scenario === target.scenario)?.summary;
  const functions = profile
    ? profile.topFunctions
        .slice(0, 4)
        .map((f) => `\`${f.name}\` ${f.percent}%${f.where ? ` (${f.where.replace(/^.*node_modules\//, '')})` : ''}`)
        .join(', ')
    : null;
  const areas = profile ? profile.topAreas.slice(0, 3).map((a) => `${a.area} ${a.percent}%`).join(', ') : null;
  const commands = [...outcome.db.inkwell].sort((a, b) => b.totalMs - a.totalMs).slice(0, 3);
  const db = commands.length ? commands.map((c) => `\`${c.command}\` ×${c.count} (${round(c.totalMs / 1000)} s)`).join(', ') : null;
  return [
    profile ? `server CPU busy ${profile.busyMs} ms of the re-run; by area ${areas}; top self time ${functions}` : 'no CPU profile was taken (time budget)',
    db ? `most database time: ${db}` : null,
  ]
    .filter(Boolean)
    .join('; ') + '.';
}

async function main(): Promise<void> {
  // Ctrl-C or a kill: exit through process.exit so every child's 'exit' hook stops it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  const watchdog = setTimeout(() => {
    console.error('[bench] the run exceeded 15 minutes; stopping.');
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();

  const onlyArg = process.argv.find((a) => a.startsWith('--only='));
  const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : null;
  const scenarios = await loadScenarios(only);
  const workDir = mkdtempSync(join(tmpdir(), 'inkwell-bench-'));
  const profileDir = join(workDir, 'profiles');

  log('starting the embedded database (FerretDB)');
  const db = await startEmbeddedDb(join(workDir, 'ferretdb'));
  const inkwellDb = new DbProxy(db.uri);
  const bareDb = new DbProxy(db.uri);
  await Promise.all([inkwellDb.start(), bareDb.start()]);
  const [inkwellPort, barePort] = [await freeLoopbackPort(), await freeLoopbackPort()];
  const platform = await startPlatform({ host: '127.0.0.1', toolBaseUrl: `http://localhost:${inkwellPort}` });
  const barePlatform = await startPlatform({ host: '127.0.0.1', toolBaseUrl: `http://localhost:${barePort}` });
  const courses: BenchContext['courses'] = {
    'bench-warm': seedCourse(platform, 'bench-warm', 20, 'ink'),
    'bench-a': seedCourse(platform, 'bench-a', 300, 'ink'),
    'bench-b': seedCourse(platform, 'bench-b', 300, 'ink'),
    'bench-c': seedCourse(platform, 'bench-c', 400, 'ink'),
    'bench-p': seedCourse(platform, 'bench-p', 300, 'ink'),
    'bare-warm': seedCourse(barePlatform, 'bare-warm', 20, 'bare'),
    'bare-a': seedCourse(barePlatform, 'bare-a', 300, 'bare'),
    'bare-b': seedCourse(barePlatform, 'bare-b', 300, 'bare'),
  };
  log(`emulators up with ${Object.values(courses).reduce((n, c) => n + c.students.length, 0)} students; starting Inkwell and bare ltijs`);
  let inkwell: ServerProcess | undefined;
  let bare: ServerProcess | undefined;
  const outcomes: Outcome[] = [];
  const profiles: { scenario: string; summary: ProfileSummary }[] = [];
  const figures: Record<string, number | null> = {};
  try {
    [inkwell, bare] = await Promise.all([
      startInkwell({ port: inkwellPort, mongoUri: inkwellDb.uri, platform, profileDir }),
      startBareLtijs({ port: barePort, mongoUri: bareDb.uri, platform: barePlatform }),
    ]);
    const ferretPid = ferretDbPid();
    log(`Inkwell pid ${inkwell.pid} at ${inkwell.baseUrl}; bare ltijs pid ${bare.pid} at ${bare.baseUrl}; FerretDB pid ${ferretPid}`);
    const waitForDbIdle = async (maxMs = 30_000) => {
      const [a, b] = await Promise.all([inkwellDb.waitForIdle(maxMs), bareDb.waitForIdle(maxMs)]);
      if (!a || !b) {
        const waiting = [...inkwellDb.unanswered(), ...bareDb.unanswered()];
        log(`the database was still busy after ${maxMs / 1000} s (${waiting.length} commands still waiting, oldest first: ${waiting.join('; ')}); going on`);
      }
    };
    const ctx: BenchContext = { inkwell, bare, platform, barePlatform, courses, figures, profileDir, log, waitForDbIdle };

    const elapsedS = () => (performance.now() - started) / 1000;
    for (const scenario of scenarios) {
      if (elapsedS() > SCENARIO_BUDGET_S) {
        log(`— ${scenario.title}: skipped (time budget)`);
        outcomes.push({ scenario, error: `skipped: the run had used its ${SCENARIO_BUDGET_S} s budget for scenarios`, seconds: 0, serverRssMb: null, serverMemory: null, ferretRssMb: null, cpu: {}, db: { inkwell: [], bare: [] } });
        continue;
      }
      log(`— ${scenario.title}`);
      const t0 = performance.now();
      const serverRss = sampleRss(inkwell.pid);
      resetMemoryPeak(inkwell, profileDir);
      const ferretRss = ferretPid ? sampleRss(ferretPid) : null;
      const outcome: Outcome = { scenario, seconds: 0, serverRssMb: null, serverMemory: null, ferretRssMb: null, cpu: {}, db: { inkwell: [], bare: [] } };
      const pids = [inkwell.pid, ferretPid, bare.pid, process.pid];
      const cpuBefore = pids.map(cpuSeconds);
      inkwellDb.record();
      bareDb.record();
      try {
        outcome.result = await scenario.run(ctx);
      } catch (error) {
        outcome.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
        log(`${scenario.name} failed: ${outcome.error}`);
      }
      outcome.db = { inkwell: inkwellDb.take(), bare: bareDb.take() };
      await waitForDbIdle(30_000);
      const cpuAfter = pids.map(cpuSeconds);
      PROCESS_NAMES.forEach((name, i) => {
        const a = cpuBefore[i];
        const b = cpuAfter[i];
        outcome.cpu[name] = a === null || a === undefined || b === null || b === undefined ? null : round(b - a);
      });
      outcome.serverRssMb = serverRss.stop();
      outcome.serverMemory = scenario.usesServer ? readMemoryPeak(inkwell, profileDir) : null;
      outcome.ferretRssMb = ferretRss?.stop() ?? null;
      outcome.seconds = round((performance.now() - t0) / 1000);
      Object.assign(figures, outcome.result?.figures ?? {});
      if (scenario.usesServer) figures[`memory.${scenario.name}_rss_mb`] = outcome.serverRssMb === null ? null : round(outcome.serverRssMb);
      outcomes.push(outcome);
    }
    const largest = largestRss(figures);
    figures['memory.largest_rss_mb'] = largest?.mb ?? null;

    // Profiles: a short re-run of each scenario that missed a target (and always the launch
    // storm), with the V8 sampling profiler on in the Inkwell process only for that re-run.
    for (const { scenario, result } of outcomes) {
      if (!scenario.profile || !result) continue;
      const missed = targetsOf(outcomes).some((t) => t.scenario === scenario.name && met(t, figures[t.key]) === false);
      if (!missed && !scenario.alwaysProfile) continue;
      if (elapsedS() > PROFILE_BUDGET_S) {
        log(`profiling: ${scenario.title} skipped (time budget)`);
        continue;
      }
      log(`profiling: ${scenario.title}`);
      await toggleProfile(inkwell, profileDir, false);
      try {
        await scenario.profile(ctx);
      } finally {
        const file = await toggleProfile(inkwell, profileDir, true);
        // BENCH_KEEP_PROFILES=<dir> keeps each scenario's whole profile for a closer look (DevTools, speedscope).
        if (file && process.env.BENCH_KEEP_PROFILES) {
          mkdirSync(process.env.BENCH_KEEP_PROFILES, { recursive: true });
          copyFileSync(file, join(process.env.BENCH_KEEP_PROFILES, `${scenario.name}.cpuprofile`));
        }
        if (file) profiles.push({ scenario: scenario.name, summary: summariseProfile(file) });
        else log('profiling: no profile was written');
      }
    }
  } finally {
    agent.destroy();
    await Promise.allSettled([inkwell?.stop(), bare?.stop()]);
    await Promise.allSettled([platform.close(), barePlatform.close()]);
    await Promise.allSettled([inkwellDb.stop(), bareDb.stop()]);
    await db.stop();
    rmSync(workDir, { recursive: true, force: true });
  }

  const seconds = round((performance.now() - started) / 1000);
  writeResults({ outcomes, figures, profiles, seconds, partial: Boolean(only), serverLogs: inkwell?.logs ?? [] });
  clearTimeout(watchdog);
}

function writeResults(run: {
  outcomes: Outcome[];
  figures: Record<string, number | null>;
  profiles: { scenario: string; summary: ProfileSummary }[];
  seconds: number;
  partial: boolean;
  serverLogs: string[];
}): void {
  const { outcomes, figures, profiles } = run;
  const targetRows = targetsOf(outcomes).map((target) => ({ ...target, value: figures[target.key] ?? null, met: met(target, figures[target.key]) }));
  const keys = [...FIGURE_KEYS, ...Object.keys(figures).filter((k) => !FIGURE_KEYS.includes(k)).sort()];
  const orderedFigures = Object.fromEntries(keys.map((k) => [k, figures[k] ?? null]));
  const meta = {
    generatedAt: new Date().toISOString(),
    commit: gitCommit(),
    durationSeconds: run.seconds,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: round(totalmem() / 1024 ** 3),
    node: process.version,
    scenarios: outcomes.map((o) => ({ name: o.scenario.name, seconds: o.seconds, error: o.error ?? null })),
  };
  const json = {
    ...orderedFigures,
    meta,
    targets: targetRows.map(({ issue, key, label, op, threshold, unit, value, met: ok }) => ({
      issue,
      key,
      label,
      target: `${op} ${threshold}`,
      unit,
      value,
      met: ok,
      ...(ok === false ? { profileShows: profileLine(targetRows.find((t) => t.key === key)!, outcomes, profiles, figures) } : {}),
    })),
    memory: Object.fromEntries(
      outcomes.map((o) => [o.scenario.name, { serverRssMb: o.serverRssMb && round(o.serverRssMb), serverAtPeak: o.serverMemory, ferretDbRssMb: o.ferretRssMb && round(o.ferretRssMb) }]),
    ),
    cpuSeconds: Object.fromEntries(outcomes.map((o) => [o.scenario.name, { wall: o.seconds, ...o.cpu }])),
    database: Object.fromEntries(
      outcomes.map((o) => [o.scenario.name, { inkwell: o.db.inkwell.slice(0, 20).map(roundStat), bareLtijs: o.db.bare.slice(0, 20).map(roundStat) }]),
    ),
    details: Object.fromEntries(outcomes.map((o) => [o.scenario.name, o.result?.details ?? { error: o.error }])),
    profiles: Object.fromEntries(profiles.map((p) => [p.scenario, p.summary])),
  };

  const status = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? '**met**' : '**missed**');
  const md = [
    '# Inkwell benchmark — latest run',
    '',
    `Run ${meta.generatedAt} on commit \`${meta.commit}\`: ${meta.cpus} × ${meta.cpuModel}, ${meta.memoryGb} GB RAM, Node ${meta.node}; the whole run took ${meta.durationSeconds} s.`,
    'Produced by `npm run bench` (see [bench/main.ts](../main.ts)). Everything runs on this machine over loopback: the load',
    'generator and the LTI platform emulator in the runner process; Inkwell (`server.ts`, production build), the bare ltijs',
    'tool and FerretDB each in their own process. Both tools use the same FerretDB under different database names.',
    '',
    '## Targets',
    '',
    'Every target of issue #16 has a row whether or not its scenario ran (“not measured” otherwise), then the targets',
    'kept from earlier issues.',
    '',
    '| Issue | Target | Figure | Value | Target | Status |',
    '|---|---|---|---:|---:|---|',
    ...targetRows.map(
      (t) => `| ${t.issue} | ${t.label} | \`${t.key}\` | ${formatValue(t.value, t.unit)} | ${t.op} ${t.threshold} ${t.unit === '×' ? '×' : t.unit} | ${status(t.met)} |`,
    ),
    '',
    ...(targetRows.some((t) => t.met === false)
      ? [
          '**What the profile shows for each missed target** (the CPU profile of the scenario’s re-run and its database commands; details below):',
          '',
          ...targetRows.filter((t) => t.met === false).map((t) => `- \`${t.key}\`: ${profileLine(t, outcomes, profiles, figures)}`),
          '',
        ]
      : []),
    '## Figures (`latest.json`)',
    '',
    '| Key | Value |',
    '|---|---:|',
    ...keys.map((k) => `| \`${k}\` | ${orderedFigures[k] ?? (k.startsWith('passback.') ? 'not measured here (issue #6)' : 'n/a')} |`),
    '',
    ...outcomes.flatMap((o) => [`## ${o.scenario.title}`, '', o.result?.markdown ?? `The scenario failed:\n\n\`\`\`\n${o.error}\n\`\`\``, '']),
    '## Memory',
    '',
    'Peak resident set size (VmRSS from /proc, sampled every 100 ms) during each scenario, and where the server’s memory',
    'was at its highest RSS (`process.memoryUsage()` sampled every 250 ms in the server: V8 heap allocated and used,',
    'external memory such as Buffers, and the rest of the RSS: code, native libraries, the allocator, thread stacks).',
    '',
    '| Scenario | Seconds | Inkwell server MB | Heap total MB | Heap used MB | External MB | Rest MB | FerretDB MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...outcomes.map((o) => {
      const m = o.serverMemory;
      const breakdown = m ? `${m.heapTotalMb} | ${m.heapUsedMb} | ${m.externalMb} | ${round(m.rssMb - m.heapTotalMb - m.externalMb)}` : '— | — | — | —';
      return `| ${o.scenario.title} | ${o.seconds} | ${o.scenario.usesServer ? (o.serverRssMb === null ? 'n/a' : round(o.serverRssMb)) : '—'} | ${breakdown} | ${o.ferretRssMb === null ? 'n/a' : round(o.ferretRssMb)} |`;
    }),
    '',
    '## Where the time went',
    '',
    'CPU seconds used by each process during each scenario (from /proc), against the wall time. On 2 cores, 2 CPU-s per',
    'wall second is the whole machine.',
    '',
    `| Scenario | Wall s | ${PROCESS_NAMES.join(' | ')} |`,
    `|---|---:|${PROCESS_NAMES.map(() => '---:').join('|')}|`,
    ...outcomes.map((o) => `| ${o.scenario.title} | ${o.seconds} | ${PROCESS_NAMES.map((n) => o.cpu[n] ?? 'n/a').join(' | ')} |`),
    '',
    'Database commands, as seen by a wire-protocol proxy between each tool and FerretDB (time = request sent → reply received,',
    'so it includes waiting in FerretDB’s queue).',
    '',
    ...outcomes
      .filter((o) => o.db.inkwell.length || o.db.bare.length)
      .flatMap((o) => [
        `#### ${o.scenario.title}: Inkwell`,
        '',
        ...dbTable(o.db.inkwell),
        '',
        ...(o.db.bare.length ? [`#### ${o.scenario.title}: bare ltijs`, '', ...dbTable(o.db.bare), ''] : []),
      ]),
    '## Profiles',
    '',
    profiles.length
      ? 'CPU profiles of the Inkwell server (V8 sampling profiler, 0.5 ms) during a short re-run of each scenario that missed a target, and of the launch storm (300 new students, 25 concurrent) always. Self time excludes idle.'
      : 'No profile was taken.',
    '',
    ...profiles.flatMap((p) => [profileMarkdown(outcomes.find((o) => o.scenario.name === p.scenario)?.scenario.title ?? p.scenario, p.summary), '']),
  ].join('\n');

  const outDir = resolve(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const base = run.partial ? 'partial' : 'latest';
  writeFileSync(join(outDir, `${base}.json`), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(outDir, `${base}.md`), `${md}\n`);
  log(`wrote bench/results/${base}.md and ${base}.json`);
  for (const t of targetRows) log(`${t.met === null ? '?' : t.met ? '✓' : '✗'} ${t.label}: ${formatValue(t.value, t.unit)} (target ${t.op} ${t.threshold})`);
  const failed = outcomes.filter((o) => o.error && !o.error.startsWith('skipped'));
  if (failed.length) {
    console.error(`[bench] scenarios failed: ${failed.map((o) => o.scenario.name).join(', ')}; last server output:\n${run.serverLogs.slice(-20).join('')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error('[bench] failed:', error);
  process.exit(1);
});
