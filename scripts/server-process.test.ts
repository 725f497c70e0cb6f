// The server runs with the same node arguments wherever it is started, so the memory the benchmark
// measures is the memory production uses (see scripts/lib/server-process.mjs).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_BUNDLE } from './lib/prepare.mjs';
import { SERVER_NODE_ARGS } from './lib/server-process.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');

describe('the server process arguments', () => {
  it('run the server bundle with a heap limit', () => {
    expect(resolve(ROOT, SERVER_NODE_ARGS.at(-1)!)).toBe(SERVER_BUNDLE);
    expect(SERVER_NODE_ARGS.find((arg) => arg.startsWith('--max-old-space-size='))).toBeDefined();
  });

  it('are flags node accepts, and set the heap limit', () => {
    const flags = SERVER_NODE_ARGS.filter((arg) => arg.startsWith('--max-old-space-size='));
    const limit = Number(execFileSync(process.execPath, [...flags, '-p', 'require("node:v8").getHeapStatistics().heap_size_limit'], { encoding: 'utf8' }));
    const megabytes = Number(flags[0]!.split('=')[1]);
    // V8 adds the young generation to the old-space limit.
    expect(limit).toBeGreaterThanOrEqual(megabytes * 1024 * 1024);
    expect(limit).toBeLessThan((megabytes + 200) * 1024 * 1024);
  });

  it('are the ones `npm start` and the benchmark use', () => {
    expect(read('scripts/start.mjs')).toMatch(/spawn\(process\.execPath, SERVER_NODE_ARGS,/);
    expect(read('bench/lib/processes.ts')).toMatch(/\.\.\.SERVER_NODE_ARGS\.slice\(0, -1\), '--import', hook, \.\.\.SERVER_NODE_ARGS\.slice\(-1\)/);
  });

  it('are the README’s production command', () => {
    expect(read('README.md')).toContain(`\`node ${SERVER_NODE_ARGS.join(' ')}\``);
  });
});
