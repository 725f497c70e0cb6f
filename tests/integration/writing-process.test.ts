/**
 * Issue #14 item 8 through real HTTP on the embedded database: each save leaves statistics
 * (time, words, characters, never text) from which the instructor's "How this essay was
 * written" is drawn — sessions, time spent, large additions — and only the submission's own
 * instructors may read it.
 */
import { decodeJwt } from 'jose';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LARGE_ADDITION_WORDS } from '../../domain/writing-process';
import { ROLE } from '../../emulator';
import { api, launch, openPage } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';

const LINK = 'rl-essay-1';
const OTHER_COURSE = 'course-other';
const OTHER_LINK = 'rl-other-1';
let inkwell: RunningInkwell;
let teacher: string;
let otherTeacher: string;
let ada: string;
let adaSubmissionId: string;

/** `count` words, each marked so the test can tell whether text leaked into the statistics. */
const words = (count: number, marker: string) => Array.from({ length: count }, (_, i) => `${marker}${i}`).join(' ');

const OPENING = words(12, 'opening');
const SECOND = `${OPENING} ${words(6, 'second')}`;
const PASTED = `${SECOND} ${words(150, 'pasted')}`;

async function save(token: string, text: string, baseRevision: number): Promise<number> {
  const saved = await api(inkwell.baseUrl, token, 'PUT', '/api/essay/draft', { text, baseRevision });
  expect(saved.status, JSON.stringify(saved.json)).toBe(200);
  return saved.json.revision as number;
}

const writingProcess = (token: string | null, submissionId: string) =>
  api(inkwell.baseUrl, token, 'GET', `/api/grading/submissions/${submissionId}/writing-process`);

async function page(path: string, token: string): Promise<string> {
  const response = await openPage(inkwell.baseUrl, path, token);
  expect(response.status).toBe(200);
  return (await response.text()).replaceAll('<!-- -->', '');
}

beforeAll(async () => {
  // Saves in quick succession are more than the per-student autosave budget allows.
  inkwell = await startInkwell({ platform: { flavour: 'moodle' }, env: { INKWELL_RATE_LIMIT_SCALE: '0' } });
  const p = inkwell.platform;
  p.addCourse({ id: OTHER_COURSE, label: 'HIST 202', title: 'Another course' });
  p.addMember({ sub: 'teacher-other', name: 'Olga Other', roles: [ROLE.instructor] }, OTHER_COURSE);
  p.addResourceLink({ id: OTHER_LINK, title: 'Other essay', withLineItem: true, contextId: OTHER_COURSE });
  teacher = (await launch(p, { userId: 'teacher-rivera', resourceLinkId: LINK })).sessionToken!;
  otherTeacher = (await launch(p, { userId: 'teacher-other', resourceLinkId: OTHER_LINK })).sessionToken!;
  ada = (await launch(p, { userId: 'student-ada', resourceLinkId: LINK })).sessionToken!;
  adaSubmissionId = String(decodeJwt(ada).submissionId);

  let revision = await save(ada, OPENING, 0);
  revision = await save(ada, SECOND, revision);
  revision = await save(ada, PASTED, revision);
  expect(revision).toBe(3);
}, 120_000);

afterAll(async () => {
  await inkwell?.stop();
});

describe('the writing-process statistics', () => {
  it('give the instructor sessions, time spent and the save that added many words at once', async () => {
    const response = await writingProcess(teacher, adaSubmissionId);
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    const body = response.json as {
      saves: number;
      sessions: { saves: number; wordsBefore: number; wordsAfter: number }[];
      totalTimeMs: number;
      largeAdditions: { revision: number; wordsAdded: number; charsAdded?: number; savedAt: string }[];
      timeline: { revision: number; words: number }[];
      finalWords: number;
    };
    expect(body.saves).toBe(3);
    expect(body.timeline.map((point) => point.words)).toEqual([12, 18, 168]);
    // Saved seconds apart: one session.
    expect(body.sessions).toEqual([expect.objectContaining({ saves: 3, wordsBefore: 0, wordsAfter: 168 })]);
    expect(body.totalTimeMs).toBeGreaterThanOrEqual(0);
    expect(body.totalTimeMs).toBeLessThan(10 * 60_000);
    expect(body.largeAdditions).toEqual([
      { revision: 3, wordsAdded: 150, charsAdded: PASTED.length - SECOND.length, savedAt: expect.any(String) },
    ]);
    expect(150).toBeGreaterThan(LARGE_ADDITION_WORDS);
    expect(body.finalWords).toBe(168);
  });

  it('never carry the text: neither the answer nor what is stored holds a word of it', async () => {
    const response = await writingProcess(teacher, adaSubmissionId);
    expect(JSON.stringify(response.json)).not.toMatch(/opening|second\d|pasted|closing/);
    const client = await MongoClient.connect(inkwell.env.MONGODB_URI!);
    try {
      const stats = await client.db(inkwell.env.INKWELL_DB_NAME).collection('writing_stats').find().toArray();
      expect(stats.length).toBeGreaterThan(0);
      expect(JSON.stringify(stats)).not.toMatch(/opening|second\d|pasted|closing/);
    } finally {
      await client.close();
    }
  });

  it('follow later saves and the submission after the instructor first looked', async () => {
    const before = await writingProcess(teacher, adaSubmissionId);
    const known = (before.json.saves as number) ?? 0;
    // Enough words to submit (the unit asks for at least 300).
    const revision = await save(ada, `${PASTED} ${words(140, 'closing')}`, known);
    const submitted = await api(inkwell.baseUrl, ada, 'POST', '/api/essay/submit', { revision });
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
    const after = await writingProcess(teacher, adaSubmissionId);
    expect(after.json.saves).toBe(known + 2);
    expect((after.json.timeline as { words: number }[]).map((p) => p.words).slice(-2)).toEqual([308, 308]);
    expect((after.json.largeAdditions as { revision: number }[]).map((a) => a.revision)).toEqual([3, known + 1]);
  });

  it('are refused to the student themselves (403) and unknown to another course\'s instructor (404)', async () => {
    const student = await writingProcess(ada, adaSubmissionId);
    expect(student.status).toBe(403);
    expect(student.json.code).toBe('FORBIDDEN');
    expect(JSON.stringify(student.json)).not.toMatch(/sessions|timeline/);

    const stranger = await writingProcess(otherTeacher, adaSubmissionId);
    expect(stranger.status).toBe(404);
    expect((await writingProcess(teacher, 'not-an-id')).status).toBe(404);
    expect((await writingProcess(null, adaSubmissionId)).status).toBe(401);
  });

  it('appear in the instructor\'s grading view and nowhere on the student\'s page', async () => {
    expect(await page(`/grading/${adaSubmissionId}`, teacher)).toContain('How this essay was written');
    expect(await page('/essay', ada)).not.toContain('How this essay was written');
  });
});
