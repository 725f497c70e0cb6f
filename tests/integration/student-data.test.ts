/**
 * Student data (issue #17 item 4) through the operator CLI and the services, on
 * a real server and database: a person's export holds their essay and grade
 * and nothing of another student; erasure deletes theirs and leaves others'
 * intact, with an audit entry that holds no content; a course purge deletes one
 * course only; retention lists before it deletes, with a clock the test sets,
 * and its daily run happens once a day however many processes try. An
 * instructor's comment bank is theirs: in their export, gone with their
 * erasure, and deleted with its course.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { MongoClient, ObjectId, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { ROLE } from '../../emulator';
import { bankOwnerKey } from '../../models/comment-bank';
import { api, launch } from '../support/lti-client';
import { runCli, startInkwell, type RunningInkwell } from '../support/inkwell-server';

const LINK = 'rl-essay-1';
const OTHER_COURSE = 'course-purged';
const OTHER_LINK = 'rl-purged-essay';
const ADA_TEXT = `${sampleEssay}\n\nAda's own closing line, marker ADA-7731.`;
const BEN_TEXT = `${sampleEssay}\n\nBen's own closing line, marker BEN-4410.`;
const CHEN_TEXT = `${sampleEssay}\n\nChen in another course, marker CHEN-9902.`;
const ADA_COMMENT = 'A clear thesis, well defended (comment for Ada).';
const RIVERA_BANK = 'Cite the year of each source, marker BANK-RIVERA-5120.';
/** Saved before bank entries named their owner in plain fields: found by the owner key alone. */
const RIVERA_OLD_BANK = 'An entry from before, marker BANK-RIVERA-OLD-3317.';
const OKOYE_BANK = 'Name the historian, marker BANK-OKOYE-8841.';

let inkwell: RunningInkwell;
let client: MongoClient;
let db: Db;
let workDir: string;
let issuer: string;
let adaSubmission: ObjectId;
let benSubmission: ObjectId;
let benToken: string;

/**
 * The operator CLI run in this process (the same code as `npm run inkwell --`, without starting a
 * process per command, which takes seconds on a busy machine); its printed lines are captured.
 */
async function cli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  process.env.MONGODB_URI = inkwell.env.MONGODB_URI;
  process.env.INKWELL_DB_NAME = inkwell.env.INKWELL_DB_NAME;
  const { runInkwellCommand } = await import('../../scripts/inkwell');
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(parts.join(' ')));
  try {
    const status = await runInkwellCommand(args);
    return { status, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

async function writeAndSubmit(userId: string, resourceLinkId: string, text: string, contextId?: string) {
  const { sessionToken } = await launch(inkwell.platform, { userId, resourceLinkId, ...(contextId ? { contextId } : {}) });
  expect(sessionToken).toBeTruthy();
  expect((await api(inkwell.baseUrl, sessionToken, 'PUT', '/api/essay/draft', { text, baseRevision: 0 })).status).toBe(200);
  expect((await api(inkwell.baseUrl, sessionToken, 'POST', '/api/essay/submit', { revision: 1 })).status).toBe(200);
  return { token: sessionToken!, submissionId: new ObjectId(String(decodeJwt(sessionToken!).submissionId)) };
}

async function gradeOf(teacherToken: string, submissionId: ObjectId, overallComment: string) {
  const selections = Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, c.levels[0]!.id]));
  const result = await api(inkwell.baseUrl, teacherToken, 'PUT', `/api/grading/submissions/${submissionId.toHexString()}/grade`, {
    selections,
    criterionComments: {},
    overallComment,
    release: true,
    baseVersion: 0,
  });
  expect(result.status, JSON.stringify(result.json)).toBe(200);
}

