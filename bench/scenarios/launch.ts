/**
 * Launch storm: 300 distinct students launch at once (full OIDC login → /auth → id_token POST →
 * first page HTML), at 25 and then 100 concurrent, against Inkwell and against the bare ltijs
 * tool in the same run. Each storm uses students who have never launched before.
 */
import type { Platform } from '../../emulator';
import type { BenchContext, Scenario, Student } from '../lib/context';
import { fullLaunch, pool } from '../lib/launch-flow';
import { sampleRss } from '../lib/processes';
import { round, summarise, type LatencySummary } from '../lib/stats';

/** A storm stops starting launches after this long, so the run stays within its time budget. */
export const STORM_MAX_SECONDS = { 25: 45, 100: 30 } as Record<number, number>;

export interface StormResult {
  concurrency: number;
  /** Launches started (fewer than the class when the time cap was hit). */
  launches: number;
  students: number;
  perSecond: number;
  latency: LatencySummary;
  errors: number;
  errorSamples: string[];
}

export async function storm(
  platform: Platform,
  students: Student[],
  concurrency: number,
  expect: 'inkwell' | 'bare',
  maxSeconds = STORM_MAX_SECONDS[concurrency] ?? 45,
): Promise<StormResult> {
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const { ms: wallMs, started } = await pool(students, concurrency, async (student) => {
    const outcome = await fullLaunch(platform, { userId: student.userId, resourceLinkId: student.resourceLinkId }, expect);
    latencies.push(outcome.ms);
    if (!outcome.ok) {
      errors++;
      if (errorSamples.length < 5) errorSamples.push(outcome.error ?? 'unknown');
      return;
    }
    if (outcome.session) student.session = outcome.session;
  }, maxSeconds);
  return {
    concurrency,
    launches: started,
    students: students.length,
    perSecond: round(((started - errors) / wallMs) * 1000),
    latency: summarise(latencies),
    errors,
    errorSamples,
  };
}

/** Launches (untimed) the students of these courses who have no session yet, e.g. when a scenario runs alone. */
export async function ensureSessions(ctx: BenchContext, courseIds: string[]): Promise<number> {
  const missing = courseIds.flatMap((id) => ctx.courses[id]!.students).filter((s) => !s.session);
  if (missing.length === 0) return 0;
  ctx.log(`launching ${missing.length} students who have no session yet`);
  return (await storm(ctx.platform, missing, 25, 'inkwell', 90)).errors;
}

function row(tool: string, result: StormResult): string {
  const { latency } = result;
  const launches = result.launches < result.students ? `${result.launches} of ${result.students} (time cap)` : String(result.launches);
  return `| ${tool} | ${result.concurrency} | ${launches} | ${result.perSecond} | ${latency.p50} | ${latency.p95} | ${latency.p99} | ${latency.max} | ${result.errors} |`;
}

