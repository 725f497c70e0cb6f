/**
 * Two Inkwell processes on one database behind a round-robin load balancer (no sticky sessions),
 * as the README's "Several processes" section describes: a launch whose login reaches one
 * process and whose id_token post reaches the other succeeds; an essay saved through one process
 * reads back the same through the other; every released grade reaches the LMS exactly once
 * while both processes' passback workers run, the LMS slow enough that a worker's batch outlasts
 * a delivery window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAutoSubmitForm } from '../../emulator';
import { BACKEND_HEADER } from '../../bench/lib/load-balancer';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { api, pageHtml, sessionTokenInPage } from '../support/lti-client';
import { startInkwellCluster, type InkwellCluster } from '../support/inkwell-server';
import { waitFor } from '../support/wait';

const LINK = 'rl-essay-1';
const LEARNER = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner';
let cluster: InkwellCluster;

interface SplitLaunch {
  loginBackend: string | null;
  launchBackend: string | null;
  status: number;
  sessionToken: string | null;
}

function cookiesFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** A launch through the load balancer, noting which process answered the login and which the id_token post. */
async function launchThroughBalancer(userId: string): Promise<SplitLaunch> {
  const login = cluster.platform.startLogin({ userId, resourceLinkId: LINK });
  const loginResponse = await fetch(login.loginUrl, { method: 'POST', body: new URLSearchParams(login.formFields), redirect: 'manual' });
  expect(loginResponse.status).toBe(302);
  const form = parseAutoSubmitForm(await (await fetch(loginResponse.headers.get('location')!)).text());
  const launchResponse = await fetch(form.action, {
    method: 'POST',
    body: new URLSearchParams(form.fields),
    headers: { cookie: cookiesFrom(loginResponse) },
    redirect: 'manual',
  });
  const location = launchResponse.headers.get('location');
  const page = location ? await (await fetch(new URL(location, form.action))).text() : null;
  return {
    loginBackend: loginResponse.headers.get(BACKEND_HEADER),
    launchBackend: launchResponse.headers.get(BACKEND_HEADER),
    status: launchResponse.status,
    sessionToken: page ? sessionTokenInPage(page) : null,
  };
}

const students = Array.from({ length: 16 }, (_, i) => `student-${String(i).padStart(2, '0')}`);
const tokens = new Map<string, string>();

beforeAll(async () => {
  cluster = await startInkwellCluster(2);
  for (const userId of students) cluster.platform.addMember({ sub: userId, name: `Student ${userId.slice(-2)}`, roles: [LEARNER] });
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
});

