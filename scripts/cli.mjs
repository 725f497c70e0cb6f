// `npm run inkwell -- …`: the operator CLI, run from its bundle (rebuilt first when the sources changed).
import { spawn } from 'node:child_process';
import { CLI_BUNDLE, ROOT, ensureServerBuild } from './lib/prepare.mjs';

try {
  ensureServerBuild();
} catch (error) {
  console.error(`\nThe CLI could not be built: ${error.message}`);
  process.exit(1);
}

const cli = spawn(process.execPath, ['--enable-source-maps', CLI_BUNDLE, ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => cli.kill(signal));
cli.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
