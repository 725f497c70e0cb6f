/**
 * Issue #12, essay items 1, 4 and 5, through real HTTP on the embedded database:
 * no save from a stale tab can hide newer text (also once old revisions are pruned),
 * a conflict keeps both versions in the history, recoverable, and big essays save
 * up to a documented limit. Each test has its own resource link, so its own essays.
 */
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ESSAY_CHARS } from '../../domain/essay';
import { sampleEssay } from '../../domain/unit';
import { api, launch } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';

let inkwell: RunningInkwell;

beforeAll(async () => {
  // A hundred saves in a row is more than the per-student autosave budget allows.
  inkwell = await startInkwell({ platform: { flavour: 'moodle' }, env: { INKWELL_RATE_LIMIT_SCALE: '0' } });
});

afterAll(async () => {
  await inkwell?.stop();
});

/** A student's session on a resource link of their own. */
async function studentOn(link: string, userId = 'student-ada'): Promise<string> {
  inkwell.platform.addResourceLink({ id: link, title: `Essay ${link}`, withLineItem: false });
  const result = await launch(inkwell.platform, { userId, resourceLinkId: link });
  expect(result.status).toBe(303);
  return result.sessionToken!;
}

/** Changes the rules of every assignment created so far in this test's database (as an instructor's edit would). */
async function setRules(rules: Record<string, unknown>): Promise<void> {
  const client = await MongoClient.connect(inkwell.env.MONGODB_URI!);
  try {
    const set = Object.fromEntries(Object.entries(rules).map(([key, value]) => [`rules.${key}`, value]));
    await client.db(inkwell.env.INKWELL_DB_NAME).collection('assignments').updateMany({}, { $set: set });
  } finally {
    await client.close();
  }
}

const save = (token: string, text: string, baseRevision: number) =>
  api(inkwell.baseUrl, token, 'PUT', '/api/essay/draft', { text, baseRevision });
const draft = (token: string) => api(inkwell.baseUrl, token, 'GET', '/api/essay/draft');

/** Saves `count` revisions in a row from `from`; returns the last revision. */
async function saveMany(token: string, from: number, count: number, textOf: (revision: number) => string): Promise<number> {
  let revision = from;
  for (let i = 0; i < count; i++) {
    const saved = await save(token, textOf(revision + 1), revision);
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    revision = saved.json.revision as number;
  }
  return revision;
}

describe('a tab that is behind (item 1)', () => {
  it('cannot hide newer text with a save based on revision 0, also after the oldest revisions were pruned', async () => {
    const token = await studentOn('rl-history-stale');
    const latest = await saveMany(token, 0, 100, (r) => `Draft number ${r}.`);
    expect(latest).toBe(100);

    // A tab opened before the first save, typed in only now.
    const stale = await save(token, 'Typed in a tab opened before the first save.', 0);
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ code: 'EDIT_CONFLICT', currentRevision: 100 });

    // A tab based on a revision that was pruned long ago.
    const older = await save(token, 'Typed in a tab from revision 20.', 20);
    expect(older.status).toBe(409);
    expect(older.json).toMatchObject({ code: 'EDIT_CONFLICT', currentRevision: 100 });

    // The student (and submit) still see the newest text, and saving on top of it works.
    expect((await draft(token)).json).toMatchObject({ text: 'Draft number 100.', revision: 100 });
    const next = await save(token, 'Draft number 101.', 100);
    expect(next.json).toMatchObject({ revision: 101 });
    expect((await draft(token)).json).toMatchObject({ text: 'Draft number 101.', revision: 101 });
  });

  it('also refuses revision 0 on an essay whose first revisions were deleted outright (pruned before markers were kept)', async () => {
    const token = await studentOn('rl-history-legacy', 'student-chen');
    await saveMany(token, 0, 60, (r) => `Old draft ${r}.`);
    const client = await MongoClient.connect(inkwell.env.MONGODB_URI!);
    try {
      const revisions = client.db(inkwell.env.INKWELL_DB_NAME).collection<{ _id: string; text?: string }>('essay_revisions');
      const first = await revisions.findOne({ text: 'Old draft 1.' });
      const submission = first!._id.split(':')[0];
      for (let r = 1; r <= 10; r++) await revisions.deleteOne({ _id: `${submission}:${r}` });
    } finally {
      await client.close();
    }
    const stale = await save(token, 'From a tab opened before the first save.', 0);
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ code: 'EDIT_CONFLICT', currentRevision: 60 });
    expect((await draft(token)).json).toMatchObject({ text: 'Old draft 60.', revision: 60 });
  });

  it('lets exactly one of many simultaneous saves from the same base through, and everyone then reads it', async () => {
    const token = await studentOn('rl-history-race', 'student-chen');
    await saveMany(token, 0, 3, (r) => `Before the race ${r}.`);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => save(token, `Tab ${i} saved this.`, 3)));
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
    const winner = results.indexOf(winners[0]!);
    expect((await draft(token)).json).toMatchObject({ text: `Tab ${winner} saved this.`, revision: 4 });
    // Two tabs racing on from there: each save lands on the latest, and the cache ends at the last.
    const [x, y] = await Promise.all([save(token, 'Racer X.', 4), save(token, 'Racer Y.', 4)]);
    const next = x!.status === 200 ? 'Racer X.' : 'Racer Y.';
    expect([x!.status, y!.status].sort()).toEqual([200, 409]);
    const last = await save(token, `${next} And more.`, 5);
    expect(last.json.revision).toBe(6);
    expect((await draft(token)).json).toMatchObject({ text: `${next} And more.`, revision: 6 });
  });

  it('keeps the history bounded: recent revisions and the submitted one, which pruning never removes', async () => {
    const token = await studentOn('rl-history-pinned', 'student-ben');
    await setRules({ minWords: 1, allowResubmission: true });
    let revision = await saveMany(token, 0, 3, (r) => `Early draft ${r}.`);
    const submitted = await api(inkwell.baseUrl, token, 'POST', '/api/essay/submit', { revision });
    expect(submitted.status).toBe(200);
    const submittedRevision = submitted.json.revision as number;
    const reopened = await api(inkwell.baseUrl, token, 'POST', '/api/essay/reopen', {});
    expect(reopened.status, JSON.stringify(reopened.json)).toBe(200);
    revision = await saveMany(token, reopened.json.revision as number, 150, (r) => `Later draft ${r}.`);

    const history = await api(inkwell.baseUrl, token, 'GET', '/api/essay/revisions');
    expect(history.status).toBe(200);
    const listed = (history.json.revisions as { revision: number; submitted: boolean }[]).map((r) => r.revision);
    // The 50 most recent and the submitted one; nothing in between.
    expect(listed.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => revision - i));
    expect(listed.slice(50)).toEqual([submittedRevision]);

    const kept = await api(inkwell.baseUrl, token, 'GET', `/api/essay/revisions/${submittedRevision}`);
    expect(kept.json).toMatchObject({ revision: submittedRevision, text: 'Early draft 3.', submitted: true });
    const pruned = await api(inkwell.baseUrl, token, 'GET', '/api/essay/revisions/2');
    expect(pruned.status).toBe(404);
    await setRules({ minWords: 300, allowResubmission: false });
  });
});

