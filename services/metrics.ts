/**
 * Prometheus metrics (prom-client), served at /metrics by server/metrics-route.ts.
 * Labels hold only bounded values: route patterns, outcomes, reasons from a
 * fixed list — never a URL, a user or an LMS.
 *
 * The registry lives on globalThis: Next compiles the route handlers (which
 * count autosaves) into a separate module graph from the custom server (which
 * serves the scrape), and both must count into the same metrics.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { passbackBacklog } from './passback-backlog';

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'inkwell_' });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: 'inkwell_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: 'inkwell_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method and route pattern.',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    launches: new Counter({
      name: 'inkwell_launches_total',
      help: 'LTI launches, by outcome (accepted or refused) and kind or refusal reason.',
      labelNames: ['outcome', 'reason'] as const,
      registers,
    }),
    autosaves: new Counter({
      name: 'inkwell_autosaves_total',
      help: 'Essay autosaves, by outcome (saved, conflict with another tab, refused).',
      labelNames: ['outcome'] as const,
      registers,
    }),
    passbackQueued: new Counter({
      name: 'inkwell_passback_jobs_queued_total',
      help: 'Gradebook jobs queued (a submission notice or a released grade).',
      labelNames: ['kind'] as const,
      registers,
    }),
    passbackAttempts: new Counter({
      name: 'inkwell_passback_attempts_total',
      help: 'Gradebook delivery attempts by outcome: sent (delivered), retry, failed, unavailable, superseded.',
      labelNames: ['outcome'] as const,
      registers,
    }),
    passbackPending: new Gauge({
      name: 'inkwell_passback_pending_jobs',
      help: 'Gradebook jobs waiting to be delivered (read from the database at each scrape).',
      registers,
      async collect() {
        this.set((await passbackBacklog()).pending);
      },
    }),
    passbackOldestAge: new Gauge({
      name: 'inkwell_passback_oldest_pending_age_seconds',
      help: 'Age of the oldest gradebook job still waiting (0 when none waits).',
      registers,
      async collect() {
        this.set((await passbackBacklog()).oldestPendingSeconds);
      },
    }),
    dbCommands: new Histogram({
      name: 'inkwell_db_command_duration_seconds',
      help: 'Database command latency, by command name and outcome.',
      labelNames: ['command', 'outcome'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
  };
}

type Metrics = ReturnType<typeof createMetrics>;
const GLOBAL_KEY = Symbol.for('inkwell.metrics');
type GlobalWithMetrics = typeof globalThis & { [GLOBAL_KEY]?: Metrics };

function metrics(): Metrics {
  const g = globalThis as GlobalWithMetrics;
  g[GLOBAL_KEY] ??= createMetrics();
  return g[GLOBAL_KEY];
}

export function observeHttpRequest(method: string, route: string, status: number, seconds: number): void {
  const m = metrics();
  m.httpRequests.inc({ method, route, status: String(status) });
  m.httpDuration.observe({ method, route }, seconds);
}

/** Refusal reasons, by the start of the logged reason (server/lti-routes.ts); anything else is "other". */
const REFUSAL_REASONS: [RegExp, string][] = [
  [/^login initiation/, 'bad_login_initiation'],
  [/^invalid launch: state/, 'bad_state'],
  [/^invalid launch: unknown, expired or already used state/, 'bad_state'],
  [/^invalid launch/, 'invalid_token'],
  [/rate limit/, 'rate_limited'],
  [/^unregistered platform/, 'unregistered_platform'],
  [/^inactive platform/, 'inactive_platform'],
  [/^session timeout/, 'session_timeout'],
  [/deployment/i, 'unknown_deployment'],
  [/^launch could not be recorded/, 'not_recorded'],
  [/^deep linking request failed/, 'deep_linking_failed'],
];

export function countLaunchRefused(reason: string): void {
  const label = REFUSAL_REASONS.find(([pattern]) => pattern.test(reason))?.[1] ?? 'other';
  metrics().launches.inc({ outcome: 'refused', reason: label });
}

export function countLaunchAccepted(kind: 'resource_link' | 'deep_linking'): void {
  metrics().launches.inc({ outcome: 'accepted', reason: kind });
}

export function countAutosave(outcome: 'saved' | 'conflict' | 'refused'): void {
  metrics().autosaves.inc({ outcome });
}

export function countPassbackQueued(kind: 'grade' | 'submission'): void {
  metrics().passbackQueued.inc({ kind });
}

export function countPassbackAttempt(outcome: string): void {
  metrics().passbackAttempts.inc({ outcome });
}

export function observeDbCommand(command: string, outcome: 'ok' | 'error', seconds: number): void {
  metrics().dbCommands.observe({ command, outcome }, seconds);
}

/** The scrape: Prometheus text format. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
