// `npm run build`: what a production install runs once after `npm ci`: the Next build and the
// server bundle. Then start with `node --enable-source-maps .build/server.js`.
import { ensureNextBuild, ensureServerBuild } from './lib/prepare.mjs';

try {
  ensureNextBuild();
  ensureServerBuild();
} catch (error) {
  console.error(`\nThe build failed: ${error.message}`);
  process.exit(1);
}
