/**
 * The essay and grade lifecycle through real HTTP (issue #12, items 2, 3, 6):
 * the graded text is pinned to the grade and survives pruning; a draft grade
 * never strands the student, and a grade is never released for text it did not
 * see; two graders never silently replace each other's grade.
 */
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { ROLE } from '../../emulator';
import { api, launch, openPage } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';

const LINK = 'rl-essay-1';
let inkwell: RunningInkwell;
let rivera: string;
let okoye: string;
let assignmentId: string;

const selections = (levelIndex: number) => Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, c.levels[levelIndex]!.id]));

/** A page as text (React separates adjacent text with <!-- --> markers). */
async function page(path: string, token: string): Promise<string> {
  const response = await openPage(inkwell.baseUrl, path, token);
  expect(response.status).toBe(200);
  return (await response.text()).replaceAll('<!-- -->', '');
}

/** A student of the course who writes the sample essay (with a marker of their own) and submits it. */
async function studentSubmits(userId: string, name: string, marker: string): Promise<{ token: string; submissionId: string; revision: number }> {
  inkwell.platform.addMember({ sub: userId, name, roles: [ROLE.learner] });
  const student = await launch(inkwell.platform, { userId, resourceLinkId: LINK });
  const token = student.sessionToken!;
  const saved = await api(inkwell.baseUrl, token, 'PUT', '/api/essay/draft', { text: `${marker}\n\n${sampleEssay}`, baseRevision: 0 });
  expect(saved.status).toBe(200);
  const submitted = await api(inkwell.baseUrl, token, 'POST', '/api/essay/submit', { revision: 1 });
  expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
  const list = await page('/grading', rivera);
  const submissionId = new RegExp(`/grading/([a-f0-9]{24})">${name}<`).exec(list)![1]!;
  return { token, submissionId, revision: submitted.json.revision as number };
}

async function grade(token: string, submissionId: string, body: Record<string, unknown>) {
  return api(inkwell.baseUrl, token, 'PUT', `/api/grading/submissions/${submissionId}/grade`, {
    selections: selections(1),
    criterionComments: {},
    overallComment: '',
    ...body,
  });
}

/** An autosave, waiting as asked when the per-student rate limit answers 429. */
async function autosave(token: string, text: string, baseRevision: number): Promise<number> {
  for (;;) {
    const response = await fetch(`${inkwell.baseUrl}/api/essay/draft`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text, baseRevision }),
    });
    if (response.status === 429) {
      await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000));
      continue;
    }
    const body = (await response.json()) as { revision?: number };
    expect(response.status, JSON.stringify(body)).toBe(200);
    return body.revision!;
  }
}

beforeAll(async () => {
  inkwell = await startInkwell({ platform: { flavour: 'moodle' } });
  inkwell.platform.addMember({ sub: 'teacher-okoye', name: 'Grace Okoye', roles: [ROLE.instructor] });
  rivera = (await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: LINK })).sessionToken!;
  okoye = (await launch(inkwell.platform, { userId: 'teacher-okoye', resourceLinkId: LINK })).sessionToken!;
  // Students may reopen their own submitted essay (no due date).
  const list = await page('/grading', rivera);
  assignmentId = /\/assignments\/([a-f0-9]{24})\/edit/.exec(list)![1]!;
  await setRules({ allowResubmission: true });
}, 120_000);

/** Changes the assignment's submission rules through the assignment editor's API. */
async function setRules(rules: Record<string, unknown>): Promise<void> {
  const { draft } = (await api(inkwell.baseUrl, rivera, 'GET', `/api/assignments/${assignmentId}`)).json as { draft: { rules: Record<string, unknown> } };
  Object.assign(draft.rules, rules);
  const saved = await api(inkwell.baseUrl, rivera, 'PUT', `/api/assignments/${assignmentId}`, draft);
  expect(saved.status, JSON.stringify(saved.json)).toBe(200);
}

afterAll(async () => {
  await inkwell?.stop();
});

