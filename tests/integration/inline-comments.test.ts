/**
 * Inline comments, the comment bank and the student's released feedback over real HTTP
 * (issue #14 items 1, 2 and 10): instructors only, anchors checked against the graded
 * revision, each instructor's bank their own per course, and nothing of the grade or its
 * comments reaches the student before release.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorText } from '../../domain/inline-comments';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { ROLE } from '../../emulator';
import { api, launch, openPage } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';

const LINK = 'rl-essay-1';
const OTHER_COURSE = 'course-202';
const OTHER_LINK = 'rl-other';
let inkwell: RunningInkwell;
let rivera: string;
let okoye: string;

/** A page as text (React separates adjacent text with <!-- --> markers). */
async function page(path: string, token: string): Promise<string> {
  const response = await openPage(inkwell.baseUrl, path, token);
  expect(response.status).toBe(200);
  return (await response.text()).replaceAll('<!-- -->', '');
}

/** A student who saves `text` (and submits it, unless told not to). */
async function studentWith(userId: string, name: string, text: string, submit = true) {
  inkwell.platform.addMember({ sub: userId, name, roles: [ROLE.learner] });
  const token = (await launch(inkwell.platform, { userId, resourceLinkId: LINK })).sessionToken!;
  expect((await api(inkwell.baseUrl, token, 'PUT', '/api/essay/draft', { text, baseRevision: 0 })).status).toBe(200);
  let revision = 1;
  if (submit) {
    const submitted = await api(inkwell.baseUrl, token, 'POST', '/api/essay/submit', { revision: 1 });
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
    revision = submitted.json.revision as number;
  }
  const list = await page('/grading', rivera);
  const submissionId = new RegExp(`/grading/([a-f0-9]{24})">${name}<`).exec(list)![1]!;
  return { token, submissionId, revision };
}

/** The offsets of `quote` in `text` as the grading view counts them. */
function passage(text: string, quote: string) {
  const start = anchorText(text).indexOf(quote);
  expect(start).toBeGreaterThanOrEqual(0);
  return { start, end: start + quote.length, quote };
}

const commentsPath = (submissionId: string) => `/api/grading/submissions/${submissionId}/inline-comments`;

beforeAll(async () => {
  inkwell = await startInkwell({ platform: { flavour: 'moodle' } });
  inkwell.platform.addMember({ sub: 'teacher-okoye', name: 'Grace Okoye', roles: [ROLE.instructor] });
  inkwell.platform.addCourse({ id: OTHER_COURSE, label: 'HIST 202', title: 'Another course' });
  inkwell.platform.addMember({ sub: 'teacher-rivera', name: 'Maria Rivera', roles: [ROLE.instructor] }, OTHER_COURSE);
  inkwell.platform.addResourceLink({ id: OTHER_LINK, title: 'Other essay', withLineItem: true, contextId: OTHER_COURSE });
  rivera = (await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: LINK })).sessionToken!;
  okoye = (await launch(inkwell.platform, { userId: 'teacher-okoye', resourceLinkId: LINK })).sessionToken!;
}, 120_000);

afterAll(async () => {
  await inkwell?.stop();
});

