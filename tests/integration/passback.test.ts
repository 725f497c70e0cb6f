/**
 * Grade passback that never loses a grade: the outbox and its worker against
 * an LMS that fails in the ways real ones do. In every case each student's
 * LMS grade ends equal to the latest released grade and nothing is left pending.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { api, launch, reopenLaunchPage } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';
import { waitFor } from '../support/wait';

const LINK = 'rl-essay-1';
const CLASS_SIZE = 10;
let inkwell: RunningInkwell;
let teacherToken: string;
/** userId → submission id */
const submissions = new Map<string, string>();

const selections = (points: 4 | 3 | 2 | 1) =>
  Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, c.levels[4 - points]!.id]));
const total = (points: number) => points * builtInRubric.criteria.length;

/** userId → the version of their latest grade, which a regrade names as its base */
const gradeVersions = new Map<string, number>();

async function grade(userId: string, points: 4 | 3 | 2 | 1, release = true) {
  const result = await api(inkwell.baseUrl, teacherToken, 'PUT', `/api/grading/submissions/${submissions.get(userId)}/grade`, {
    selections: selections(points),
    criterionComments: {},
    overallComment: '',
    release,
    baseVersion: gradeVersions.get(userId) ?? 0,
  });
  expect(result.status, JSON.stringify(result.json)).toBe(200);
  gradeVersions.set(userId, result.json.version as number);
}

/** Accepted FullyGraded scores the LMS received for a student. */
function acceptedGrades(userId: string) {
  return inkwell.platform.receivedScores.filter(
    (s) => s.accepted && (s.body as { userId?: string; gradingProgress?: string }).userId === userId && (s.body as { gradingProgress?: string }).gradingProgress === 'FullyGraded',
  );
}

async function syncState(userId: string): Promise<string | undefined> {
  const result = await api(inkwell.baseUrl, teacherToken, 'GET', `/api/grading/submissions/${submissions.get(userId)}/sync`);
  return (result.json.sync as { state: string } | null)?.state;
}

async function expectAllInLms(expected: Map<string, number>, timeoutMs = 30_000) {
  for (const [userId, score] of expected) {
    await waitFor(() => inkwell.platform.gradeFor(LINK, userId)?.scoreGiven === score, timeoutMs, `${userId} has ${score} in the LMS`);
    await waitFor(async () => (await syncState(userId)) === 'sent', timeoutMs, `${userId} shows as sent`);
  }
}

const students = Array.from({ length: CLASS_SIZE }, (_, i) => `student-${String(i).padStart(2, '0')}`);