describe('a draft grade and the student (item 3)', () => {
  it('once grading has begun the student cannot reopen, is told so in plain words, and keeps a working page', async () => {
    const { token, submissionId, revision } = await studentSubmits('student-dara', 'Dara Nowak', 'DARA-TEXT');
    expect(await page('/essay', token)).toContain('Reopen to make changes');

    const draft = await grade(rivera, submissionId, { release: false, baseVersion: 0, revision });
    expect(draft.status, JSON.stringify(draft.json)).toBe(200);

    const reopen = await api(inkwell.baseUrl, token, 'POST', '/api/essay/reopen');
    expect(reopen.status).toBe(409);
    expect(reopen.json).toMatchObject({ code: 'SUBMISSION_CLOSED' });
    expect(String(reopen.json.message)).toMatch(/started grading/);
    const after = await page('/essay', token);
    expect(after).toContain('Your instructor is grading it, so it can no longer be reopened.');
    expect(after).not.toContain('Reopen to make changes');
    expect(after).not.toContain('Feedback');
    // Still submitted, still graded, and the instructor can release it.
    const release = await api(inkwell.baseUrl, rivera, 'POST', `/api/grading/submissions/${submissionId}/release`);
    expect(release.status, JSON.stringify(release.json)).toBe(200);
    expect(await page('/essay', token)).toContain('Graded: your feedback is below.');
  });

  it('a student who reopened before grading gets the editor back; the instructor cannot grade the draft', async () => {
    const { token, submissionId, revision } = await studentSubmits('student-emre', 'Emre Yilmaz', 'EMRE-TEXT');
    expect((await api(inkwell.baseUrl, token, 'POST', '/api/essay/reopen')).status).toBe(200);
    const reopened = await page('/essay', token);
    expect(reopened).toContain('id="essay-text"');
    expect(reopened).toContain('Draft: not submitted yet.');
    const refused = await grade(rivera, submissionId, { baseVersion: 0, revision });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('SUBMISSION_CLOSED');
    expect(await page(`/grading/${submissionId}`, rivera)).toContain('Reopened by the student: a draft again until they submit it.');
  });

  it('a student who reopened and then missed the cutoff is not stuck: the instructor returns the draft and they submit', async () => {
    const { token, submissionId } = await studentSubmits('student-kofi', 'Kofi Mensah', 'KOFI-TEXT');
    expect((await api(inkwell.baseUrl, token, 'POST', '/api/essay/reopen')).status).toBe(200);
    const past = new Date(Date.now() - 60_000).toISOString();
    await setRules({ dueAt: past, cutoffAt: past });
    try {
      const reopened = (await api(inkwell.baseUrl, token, 'GET', '/api/essay/draft')).json.revision as number;
      const late = await api(inkwell.baseUrl, token, 'POST', '/api/essay/submit', { revision: reopened });
      expect(late.status).toBe(409);
      expect(String(late.json.message)).toMatch(/deadline/);
      expect(await page(`/grading/${submissionId}`, rivera)).toContain('Reopened by the student: a draft again until they submit it.');

      const returned = await api(inkwell.baseUrl, rivera, 'POST', `/api/grading/submissions/${submissionId}/return`, {
        note: 'Hand in what you have.',
        revision: reopened,
      });
      expect(returned.status, JSON.stringify(returned.json)).toBe(200);
      const studentPage = await page('/essay', token);
      expect(studentPage).toContain('Returned for revision: make your changes and submit again.');
      expect(studentPage).toContain('Hand in what you have.');
      const current = (await api(inkwell.baseUrl, token, 'GET', '/api/essay/draft')).json.revision as number;
      const submitted = await api(inkwell.baseUrl, token, 'POST', '/api/essay/submit', { revision: current });
      expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
    } finally {
      await setRules({ dueAt: null, cutoffAt: null });
    }
  });

  it('return for revision with a note; the old grade cannot be released for the new text until regraded', async () => {
    const { token, submissionId, revision } = await studentSubmits('student-farah', 'Farah Haddad', 'FARAH-FIRST');
    const drafted = await grade(rivera, submissionId, { release: false, baseVersion: 0, revision, overallComment: 'Good start.' });
    expect(drafted.json).toMatchObject({ version: 1, gradedRevision: revision, released: false });

    const returned = await api(inkwell.baseUrl, rivera, 'POST', `/api/grading/submissions/${submissionId}/return`, {
      note: 'Please expand your second paragraph.',
      revision,
    });
    expect(returned.status, JSON.stringify(returned.json)).toBe(200);
    expect(returned.json).toEqual({ state: 'returned' });
    expect(await page(`/grading/${submissionId}`, rivera)).toContain('Returned for revision: waiting for the student to submit again.');

    const studentPage = await page('/essay', token);
    expect(studentPage).toContain('Returned for revision: make your changes and submit again.');
    expect(studentPage).toContain('Please expand your second paragraph.');
    expect(studentPage).toContain('id="essay-text"');
    // While the student revises: no release, no grading, no second return.
    const early = await api(inkwell.baseUrl, rivera, 'POST', `/api/grading/submissions/${submissionId}/release`);
    expect(early.status).toBe(409);
    expect((await grade(rivera, submissionId, { baseVersion: 1 })).status).toBe(409);

    const current = (await api(inkwell.baseUrl, token, 'GET', '/api/essay/draft')).json;
    const next = await autosave(token, `FARAH-SECOND\n\n${sampleEssay}`, current.revision as number);
    const resubmitted = await api(inkwell.baseUrl, token, 'POST', '/api/essay/submit', { revision: next });
    expect(resubmitted.status, JSON.stringify(resubmitted.json)).toBe(200);

    const release = await api(inkwell.baseUrl, rivera, 'POST', `/api/grading/submissions/${submissionId}/release`);
    expect(release.status).toBe(409);
    expect(String(release.json.message)).toMatch(/changed since it was graded/);
    const all = await api(inkwell.baseUrl, rivera, 'POST', '/api/grading/release-all', {});
    expect(all.json).toMatchObject({ released: 0, changedSinceGraded: 1 });
    expect(await page('/essay', token)).not.toContain('Feedback');

    const gradingPage = await page(`/grading/${submissionId}`, rivera);
    expect(gradingPage).toContain('changed since graded — regrade before releasing');
    expect(gradingPage).toContain('FARAH-SECOND');
    expect(gradingPage).toContain('FARAH-FIRST');

    // Regraded on the new text, the grade can be released.
    const regraded = await grade(rivera, submissionId, { release: false, baseVersion: 1, revision: resubmitted.json.revision });
    expect(regraded.json).toMatchObject({ version: 2, gradedRevision: resubmitted.json.revision });
    const released = await api(inkwell.baseUrl, rivera, 'POST', `/api/grading/submissions/${submissionId}/release`, { baseVersion: 2 });
    expect(released.status, JSON.stringify(released.json)).toBe(200);
    expect(await page('/essay', token)).toContain('Graded: your feedback is below.');
  });
});