beforeAll(async () => {
  inkwell = await startInkwell();
  issuer = inkwell.platform.issuer;
  const p = inkwell.platform;
  p.addCourse({ id: OTHER_COURSE, label: 'HIST 303', title: 'A course to purge' });
  p.addMember({ sub: 'student-chen', name: 'Chen Wei', roles: [ROLE.learner] }, OTHER_COURSE);
  p.addMember({ sub: 'teacher-okoye', name: 'Grace Okoye', roles: [ROLE.instructor] }, OTHER_COURSE);
  p.addResourceLink({ id: OTHER_LINK, title: 'Purged essay', withLineItem: true, contextId: OTHER_COURSE });

  const ada = await writeAndSubmit('student-ada', LINK, ADA_TEXT);
  const ben = await writeAndSubmit('student-ben', LINK, BEN_TEXT);
  await writeAndSubmit('student-chen', OTHER_LINK, CHEN_TEXT, OTHER_COURSE);
  adaSubmission = ada.submissionId;
  benSubmission = ben.submissionId;
  benToken = ben.token;
  const teacher = await launch(p, { userId: 'teacher-rivera', resourceLinkId: LINK });
  await gradeOf(teacher.sessionToken!, adaSubmission, ADA_COMMENT);
  await gradeOf(teacher.sessionToken!, benSubmission, 'Comment for Ben.');
  const okoye = await launch(p, { userId: 'teacher-okoye', resourceLinkId: OTHER_LINK, contextId: OTHER_COURSE });
  for (const [token, text] of [[teacher.sessionToken!, RIVERA_BANK], [okoye.sessionToken!, OKOYE_BANK]] as const) {
    const saved = await api(inkwell.baseUrl, token, 'POST', '/api/grading/comment-bank', { text });
    expect(saved.status, JSON.stringify(saved.json)).toBe(201);
  }

  client = new MongoClient(inkwell.env.MONGODB_URI!);
  db = client.db(inkwell.env.INKWELL_DB_NAME!);
  const riveraKey = bankOwnerKey({ platformIssuer: issuer, deploymentId: p.deploymentId, contextId: 'course-101', userId: 'teacher-rivera' });
  expect(await db.collection<{ _id: string }>('comment_bank').countDocuments({ _id: `${riveraKey}:1` })).toBe(1);
  await db
    .collection<{ _id: string; text: string; createdAt: Date; updatedAt: Date }>('comment_bank')
    .insertOne({ _id: `${riveraKey}:2`, text: RIVERA_OLD_BANK, createdAt: new Date(), updatedAt: new Date() });
  workDir = mkdtempSync(join(tmpdir(), 'inkwell-student-data-'));
}, 120_000);

