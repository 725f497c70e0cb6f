/**
 * Autosave: 1,000 students with open essays (sessions from real launches) each saving a
 * ~1,500-word essay (`PUT /api/essay/draft` with the revision it is based on). Open-loop load:
 * saves are sent on a fixed schedule whatever the server's latency, each student with at most one
 * save in flight. First the classroom rate (100 saves/s = every student every 10 s) for a whole
 * minute (a lesson's worth of saving must see no error at all), then higher (or lower) rates
 * until p99 reaches 50 ms, halving the gap to the failing rate; the 300 saves/s step (the target) always runs.
 */
import { performance } from 'node:perf_hooks';
import type { BenchContext, Scenario, Student } from '../lib/context';
import { essayText } from '../lib/essay-text';
import { send } from '../lib/http';
import { round, summarise, type LatencySummary } from '../lib/stats';
import { ensureSessions } from './launch';

const P99_LIMIT_MS = 50;
const TARGET_RATE = 300;
/**
 * At most this many saves in flight: a server that cannot keep up would otherwise keep working
 * through hundreds of saves whose clients gave up, long after the step (and into later scenarios).
 */
const MAX_IN_FLIGHT = 100;
/** The classroom rate first; then up while steps pass, or down (and the target once) when it fails. */
const CLASSROOM = { rate: 100, seconds: 60 };
const UP = [200, 300, 400, 500, 650, 800, 1000].map((rate) => ({ rate, seconds: rate === TARGET_RATE ? 10 : 5 }));
const DOWN = [25, 5].map((rate) => ({ rate, seconds: 5 }));

export interface StepResult {
  rate: number;
  seconds: number;
  sent: number;
  ok: number;
  errors: number;
  /** Saves not sent because the student still had one in flight or the in-flight cap was reached. */
  skipped: number;
  achievedPerS: number;
  latency: LatencySummary;
  errorSamples: string[];
  pass: boolean;
}

let cursor = 0;

export function saveBody(student: Student, index: number): string {
  student.text ??= essayText(index);
  return JSON.stringify({ text: `${student.text} (saved at revision ${student.revision + 1})`, baseRevision: student.revision });
}

export async function save(baseUrl: string, student: Student, index: number): Promise<{ ok: boolean; ms: number; error?: string }> {
  const response = await send('PUT', `${baseUrl}/api/essay/draft`, {
    headers: { authorization: `Bearer ${student.session}`, 'content-type': 'application/json' },
    body: saveBody(student, index),
    timeoutMs: 10_000,
  });
  const json = JSON.parse(response.body || '{}') as { revision?: number; currentRevision?: number; code?: string };
  if (response.status === 200 && typeof json.revision === 'number') {
    student.revision = json.revision;
    return { ok: true, ms: response.ms };
  }
  if (typeof json.currentRevision === 'number') student.revision = json.currentRevision;
  return { ok: false, ms: response.ms, error: `${response.status} ${json.code ?? ''}`.trim() };
}