describe('the graded text is pinned (item 2)', () => {
  it('keeps and shows the graded text after a return for revision and more than a hundred saves', async () => {
    const { token, submissionId, revision } = await studentSubmits('student-gita', 'Gita Rao', 'GITA-GRADED-VERSION');
    const graded = await grade(rivera, submissionId, { release: true, baseVersion: 0, revision, overallComment: 'Well argued.' });
    expect(graded.json).toMatchObject({ version: 1, gradedRevision: revision, released: true });
    const returned = await api(inkwell.baseUrl, rivera, 'POST', `/api/grading/submissions/${submissionId}/return`, {
      note: 'Add a conclusion.',
      revision,
    });
    expect(returned.status).toBe(200);

    let base = (await api(inkwell.baseUrl, token, 'GET', '/api/essay/draft')).json.revision as number;
    for (let i = 0; i < 105; i++) base = await autosave(token, `GITA-REVISING ${i}\n\n${sampleEssay}`, base);
    expect(base).toBeGreaterThan(revision + 100);
    // Pruning has run over the graded revision's range (the draft the return opened is gone);
    // the graded text must still show, whatever else pruning keeps.
    const client = await MongoClient.connect(inkwell.env.MONGODB_URI!);
    try {
      const ledger = client.db(inkwell.env.INKWELL_DB_NAME).collection<{ _id: string; text?: string }>('essay_revisions');
      expect((await ledger.findOne({ _id: `${submissionId}:${revision + 1}` }))?.text).toBeUndefined();
    } finally {
      await client.close();
    }

    const gradingPage = await page(`/grading/${submissionId}`, rivera);
    expect(gradingPage).toContain('GITA-REVISING 104');
    expect(gradingPage).toContain('GITA-GRADED-VERSION');
    expect(gradingPage).toMatch(/The version you graded/);
    const studentPage = await page('/essay', token);
    expect(studentPage).toContain('Well argued.');
    expect(studentPage).toContain('GITA-GRADED-VERSION');
    expect(studentPage).toContain('Add a conclusion.');
  }, 240_000);
});