afterAll(async () => {
  await client?.close();
  await inkwell?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

interface ExportFile {
  person: { platform: string; userId: string };
  parts: { name: string; holds: string; documents: Record<string, unknown>[] }[];
}

describe('export', () => {
  it('holds the person’s essay text, versions and grade, and nothing of another student', async () => {
    const file = join(workDir, 'ada.json');
    // Through the command line itself once; the other commands run in-process.
    const result = runCli(inkwell.env, ['person', 'export', '--issuer', issuer, '--user-id', 'student-ada', '--out', file, '--reason', 'parent request 17']);
    expect(result.status, result.stderr).toBe(0);
    const text = readFileSync(file, 'utf8');
    const exported = JSON.parse(text) as ExportFile;
    expect(exported.person).toEqual({ platform: issuer, userId: 'student-ada' });
    const part = (name: string) => exported.parts.find((p) => p.name === name)?.documents ?? [];

    expect(part('essay_revisions').map((d) => d.text)).toContain(ADA_TEXT);
    expect(part('submissions')).toHaveLength(1);
    expect(part('submissions')[0]!.userId).toBe('student-ada');
    const grade = part('grades')[0]!;
    expect(grade.overallComment).toBe(ADA_COMMENT);
    expect(grade.total).toBe(builtInRubric.criteria.length * 4);
    expect(grade.released).toBe(true);
    expect(part('grade_versions').length).toBeGreaterThanOrEqual(1);
    expect(part('kept_revisions').map((d) => d.text)).toContain(ADA_TEXT);
    // Plain JSON a person can read: ids as hex, dates as ISO 8601.
    expect(part('submissions')[0]!._id).toBe(adaSubmission.toHexString());
    expect(String(part('submissions')[0]!.createdAt)).toMatch(/^\d{4}-\d\d-\d\dT/);

    expect(text).not.toContain('BEN-4410');
    expect(text).not.toContain('student-ben');
    expect(text).not.toContain('Comment for Ben');
    expect(text).not.toContain('CHEN-9902');
    expect(text).not.toContain('Ben Okafor');
    expect(text).not.toContain('BANK-RIVERA');
  });

  it('an instructor’s export names the grades they gave (who, when), not the students’ essays', async () => {
    const file = join(workDir, 'teacher.json');
    expect((await cli('person', 'export', '--issuer', issuer, '--user-id', 'teacher-rivera', '--out', file)).status).toBe(0);
    const text = readFileSync(file, 'utf8');
    const exported = JSON.parse(text) as ExportFile;
    expect(exported.parts.find((p) => p.name === 'grades_given')?.documents).toHaveLength(2);
    expect(text).not.toContain('ADA-7731');
    expect(text).not.toContain(ADA_COMMENT);
  });

  it('an instructor’s export holds their comment bank, also entries that only their key names, and not another’s', async () => {
    const file = join(workDir, 'teacher-bank.json');
    expect((await cli('person', 'export', '--issuer', issuer, '--user-id', 'teacher-rivera', '--out', file)).status).toBe(0);
    const text = readFileSync(file, 'utf8');
    const bank = (JSON.parse(text) as ExportFile).parts.find((p) => p.name === 'comment_bank')?.documents ?? [];
    expect(bank.map((d) => d.text).sort()).toEqual([RIVERA_BANK, RIVERA_OLD_BANK].sort());
    expect(text).not.toContain('BANK-OKOYE');
  });

  it('is recorded in the privacy audit', async () => {
    const entries = await db.collection('privacy_audit').find({ action: 'export-person' }).toArray();
    expect(entries.some((e) => e.reason === 'parent request 17' && String(e.by).startsWith('command line'))).toBe(true);
  });
});

describe('erase', () => {
  it('refuses without --yes and changes nothing', async () => {
    const result = await cli('person', 'erase', '--issuer', issuer, '--user-id', 'student-ada');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('add --yes');
    expect(await db.collection('submissions').countDocuments({ _id: adaSubmission })).toBe(1);
  });

  it('deletes the person’s essays, versions, grades and comments; others’ stay; the audit records it without content', async () => {
    const shown = await cli('person', 'show', '--issuer', issuer, '--user-id', 'student-ada');
    expect(shown.stdout).toContain('essay_revisions');

    const result = await cli('person', 'erase', '--issuer', issuer, '--user-id', 'student-ada', '--yes', '--reason', 'erasure request 18');
    expect(result.status, result.stderr).toBe(0);

    const adaHex = adaSubmission.toHexString();
    expect(await db.collection('submissions').countDocuments({ _id: adaSubmission })).toBe(0);
    expect(await db.collection('essay_revisions').countDocuments({ submissionId: adaSubmission })).toBe(0);
    expect(await db.collection('kept_revisions').countDocuments({ submissionId: adaSubmission })).toBe(0);
    expect(await db.collection('grades').countDocuments({ _id: adaSubmission })).toBe(0);
    expect(await db.collection('grade_versions').countDocuments({ submissionId: adaSubmission })).toBe(0);
    expect(await db.collection('passback_jobs').countDocuments({ submissionId: adaHex })).toBe(0);
    const roster = await db.collection('rosters').find({}).toArray();
    expect(JSON.stringify(roster)).not.toContain('student-ada');
    // Nothing anywhere still holds her text.
    for (const { name } of await db.listCollections().toArray()) {
      const hits = await db.collection(name).find({}).toArray();
      expect(JSON.stringify(hits), `collection ${name}`).not.toContain('ADA-7731');
    }

    // Ben's essay and grade are intact, and he can go on working.
    expect(await db.collection('grades').countDocuments({ _id: benSubmission })).toBe(1);
    const benDraft = await api(inkwell.baseUrl, benToken, 'GET', '/api/essay/draft');
    expect(benDraft.json.text).toBe(BEN_TEXT);

    const audit = await db.collection('privacy_audit').find({ action: 'erase-person' }).toArray();
    expect(audit).toHaveLength(1);
    const entry = audit[0]!;
    expect(entry.by).toMatch(/^command line/);
    expect(entry.reason).toBe('erasure request 18');
    expect(entry.at).toBeInstanceOf(Date);
    expect((entry.counts as Record<string, number>).essay_revisions).toBeGreaterThanOrEqual(1);
    const stored = JSON.stringify(entry);
    expect(stored).not.toContain('ADA-7731');
    expect(stored).not.toContain('student-ada');
    expect(stored).not.toContain(ADA_COMMENT);

    const after = await cli('person', 'show', '--issuer', issuer, '--user-id', 'student-ada');
    expect(after.stdout).toContain('Inkwell holds nothing about this person.');
  });

  it('a new launch of the erased student starts afresh', async () => {
    const again = await launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK });
    const draft = await api(inkwell.baseUrl, again.sessionToken, 'GET', '/api/essay/draft');
    expect(draft.status).toBe(200);
    expect(draft.json.text).toBe('');
  });
});