const scenario: Scenario = {
  name: 'launch',
  title: 'Launch storm',
  order: 20,
  usesServer: true,
  alwaysProfile: true,
  targets: [
    { key: 'launch.c25.p99_ms', label: 'Launch storm p99 at 25 concurrent', op: '<', threshold: 300, unit: 'ms' },
    { key: 'launch.ratio_vs_ltijs', label: 'Inkwell launches/s ÷ bare ltijs launches/s (25 concurrent)', op: '>=', threshold: 3, unit: '×' },
    { key: 'memory.launch_rss_mb', label: 'Server RSS during the launch storm', op: '<', threshold: 400, unit: 'MB' },
  ],
  async run(ctx: BenchContext) {
    const { courses } = ctx;
    ctx.log('launch: warming up both tools (20 launches each)');
    await storm(ctx.platform, courses['bench-warm']!.students, 5, 'inkwell');
    await storm(ctx.barePlatform, courses['bare-warm']!.students, 5, 'bare');

    const bareRss = sampleRss(ctx.bare.pid);
    ctx.log('launch: Inkwell, 300 students, 25 concurrent');
    const inkwell25 = await storm(ctx.platform, courses['bench-a']!.students, 25, 'inkwell');
    ctx.log(`launch: ${inkwell25.perSecond}/s p99 ${inkwell25.latency.p99} ms errors ${inkwell25.errors}`);
    await ctx.waitForDbIdle();
    ctx.log('launch: bare ltijs, 300 students, 25 concurrent');
    const bare25 = await storm(ctx.barePlatform, courses['bare-a']!.students, 25, 'bare');
    ctx.log(`launch: ${bare25.perSecond}/s p99 ${bare25.latency.p99} ms errors ${bare25.errors}`);
    await ctx.waitForDbIdle();
    ctx.log('launch: Inkwell, 300 students, 100 concurrent');
    const inkwell100 = await storm(ctx.platform, courses['bench-b']!.students, 100, 'inkwell');
    ctx.log(`launch: ${inkwell100.perSecond}/s p99 ${inkwell100.latency.p99} ms errors ${inkwell100.errors}`);
    await ctx.waitForDbIdle();
    ctx.log('launch: bare ltijs, 300 students, 100 concurrent');
    const bare100 = await storm(ctx.barePlatform, courses['bare-b']!.students, 100, 'bare');
    ctx.log(`launch: ${bare100.perSecond}/s p99 ${bare100.latency.p99} ms errors ${bare100.errors}`);
    const bareRssMb = bareRss.stop();
    // The bare tool is done: stop it, so work it still has queued cannot load later scenarios.
    await ctx.bare.stop();

    const ratio25 = round(inkwell25.perSecond / bare25.perSecond, 2);
    const ratio100 = round(inkwell100.perSecond / bare100.perSecond, 2);
    const markdown = [
      'Full launches (login initiation → platform `/auth` → id_token POST → for Inkwell, the 303 followed to the',
      'first page HTML; for bare ltijs, the 200 of its empty `onConnect`). 300 distinct first-time students per storm;',
      'a storm starts no new launch after 45 s (25 concurrent) or 30 s (100 concurrent) to keep the run within its time',
      'budget; launches/s counts the successful launches over the storm’s wall time, in-flight ones included.',
      'Between storms the runner waits until neither tool is still sending database commands.',
      '',
      '| Tool | Concurrent | Launches | Launches/s | p50 ms | p95 ms | p99 ms | max ms | Errors |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      row('Inkwell', inkwell25),
      row('bare ltijs', bare25),
      row('Inkwell', inkwell100),
      row('bare ltijs', bare100),
      '',
      `Inkwell ÷ bare ltijs launches/s: **${ratio25}** at 25 concurrent, ${ratio100} at 100 concurrent.`,
      `Peak RSS of the bare ltijs process during its storms: ${bareRssMb === null ? 'n/a' : round(bareRssMb)} MB.`,
      ...[inkwell25, bare25, inkwell100, bare100].flatMap((r) =>
        r.errorSamples.length ? [``, `Errors at ${r.concurrency} concurrent: ${r.errorSamples.map((e) => `\`${e}\``).join(', ')}`] : [],
      ),
    ].join('\n');
    return {
      figures: {
        'launch.c25.p99_ms': inkwell25.latency.p99,
        'launch.c100.p99_ms': inkwell100.latency.p99,
        'launch.c25.per_s': inkwell25.perSecond,
        'launch.c100.per_s': inkwell100.perSecond,
        'launch.ratio_vs_ltijs': ratio25,
      },
      markdown,
      details: { inkwell: { c25: inkwell25, c100: inkwell100 }, bareLtijs: { c25: bare25, c100: bare100, peakRssMb: bareRssMb }, ratioC100: ratio100 },
    };
  },
  async profile(ctx: BenchContext) {
    await storm(ctx.platform, ctx.courses['bench-p']!.students, 25, 'inkwell', 15);
  },
};

export default scenario;
