/**
 * Issue #16: an acknowledged autosave survives a crash. During a burst of saves from many
 * students (so saves are written in groups, models/grouped-inserts.ts, and cache writes wait,
 * models/submissions.ts), the Inkwell process, or in the other case the database process, is
 * ended with SIGKILL at a random moment; after a restart every save that was answered 200 is
 * there with its exact text, and the essay's latest revision is no older than it.
 *
 * The database is this file's own embedded FerretDB (server/embedded-db.ts), so killing it
 * touches no other test; its data directory survives the kill, as a real one would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE } from '../../emulator';
import { startEmbeddedDb, type EmbeddedDb } from '../../server/embedded-db';
import { api, launch } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';

const STUDENTS = 12;
const LINK = 'rl-durability';

let dataDir: string;
let db: EmbeddedDb;
let inkwell: RunningInkwell;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'inkwell-durability-db-'));
  db = await startEmbeddedDb(dataDir);
  // Many saves in a burst from one address: no rate limit.
  inkwell = await startInkwell({ env: { MONGODB_URI: db.uri, INKWELL_RATE_LIMIT_SCALE: '0' } });
  inkwell.platform.addResourceLink({ id: LINK, title: 'Durability essay', withLineItem: false });
});

afterAll(async () => {
  await inkwell?.stop();
  await db?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Writer {
  token: string;
  /** The latest revision the server acknowledged. */
  revision: number;
  /** Every acknowledged save: revision → exact text. */
  acknowledged: Map<number, string>;
}

async function writers(prefix: string): Promise<Writer[]> {
  return Promise.all(
    Array.from({ length: STUDENTS }, async (_, i) => {
      const userId = `${prefix}-student-${i}`;
      inkwell.platform.addMember({ sub: userId, name: `Student ${i}`, roles: [ROLE.learner] });
      const launched = await launch(inkwell.platform, { userId, resourceLinkId: LINK });
      expect(launched.status).toBe(303);
      return { token: launched.sessionToken!, revision: 0, acknowledged: new Map() };
    }),
  );
}

/** A text no other save has: who, which revision, and some random words of varying length. */
function textFor(writer: number, revision: number): string {
  const words = Array.from({ length: 50 + Math.floor(Math.random() * 400) }, () => Math.random().toString(36).slice(2, 8));
  return `Writer ${writer}, revision ${revision}: ${words.join(' ')}`;
}

/**
 * Every writer saves one revision after another until a save fails (the crash); `crash` runs
 * once the burst is under way (after a random number of acknowledged saves and a random delay).
 * Resolves when every writer has stopped.
 */
async function burstUntilCrash(all: Writer[], crash: () => Promise<void>): Promise<{ failedAfterCrash: number }> {
  let acknowledgedSoFar = 0;
  let crashed = false;
  let failedAfterCrash = 0;
  const crashAfter = 20 + Math.floor(Math.random() * 40);
  let crashing: Promise<void> | undefined;
  await Promise.all(
    all.map(async (writer, index) => {
      for (let attempt = 0; attempt < 500; attempt++) {
        const text = textFor(index, writer.revision + 1);
        let status: number;
        let json: Record<string, unknown>;
        try {
          ({ status, json } = await api(inkwell.baseUrl, writer.token, 'PUT', '/api/essay/draft', { text, baseRevision: writer.revision }));
        } catch {
          status = 0;
          json = {};
        }
        if (status !== 200) {
          // Before the crash every save must succeed (one tab per student: no conflicts).
          expect(crashed, `save failed before the crash: ${status} ${JSON.stringify(json)}`).toBe(true);
          failedAfterCrash++;
          return;
        }
        writer.revision = json.revision as number;
        writer.acknowledged.set(writer.revision, text);
        acknowledgedSoFar++;
        if (acknowledgedSoFar === crashAfter) {
          crashing = new Promise((r) => setTimeout(r, Math.random() * 150)).then(() => {
            crashed = true;
            return crash();
          });
        }
      }
      throw new Error('the crash never came');
    }),
  );
  await crashing;
  return { failedAfterCrash };
}

/** After the restart: every acknowledged revision has its exact text, and nothing newer was lost. */
async function expectEveryAcknowledgedSave(all: Writer[]): Promise<void> {
  for (const writer of all) {
    for (const [revision, text] of writer.acknowledged) {
      const kept = await api(inkwell.baseUrl, writer.token, 'GET', `/api/essay/revisions/${revision}`);
      expect(kept.status, `revision ${revision}: ${JSON.stringify(kept.json).slice(0, 200)}`).toBe(200);
      expect(kept.json.text).toBe(text);
    }
    const latest = await api(inkwell.baseUrl, writer.token, 'GET', '/api/essay/draft');
    expect(latest.status).toBe(200);
    expect(latest.json.revision as number).toBeGreaterThanOrEqual(writer.revision);
    if (latest.json.revision === writer.revision) expect(latest.json.text).toBe(writer.acknowledged.get(writer.revision));
  }
}

describe('acknowledged autosaves survive SIGKILL', () => {
  it('of the Inkwell process during a burst of saves', { timeout: 180_000 }, async () => {
    const all = await writers('app-kill');
    const { failedAfterCrash } = await burstUntilCrash(all, () => inkwell.kill());
    expect(failedAfterCrash).toBeGreaterThan(0);
    const acknowledged = all.reduce((n, w) => n + w.acknowledged.size, 0);
    expect(acknowledged).toBeGreaterThanOrEqual(20);
    await inkwell.restart();
    await expectEveryAcknowledgedSave(all);
  });

  it('of the database process during a burst of saves', { timeout: 180_000 }, async () => {
    const all = await writers('db-kill');
    const { failedAfterCrash } = await burstUntilCrash(all, async () => {
      process.kill(db.pid, 'SIGKILL');
    });
    expect(failedAfterCrash).toBeGreaterThan(0);
    // The database comes back on the same data (on another port), and Inkwell with it.
    await inkwell.kill();
    db = await startEmbeddedDb(dataDir);
    await inkwell.restart({ MONGODB_URI: db.uri });
    await expectEveryAcknowledgedSave(all);
  });
});
