/**
 * Backup and restore (issue #17 item 3) on a real server and database: the
 * backup holds every collection (ltijs's platforms and keys included) with
 * BSON types intact; restore refuses a database that holds data and fills an
 * empty one with the same documents and indexes; with the original database
 * dropped, Inkwell started on the restored one takes a launch, an autosave on
 * the restored essay and a passback signed with the restored LTI key.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeJwt } from 'jose';
import { BSON, MongoClient, ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { api, launch } from '../support/lti-client';
import { runCli, startInkwell, type RunningInkwell } from '../support/inkwell-server';
import { waitFor } from '../support/wait';

const LINK = 'rl-essay-1';
const ADA_TEXT = `${sampleEssay}\n\nAda's backed-up essay.`;
const BEN_DRAFT = 'Ben has begun: the first paragraph of a draft.';

let inkwell: RunningInkwell;
let client: MongoClient;
let workDir: string;
let backupFile: string;
let originalDb: string;
let restoredDb: string;
let adaSubmission: string;

const selections = (level: number) => Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, c.levels[level]!.id]));
const totalAt = (level: number) => builtInRubric.criteria.reduce((sum, c) => sum + c.levels[level]!.points, 0);

beforeAll(async () => {
  inkwell = await startInkwell();
  originalDb = inkwell.env.INKWELL_DB_NAME!;
  restoredDb = `${originalDb}_restored`;
  client = new MongoClient(inkwell.env.MONGODB_URI!);
  workDir = mkdtempSync(join(tmpdir(), 'inkwell-backup-'));
  backupFile = join(workDir, 'inkwell.backup.gz');

  const ada = await launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK });
  expect((await api(inkwell.baseUrl, ada.sessionToken, 'PUT', '/api/essay/draft', { text: ADA_TEXT, baseRevision: 0 })).status).toBe(200);
  expect((await api(inkwell.baseUrl, ada.sessionToken, 'POST', '/api/essay/submit', { revision: 1 })).status).toBe(200);
  adaSubmission = String(decodeJwt(ada.sessionToken!).submissionId);
  const ben = await launch(inkwell.platform, { userId: 'student-ben', resourceLinkId: LINK });
  expect((await api(inkwell.baseUrl, ben.sessionToken, 'PUT', '/api/essay/draft', { text: BEN_DRAFT, baseRevision: 0 })).status).toBe(200);

  const teacher = await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: LINK });
  const graded = await api(inkwell.baseUrl, teacher.sessionToken, 'PUT', `/api/grading/submissions/${adaSubmission}/grade`, {
    selections: selections(1),
    criterionComments: {},
    overallComment: 'Before the backup.',
    release: true,
    baseVersion: 0,
  });
  expect(graded.status, JSON.stringify(graded.json)).toBe(200);
  await waitFor(() => inkwell.platform.gradeFor(LINK, 'student-ada')?.scoreGiven === totalAt(1), 30_000, 'the first grade is in the LMS');
  // Quiet before the backup: no delivery still in flight.
  await waitFor(async () => (await client.db(originalDb).collection('passback_jobs').countDocuments({ status: 'pending' })) === 0, 30_000);
}, 120_000);

afterAll(async () => {
  await client?.close();
  await inkwell?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('backup', () => {
  it('is invocable in-process and writes every collection, ltijs’s included, as gzip EJSON lines', async () => {
    process.env.MONGODB_URI = inkwell.env.MONGODB_URI;
    process.env.INKWELL_DB_NAME = originalDb;
    const { main } = await import('../../scripts/inkwell');
    await main(['backup', '--out', backupFile]);

    const raw = readFileSync(backupFile);
    expect([raw[0], raw[1]]).toEqual([0x1f, 0x8b]);
    const lines = gunzipSync(raw).toString('utf8').trim().split('\n');
    const header = BSON.EJSON.parse(lines[0]!) as { kind: string; collections: string[] };
    expect(header.kind).toBe('header');
    const live = (await client.db(originalDb).listCollections().toArray()).map((c) => c.name).sort();
    expect([...header.collections].sort()).toEqual(live);
    for (const name of ['platforms', 'privatekeys', 'publickeys', 'submissions', 'essay_revisions', 'grade_versions', 'passback_jobs']) {
      expect(header.collections).toContain(name);
    }
    // Caches before their ledgers: a backup of a running Inkwell never has a cache ahead of its ledger.
    expect(header.collections.indexOf('submissions')).toBeLessThan(header.collections.indexOf('essay_revisions'));
    expect(header.collections.indexOf('grades')).toBeLessThan(header.collections.indexOf('grade_versions'));
    expect(BSON.EJSON.parse(lines.at(-1)!)).toMatchObject({ kind: 'end' });
  });

  it('refuses to restore into a database that holds data, and says why', async () => {
    const result = runCli(inkwell.env, ['restore', backupFile]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`The database "${originalDb}" is not empty`);
    expect(result.stderr).toContain('restore only into an empty database');
  });

  it('refuses a file that is not a backup', async () => {
    const bogus = join(workDir, 'bogus.gz');
    const { gzipSync } = await import('node:zlib');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bogus, gzipSync('{"hello":"world"}\n'));
    const result = runCli({ ...inkwell.env, INKWELL_DB_NAME: `${originalDb}_bogus` }, ['restore', bogus]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('This file is not an Inkwell backup.');
  });
});

describe('restore', () => {
  it('fills an empty database with the same documents, types and indexes', async () => {
    const result = runCli({ ...inkwell.env, INKWELL_DB_NAME: restoredDb }, ['restore', backupFile]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`into database "${restoredDb}"`);

    // Document for document what the backup holds (the live database has moved on since).
    const backedUp = new Map<string, string[]>();
    for (const text of gunzipSync(readFileSync(backupFile)).toString('utf8').trim().split('\n')) {
      const entry = BSON.EJSON.parse(text, { relaxed: false }) as { kind: string; collection?: string; name?: string; document?: unknown };
      if (entry.kind === 'collection') backedUp.set(entry.name!, []);
      if (entry.kind === 'document') backedUp.get(entry.collection!)!.push(BSON.EJSON.stringify(entry.document, { relaxed: false }));
    }
    const target = client.db(restoredDb);
    expect((await target.listCollections().toArray()).map((c) => c.name).sort()).toEqual([...backedUp.keys()].sort());
    for (const [name, documents] of backedUp) {
      const restored = (await target.collection(name).find({}).toArray()).map((d) => BSON.EJSON.stringify(d, { relaxed: false }));
      expect(restored.sort(), `collection ${name}`).toEqual([...documents].sort());
    }
    const submission = await target.collection('submissions').findOne({ _id: new ObjectId(adaSubmission) });
    expect(submission?.assignmentId).toBeInstanceOf(ObjectId);
    expect(submission?.createdAt).toBeInstanceOf(Date);
    const indexNames = (await target.collection('submissions').listIndexes().toArray()).map((i) => i.name);
    expect(indexNames).toContain('submission_per_student');
  });

  it('serves a launch, an autosave and a passback from the restored data, with the original database gone', async () => {
    await client.db(originalDb).dropDatabase();
    await inkwell.restart({ INKWELL_DB_NAME: restoredDb });

    // A launch: the platform registration, its deployment and the assignment come from the backup.
    const ben = await launch(inkwell.platform, { userId: 'student-ben', resourceLinkId: LINK });
    expect(ben.sessionToken, ben.body).toBeTruthy();
    const draft = await api(inkwell.baseUrl, ben.sessionToken, 'GET', '/api/essay/draft');
    expect(draft.json.text).toBe(BEN_DRAFT);
    // An autosave on the restored ledger: revision 1 is there, so the next save is revision 2.
    const saved = await api(inkwell.baseUrl, ben.sessionToken, 'PUT', '/api/essay/draft', { text: `${BEN_DRAFT} And a second sentence.`, baseRevision: 1 });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(saved.json.revision).toBe(2);
    const stale = await api(inkwell.baseUrl, ben.sessionToken, 'PUT', '/api/essay/draft', { text: 'from a stale tab', baseRevision: 0 });
    expect(stale.status).toBe(409);

    // A passback: a regrade on the restored grade version, sent with a token got with the restored LTI key.
    const teacher = await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: LINK });
    const regraded = await api(inkwell.baseUrl, teacher.sessionToken, 'PUT', `/api/grading/submissions/${adaSubmission}/grade`, {
      selections: selections(0),
      criterionComments: {},
      overallComment: 'After the restore.',
      release: true,
      baseVersion: 1,
    });
    expect(regraded.status, JSON.stringify(regraded.json)).toBe(200);
    expect(regraded.json.version).toBe(2);
    await waitFor(() => inkwell.platform.gradeFor(LINK, 'student-ada')?.scoreGiven === totalAt(0), 30_000, 'the regrade is in the LMS');
  });
});
