/**
 * Starts one embedded database for the whole test run (a throw-away data
 * directory), unless MONGODB_URI points at a database already.
 * Each test file then uses a database name of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedDb } from '../../server/embedded-db';
import { ensureNextBuild, ensureServerBuild } from '../../scripts/lib/prepare.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Tests start the server and the CLI from their bundle and the pages from Next's production build,
  // as production does: both rebuilt here when the sources changed, so `npx vitest` straight after an
  // edit does not test stale code (Next's route handlers have their own copy of models/ and services/).
  ensureNextBuild();
  ensureServerBuild();
  if (process.env.MONGODB_URI) {
    project.provide('mongoUri', process.env.MONGODB_URI);
    return async () => {};
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'inkwell-test-db-'));
  const db = await startEmbeddedDb(dataDir);
  project.provide('mongoUri', db.uri);
  return async () => {
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
