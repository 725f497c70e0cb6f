// `npm start`: prepares what is missing, then runs Inkwell on the embedded
// database (or MONGODB_URI) with the demo LMS unless NODE_ENV=production.
import { spawn } from 'node:child_process';
import { ensureDependencies, ensureEmbeddedDatabase, ensureNextBuild, ensureServerBuild, ROOT } from './lib/prepare.mjs';
import { SERVER_NODE_ARGS } from './lib/server-process.mjs';

// A tool schools install does not phone home: Next.js telemetry is off for this process and its children.
process.env.NEXT_TELEMETRY_DISABLED = '1';

try {
  ensureDependencies();
  ensureEmbeddedDatabase();
  ensureNextBuild();
  ensureServerBuild();
} catch (error) {
  console.error(`\nInkwell could not start: ${error.message}`);
  process.exit(1);
}

const server = spawn(process.execPath, SERVER_NODE_ARGS, { cwd: ROOT, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