describe('two graders (item 6)', () => {
  it('a save based on an older grade gets a conflict with the other grader’s choices; nothing is replaced', async () => {
    const { submissionId, revision } = await studentSubmits('student-hana', 'Hana Sato', 'HANA-TEXT');
    // Both open the ungraded essay (version 0); Rivera saves first.
    const first = await grade(rivera, submissionId, { release: false, baseVersion: 0, revision, overallComment: 'Rivera: strong thesis.' });
    expect(first.status).toBe(200);

    const second = await grade(okoye, submissionId, { selections: selections(3), release: false, baseVersion: 0, revision, overallComment: 'Okoye: weak sources.' });
    expect(second.status).toBe(409);
    expect(first.json.version).toBe(1);
    expect(second.json).toMatchObject({
      code: 'GRADE_CONFLICT',
      currentGrade: { version: 1, selections: selections(1), overallComment: 'Rivera: strong thesis.', gradedByName: 'Maria Rivera', released: false },
    });
    const view = await page(`/grading/${submissionId}`, okoye);
    expect(view).toContain('Rivera: strong thesis.');
    expect(view).not.toContain('Okoye: weak sources.');

    // Having seen it, Okoye saves over version 1.
    const deliberate = await grade(okoye, submissionId, { selections: selections(3), release: false, baseVersion: 1, revision, overallComment: 'Okoye: weak sources.' });
    expect(deliberate.status).toBe(200);
    expect(deliberate.json.version).toBe(2);
  });

  it('of simultaneous saves on the same version exactly one wins', async () => {
    const { submissionId, revision } = await studentSubmits('student-ivan', 'Ivan Petrov', 'IVAN-TEXT');
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => grade(i % 2 ? okoye : rivera, submissionId, { release: false, baseVersion: 0, revision, overallComment: `save ${i}` })),
    );
    const unexpected = inkwell.logs.filter((line) => line.includes('unexpected error')).join('');
    expect(results.map((r) => r.status).sort(), unexpected).toEqual([200, 409, 409, 409, 409, 409]);
    const winner = results.find((r) => r.status === 200)!;
    for (const loser of results.filter((r) => r.status === 409)) {
      expect(loser.json.code).toBe('GRADE_CONFLICT');
      expect((loser.json.currentGrade as { version: number } | null)?.version).toBe(1);
    }
    expect(winner.json.version).toBe(1);
  });

  it('a release based on a grade that changed meanwhile is refused', async () => {
    const { submissionId, revision } = await studentSubmits('student-jude', 'Jude Adeyemi', 'JUDE-TEXT');
    expect((await grade(rivera, submissionId, { release: false, baseVersion: 0, revision })).status).toBe(200);
    expect((await grade(okoye, submissionId, { release: false, baseVersion: 1, revision, selections: selections(0) })).status).toBe(200);
    const stale = await api(inkwell.baseUrl, rivera, 'POST', `/api/grading/submissions/${submissionId}/release`, { baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ code: 'GRADE_CONFLICT', currentGrade: { version: 2, selections: selections(0) } });
  });
});
