/**
 * Every environment variable Inkwell reads, read here and nowhere else (README lists them).
 * Each is read when asked for, not at import, because server.ts settles some of them at start
 * (INKWELL_PRODUCTION, INKWELL_SECRET, INKWELL_DEMO, MONGODB_URI) and tests set others per run.
 * Next compiles route handlers into a module graph of their own, so values reach both copies
 * through process.env rather than through module state.
 *
 * A leaf module: only Node built-ins, so services/, models/, lti/ and server/ may all import it.
 * Derived settings (the secret, the LMS network policy) are built from these in services/config.ts.
 */
import { resolve } from 'node:path';

function text(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

function flag(name: string): boolean {
  const value = process.env[name];
  return value === '1' || value === 'true';
}

/** A positive number, or the fallback when the variable is unset or not one. */
function positiveNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Zero or more, or the fallback when the variable is unset or not one. */
function nonNegativeNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** A positive number, or undefined when the variable is unset or not one. */
function optionalPositiveNumber(name: string): number | undefined {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

function list(name: string): string[] {
  return (process.env[name] ?? '').split(/[\s,]+/).filter(Boolean);
}

export const environment = {
  /** INKWELL_PRODUCTION as pinned by server.ts ('1'/'0'), else NODE_ENV. */
  production(): boolean {
    const pinned = process.env.INKWELL_PRODUCTION;
    if (pinned === '1' || pinned === '0') return pinned === '1';
    return process.env.NODE_ENV === 'production';
  },
  /** NODE_ENV as the operator started Inkwell (before Next changes it). */
  nodeEnvIsProduction(): boolean {
    return process.env.NODE_ENV === 'production';
  },
  /** INKWELL_NEXT_DEV=1 runs Next's development server (hot reload; its scripts need eval). */
  nextDev(): boolean {
    return process.env.INKWELL_NEXT_DEV === '1';
  },
  port(): number {
    const value = Number(process.env.PORT ?? 3000);
    return Number.isInteger(value) && value > 0 ? value : 3000;
  },
  publicUrl: (): string | undefined => text('INKWELL_PUBLIC_URL'),
  secret: (): string | undefined => text('INKWELL_SECRET'),
  previousSecret: (): string | undefined => text('INKWELL_PREVIOUS_SECRET'),
  /** Where the embedded database, the development secret and the admin password live. */
  dataDir: (): string => resolve(process.env.INKWELL_DATA_DIR ?? '.data'),
  /** INKWELL_DEMO as given, or undefined when unset (the default then depends on production). */
  demo(): boolean | undefined {
    const value = process.env.INKWELL_DEMO;
    return value === undefined ? undefined : value === '1' || value === 'true';
  },
  demoPort: (): number | undefined => optionalPositiveNumber('INKWELL_DEMO_PORT'),
  mongoUri: (): string | undefined => text('MONGODB_URI'),
  databaseName: (): string => process.env.INKWELL_DB_NAME ?? 'inkwell',
  adminPassword: (): string | undefined => text('INKWELL_ADMIN_PASSWORD'),
  openRegistration: (): boolean => flag('INKWELL_OPEN_REGISTRATION'),
  /** Timeout of every request to an LMS service. */
  lmsTimeoutMs: (): number => positiveNumber('INKWELL_LMS_TIMEOUT_MS', 10_000),
  lmsHosts: (): string[] => list('INKWELL_LMS_HOSTS'),
  insecureTestLms: (): boolean => flag('INKWELL_INSECURE_TEST_LMS'),
  allowPrivateLms: (): boolean => flag('INKWELL_ALLOW_PRIVATE_LMS'),
  /** Extra origins allowed to frame Inkwell, separated by spaces. */
  frameAncestors: (): string[] => (process.env.INKWELL_FRAME_ANCESTORS ?? '').split(/\s+/).filter(Boolean),
  keyOverlapHours: (): number => nonNegativeNumber('INKWELL_KEY_OVERLAP_HOURS', 7 * 24),
  rateLimitScale: (): number => nonNegativeNumber('INKWELL_RATE_LIMIT_SCALE', 1),
  /** Only ever used to shorten the built-in windows (services/sessions.ts caps them). */
  sessionIdleSeconds: (): number | undefined => optionalPositiveNumber('INKWELL_SESSION_IDLE_SECONDS'),
  sessionTicketSeconds: (): number | undefined => optionalPositiveNumber('INKWELL_SESSION_TICKET_SECONDS'),
  /** INKWELL_LOG_LEVEL as given (services/config.ts checks it). */
  logLevel: (): string | undefined => text('INKWELL_LOG_LEVEL'),
  /** INKWELL_LOG_FORMAT=json: JSON log lines in development too. */
  jsonLogs: (): boolean => process.env.INKWELL_LOG_FORMAT === 'json',
  metricsToken: (): string | undefined => text('INKWELL_METRICS_TOKEN'),
  /** INKWELL_TRUST_PROXY as given: `loopback` when unset. */
  trustProxy: (): string => (process.env.INKWELL_TRUST_PROXY ?? 'loopback').trim(),
  shutdownGraceMs: (): number => positiveNumber('INKWELL_SHUTDOWN_GRACE_MS', 25_000),
  /** INKWELL_RETENTION_DAYS as written (services/privacy.ts checks it): unset keeps data. */
  retentionDays: (): string | undefined => text('INKWELL_RETENTION_DAYS')?.trim() || undefined,
  passback: () => ({
    maxAttempts: positiveNumber('INKWELL_PASSBACK_MAX_ATTEMPTS', 8),
    baseDelayMs: positiveNumber('INKWELL_PASSBACK_BASE_DELAY_MS', 2_000),
    maxDelayMs: positiveNumber('INKWELL_PASSBACK_MAX_DELAY_MS', 10 * 60_000),
    slotMs: positiveNumber('INKWELL_PASSBACK_SLOT_MS', 60_000),
    concurrency: positiveNumber('INKWELL_PASSBACK_CONCURRENCY', 4),
    pollMs: positiveNumber('INKWELL_PASSBACK_POLL_MS', 1_000),
  }),
};