describe('two tabs in conflict (item 4)', () => {
  it('shows the other tab the newer text, and keeping this tab\u2019s text leaves the newer one in the history', async () => {
    const token = await studentOn('rl-history-conflict', 'student-chen');
    const fromA = await save(token, 'Tab A wrote this first.', 0);
    expect(fromA.json.revision).toBe(1);

    const fromB = await save(token, 'Tab B, opened earlier.', 0);
    expect(fromB.status).toBe(409);
    // What tab B is shown before it chooses.
    const latest = await draft(token);
    expect(latest.json).toMatchObject({ text: 'Tab A wrote this first.', revision: 1 });

    // "Keep the text in this tab": saved on top of what it was shown.
    const kept = await save(token, 'Tab B, opened earlier.', latest.json.revision as number);
    expect(kept.json.revision).toBe(2);
    expect((await draft(token)).json.text).toBe('Tab B, opened earlier.');

    const history = await api(inkwell.baseUrl, token, 'GET', '/api/essay/revisions');
    expect(history.json.revisions).toMatchObject([
      { revision: 2, wordCount: 4, submitted: false },
      { revision: 1, wordCount: 5, submitted: false },
    ]);
    const other = await api(inkwell.baseUrl, token, 'GET', '/api/essay/revisions/1');
    expect(other.json).toMatchObject({ revision: 1, text: 'Tab A wrote this first.' });
  });

  it('reads no one else\u2019s history', async () => {
    const token = await studentOn('rl-history-conflict', 'student-ada');
    expect((await api(inkwell.baseUrl, token, 'GET', '/api/essay/revisions')).json.revisions).toEqual([]);
    expect((await api(inkwell.baseUrl, token, 'GET', '/api/essay/revisions/1')).status).toBe(404);
    expect((await api(inkwell.baseUrl, null, 'GET', '/api/essay/revisions')).status).toBe(401);
  });
});

describe('big essays (item 5)', () => {
  /** About 20,000 words of real prose, well under the character limit. */
  function essayOfWords(words: number): string {
    const source = sampleEssay.split(/\s+/);
    return Array.from({ length: words }, (_, i) => source[i % source.length]).join(' ');
  }

  it('saves and submits a 20,000-word essay', async () => {
    const token = await studentOn('rl-history-big', 'student-ada');
    await setRules({ maxWords: 20_000 });
    const text = essayOfWords(20_000);
    expect(text.length).toBeGreaterThan(100_000);
    expect(text.length).toBeLessThan(MAX_ESSAY_CHARS);
    const saved = await save(token, text, 0);
    expect(saved.json).toMatchObject({ revision: 1, wordCount: 20_000 });
    expect((await draft(token)).json.text).toBe(text);
    const submitted = await api(inkwell.baseUrl, token, 'POST', '/api/essay/submit', { revision: 1 });
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
    expect((await draft(token)).json).toMatchObject({ text, status: 'submitted' });
  });

  it('refuses a text over the limit with a message that names the limit, and keeps the saved text', async () => {
    const token = await studentOn('rl-history-too-long', 'student-ben');
    await save(token, 'A modest first draft.', 0);
    const tooLong = await save(token, 'x'.repeat(MAX_ESSAY_CHARS + 1), 1);
    expect(tooLong.status).toBe(413);
    expect(tooLong.json.code).toBe('ESSAY_TOO_LONG');
    expect(String(tooLong.json.message)).toContain('200,000 characters');
    expect((await draft(token)).json).toMatchObject({ text: 'A modest first draft.', revision: 1 });
    // Exactly at the limit is fine.
    expect((await save(token, 'y'.repeat(MAX_ESSAY_CHARS), 1)).status).toBe(200);
  });
});