describe('inline comments (item 1)', () => {
  it('an instructor adds, lists, edits and deletes comments anchored to the revision they read', async () => {
    const text = `First line.\r\n${sampleEssay}`;
    const { submissionId, revision } = await studentWith('student-ines', 'Ines Duarte', text);
    const anchor = passage(text, 'Treaty of Rapallo in 1921');

    const created = await api(inkwell.baseUrl, rivera, 'POST', commentsPath(submissionId), {
      revision,
      ...anchor,
      text: 'Rapallo was signed in 1922.',
      criterionId: 'c-accuracy',
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const comment = created.json.comment as Record<string, unknown>;
    expect(comment).toMatchObject({ revision, ...anchor, text: 'Rapallo was signed in 1922.', criterionId: 'c-accuracy', authorName: 'Maria Rivera' });
    expect(comment).not.toHaveProperty('authorId');

    // A second instructor of the course comments too; nobody's comment replaces another's.
    const general = await api(inkwell.baseUrl, okoye, 'POST', commentsPath(submissionId), {
      revision,
      ...passage(text, 'First line.'),
      text: 'A title would help.',
    });
    expect(general.status, JSON.stringify(general.json)).toBe(201);

    const listed = await api(inkwell.baseUrl, rivera, 'GET', commentsPath(submissionId));
    expect(listed.status).toBe(200);
    expect((listed.json.comments as { text: string }[]).map((c) => c.text)).toEqual(['Rapallo was signed in 1922.', 'A title would help.']);

    const id = comment.id as string;
    const edited = await api(inkwell.baseUrl, okoye, 'PATCH', `${commentsPath(submissionId)}/${id}`, { text: 'Check the year: 1922.', criterionId: null });
    expect(edited.status, JSON.stringify(edited.json)).toBe(200);
    expect(edited.json.comment).toMatchObject({ id, text: 'Check the year: 1922.', ...anchor });
    expect(edited.json.comment).not.toHaveProperty('criterionId');

    const deleted = await api(inkwell.baseUrl, rivera, 'DELETE', `${commentsPath(submissionId)}/${id}`);
    expect(deleted.status).toBe(200);
    const after = (await api(inkwell.baseUrl, rivera, 'GET', commentsPath(submissionId))).json.comments as { id: string; text: string }[];
    expect(after.map((c) => c.text)).toEqual(['A title would help.']);
    expect((await api(inkwell.baseUrl, rivera, 'DELETE', `${commentsPath(submissionId)}/${id}`)).status).toBe(404);
    expect((await api(inkwell.baseUrl, rivera, 'PATCH', `${commentsPath(submissionId)}/${id}`, { text: 'x' })).status).toBe(404);

    // A new comment takes a new number: a deleted comment's is never reused.
    const again = await api(inkwell.baseUrl, rivera, 'POST', commentsPath(submissionId), { revision, ...anchor, text: 'Once more.' });
    expect(again.status).toBe(201);
    expect((again.json.comment as { id: string }).id).not.toBe(id);

    // The grading view shows the passage highlighted with its criterion's label and the list.
    const view = await page(`/grading/${submissionId}`, rivera);
    expect(view).toContain('Add comment on selection');
    expect(view).toContain('A title would help.');
    expect(view).toMatch(/<mark[^>]*data-label="1"[^>]*>First line\.<\/mark>/);
  });

  it('keeps every comment when many arrive at once: none replaces another', async () => {
    const { submissionId, revision } = await studentWith('student-noor', 'Noor Haddad', sampleEssay);
    const texts = Array.from({ length: 12 }, (_, i) => `Parallel ${i + 1}`);
    const results = await Promise.all(
      texts.map((text, i) =>
        api(inkwell.baseUrl, i % 2 ? okoye : rivera, 'POST', commentsPath(submissionId), { revision, ...passage(sampleEssay, 'Stalin'), text }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(texts.map(() => 201));
    const listed = (await api(inkwell.baseUrl, rivera, 'GET', commentsPath(submissionId))).json.comments as { id: string; text: string }[];
    expect(listed.map((c) => c.text).sort()).toEqual([...texts].sort());
    expect(new Set(listed.map((c) => c.id)).size).toBe(texts.length);
  });

  it('refuses students, with 403, and reveals nothing', async () => {
    const { token, submissionId, revision } = await studentWith('student-jon', 'Jon Berg', sampleEssay);
    const made = await api(inkwell.baseUrl, rivera, 'POST', commentsPath(submissionId), { revision, ...passage(sampleEssay, 'Lenin'), text: 'SECRET-NOTE' });
    expect(made.status).toBe(201);
    const id = (made.json.comment as { id: string }).id;
    const attempts = [
      await api(inkwell.baseUrl, token, 'GET', commentsPath(submissionId)),
      await api(inkwell.baseUrl, token, 'POST', commentsPath(submissionId), { revision, ...passage(sampleEssay, 'Lenin'), text: 'Mine' }),
      await api(inkwell.baseUrl, token, 'PATCH', `${commentsPath(submissionId)}/${id}`, { text: 'Changed' }),
      await api(inkwell.baseUrl, token, 'DELETE', `${commentsPath(submissionId)}/${id}`),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(403);
      expect(JSON.stringify(attempt.json)).not.toContain('SECRET-NOTE');
    }
    const still = (await api(inkwell.baseUrl, rivera, 'GET', commentsPath(submissionId))).json.comments as { text: string }[];
    expect(still.map((c) => c.text)).toEqual(['SECRET-NOTE']);
  });

  it('refuses passages outside the text, wrong quotes, bad comments and bad shapes with clear messages', async () => {
    const { submissionId, revision } = await studentWith('student-kim', 'Kim Ito', sampleEssay);
    const post = (body: Record<string, unknown>) =>
      api(inkwell.baseUrl, rivera, 'POST', commentsPath(submissionId), { revision, ...passage(sampleEssay, 'Stalin'), text: 'Fine.', ...body });
    const length = anchorText(sampleEssay).length;

    const cases: [Record<string, unknown>, string][] = [
      [{ start: length - 2, end: length + 5, quote: 'xx' }, 'start'],
      [{ start: 10, end: 10 }, 'start'],
      [{ quote: 'Trotsky' }, 'quote'],
      [{ text: '   ' }, 'text'],
      [{ text: 'x'.repeat(5001) }, 'text'],
      [{ criterionId: 'c-not-in-rubric' }, 'criterionId'],
      [{ start: 'ten' }, 'start'],
      [{ revision: -1 }, 'revision'],
    ];
    for (const [body, field] of cases) {
      const refused = await post(body);
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect(refused.json.code).toBe('INVALID_INPUT');
      expect(refused.json.fieldErrors, JSON.stringify(body)).toHaveProperty(field);
      expect(String(refused.json.message)).not.toMatch(/\bat \S+ \(|Error:/);
    }
    // Offsets past the end of the essay are refused even with a matching-looking quote.
    const past = await post({ start: length, end: length + 6, quote: 'Stalin' });
    expect(past.status).toBe(422);

    // Another revision than the one now submitted: the essay changed since the page was opened.
    const stale = await post({ revision: revision + 5 });
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe('EDIT_CONFLICT');
    expect((await api(inkwell.baseUrl, rivera, 'GET', commentsPath(submissionId))).json.comments).toEqual([]);

    // A submission of another course is not found.
    const other = (await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: OTHER_LINK })).sessionToken!;
    expect((await api(inkwell.baseUrl, other, 'GET', commentsPath(submissionId))).status).toBe(404);
  });

  it('waits for a submission: a draft cannot be commented on', async () => {
    const { submissionId } = await studentWith('student-lea', 'Lea Roth', sampleEssay, false);
    const refused = await api(inkwell.baseUrl, rivera, 'POST', commentsPath(submissionId), { revision: 1, ...passage(sampleEssay, 'Stalin'), text: 'Early.' });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('SUBMISSION_CLOSED');
  });
});

describe('the comment bank (item 2)', () => {
  const bank = (token: string) => api(inkwell.baseUrl, token, 'GET', '/api/grading/comment-bank');
  type Entry = { id: string; text: string; criterionId?: string; starter: boolean };

  it('starts with the unit’s starter comments for every criterion, read-only', async () => {
    const { json, status } = await bank(rivera);
    expect(status).toBe(200);
    const entries = json.entries as Entry[];
    for (const criterion of builtInRubric.criteria) expect(entries.some((e) => e.starter && e.criterionId === criterion.id)).toBe(true);
    const starter = entries.find((e) => e.starter)!;
    const edit = await api(inkwell.baseUrl, rivera, 'PATCH', `/api/grading/comment-bank/${starter.id}`, { text: 'Mine now' });
    expect(edit.status).toBe(403);
    expect((await api(inkwell.baseUrl, rivera, 'DELETE', `/api/grading/comment-bank/${starter.id}`)).status).toBe(403);
  });

  it('keeps each instructor’s saved comments their own, per course; edits and deletes them', async () => {
    const saved = await api(inkwell.baseUrl, rivera, 'POST', '/api/grading/comment-bank', { text: 'RIVERA: cite the year.', criterionId: 'c-evidence' });
    expect(saved.status, JSON.stringify(saved.json)).toBe(201);
    const entry = saved.json.entry as Entry;
    expect(entry).toMatchObject({ text: 'RIVERA: cite the year.', criterionId: 'c-evidence', starter: false });
    // Saving the same words again keeps one entry.
    const twice = await api(inkwell.baseUrl, rivera, 'POST', '/api/grading/comment-bank', { text: 'RIVERA: cite the year.', criterionId: 'c-evidence' });
    expect((twice.json.entry as Entry).id).toBe(entry.id);
    const general = await api(inkwell.baseUrl, rivera, 'POST', '/api/grading/comment-bank', { text: 'RIVERA: well argued overall.' });
    expect(general.status).toBe(201);

    const own = (await bank(rivera)).json.entries as Entry[];
    expect(own.filter((e) => !e.starter).map((e) => e.text)).toEqual(['RIVERA: well argued overall.', 'RIVERA: cite the year.']);
    // Another instructor of the course, and Rivera in another course, see only the starters.
    expect(((await bank(okoye)).json.entries as Entry[]).filter((e) => !e.starter)).toEqual([]);
    const otherCourse = (await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: OTHER_LINK })).sessionToken!;
    expect(((await bank(otherCourse)).json.entries as Entry[]).filter((e) => !e.starter)).toEqual([]);
    // …and cannot change Rivera's entry by its number.
    expect((await api(inkwell.baseUrl, okoye, 'PATCH', `/api/grading/comment-bank/${entry.id}`, { text: 'OKOYE' })).status).toBe(404);
    expect((await api(inkwell.baseUrl, okoye, 'DELETE', `/api/grading/comment-bank/${entry.id}`)).status).toBe(404);

    const edited = await api(inkwell.baseUrl, rivera, 'PATCH', `/api/grading/comment-bank/${entry.id}`, { text: 'RIVERA: cite the exact year.', criterionId: 'c-accuracy' });
    expect(edited.status, JSON.stringify(edited.json)).toBe(200);
    expect(edited.json.entry).toMatchObject({ id: entry.id, text: 'RIVERA: cite the exact year.', criterionId: 'c-accuracy' });
    expect((await api(inkwell.baseUrl, rivera, 'DELETE', `/api/grading/comment-bank/${entry.id}`)).status).toBe(200);
    const left = ((await bank(rivera)).json.entries as Entry[]).filter((e) => !e.starter);
    expect(left.map((e) => e.text)).toEqual(['RIVERA: well argued overall.']);
  });

  it('refuses empty words, unknown criteria and students', async () => {
    const empty = await api(inkwell.baseUrl, rivera, 'POST', '/api/grading/comment-bank', { text: ' ' });
    expect(empty.status).toBe(422);
    expect(empty.json.fieldErrors).toHaveProperty('text');
    const unknown = await api(inkwell.baseUrl, rivera, 'POST', '/api/grading/comment-bank', { text: 'Hm.', criterionId: 'c-nope' });
    expect(unknown.status).toBe(422);
    expect(unknown.json.fieldErrors).toHaveProperty('criterionId');
    const student = (await launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK })).sessionToken!;
    expect((await bank(student)).status).toBe(403);
    expect((await api(inkwell.baseUrl, student, 'POST', '/api/grading/comment-bank', { text: 'Mine.' })).status).toBe(403);
  });
});

