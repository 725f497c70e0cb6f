/**
 * The passback backlog: how many gradebook jobs wait, how old the oldest is,
 * and whether the backlog is growing (for /api/health and /metrics).
 * Samples are kept on globalThis so the health route (Next's module graph)
 * and the metrics scrape (the custom server's) share one history.
 */
import { pendingJobsSummary } from '../models/passback-jobs';

export interface PassbackBacklog {
  pending: number;
  oldestPendingSeconds: number;
  /** More jobs wait than a minute or more ago, or the oldest has waited over 15 minutes. */
  growing: boolean;
}

/** A job waiting longer than this is stuck, whatever the count does. */
const STUCK_SECONDS = 15 * 60;
/** Compare with a sample at least this old (and drop samples older than the window). */
const COMPARE_AFTER_MS = 60_000;
const WINDOW_MS = 10 * 60_000;
/** Scrapes and health checks within this time share one reading. */
const READING_TTL_MS = 1_000;

interface BacklogState {
  samples: { at: number; pending: number }[];
  last?: { at: number; reading: Promise<PassbackBacklog> };
}

const GLOBAL_KEY = Symbol.for('inkwell.passbackBacklog');
type GlobalWithBacklog = typeof globalThis & { [GLOBAL_KEY]?: BacklogState };

function backlogState(): BacklogState {
  const g = globalThis as GlobalWithBacklog;
  g[GLOBAL_KEY] ??= { samples: [] };
  return g[GLOBAL_KEY];
}

/** Judges growth from the samples; pure, for the unit test. */
export function isBacklogGrowing(samples: { at: number; pending: number }[], now: number, pending: number, oldestPendingSeconds: number): boolean {
  if (pending === 0) return false;
  if (oldestPendingSeconds > STUCK_SECONDS) return true;
  const earlier = samples.filter((sample) => now - sample.at >= COMPARE_AFTER_MS);
  const latestEarlier = earlier.at(-1);
  return latestEarlier !== undefined && pending > latestEarlier.pending;
}

async function read(now: number): Promise<PassbackBacklog> {
  const state = backlogState();
  const { count, oldestCreatedAt } = await pendingJobsSummary();
  const oldestPendingSeconds = oldestCreatedAt ? Math.max(0, Math.round((now - oldestCreatedAt.getTime()) / 1000)) : 0;
  state.samples = state.samples.filter((sample) => now - sample.at <= WINDOW_MS);
  const growing = isBacklogGrowing(state.samples, now, count, oldestPendingSeconds);
  state.samples.push({ at: now, pending: count });
  return { pending: count, oldestPendingSeconds, growing };
}

export async function passbackBacklog(now = Date.now()): Promise<PassbackBacklog> {
  const state = backlogState();
  if (state.last && now - state.last.at < READING_TTL_MS) return state.last.reading;
  const reading = read(now);
  state.last = { at: now, reading };
  reading.catch(() => {
    if (state.last?.reading === reading) state.last = undefined;
  });
  return reading;
}