describe('erasing an instructor', () => {
  it('deletes their comment bank, keeps the grades they gave, and leaves another instructor’s bank', async () => {
    const shown = await cli('person', 'show', '--issuer', issuer, '--user-id', 'teacher-rivera');
    expect(shown.stdout).toContain('comment_bank');
    const result = await cli('person', 'erase', '--issuer', issuer, '--user-id', 'teacher-rivera', '--yes');
    expect(result.status, result.stderr).toBe(0);
    const left = JSON.stringify(await db.collection('comment_bank').find({}).toArray());
    expect(left).not.toContain('BANK-RIVERA');
    expect(left).toContain('BANK-OKOYE');
    expect(await db.collection('grade_versions').countDocuments({ gradedBy: 'teacher-rivera' })).toBeGreaterThanOrEqual(1);
    const audit = await db.collection('privacy_audit').find({ action: 'erase-person' }).toArray();
    const entry = audit.find((e) => e.reason !== 'erasure request 18')!;
    expect((entry.counts as Record<string, number>).comment_bank).toBe(2);
  });
});

describe('erasing a student whose essay is open', () => {
  it('a save from the page still open after the erasure brings nothing back', async () => {
    inkwell.platform.addMember({ sub: 'student-dana', name: 'Dana Lee', roles: [ROLE.learner] }, 'course-101');
    const { sessionToken } = await launch(inkwell.platform, { userId: 'student-dana', resourceLinkId: LINK });
    const token = sessionToken!;
    const submissionId = new ObjectId(String(decodeJwt(token).submissionId));
    // Two saves, so the server knows the revision the next one is based on without reading it.
    for (const baseRevision of [0, 1]) {
      const saved = await api(inkwell.baseUrl, token, 'PUT', '/api/essay/draft', { text: `Dana's draft ${baseRevision + 1}, marker DANA-2208.`, baseRevision });
      expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    }
    const erased = await cli('person', 'erase', '--issuer', issuer, '--user-id', 'student-dana', '--yes');
    expect(erased.status, erased.stderr).toBe(0);

    const late = await api(inkwell.baseUrl, token, 'PUT', '/api/essay/draft', { text: 'Typed after the erasure, marker DANA-2208.', baseRevision: 2 });
    expect(late.status, JSON.stringify(late.json)).toBe(404);
    expect(late.json.code).toBe('NOT_FOUND');
    expect(await db.collection('essay_revisions').countDocuments({ submissionId })).toBe(0);
    for (const { name } of await db.listCollections().toArray()) {
      const hits = await db.collection(name).find({}).toArray();
      expect(JSON.stringify(hits), `collection ${name}`).not.toContain('DANA-2208');
    }
  });
});

