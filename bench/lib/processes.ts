/**
 * The processes under test: Inkwell (server.ts with the production Next build) and the bare
 * ltijs tool, each a child of the runner on its own loopback port, plus RSS sampling from
 * /proc and CPU profiles taken on demand (see profile-hook.mjs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { freeLoopbackPort } from '../../server/embedded-db';
import type { Platform } from '../../emulator';
import { SERVER_NODE_ARGS } from '../../scripts/lib/server-process.mjs';

export const ROOT = resolve(import.meta.dirname, '..', '..');

export interface ServerProcess {
  name: string;
  baseUrl: string;
  pid: number;
  logs: string[];
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

async function waitUntilReady(name: string, url: string, child: ChildProcess, logs: string[]): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start:\n${logs.join('')}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} did not start within 90 s:\n${logs.join('')}`);
}

function startChild(name: string, args: string[], env: NodeJS.ProcessEnv, baseUrl: string, readyPath: string): Promise<ServerProcess> {
  const logs: string[] = [];
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer) => {
    logs.push(chunk.toString());
    if (logs.length > 2000) logs.splice(0, 1000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        done();
      });
      child.kill('SIGTERM');
    });
  process.once('exit', () => child.kill('SIGKILL'));
  return waitUntilReady(name, `${baseUrl}${readyPath}`, child, logs).then(
    () => ({ name, baseUrl, pid: child.pid!, logs, env, stop }),
    async (error: unknown) => {
      await stop();
      throw error;
    },
  );
}

/**
 * Registers the emulator's built-in client with Inkwell through the operator CLI, as an admin
 * would. Asynchronous: the database proxy runs in this process and must keep forwarding.
 */
async function registerWithCli(env: NodeJS.ProcessEnv, platform: Platform): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/inkwell.ts', ...platform.cliRegistrationArgs('Benchmark LMS')],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const status = await new Promise<number | null>((done) => child.once('exit', done));
  if (status !== 0) throw new Error(`platform add failed: ${output}`);
}

export interface InkwellOptions {
  port: number;
  mongoUri: string;
  platform: Platform;
  profileDir: string;
  /**
   * Another process of the same installation (same database and INKWELL_SECRET), e.g. behind a
   * load balancer: its environment is `{ ...shared.env, PORT }`, and the platform is not registered again.
   */
  sameInstallationAs?: ServerProcess;
  /** INKWELL_PUBLIC_URL when it is not the process's own address (a load balancer's). */
  publicUrl?: string;
}

export async function startInkwell(options: InkwellOptions): Promise<ServerProcess> {
  const baseUrl = `http://localhost:${options.port}`;
  const hook = resolve(ROOT, 'bench', 'lib', 'profile-hook.mjs');
  // Started as production starts it (scripts/lib/server-process.mjs), with the profiling hook preloaded too.
  const args = [...SERVER_NODE_ARGS.slice(0, -1), '--import', hook, ...SERVER_NODE_ARGS.slice(-1)];
  if (options.sameInstallationAs) {
    const env = { ...options.sameInstallationAs.env, PORT: String(options.port) };
    return startChild('Inkwell', args, env, baseUrl, '/api/health');
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(options.port),
    MONGODB_URI: options.mongoUri,
    INKWELL_DB_NAME: `bench_inkwell_${randomBytes(4).toString('hex')}`,
    INKWELL_SECRET: randomBytes(32).toString('hex'),
    INKWELL_PUBLIC_URL: options.publicUrl ?? baseUrl,
    INKWELL_DEMO: '0',
    // The LMS emulator is http on loopback: allowed in production mode only with these (benchmarks and tests).
    INKWELL_INSECURE_TEST_LMS: '1',
    INKWELL_ALLOW_PRIVATE_LMS: '1',
    // Every benchmark client comes from 127.0.0.1: with the per-IP launch and autosave limits on,
    // the storm would measure 429s. The limits' own cost is negligible (in-memory buckets).
    INKWELL_RATE_LIMIT_SCALE: '0',
    BENCH_PROFILE_DIR: options.profileDir,
  };
  await registerWithCli(env, options.platform);
  return startChild('Inkwell', args, env, baseUrl, '/api/health');
}