describe('two processes behind a load balancer, one database', () => {
  it('a launch whose login reaches one process and whose id_token post reaches the other succeeds, either way round', async () => {
    const splits = new Set<string>();
    for (const userId of students) {
      const result = await launchThroughBalancer(userId);
      expect(result.status, `${userId}'s launch`).toBe(303);
      expect(result.sessionToken, `${userId}'s session`).toBeTruthy();
      tokens.set(userId, result.sessionToken!);
      // A launch is three requests through the balancer (login, id_token, page), so the next one starts on the other process.
      if (result.loginBackend !== result.launchBackend) splits.add(`${result.loginBackend}→${result.launchBackend}`);
    }
    expect([...splits].sort()).toEqual(['0→1', '1→0']);
    expect(cluster.balancer.served.every((n) => n >= students.length)).toBe(true);
  });

  it('an essay saved through one process is the same when read through the other', async () => {
    const [first, second] = cluster.processUrls as [string, string];
    const token = tokens.get('student-00')!;
    const text = `${sampleEssay}\n\nSaved through the first process.`;
    const saved = await api(first, token, 'PUT', '/api/essay/draft', { text, baseRevision: 0 });
    expect(saved.status).toBe(200);
    const read = await api(second, token, 'GET', `/api/essay/revisions/${saved.json.revision as number}`);
    expect(read.status).toBe(200);
    expect(read.json.text).toBe(text);
    // A save through the second process on a stale base is a conflict there too: both see one ledger.
    const stale = await api(second, token, 'PUT', '/api/essay/draft', { text: 'stale tab', baseRevision: 0 });
    expect(stale.status).toBe(409);
    const next = await api(second, token, 'PUT', '/api/essay/draft', { text: `${text} More.`, baseRevision: saved.json.revision });
    expect(next.status).toBe(200);
    const history = await api(first, token, 'GET', '/api/essay/revisions');
    expect(JSON.stringify(history.json)).toContain(`"revision":${next.json.revision as number}`);
  });

  it('saves alternating between the processes make one history; a tab on an old revision is refused by the process that saved it', async () => {
    cluster.platform.addMember({ sub: 'student-alternating', name: 'Student Alternating', roles: [LEARNER] });
    const token = (await launchThroughBalancer('student-alternating')).sessionToken!;
    const [first, second] = cluster.processUrls as [string, string];
    let revision = 0;
    for (let i = 1; i <= 4; i++) {
      const saved = await api(i % 2 === 1 ? first : second, token, 'PUT', '/api/essay/draft', { text: `Draft ${i}`, baseRevision: revision });
      expect(saved.status, JSON.stringify(saved.json)).toBe(200);
      revision = saved.json.revision as number;
    }
    expect(revision).toBe(4);
    // The first process saved revision 3 itself, so it does not read it again; the claim of 4 still fails.
    const stale = await api(first, token, 'PUT', '/api/essay/draft', { text: 'a tab still on revision 3', baseRevision: 3 });
    expect(stale.status).toBe(409);
    expect(stale.json.currentRevision).toBe(4);
    for (const url of [first, second]) expect((await api(url, token, 'GET', '/api/essay/draft')).json.text).toBe('Draft 4');
  });

  it('every released grade reaches the LMS exactly once, both processes delivering, the LMS slow', async () => {
    for (const userId of students) {
      const token = tokens.get(userId)!;
      const draft = await api(cluster.baseUrl, token, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: userId === 'student-00' ? 2 : 0 });
      expect(draft.status, JSON.stringify(draft.json)).toBe(200);
      expect((await api(cluster.baseUrl, token, 'POST', '/api/essay/submit', { revision: draft.json.revision })).status).toBe(200);
    }
    const accepted = (progress: string) =>
      cluster.platform.receivedScores.filter((s) => s.accepted && (s.body as { gradingProgress?: string }).gradingProgress === progress);
    await waitFor(() => accepted('PendingManual').length >= students.length, 30_000, 'the "needs grading" notices');

    const teacher = await launchThroughBalancer('teacher-rivera');
    const teacherToken = teacher.sessionToken!;
    const list = await fetch(`${cluster.baseUrl}/api/session/ticket`, { method: 'POST', headers: { Authorization: `Bearer ${teacherToken}` } });
    const { ticket } = (await list.json()) as { ticket: string };
    const html = await (await fetch(`${cluster.baseUrl}/grading?ticket=${encodeURIComponent(ticket)}`)).text();
    const submissionIds = [...html.matchAll(/\/grading\/([a-f0-9]{24})">Student \d\d</g)].map((m) => m[1]!);
    expect(submissionIds).toHaveLength(students.length);
    const selections = Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, c.levels[1]!.id]));
    for (const id of submissionIds) {
      const graded = await api(cluster.baseUrl, teacherToken, 'PUT', `/api/grading/submissions/${id}/grade`, {
        selections,
        criterionComments: {},
        overallComment: '',
        release: false,
        baseVersion: 0,
      });
      expect(graded.status, JSON.stringify(graded.json)).toBe(200);
    }

    // Each score takes 600 ms: a worker's batch of 16 (4 lanes of 4) outlasts the 3 s delivery window.
    cluster.platform.setFailureMode({ delayMs: 600 });
    try {
      const released = await api(cluster.baseUrl, teacherToken, 'POST', '/api/grading/release-all', {});
      expect(released.json).toEqual({ released: students.length });
      await waitFor(() => students.every((u) => cluster.platform.gradeFor(LINK, u)?.gradingProgress === 'FullyGraded'), 60_000, 'every grade in the LMS');
      // Time for a duplicate to arrive, if one were on its way.
      await new Promise((r) => setTimeout(r, 4_000));
    } finally {
      cluster.platform.setFailureMode(null);
    }
    const perStudent = new Map(students.map((u) => [u, 0]));
    for (const score of accepted('FullyGraded')) {
      const userId = (score.body as { userId: string }).userId;
      perStudent.set(userId, (perStudent.get(userId) ?? 0) + 1);
    }
    expect(Object.fromEntries(perStudent)).toEqual(Object.fromEntries(students.map((u) => [u, 1])));
  }, 120_000);

  it('the class list one process keeps follows what is written through the other', async () => {
    const [first, second] = cluster.processUrls as [string, string];
    cluster.platform.addMember({ sub: 'student-list', name: 'Student List', roles: [LEARNER] });
    const token = (await launchThroughBalancer('student-list')).sessionToken!;
    const teacherToken = (await launchThroughBalancer('teacher-rivera')).sessionToken!;
    // The row of one student in the first process's list: status tag, words and grade columns.
    const rowOn = async (name: string) => {
      const html = await pageHtml(first, '/grading', teacherToken);
      const row = new RegExp(`<tr>(?:(?!</tr>).)*>${name}</a></th>(?:(?!</tr>).)*</tr>`, 's').exec(html)?.[0] ?? '';
      const cells = [...row.matchAll(/<td[^>]*>((?:(?!<\/td>).)*)<\/td>/gs)].map((m) => m[1]!.replace(/<!-- -->/g, ''));
      return { status: /data-status="([a-z-]+)"/.exec(row)?.[1], words: cells[2], grade: cells[3] };
    };
    // A first launch does not wait for the lists to learn of the new student either.
    await waitFor(async () => (await rowOn('Student List')).status === 'draft', 5_000, 'the new student in the list');
    expect(await rowOn('Student List')).toMatchObject({ status: 'draft', words: '0', grade: '—' });
    expect(await rowOn('Student List'), 'the list read again (kept by the first process)').toMatchObject({ status: 'draft', words: '0' });

    const saved = await api(second, token, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 });
    expect(saved.status).toBe(200);
    // A draft's save does not wait for the lists to learn of it: they follow within moments.
    await waitFor(async () => (await rowOn('Student List')).words === String(saved.json.wordCount), 5_000, 'the saved draft in the list');

    expect((await api(second, token, 'POST', '/api/essay/submit', { revision: saved.json.revision })).status).toBe(200);
    expect(await rowOn('Student List'), 'submitted through the other process').toMatchObject({ status: 'submitted' });

    const submissionId = /\/grading\/([a-f0-9]{24})">Student List</.exec(await pageHtml(first, '/grading', teacherToken))![1]!;
    const selections = Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, c.levels[1]!.id]));
    const graded = await api(second, teacherToken, 'PUT', `/api/grading/submissions/${submissionId}/grade`, {
      selections,
      criterionComments: {},
      overallComment: '',
      release: false,
      baseVersion: 0,
    });
    expect(graded.status, JSON.stringify(graded.json)).toBe(200);
    const { total, max } = graded.json as { total: number; max: number };
    expect(await rowOn('Student List'), 'graded through the other process').toMatchObject({ status: 'graded', grade: `${total} / ${max}` });

    // A new student's first launch, through either process.
    cluster.platform.addMember({ sub: 'student-late', name: 'Student Late', roles: [LEARNER] });
    expect((await launchThroughBalancer('student-late')).status).toBe(303);
    await waitFor(async () => (await rowOn('Student Late')).status === 'draft', 5_000, 'the new student in the list');
  });
});