describe('course purge', () => {
  it('deletes one course’s assignments and every student’s work in it, and nothing of another course', async () => {
    const assignment = await db.collection('assignments').findOne({ contextId: OTHER_COURSE });
    expect(assignment).not.toBeNull();
    const shown = await cli('course', 'show', '--issuer', issuer, '--context-id', OTHER_COURSE);
    expect(shown.stdout).toContain('assignments');
    expect((await cli('course', 'purge', '--issuer', issuer, '--context-id', OTHER_COURSE)).status).toBe(2);

    const result = await cli('course', 'purge', '--issuer', issuer, '--context-id', OTHER_COURSE, '--yes');
    expect(result.status, result.stderr).toBe(0);
    expect(await db.collection('assignments').countDocuments({ contextId: OTHER_COURSE })).toBe(0);
    expect(await db.collection('submissions').countDocuments({ assignmentId: assignment!._id })).toBe(0);
    // The versions of its content go with it; the other course's stay.
    expect(await db.collection('assignment_contents').countDocuments({ assignmentId: assignment!._id.toHexString() })).toBe(0);
    expect(await db.collection('assignment_contents').countDocuments({})).toBeGreaterThanOrEqual(1);
    expect(await db.collection('essay_revisions').countDocuments({ text: CHEN_TEXT })).toBe(0);
    expect(JSON.stringify(await db.collection('comment_bank').find({}).toArray())).not.toContain('BANK-OKOYE');

    expect(await db.collection('assignments').countDocuments({ contextId: 'course-101' })).toBe(1);
    expect(await db.collection('grades').countDocuments({ _id: benSubmission })).toBe(1);
    const audit = await db.collection('privacy_audit').findOne({ action: 'purge-course' });
    expect(audit?.subject).toEqual({ issuer, contextId: OTHER_COURSE });
  });
});

describe('retention', () => {
  // The services run in this test process against the server's database, with a clock the test sets.
  let privacy: typeof import('../../services/privacy');
  beforeAll(async () => {
    process.env.MONGODB_URI = inkwell.env.MONGODB_URI;
    process.env.INKWELL_DB_NAME = inkwell.env.INKWELL_DB_NAME;
    privacy = await import('../../services/privacy');
  });
  afterAll(async () => {
    const { closeDb } = await import('../../models/db');
    await closeDb();
    delete process.env.INKWELL_RETENTION_DAYS;
  });

  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

  it('the CLI’s dry run lists nothing yet: the course was active today', async () => {
    const result = await cli('retention', '--dry-run', '--days', '30');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('0 course(s) with no activity for 30 days would be deleted (dry run');
  });

  it('a dry run lists a course once it is past the retention period, and deletes nothing', async () => {
    expect((await privacy.applyRetention({ days: 30, now: inDays(20), dryRun: true, requester: { by: 'test' } })).courses).toEqual([]);
    const dryRun = await privacy.applyRetention({ days: 30, now: inDays(40), dryRun: true, requester: { by: 'test' } });
    expect(dryRun.courses.map((c) => c.contextId)).toEqual(['course-101']);
    expect(dryRun.counts).toEqual({});
    expect(await db.collection('assignments').countDocuments({ contextId: 'course-101' })).toBe(1);
  });

  it('the daily run deletes what the dry run listed, once a day however many processes try', async () => {
    process.env.INKWELL_RETENTION_DAYS = '30';
    const now = inDays(40);
    const [first, second] = await Promise.all([privacy.runDailyRetention(now), privacy.runDailyRetention(now)]);
    const outcomes = [first, second];
    expect(outcomes.filter((o) => o === 'done-today')).toHaveLength(1);
    const ran = outcomes.find((o) => typeof o === 'object');
    expect(ran && typeof ran === 'object' ? ran.courses.map((c) => c.contextId) : null).toEqual(['course-101']);
    expect(await db.collection('assignments').countDocuments({})).toBe(0);
    expect(await db.collection('submissions').countDocuments({})).toBe(0);
    expect(await db.collection('assignment_contents').countDocuments({})).toBe(0);
    expect(await db.collection('essay_revisions').countDocuments({})).toBe(0);
    expect(await db.collection('privacy_audit').countDocuments({ action: 'retention', by: 'daily retention job' })).toBe(1);
    expect(await privacy.runDailyRetention(now)).toBe('done-today');
  });

  it('is off without INKWELL_RETENTION_DAYS, and a bad value is refused with its reason', async () => {
    delete process.env.INKWELL_RETENTION_DAYS;
    expect(await privacy.runDailyRetention(inDays(80))).toBe('off');
    process.env.INKWELL_RETENTION_DAYS = 'thirty';
    expect(() => privacy.retentionDays()).toThrow('INKWELL_RETENTION_DAYS must be a whole number of days');
  });
});
