/**
 * Starts the embedded database (FerretDB on SQLite, built from tools/ferretdb)
 * on a free loopback port. Used when MONGODB_URI is not set.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT } from '../config/project-root';

export const FERRETDB_BINARY = resolve(PROJECT_ROOT, '.bin', 'ferretdb');

/** Where a running server tells the command line which embedded database it started. */
export function runtimeFile(dataDir: string): string {
  return resolve(dataDir, 'runtime.json');
}

export function announceEmbeddedDb(dataDir: string, uri: string): void {
  writeFileSync(runtimeFile(dataDir), JSON.stringify({ mongoUri: uri, pid: process.pid }), { mode: 0o600 });
  process.once('exit', () => rmSync(runtimeFile(dataDir), { force: true }));
}

/** The embedded database of a server running on this data directory, if any. */
export function runningEmbeddedDb(dataDir: string): string | null {
  try {
    const { mongoUri, pid } = JSON.parse(readFileSync(runtimeFile(dataDir), 'utf8')) as { mongoUri?: string; pid?: number };
    if (!mongoUri || !pid) return null;
    process.kill(pid, 0);
    return mongoUri;
  } catch {
    return null;
  }
}

export interface EmbeddedDb {
  uri: string;
  /** The database process (a test ends it with SIGKILL, as a crash would). */
  pid: number;
  stop(): Promise<void>;
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * The database gets only what a process needs to run: never INKWELL_SECRET, the admin password,
 * MONGODB_URI credentials or anything else from Inkwell's own environment.
 */
export function childEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'TZ', 'LANG', 'LC_ALL', 'SYSTEMROOT']) {
    // Passed through to the database process as they are, not settings of Inkwell's own.
    // eslint-disable-next-line no-restricted-properties
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

export async function startEmbeddedDb(dataDir: string): Promise<EmbeddedDb> {
  if (!existsSync(FERRETDB_BINARY)) {
    throw new Error(`The embedded database is not built yet (${FERRETDB_BINARY}). Run \`npm start\`, which builds it, or set MONGODB_URI.`);
  }
  mkdirSync(dataDir, { recursive: true });
  const port = await freeLoopbackPort();
  const child: ChildProcess = spawn(FERRETDB_BINARY, ['-listen', `127.0.0.1:${port}`, '-data', dataDir, '-log-level', 'error'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: childEnvironment() as NodeJS.ProcessEnv,
  });
  const uri = await new Promise<string>((resolveUri, reject) => {
    const timer = setTimeout(() => reject(new Error('The embedded database did not start within 30 s.')), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The embedded database exited during start (code ${code}).`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^ready (\S+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUri(match[1]);
      }
    });
  });
  const stop = () =>
    new Promise<void>((done) => {
      // A process killed by a signal keeps exitCode null and sets signalCode instead.
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  process.once('exit', () => child.kill('SIGTERM'));
  return { uri, pid: child.pid!, stop };
}
