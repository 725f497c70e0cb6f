// `npm run --silent inkwell -- assess FILE...` on plain-text essays: JSON on stdout, and for the
// built-in unit no database and no server (the child gets no MONGODB_URI and an empty data dir).
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { CLI_BUNDLE } from '../../scripts/lib/prepare.mjs';

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'inkwell-assess-'));
const dataDir = join(folder, 'data');

afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function assess(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, INKWELL_DATA_DIR: dataDir };
  delete env.MONGODB_URI;
  return run(process.execPath, ['--enable-source-maps', CLI_BUNDLE, 'assess', ...args], { env, timeout: 60_000 });
}

describe('the assess command', () => {
  it('prints suggestions, flags and coverage for each essay against the built-in unit, without a database', async () => {
    const essay = join(folder, 'sample.txt');
    const short = join(folder, 'short.txt');
    writeFileSync(essay, sampleEssay);
    writeFileSync(short, 'Stalin started the NEP. The USSR started in 1917.');
    const { stdout } = await assess(essay, short);
    const results = JSON.parse(stdout) as {
      file: string;
      criteria: { id: string; level: number; reason: string; evidence: { start: number; end: number; quote: string }[] }[];
      flags: { start: number; end: number; quote: string; says: string; fact: string }[];
      coverage: { question: string; addressed: boolean; evidence: unknown[] }[];
    }[];
    expect(results.map((result) => result.file)).toEqual([essay, short]);
    const [sample, brief] = results;
    expect(sample?.criteria.map((criterion) => criterion.id)).toEqual(builtInRubric.criteria.map((criterion) => criterion.id));
    for (const criterion of sample?.criteria ?? []) {
      expect([1, 2, 3, 4]).toContain(criterion.level);
      for (const evidence of criterion.evidence) expect(sampleEssay.slice(evidence.start, evidence.end)).toBe(evidence.quote);
    }
    expect(sample?.flags.map((flag) => flag.quote)).toEqual(expect.arrayContaining([expect.stringContaining('Menshevik Whites'), expect.stringContaining('1921')]));
    expect(sample?.coverage.map((entry) => entry.question)).toEqual(['gq-rise', 'gq-soviet-1920s', 'gq-stalin', 'gq-policies']);
    expect(brief?.flags.length).toBe(2);
    // Nothing was started or written for a database.
    expect(() => readdirSync(dataDir)).toThrow();
  });

  it('names a missing file in one sentence', async () => {
    await expect(assess(join(folder, 'nope.txt'))).rejects.toMatchObject({ stderr: expect.stringContaining('no such file') });
  });
});