export async function startBareLtijs(options: { port: number; mongoUri: string; platform: Platform }): Promise<ServerProcess> {
  const baseUrl = `http://localhost:${options.port}`;
  const { platform } = options;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(options.port),
    MONGODB_URI: options.mongoUri,
    BARE_DB_NAME: `bench_bare_ltijs_${randomBytes(4).toString('hex')}`,
    BARE_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    BARE_PLATFORM: JSON.stringify({
      url: platform.issuer,
      name: 'Benchmark LMS',
      clientId: platform.clientId,
      authenticationEndpoint: platform.authorizationEndpoint,
      accesstokenEndpoint: platform.tokenEndpoint,
      authConfig: { method: 'JWK_SET', key: platform.jwksUrl },
    }),
  };
  return startChild('bare ltijs', [resolve(ROOT, 'bench', 'bare-ltijs-server.mjs')], env, baseUrl, '/lti/keys');
}

export { freeLoopbackPort };

/** Resident set size of a process in MB, from /proc (Linux), or null when it cannot be read. */
export function rssMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in seconds, from /proc. */
export function cpuSeconds(pid: number | null): number | null {
  if (pid === null) return null;
  if (pid === process.pid) {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `intervalMs` until stopped; reports the peak. */
export function sampleRss(pid: number, intervalMs = 100): { stop(): number | null } {
  let peak: number | null = rssMb(pid);
  const timer = setInterval(() => {
    const value = rssMb(pid);
    if (value !== null && (peak === null || value > peak)) peak = value;
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const value = rssMb(pid);
      if (value !== null && (peak === null || value > peak)) peak = value;
      return peak;
    },
  };
}

/** The pid of a running FerretDB child of this process (for its RSS), if any. */
export function ferretDbPid(): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('ferretdb')) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

/**
 * Starts or stops a CPU profile in the Inkwell process (SIGUSR2, handled by profile-hook.mjs);
 * on stop, waits for the profile file and returns its path.
 */
export async function toggleProfile(server: ServerProcess, profileDir: string, stopping: boolean): Promise<string | null> {
  const before = new Set(existsSync(profileDir) ? readdirSync(profileDir) : []);
  process.kill(server.pid, 'SIGUSR2');
  if (!stopping) {
    await new Promise((r) => setTimeout(r, 200));
    return null;
  }
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    const fresh = (existsSync(profileDir) ? readdirSync(profileDir) : []).filter((f) => !before.has(f) && f.endsWith('.cpuprofile'));
    if (fresh[0]) return resolve(profileDir, fresh[0]);
  }
  return null;
}

/** Where a server's memory was at its highest RSS (process.memoryUsage, MB), from profile-hook.mjs. */
export interface MemoryBreakdown {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
}

/** Starts a new peak window in the server's memory sampler (profile-hook.mjs). */
export function resetMemoryPeak(server: ServerProcess, profileDir: string): void {
  rmSync(resolve(profileDir, `memory-${server.pid}.json`), { force: true });
}

/** The breakdown at the server's highest RSS since resetMemoryPeak, or null when none was written. */
export function readMemoryPeak(server: ServerProcess, profileDir: string): MemoryBreakdown | null {
  try {
    const usage = JSON.parse(readFileSync(resolve(profileDir, `memory-${server.pid}.json`), 'utf8')) as NodeJS.MemoryUsage;
    const mb = (bytes: number) => Math.round((bytes / 1024 ** 2) * 10) / 10;
    return { rssMb: mb(usage.rss), heapUsedMb: mb(usage.heapUsed), heapTotalMb: mb(usage.heapTotal), externalMb: mb(usage.external), arrayBuffersMb: mb(usage.arrayBuffers) };
  } catch {
    return null;
  }
}