export async function runStep(baseUrl: string, students: Student[], rate: number, seconds: number): Promise<StepResult> {
  const busy = new Set<number>();
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  let ok = 0;
  let errors = 0;
  let skipped = 0;
  const total = Math.round(rate * seconds);
  const started = performance.now();
  let due = 0;
  while (due < total) {
    const shouldHaveSent = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
    while (due < shouldHaveSent) {
      due++;
      let index = -1;
      for (let tries = 0; tries < students.length; tries++) {
        const candidate = cursor++ % students.length;
        if (!busy.has(candidate)) {
          index = candidate;
          break;
        }
      }
      if (index < 0 || inFlight.size >= MAX_IN_FLIGHT) {
        skipped++;
        continue;
      }
      sent++;
      busy.add(index);
      const sentAt = performance.now();
      const job = save(baseUrl, students[index]!, index)
        .then(
          (outcome) => {
            latencies.push(outcome.ms);
            if (outcome.ok) ok++;
            else {
              errors++;
              if (errorSamples.length < 5 && outcome.error) errorSamples.push(outcome.error);
            }
          },
          (error: unknown) => {
            // A timed-out save counts with the time it was given up after.
            latencies.push(performance.now() - sentAt);
            errors++;
            if (errorSamples.length < 5) errorSamples.push(error instanceof Error ? error.message : String(error));
          },
        )
        .finally(() => {
          busy.delete(index);
          inFlight.delete(job);
        });
      inFlight.add(job);
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inFlight);
  const elapsedS = Math.max(seconds, (performance.now() - started) / 1000);
  const latency = summarise(latencies);
  const achievedPerS = round(ok / elapsedS);
  const pass = latency.p99 < P99_LIMIT_MS && errors === 0 && skipped === 0 && achievedPerS >= rate * 0.95;
  return { rate, seconds, sent, ok, errors, skipped, achievedPerS, latency, errorSamples, pass };
}

function row(step: StepResult): string {
  const { latency } = step;
  return `| ${step.rate} | ${step.seconds} | ${step.achievedPerS} | ${latency.p50} | ${latency.p95} | ${latency.p99} | ${latency.max} | ${step.errors} | ${step.skipped} | ${step.pass ? 'yes' : 'no'} |`;
}

/** The 1,000 writing students: the two launch-storm classes plus 400 more launched now. */
function writers(ctx: BenchContext): Student[] {
  return ['bench-a', 'bench-b', 'bench-c'].flatMap((id) => ctx.courses[id]!.students).filter((s) => s.session);
}

const scenario: Scenario = {
  name: 'autosave',
  title: 'Autosave',
  order: 40,
  usesServer: true,
  targets: [
    { key: 'autosave.sustained_per_s', label: 'Autosaves/s sustained with p99 < 50 ms', op: '>=', threshold: 300, unit: '/s' },
    { key: 'autosave.p99_ms', label: 'Autosave p99 at 300 saves/s', op: '<', threshold: 50, unit: 'ms' },
    { key: 'autosave.classroom60_errors', label: 'Autosave errors at 100 saves/s for 60 s', op: '<=', threshold: 0, unit: '' },
  ],
  async run(ctx: BenchContext) {
    ctx.log('autosave: sessions for 1,000 writers (400 more students launch now)');
    const launchErrors = await ensureSessions(ctx, ['bench-a', 'bench-b', 'bench-c']);
    const students = writers(ctx);
    ctx.log(`autosave: ${students.length} students with sessions (launch errors: ${launchErrors})`);
    // One save at a time first: what a save costs when nothing else is going on.
    const alone: number[] = [];
    for (let i = 0; i < 20; i++) {
      const index = (cursor++ % students.length);
      const outcome = await save(ctx.inkwell.baseUrl, students[index]!, index).catch(() => null);
      if (outcome?.ok) alone.push(outcome.ms);
    }
    const aloneSummary = summarise(alone);
    ctx.log(`autosave: one at a time p50 ${aloneSummary.p50} ms, max ${aloneSummary.max} ms`);
    const steps: StepResult[] = [];
    const step = async ({ rate, seconds }: { rate: number; seconds: number }) => {
      ctx.log(`autosave: ${rate} saves/s for ${seconds} s`);
      const result = await runStep(ctx.inkwell.baseUrl, students, rate, seconds);
      steps.push(result);
      ctx.log(`autosave: achieved ${result.achievedPerS}/s p99 ${result.latency.p99} ms errors ${result.errors} skipped ${result.skipped}`);
      await ctx.waitForDbIdle();
      return result;
    };
    let sustained = 0;
    let failed: number | null = null;
    if ((await step(CLASSROOM)).pass) {
      sustained = CLASSROOM.rate;
      for (const next of UP) {
        if (!(await step(next)).pass) {
          failed = next.rate;
          break;
        }
        sustained = next.rate;
      }
    } else {
      failed = CLASSROOM.rate;
      for (const next of DOWN) {
        if ((await step(next)).pass) {
          sustained = next.rate;
          break;
        }
        failed = next.rate;
      }
    }
    // Narrow the gap between the passing and the failing rate (to within 10 saves/s, three steps at most).
    for (let i = 0; sustained > 0 && failed !== null && i < 3 && failed - sustained > 10; i++) {
      const rate = Math.round((sustained + failed) / 2 / 5) * 5;
      if ((await step({ rate, seconds: 5 })).pass) sustained = rate;
      else failed = rate;
    }
    if (!steps.some((s) => s.rate === TARGET_RATE)) await step({ rate: TARGET_RATE, seconds: 5 });
    const atTarget = steps.find((s) => s.rate === TARGET_RATE);
    const classroom = steps.find((s) => s.rate === 100);
    const markdown = [
      `${students.length} students with sessions from real launches, each save a ~1,500-word essay (~${round(saveBody(students[0]!, 0).length / 1000)} kB JSON).`,
      'Open-loop schedule: saves go out at the offered rate whatever the latency; the classroom rate (100/s) runs for 60 s',
      'and must have no failed save at all; a step passes when p99 < 50 ms,',
      'nothing failed or was skipped, and at least 95% of the offered rate completed. After the classroom rate (100/s) the',
      'rate goes up while steps pass (lower rates are tried if it fails); then the gap between the passing and the failing',
      'rate is halved (up to three steps), and the 300/s target runs once for its p99 if no step ran it. A save',
      'that times out (10 s) counts in the latencies with the time it was given up after.',
      '',
      `One save at a time (20 saves, nothing else running): p50 ${aloneSummary.p50} ms, p95 ${aloneSummary.p95} ms, max ${aloneSummary.max} ms.`,
      '',
      '| Offered saves/s | Seconds | Achieved/s | p50 ms | p95 ms | p99 ms | max ms | Errors | Skipped | Pass |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
      ...steps.map(row),
      '',
      `Sustained with p99 < 50 ms: **${sustained} saves/s**. p99 at the classroom rate (100/s): ${classroom?.latency.p99 ?? 'n/a'} ms; at the 300/s target: ${atTarget?.latency.p99 ?? 'n/a'} ms.`,
      `Failed saves at the classroom rate for ${CLASSROOM.seconds} s: **${classroom?.errors ?? 'n/a'}** (${classroom?.skipped ?? 'n/a'} not sent because the student's previous save was still in flight).`,
      ...steps.flatMap((s) => (s.errorSamples.length ? [``, `Errors at ${s.rate}/s: ${s.errorSamples.map((e) => `\`${e}\``).join(', ')}`] : [])),
    ].join('\n');
    return {
      figures: {
        'autosave.sustained_per_s': sustained,
        'autosave.p99_ms': atTarget?.latency.p99 ?? null,
        'autosave.classroom_p99_ms': classroom?.latency.p99 ?? null,
        'autosave.classroom60_errors': classroom?.errors ?? null,
        'autosave.alone_p50_ms': aloneSummary.p50,
      },
      markdown,
      details: { writers: students.length, oneAtATime: aloneSummary, steps },
    };
  },
  async profile(ctx: BenchContext) {
    const students = writers(ctx);
    // The classroom rate: where the failure starts to matter.
    await runStep(ctx.inkwell.baseUrl, students, CLASSROOM.rate, 5);
  },
};

export default scenario;
