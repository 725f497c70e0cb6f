/**
 * Runs the real Inkwell server (server.ts, production Next build) as a child
 * process next to a platform emulator, registered through the CLI as an
 * admin would. Every test file gets its own server, database and platform.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { inject } from 'vitest';
import { freeLoopbackPort } from '../../server/embedded-db';
import { startPlatform, type Platform, type StartPlatformOptions } from '../../emulator';
import { startLoadBalancer, type LoadBalancer } from '../../bench/lib/load-balancer';
import { CLI_BUNDLE } from '../../scripts/lib/prepare.mjs';
import { SERVER_NODE_ARGS } from '../../scripts/lib/server-process.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');

export interface RunningInkwell {
  baseUrl: string;
  platform: Platform;
  /** Everything the server printed, for asserting on logged reasons. */
  logs: string[];
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
  /** Ends the server at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and database (after kill or stop); `env` changes its settings (e.g. another database). */
  restart(env?: Record<string, string>): Promise<void>;
  /** Another Inkwell process on the same database (e.g. a second worker); stopped by stop(). */
  startAnother(): Promise<{ baseUrl: string; stop(): Promise<void> }>;
}

export interface StartInkwellOptions {
  platform?: Omit<StartPlatformOptions, 'toolBaseUrl'>;
  /** Host name in Inkwell's public URL; `localhost` keeps it on another site than the platform (127.0.0.1). */
  publicHost?: string;
  /** Extra environment for the server (e.g. INKWELL_ADMIN_PASSWORD, INKWELL_OPEN_REGISTRATION). */
  env?: Record<string, string>;
  /** Register the emulator's built-in client through the CLI (default true). */
  registerPlatform?: boolean;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, logs: string[], withinMs = 60_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Inkwell exited during start:\n${logs.join('')}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Inkwell did not become healthy:\n${logs.join('')}`);
}

/** Runs the operator CLI (`npm run inkwell -- …`) against the test server's database. */
export function runCli(env: NodeJS.ProcessEnv, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--enable-source-maps', CLI_BUNDLE, ...args], { cwd: ROOT, env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function registerPlatformWithCli(env: NodeJS.ProcessEnv, platform: Platform): void {
  const result = spawnSync(
    process.execPath,
    ['--enable-source-maps', CLI_BUNDLE, ...platform.cliRegistrationArgs(`Test ${platform.flavour}`)],
    { cwd: ROOT, env, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`platform add failed: ${result.stderr}${result.stdout}`);
}

/** The environment of a test server: its own database and secret, passback timing scaled down. */
function serverEnv(port: number, baseUrl: string, extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    MONGODB_URI: inject('mongoUri'),
    INKWELL_DB_NAME: `inkwell_test_${randomBytes(6).toString('hex')}`,
    INKWELL_SECRET: randomBytes(32).toString('hex'),
    INKWELL_PUBLIC_URL: baseUrl,
    INKWELL_DEMO: '0',
    // The platform emulator listens on http://127.0.0.1: allow that LMS in production mode (tests only).
    INKWELL_INSECURE_TEST_LMS: '1',
    INKWELL_ALLOW_PRIVATE_LMS: '1',
    // Passback timing scaled down so retries and crash recovery happen within a test.
    INKWELL_LMS_TIMEOUT_MS: '800',
    INKWELL_PASSBACK_SLOT_MS: '3000',
    INKWELL_PASSBACK_BASE_DELAY_MS: '100',
    INKWELL_PASSBACK_MAX_DELAY_MS: '800',
    INKWELL_PASSBACK_MAX_ATTEMPTS: '8',
    INKWELL_PASSBACK_POLL_MS: '200',
    ...extra,
  };
}

export async function startInkwell(options: StartInkwellOptions = {}): Promise<RunningInkwell> {
  const port = await freeLoopbackPort();
  const baseUrl = `http://${options.publicHost ?? 'localhost'}:${port}`;
  const platform = await startPlatform({ host: '127.0.0.1', ...options.platform, toolBaseUrl: baseUrl });
  const env = serverEnv(port, baseUrl, options.env);
  if (options.registerPlatform !== false) registerPlatformWithCli(env, platform);

