// Brings a fresh clone to a runnable state: npm packages, the embedded database
// binary, the Next build and the server bundle. Each step is skipped when its inputs have not changed.
// Plain Node with no dependencies, because it runs before `npm ci`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

// A tool schools install does not phone home: Next.js telemetry is off for this process and its children.
process.env.NEXT_TELEMETRY_DISABLED = '1';

export const ROOT = resolve(import.meta.dirname, '..', '..');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.error) throw new Error(`${command} could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

function hashFiles(paths) {
  const hash = createHash('sha256');
  for (const path of paths) {
    hash.update(path);
    hash.update(readFileSync(join(ROOT, path)));
  }
  return hash.digest('hex');
}

function listFiles(dir, out = []) {
  const full = join(ROOT, dir);
  if (!existsSync(full)) return out;
  for (const entry of readdirSync(full).sort()) {
    const rel = join(dir, entry);
    if (statSync(join(ROOT, rel)).isDirectory()) listFiles(rel, out);
    else if (!/\.test\.tsx?$/.test(entry)) out.push(rel);
  }
  return out;
}

function stampMatches(stampFile, digest) {
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest;
}

function log(message) {
  console.log(`[prepare] ${message}`);
}

export function ensureDependencies() {
  const digest = hashFiles(['package.json', 'package-lock.json']);
  const stamp = join(ROOT, 'node_modules', '.inkwell-deps');
  if (stampMatches(stamp, digest)) return;
  log('installing npm packages (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(stamp, digest);
}

export function ensureEmbeddedDatabase() {
  if (process.env.MONGODB_URI) return;
  const dir = join(ROOT, 'tools', 'ferretdb');
  const sources = readdirSync(dir)
    .filter((f) => f === 'go.mod' || f === 'go.sum' || f.endsWith('.go'))
    .sort()
    .map((f) => `tools/ferretdb/${f}`);
  const digest = hashFiles(sources);
  const binary = join(ROOT, '.bin', 'ferretdb');
  const stamp = join(ROOT, '.bin', 'ferretdb.stamp');
  if (existsSync(binary) && stampMatches(stamp, digest)) return;
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) {
    throw new Error('Go 1.24 or newer is needed to build the embedded database (FerretDB). Install Go, or set MONGODB_URI to use your own MongoDB.');
  }
  log('building the embedded database (FerretDB with SQLite); the first build takes a few minutes…');
  mkdirSync(join(ROOT, '.bin'), { recursive: true });
  run('go', ['build', '-trimpath', '-o', binary, '.'], { cwd: join(ROOT, 'tools', 'ferretdb') });
  writeFileSync(stamp, digest);
}

export function ensureNextBuild() {
  const inputs = [
    'package-lock.json',
    'next.config.js',
    'tsconfig.json',
    // Every folder the pages and route handlers import from (config/ and errors/ included).
    ...['app', 'config', 'domain', 'errors', 'models', 'services', 'lti'].flatMap((dir) => listFiles(dir)),
  ];
  const digest = hashFiles(inputs);
  const stamp = join(ROOT, '.next', 'inkwell-build.stamp');
  if (existsSync(join(ROOT, '.next', 'BUILD_ID')) && stampMatches(stamp, digest)) return;
  log('building the web app (next build)…');
  run('npx', ['next', 'build']);
  writeFileSync(stamp, digest);
}

/** Where the custom server and the operator CLI are bundled: one folder below the root, like their sources. */
export const SERVER_BUNDLE = join(ROOT, '.build', 'server.js');
export const CLI_BUNDLE = join(ROOT, '.build', 'inkwell.js');

/**
 * Bundles `server.ts` and `scripts/inkwell.ts` (npm packages stay external) with esbuild, the
 * compiler tsx itself uses. Running the bundle instead of compiling hundreds of files at every
 * start halves a server's start-up CPU and leaves the TypeScript loader out of production.
 */
export function ensureServerBuild() {
  const inputs = [
    'package-lock.json',
    'tsconfig.json',
    'server.ts',
    ...['server', 'scripts', 'config', 'errors', 'emulator', 'app', 'domain', 'models', 'services', 'lti'].flatMap((dir) => listFiles(dir)),
  ].filter((path) => /\.(ts|tsx|json)$/.test(path));
  const digest = hashFiles(inputs);
  const stamp = join(ROOT, '.build', 'build.stamp');
  if (existsSync(SERVER_BUNDLE) && existsSync(CLI_BUNDLE) && stampMatches(stamp, digest)) return;
  log('bundling the server and the CLI (esbuild)…');
  const esbuild = createRequire(import.meta.url)('esbuild');
  esbuild.buildSync({
    absWorkingDir: ROOT,
    entryPoints: { server: 'server.ts', inkwell: 'scripts/inkwell.ts' },
    outdir: join(ROOT, '.build'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    jsx: 'automatic',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  writeFileSync(stamp, digest);
}

export function ensureChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    log("installing Debian's chromium for the browser tests…");
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return '/usr/bin/chromium';
  }
  throw new Error('The browser tests need Chromium: install the `chromium` package, or set CHROMIUM_PATH.');
}
