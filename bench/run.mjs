// `npm run bench`: brings a fresh clone to a runnable state (npm packages, the embedded
// database binary, the production Next build, the server bundle — the same steps as `npm start`), then runs the
// benchmark runner (bench/main.ts) in a child process with the TypeScript loader.
// The runner starts FerretDB, the LTI platform emulator, Inkwell and a bare ltijs tool, drives
// them over loopback HTTP, and writes bench/results/latest.md and latest.json.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureDependencies, ensureEmbeddedDatabase, ensureNextBuild, ensureServerBuild, ROOT } from '../scripts/lib/prepare.mjs';

// A tool schools install does not phone home: Next.js telemetry is off for this process and its children.
process.env.NEXT_TELEMETRY_DISABLED = '1';

try {
  ensureDependencies();
  ensureEmbeddedDatabase();
  ensureNextBuild();
  // Inkwell runs from its bundle, as in production (scripts/lib/server-process.mjs).
  ensureServerBuild();
} catch (error) {
  console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'bench', 'main.ts'), ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
const forward = (signal) => child.kill(signal);
process.once('SIGINT', forward);
process.once('SIGTERM', forward);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