beforeAll(async () => {
  inkwell = await startInkwell({ platform: { flavour: 'moodle' } });
  for (const userId of students) {
    inkwell.platform.addMember({ sub: userId, name: `Student ${userId.slice(-2)}`, roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'] });
    const student = await launch(inkwell.platform, { userId, resourceLinkId: LINK });
    await api(inkwell.baseUrl, student.sessionToken, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 });
    expect((await api(inkwell.baseUrl, student.sessionToken, 'POST', '/api/essay/submit', { revision: 1 })).status).toBe(200);
  }
  const teacher = await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: LINK });
  teacherToken = teacher.sessionToken!;
  const html = await (await reopenLaunchPage(inkwell.baseUrl, teacher)).text();
  for (const match of html.matchAll(/\/grading\/([a-f0-9]{24})">Student (\d\d)</g)) submissions.set(`student-${match[2]}`, match[1]!);
  expect(submissions.size).toBe(CLASS_SIZE);
  // The "needs grading" notices go first; wait for them so they do not mix with the cases below.
  await waitFor(() => inkwell.platform.receivedScores.filter((s) => s.accepted).length >= CLASS_SIZE, 30_000);
}, 120_000);

afterAll(async () => {
  await inkwell?.stop();
});

describe('release control', () => {
  it('keeps drafts away from the student and the LMS, then releases them all at once', async () => {
    await grade('student-00', 3, false);
    await grade('student-01', 2, false);
    expect(await syncState('student-00')).toBe('not-released');
    const student = await launch(inkwell.platform, { userId: 'student-00', resourceLinkId: LINK });
    const page = await (await reopenLaunchPage(inkwell.baseUrl, student)).text();
    expect(page).not.toContain('Feedback');

    const released = await api(inkwell.baseUrl, teacherToken, 'POST', '/api/grading/release-all', {});
    expect(released.json).toEqual({ released: 2 });
    // Releasing is a new version of each grade; a later regrade is based on it.
    for (const userId of ['student-00', 'student-01']) gradeVersions.set(userId, gradeVersions.get(userId)! + 1);
    await expectAllInLms(new Map([['student-00', total(3)], ['student-01', total(2)]]));
    const after = await (await reopenLaunchPage(inkwell.baseUrl, student)).text();
    expect(after).toContain('Feedback');
  });
});

describe('an LMS that fails', () => {
  it('20% of requests fail with 500: every grade arrives, exactly once', async () => {
    inkwell.platform.setFailureMode({ rate: 0.2, status: 500 });
    try {
      const expected = new Map(students.slice(2, 10).map((u) => [u, total(4)]));
      const before = new Map(students.map((u) => [u, acceptedGrades(u).length]));
      for (const userId of expected.keys()) await grade(userId, 4);
      await expectAllInLms(expected);
      for (const userId of expected.keys()) expect(acceptedGrades(userId).length - before.get(userId)!).toBe(1);
    } finally {
      inkwell.platform.setFailureMode(null);
    }
  });

  it('429 with Retry-After: waits as asked, then delivers', async () => {
    inkwell.platform.setFailureMode({ status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    await grade('student-02', 2);
    await waitFor(() => inkwell.platform.receivedScores.some((s) => s.status === 429 && s.receivedAt.getTime() >= started));
    await waitFor(async () => (await syncState('student-02')) === 'retrying');
    inkwell.platform.setFailureMode(null);
    await expectAllInLms(new Map([['student-02', total(2)]]));
    const refused = inkwell.platform.receivedScores.filter((s) => s.status === 429 && s.receivedAt.getTime() >= started);
    const accepted = acceptedGrades('student-02').at(-1)!;
    expect(accepted.receivedAt.getTime() - refused.at(-1)!.receivedAt.getTime()).toBeGreaterThanOrEqual(950);
  });

  it('answers slower than the timeout: abandoned and retried, not waited on forever', async () => {
    inkwell.platform.setFailureMode({ delayMs: 1_500 });
    await grade('student-03', 1);
    await waitFor(async () => (await syncState('student-03')) === 'retrying', 10_000);
    inkwell.platform.setFailureMode(null);
    await expectAllInLms(new Map([['student-03', total(1)]]));
  });

  it('down for a while, then back: nothing is lost and nothing stays pending', async () => {
    inkwell.platform.setFailureMode({ status: 503, rate: 1 });
    const expected = new Map([['student-04', total(2)], ['student-05', total(1)]]);
    for (const [userId] of expected) await grade(userId, userId === 'student-04' ? 2 : 1);
    await new Promise((r) => setTimeout(r, 1_000));
    inkwell.platform.setFailureMode(null);
    await expectAllInLms(expected);
  });

  it('a permanent refusal is not retried blindly and says what to do', async () => {
    // The LMS no longer knows the student as enrolled (Moodle answers 400).
    inkwell.platform.addMember({ sub: 'student-06', name: 'Student 06', roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor'] });
    const before = inkwell.platform.receivedScores.length;
    await grade('student-06', 3);
    await waitFor(async () => (await syncState('student-06')) === 'failed');
    const attempts = inkwell.platform.receivedScores.slice(before).filter((s) => (s.body as { userId?: string }).userId === 'student-06');
    expect(attempts).toHaveLength(1);
    const sync = (await api(inkwell.baseUrl, teacherToken, 'GET', `/api/grading/submissions/${submissions.get('student-06')}/sync`)).json.sync as { message: string };
    expect(sync.message).toMatch(/still enrolled as a student/);
    inkwell.platform.addMember({ sub: 'student-06', name: 'Student 06', roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'] });
  });
});

describe('Inkwell itself', () => {
  it('a grade changed three times quickly: the LMS ends with the last one, never an older one after it', async () => {
    await grade('student-07', 1);
    await grade('student-07', 2);
    await grade('student-07', 3);
    await expectAllInLms(new Map([['student-07', total(3)]]));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(inkwell.platform.gradeFor(LINK, 'student-07')?.scoreGiven).toBe(total(3));
    const sent = acceptedGrades('student-07').map((s) => (s.body as { timestamp: string }).timestamp);
    expect([...sent].sort()).toEqual(sent);
  });

  it('two Inkwell processes deliver together without sending anything twice', async () => {
    const other = await inkwell.startAnother();
    try {
      inkwell.platform.setFailureMode({ delayMs: 150 });
      const expected = new Map(students.slice(0, 8).map((u) => [u, total(1)]));
      const before = new Map(students.map((u) => [u, acceptedGrades(u).length]));
      for (const userId of expected.keys()) await grade(userId, 1);
      await expectAllInLms(expected);
      for (const userId of expected.keys()) expect(acceptedGrades(userId).length - before.get(userId)!).toBe(1);
    } finally {
      inkwell.platform.setFailureMode(null);
      await other.stop();
    }
  });

  it('a process killed in the middle of a batch: after a restart every grade arrives', async () => {
    inkwell.platform.setFailureMode({ delayMs: 400 });
    const expected = new Map(students.slice(0, 8).map((u) => [u, total(4)]));
    const before = new Map(students.map((u) => [u, acceptedGrades(u).length]));
    for (const userId of expected.keys()) await grade(userId, 4);
    await new Promise((r) => setTimeout(r, 500));
    await inkwell.kill();
    inkwell.platform.setFailureMode(null);
    await inkwell.restart();
    await expectAllInLms(expected, 45_000);
    // At most the attempts in flight at the moment of the kill can have reached the LMS twice.
    const extra = [...expected.keys()].reduce((sum, u) => sum + (acceptedGrades(u).length - before.get(u)! - 1), 0);
    expect(extra).toBeLessThanOrEqual(4);
  });
});