describe('feedback the student can use (item 10)', () => {
  it('shows nothing of the grade or its comments before release, then the whole rubric, comments and inline comments', async () => {
    const { token, submissionId, revision } = await studentWith('student-mia', 'Mia Lund', `MIA-ESSAY\n\n${sampleEssay}`);
    const text = `MIA-ESSAY\n\n${sampleEssay}`;
    const made = await api(inkwell.baseUrl, rivera, 'POST', commentsPath(submissionId), {
      revision,
      ...passage(text, 'Treaty of Rapallo in 1921'),
      text: 'INLINE-SECRET: Rapallo was 1922.',
      criterionId: 'c-accuracy',
    });
    expect(made.status).toBe(201);
    const selections = Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, c.levels[1]!.id]));
    const draft = await api(inkwell.baseUrl, rivera, 'PUT', `/api/grading/submissions/${submissionId}/grade`, {
      selections,
      criterionComments: { 'c-thesis': 'CRITERION-SECRET' },
      overallComment: 'OVERALL-SECRET',
      release: false,
      baseVersion: 0,
      revision,
    });
    expect(draft.status, JSON.stringify(draft.json)).toBe(200);

    // Before release: the feedback API answers null, the page shows none of it.
    const before = await api(inkwell.baseUrl, token, 'GET', '/api/essay/feedback');
    expect(before.status).toBe(200);
    expect(before.json).toEqual({ feedback: null });
    const pageBefore = await page('/essay', token);
    for (const secret of ['INLINE-SECRET', 'CRITERION-SECRET', 'OVERALL-SECRET', 'Feedback', 'Your level', ' / 32']) {
      expect(pageBefore, secret).not.toContain(secret);
    }

    const released = await api(inkwell.baseUrl, rivera, 'POST', `/api/grading/submissions/${submissionId}/release`, {});
    expect(released.status, JSON.stringify(released.json)).toBe(200);

    const after = await api(inkwell.baseUrl, token, 'GET', '/api/essay/feedback');
    const feedback = after.json.feedback as Record<string, unknown>;
    expect(feedback).toMatchObject({ total: 24, max: 32, overallComment: 'OVERALL-SECRET', criterionComments: { 'c-thesis': 'CRITERION-SECRET' } });
    expect((feedback.gradedText as { revision: number }).revision).toBe(revision);
    expect(feedback.inlineComments).toEqual([expect.objectContaining({ text: 'INLINE-SECRET: Rapallo was 1922.', quote: 'Treaty of Rapallo in 1921' })]);
    expect(JSON.stringify(feedback)).not.toContain('teacher-rivera');

    const pageAfter = await page('/essay', token);
    expect(pageAfter).toContain('Feedback');
    expect(pageAfter).toContain('OVERALL-SECRET');
    expect(pageAfter).toContain('CRITERION-SECRET');
    expect(pageAfter).toContain('INLINE-SECRET: Rapallo was 1922.');
    // Every level's descriptor of every criterion, and the level reached said in words.
    for (const criterion of builtInRubric.criteria) {
      for (const level of criterion.levels) expect(pageAfter).toContain(level.descriptor.slice(0, 40).replaceAll('&', '&amp;'));
    }
    // One level reached per criterion (counted in the HTML, not in the page's script data).
    const html = pageAfter.replace(/<script[\s\S]*?<\/script>/g, '');
    expect(html.match(/✓ Your level/g)?.length).toBe(builtInRubric.criteria.length);
    expect(pageAfter).toMatch(/<mark[^>]*data-label="1 · Historical accuracy"[^>]*>Treaty of Rapallo in 1921<\/mark>/);
  });
});
