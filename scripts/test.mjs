// `npm test`: prepares what is missing (packages, embedded database, Next build,
// Chromium), then runs every test suite once with vitest.
import { spawn } from 'node:child_process';
import { ensureChromium, ensureDependencies, ensureEmbeddedDatabase, ensureNextBuild, ensureServerBuild, ROOT } from './lib/prepare.mjs';

// A tool schools install does not phone home: Next.js telemetry is off for this process and its children.
process.env.NEXT_TELEMETRY_DISABLED = '1';

let chromium;
try {
  ensureDependencies();
  ensureEmbeddedDatabase();
  ensureNextBuild();
  ensureServerBuild();
  chromium = ensureChromium();
} catch (error) {
  console.error(`\nThe tests could not be prepared: ${error.message}`);
  process.exit(1);
}

const vitest = spawn('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
vitest.on('exit', (code) => process.exit(code ?? 1));