  const logs: string[] = [];
  let server: ServerProcess;
  try {
    server = await spawnServer(env, baseUrl, logs);
  } catch (error) {
    await platform.close();
    throw error;
  }
  const others: ServerProcess[] = [];
  return {
    baseUrl,
    platform,
    logs,
    env,
    async stop() {
      await Promise.all([server, ...others].map((p) => p.stop('SIGTERM')));
      await platform.close();
    },
    async kill() {
      await server.stop('SIGKILL');
    },
    async restart(changes) {
      await server.stop('SIGTERM');
      Object.assign(env, changes);
      server = await spawnServer(env, baseUrl, logs);
    },
    async startAnother() {
      const otherPort = await freeLoopbackPort();
      const otherUrl = `http://localhost:${otherPort}`;
      const other = await spawnServer({ ...env, PORT: String(otherPort) }, otherUrl, logs);
      others.push(other);
      return { baseUrl: otherUrl, stop: () => other.stop('SIGTERM') };
    },
  };
}

export interface InkwellCluster {
  /** The load balancer's address: the public URL of every process, and the LMS's tool URL. */
  baseUrl: string;
  /** Each process's own address (bypassing the load balancer). */
  processUrls: string[];
  balancer: LoadBalancer;
  platform: Platform;
  logs: string[];
  stop(): Promise<void>;
}

/**
 * `count` Inkwell processes on one database with one INKWELL_SECRET, behind a round-robin load
 * balancer (bench/lib/load-balancer.ts) whose address is their INKWELL_PUBLIC_URL, as in production.
 */
export async function startInkwellCluster(count: number, options: { env?: Record<string, string> } = {}): Promise<InkwellCluster> {
  const balancerPort = await freeLoopbackPort();
  const baseUrl = `http://localhost:${balancerPort}`;
  const platform = await startPlatform({ host: '127.0.0.1', toolBaseUrl: baseUrl });
  const env = serverEnv(balancerPort, baseUrl, options.env);
  registerPlatformWithCli(env, platform);
  const logs: string[] = [];
  const processes: ServerProcess[] = [];
  const processUrls: string[] = [];
  let balancer: LoadBalancer | undefined;
  const stop = async () => {
    await balancer?.close();
    await Promise.all(processes.map((p) => p.stop('SIGTERM')));
    await platform.close();
  };
  try {
    // Started together, as a deployment would: each runs the start-up data changes against the same database.
    // Two starting at once on a busy 2-core machine take longer than one: a longer wait for health.
    for (let i = 0; i < count; i++) processUrls.push(`http://localhost:${await freeLoopbackPort()}`);
    const started = await Promise.allSettled(processUrls.map((url) => spawnServer({ ...env, PORT: new URL(url).port }, url, logs, 150_000)));
    for (const result of started) if (result.status === 'fulfilled') processes.push(result.value);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    balancer = await startLoadBalancer(processUrls, { port: balancerPort });
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, processUrls, balancer, platform, logs, stop };
}

interface ServerProcess {
  stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

/** Log buffers of the servers this test file started: printed when a test fails (tests/support/failure-logs.ts). */
const startedServerLogs = new Set<string[]>();

/** The last lines every server of this test file logged, oldest server first. */
export function recentServerLogs(lines: number): string {
  return [...startedServerLogs]
    .map((logs) => logs.join('').trimEnd().split('\n').slice(-lines).join('\n'))
    .filter((text) => text !== '')
    .join('\n---\n');
}

async function spawnServer(env: NodeJS.ProcessEnv, baseUrl: string, logs: string[], startWithinMs?: number): Promise<ServerProcess> {
  startedServerLogs.add(logs);
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  try {
    await waitForHealth(baseUrl, child, logs, startWithinMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    stop: (signal) =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill(signal);
      }),
  };
}
