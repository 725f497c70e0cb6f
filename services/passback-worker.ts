/**
 * Delivers the passback outbox. Runs in every Inkwell process; processes
 * share the work safely because each attempt of a job is made in a window
 * that exactly one worker claims (models/passback-jobs.ts). Windows are
 * counted from the attempt's due time, so all workers name the same window;
 * a window is only started when enough of it is left for the attempt to
 * finish, so a job is never sent by two workers at once. A worker that dies
 * loses its window and another worker picks the job up in the next one.
 */
import { randomBytes } from 'node:crypto';
import { environment } from '../config/environment';
import { claimJobSlot, findDueJobs, findJob, pruneJobSlots, releaseJobSlot, restoreDueEntries, updateJob, type PassbackJob } from '../models/passback-jobs';
import { log } from './logger';
import { countPassbackAttempt } from './metrics';
import { deliverJob } from './passback';

export interface WorkerOptions {
  /** Length of a delivery slot; a dead worker's job waits at most this long. */
  slotMs: number;
  /** How long one attempt may take (request timeout plus margin). */
  attemptBudgetMs: number;
  /** Deliveries running at once (bounded, so a bulk release does not flood the LMS). */
  concurrency: number;
  pollMs: number;
}

export function workerOptionsFromEnv(): WorkerOptions {
  const timeout = environment.lmsTimeoutMs();
  const { slotMs, concurrency, pollMs } = environment.passback();
  return {
    slotMs,
    // A token request and a score post, with room to record the outcome, must fit in what is left of a slot.
    attemptBudgetMs: timeout * 2 + Math.min(2_000, slotMs / 10),
    concurrency,
    pollMs,
  };
}

export class PassbackWorker {
  private readonly owner = randomBytes(6).toString('hex');
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private stopped = true;
  private readonly inFlight = new Set<string>();
  private readonly deliveries = new Set<Promise<void>>();
  /** Whether this worker has made sure every pending job is in the due list (once per start). */
  private dueListChecked = false;

  constructor(private readonly options: WorkerOptions = workerOptionsFromEnv()) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /**
   * Takes no new work. The promise settles when the deliveries already sending have finished (at most
   * `graceMs`): a grade half-sent is finished rather than sent twice. Slots claimed but not yet used are
   * handed back at once, so another process delivers those jobs without waiting for the next window.
   */
  async stop(graceMs = 0): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (graceMs <= 0 || this.deliveries.size === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.allSettled([...this.deliveries]),
      new Promise<void>((done) => {
        timer = setTimeout(done, graceMs);
      }),
    ]);
    clearTimeout(timer);
  }

  /** Look for work now (after a grade was queued), instead of at the next poll. */
  kick(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.running) return;
    this.running = true;
    let busy = false;
    try {
      if (!this.dueListChecked) {
        const restored = await restoreDueEntries();
        if (restored > 0) log().info({ restored }, '[passback] pending jobs added to the due list');
        this.dueListChecked = true;
      }
      const now = new Date();
      const due = (await findDueJobs(now, this.options.concurrency * 4)).filter((job) => !this.inFlight.has(job.id));
      // Look again at once only after a delivery: jobs that another process holds, or whose window is
      // nearly over, are due too, and looking again at once would read the due list in a loop.
      let delivered = 0;
      await this.runBounded(due, async (job) => {
        if (await this.tryDeliver(job)) delivered++;
      });
      busy = delivered > 0;
      if (Math.random() < 0.01) await pruneJobSlots(now);
    } catch (error) {
      log().warn({ error: error instanceof Error ? error.message : String(error) }, '[passback] worker tick failed');
    } finally {
      this.running = false;
      if (!this.stopped) this.schedule(busy ? 0 : this.options.pollMs);
    }
  }

  private async runBounded(jobs: PassbackJob[], run: (job: PassbackJob) => Promise<void>): Promise<void> {
    const queue = [...jobs];
    const lanes = Array.from({ length: Math.min(this.options.concurrency, queue.length) }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await run(job);
    });
    await Promise.all(lanes);
  }

  /** True when this worker made the attempt (it held the job's window). */
  private async tryDeliver(job: PassbackJob): Promise<boolean> {
    const now = Date.now();
    const due = job.nextAttemptAt.getTime();
    const window = Math.max(0, Math.floor((now - due) / this.options.slotMs));
    const windowEnd = due + (window + 1) * this.options.slotMs;
    // Too little of this window left to finish an attempt: leave it for the next window.
    if (windowEnd - now < this.options.attemptBudgetMs) return false;
    if (this.stopped) return false;
    if (!(await claimJobSlot(job.id, `${job.attempts}:${window}`, this.owner, new Date(now)))) return false;
    const slot = `${job.attempts}:${window}`;
    if (this.stopped) {
      await releaseJobSlot(job, slot, this.owner);
      return false;
    }
    // The job was read at the start of the tick, and a tick with a slow LMS can outlast a window:
    // another process may have sent it (or made this attempt) in the window before the one just
    // claimed. Only the job as it stands now, still pending at the same attempt, may be sent.
    const current = await findJob(job.id);
    if (!current || current.status !== 'pending' || current.attempts !== job.attempts || current.nextAttemptAt.getTime() !== due) return false;
    const slotEnd = windowEnd;
    this.inFlight.add(job.id);
    const delivery = (async () => {
      await updateJob(job, { leaseUntil: new Date(slotEnd) });
      // The post and its record must end inside this window: the next window's holder re-reads the job then.
      countPassbackAttempt(await deliverJob(current, new Date(), new Date(slotEnd - this.options.attemptBudgetMs)));
    })();
    this.deliveries.add(delivery);
    try {
      await delivery;
    } finally {
      this.deliveries.delete(delivery);
      this.inFlight.delete(job.id);
    }
    return true;
  }
}

const GLOBAL_KEY = Symbol.for('inkwell.passbackWorker');
type GlobalWithWorker = typeof globalThis & { [GLOBAL_KEY]?: PassbackWorker };

/** The process's worker, shared by the custom server and Next's route handlers (which kick it). */
export function processWorker(): PassbackWorker {
  const g = globalThis as GlobalWithWorker;
  g[GLOBAL_KEY] ??= new PassbackWorker();
  return g[GLOBAL_KEY];
}
