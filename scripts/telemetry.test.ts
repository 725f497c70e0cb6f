// A tool schools install does not phone home: every script that runs Next (directly or through
// the shared preparation) turns Next.js telemetry off before it does.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');

describe('Next.js telemetry', () => {
  it.each(['scripts/lib/prepare.mjs', 'scripts/start.mjs', 'scripts/test.mjs', 'bench/run.mjs', 'server.ts'])(
    '%s turns it off',
    (path) => {
      expect(read(path)).toMatch(/process\.env\.NEXT_TELEMETRY_DISABLED = '1';/);
    },
  );

  it('is off in CI', () => {
    expect(read('.ci/run')).toMatch(/^export NEXT_TELEMETRY_DISABLED=1$/m);
  });

  it('is off before server.ts starts Next', () => {
    const server = read('server.ts');
    expect(server.indexOf("NEXT_TELEMETRY_DISABLED = '1'")).toBeLessThan(server.indexOf('next({'));
  });

  it('no npm script runs next without it', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    for (const command of Object.values(scripts)) {
      if (/\bnext\b/.test(command)) expect(command).toContain('NEXT_TELEMETRY_DISABLED=1');
    }
  });
});
