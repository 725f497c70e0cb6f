/**
 * Instructors place, shape and reuse essay assignments from the LMS content
 * picker (Deep Linking), the platform verifies Inkwell's signed answer and
 * creates the gradebook column, rubric changes after grading make versions,
 * and a course copy gets its own copy of the assignment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentDraft } from '../../domain/assignment';
import { sampleEssay } from '../../domain/unit';
import { api, deepLinkingLaunch, followAutoSubmit, launch, reopenLaunchPage } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';
import { waitFor } from '../support/wait';

let inkwell: RunningInkwell;
const TEACHER = 'teacher-rivera';

async function placeForm(token: string, fields: Record<string, string>, path = '/deep-link/place') {
  return fetch(`${inkwell.baseUrl}${path}`, {
    method: 'POST',
    body: new URLSearchParams({ session: token, ...fields }),
    redirect: 'manual',
  });
}

async function openPicker(): Promise<string> {
  const result = await deepLinkingLaunch(inkwell.platform, { userId: TEACHER });
  expect(result.status).toBe(303);
  expect(result.location).toMatch(/^\/deep-link\?ticket=/);
  return result.sessionToken!;
}

function newestLink() {
  const links = inkwell.platform.resourceLinks();
  return links[links.length - 1]!;
}

beforeAll(async () => {
  inkwell = await startInkwell({ platform: { flavour: 'moodle' } });
});
afterAll(async () => {
  await inkwell?.stop();
});

describe('the content picker', () => {
  it('politely refuses students', async () => {
    const result = await deepLinkingLaunch(inkwell.platform, { userId: 'student-ada' });
    expect(result.status).toBe(403);
    expect(result.body).toContain('Only instructors can add Inkwell assignments');
    expect(result.sessionToken).toBeNull();
  });

  it('places the built-in unit: the platform verifies the signed answer and makes a graded column', async () => {
    const token = await openPicker();
    const answer = await placeForm(token, { source: 'builtin', then: 'add' });
    expect(answer.status).toBe(200);
    const returned = await followAutoSubmit(await answer.text());
    expect(returned.status, returned.body).toBe(200);

    const response = inkwell.platform.deepLinkResponses.at(-1)!;
    expect(response.accepted).toBe(true);
    const link = newestLink();
    expect(link.title).toBe('The Rise of Totalitarianism in Russia');
    expect(Object.keys(link.custom ?? {})).toEqual(['inkwell_assignment']);
    expect(inkwell.platform.lineItemFor(link.id)).toMatchObject({ scoreMaximum: 32, tag: 'inkwell-essay' });

    const student = await launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: link.id });
    expect(student.status).toBe(303);
    const page = await (await reopenLaunchPage(inkwell.baseUrl, student)).text();
    expect(page).toContain('The Rise of Totalitarianism in Russia');
  });

  it('answers each request once', async () => {
    const token = await openPicker();
    expect((await placeForm(token, { source: 'builtin', then: 'add' })).status).toBe(200);
    const again = await placeForm(token, { source: 'builtin', then: 'add' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already added');
  });
});

describe('authoring', () => {
  let placedLinkId: string;

  it('edits a copy before placing it; invalid input gets clear messages per field', async () => {
    const token = await openPicker();
    const toEditor = await placeForm(token, { source: 'builtin', then: 'edit' });
    expect(toEditor.status).toBe(303);
    const location = toEditor.headers.get('location')!;
    const assignmentId = /\/assignments\/([a-f0-9]{24})\/edit/.exec(location)![1]!;

    const loaded = await api(inkwell.baseUrl, token, 'GET', `/api/assignments/${assignmentId}`);
    expect(loaded.status).toBe(200);
    const draft = loaded.json.draft as AssignmentDraft;
    expect(draft.guidingQuestions).toHaveLength(4);

    const broken = structuredClone(draft);
    broken.title = '';
    broken.rubric.criteria[0]!.levels[1]!.points = broken.rubric.criteria[0]!.levels[0]!.points;
    const refused = await api(inkwell.baseUrl, token, 'PUT', `/api/assignments/${assignmentId}`, broken);
    expect(refused.status).toBe(422);
    const fieldErrors = refused.json.fieldErrors as Record<string, string>;
    expect(fieldErrors.title).toBeTruthy();
    expect(Object.keys(fieldErrors).some((k) => k.startsWith('rubric.criteria.0.levels'))).toBe(true);

    // Three questions, and the criterion of the removed one goes too: 7 criteria × 4 = 28 points.
    const edited = structuredClone(draft);
    edited.title = 'Russia 1917–1929: revolution to dictatorship';
    const removed = edited.guidingQuestions.pop()!;
    edited.rubric.criteria = edited.rubric.criteria.filter((c) => c.guidingQuestionId !== removed.id);
    const saved = await api(inkwell.baseUrl, token, 'PUT', `/api/assignments/${assignmentId}`, edited);
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);

    const answer = await placeForm(token, { assignmentId }, '/deep-link/complete');
    expect(answer.status).toBe(200);
    expect((await followAutoSubmit(await answer.text())).status).toBe(200);
    const link = newestLink();
    placedLinkId = link.id;
    expect(link.title).toBe('Russia 1917–1929: revolution to dictatorship');
    expect(inkwell.platform.lineItemFor(link.id)?.scoreMaximum).toBe(28);

    const student = await launch(inkwell.platform, { userId: 'student-ben', resourceLinkId: link.id });
    const page = await (await reopenLaunchPage(inkwell.baseUrl, student)).text();
    expect(page).toContain('Russia 1917–1929: revolution to dictatorship');
    expect(page).not.toContain(removed.prompt);
  });

  it('keeps other courses’ assignments out of reach', async () => {
    const other = await launch(inkwell.platform, { userId: TEACHER, resourceLinkId: 'rl-essay-1' });
    const mine = await api(inkwell.baseUrl, other.sessionToken, 'GET', '/api/assignments/0123456789abcdef01234567');
    expect(mine.status).toBe(404);
    const student = await launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: 'rl-essay-1' });
    const asStudent = await api(inkwell.baseUrl, student.sessionToken, 'GET', `/api/assignments/0123456789abcdef01234567`);
    expect(asStudent.status).toBe(403);
  });

  it('after grading, a changed rubric is a new version; the column follows the new total and a regrade uses it', async () => {
    const student = await launch(inkwell.platform, { userId: 'student-chen', resourceLinkId: placedLinkId });
    const studentToken = student.sessionToken!;
    await api(inkwell.baseUrl, studentToken, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 });
    expect((await api(inkwell.baseUrl, studentToken, 'POST', '/api/essay/submit', { revision: 1 })).status).toBe(200);

    const teacher = await launch(inkwell.platform, { userId: TEACHER, resourceLinkId: placedLinkId });
    const token = teacher.sessionToken!;
    const list = await (await reopenLaunchPage(inkwell.baseUrl, teacher)).text();
    const submissionId = /\/grading\/([a-f0-9]{24})">Chen Wei/.exec(list)![1]!;
    const assignmentId = /\/assignments\/([a-f0-9]{24})\/edit/.exec(list)?.[1];
    expect(assignmentId, 'the submissions list links to the assignment editor').toBeTruthy();

    const loaded = await api(inkwell.baseUrl, token, 'GET', `/api/assignments/${assignmentId}`);
    const draft = loaded.json.draft as AssignmentDraft;
    const top = (c: AssignmentDraft['rubric']['criteria'][number]) => c.levels[0]!.id!;
    const grade = await api(inkwell.baseUrl, token, 'PUT', `/api/grading/submissions/${submissionId}/grade`, {
      selections: Object.fromEntries(draft.rubric.criteria.map((c) => [c.id!, top(c)])),
      criterionComments: {},
      overallComment: '',
    });
    expect(grade.json).toMatchObject({ total: 28, max: 28 });
    await waitFor(() => inkwell.platform.gradeFor(placedLinkId, 'student-chen')?.scoreGiven === 28);

    // The first criterion's top level is now worth 6: total 30.
    const edited = structuredClone(draft);
    edited.rubric.criteria[0]!.levels[0]!.points = 6;
    const saved = await api(inkwell.baseUrl, token, 'PUT', `/api/assignments/${assignmentId}`, edited);
    expect(saved.json).toMatchObject({ rubricVersion: 2, newRubricVersion: true, gradebook: { status: 'updated' } });
    expect(inkwell.platform.lineItemFor(placedLinkId)?.scoreMaximum).toBe(30);

    const regrade = await api(inkwell.baseUrl, token, 'PUT', `/api/grading/submissions/${submissionId}/grade`, {
      selections: Object.fromEntries(edited.rubric.criteria.map((c) => [c.id!, top(c)])),
      criterionComments: {},
      overallComment: 'Regraded with the revised rubric.',
      baseVersion: grade.json.version,
    });
    expect(regrade.json).toMatchObject({ total: 30, max: 30 });
    await waitFor(() => inkwell.platform.gradeFor(placedLinkId, 'student-chen')?.scoreGiven === 30);
    expect(inkwell.platform.gradeFor(placedLinkId, 'student-chen')).toMatchObject({ scoreGiven: 30, scoreMaximum: 30 });
  });
});

describe('dates from the LMS', () => {
  it('takes the due and lock dates the LMS sends as custom parameters, and ignores unsubstituted ones', async () => {
    inkwell.platform.addResourceLink({
      id: 'rl-dated',
      title: 'Dated essay',
      withLineItem: true,
      custom: { due_at: '2026-12-10T23:59:00Z', lock_at: '$Canvas.assignment.lockAt.iso8601' },
    });
    const teacher = await launch(inkwell.platform, { userId: TEACHER, resourceLinkId: 'rl-dated' });
    const list = await (await reopenLaunchPage(inkwell.baseUrl, teacher)).text();
    const assignmentId = /\/assignments\/([a-f0-9]{24})\/edit/.exec(list)![1]!;
    const draft = (await api(inkwell.baseUrl, teacher.sessionToken, 'GET', `/api/assignments/${assignmentId}`)).json.draft as AssignmentDraft;
    expect(draft.rules.dueAt).toBe('2026-12-10T23:59:00.000Z');
    expect(draft.rules.cutoffAt).toBeNull();
  });
});

describe('course copy', () => {
  it('gives the copied course its own copy of the assignment, with none of the old students', async () => {
    const copy = inkwell.platform.copyCourse('course-101', { id: 'course-202', label: 'HIST 101 (2027)', title: 'World History 2027' });
    const copiedLink = inkwell.platform.resourceLinks(copy.id).find((l) => l.title === 'Russia 1917–1929: revolution to dictatorship')!;
    expect(copiedLink).toBeTruthy();

    const teacher = await launch(inkwell.platform, { userId: TEACHER, resourceLinkId: copiedLink.id, contextId: copy.id });
    expect(teacher.status).toBe(303);
    const list = (await (await reopenLaunchPage(inkwell.baseUrl, teacher)).text()).replaceAll('<!-- -->', '');
    expect(list).toContain('Russia 1917–1929: revolution to dictatorship');
    expect(list).toContain('0 started');
    expect(list).not.toMatch(/\/grading\/[a-f0-9]{24}/);

    // It is the assignment as last edited (rubric version 2: 30 points), not as first placed.
    const editorId = /\/assignments\/([a-f0-9]{24})\/edit/.exec(list)![1]!;
    const draft = (await api(inkwell.baseUrl, teacher.sessionToken, 'GET', `/api/assignments/${editorId}`)).json.draft as AssignmentDraft;
    expect(draft.rubric.criteria[0]!.levels[0]!.points).toBe(6);

    const student = await launch(inkwell.platform, { userId: 'student-chen', resourceLinkId: copiedLink.id, contextId: copy.id });
    const essay = await api(inkwell.baseUrl, student.sessionToken, 'GET', '/api/essay/draft');
    expect(essay.json).toMatchObject({ text: '', revision: 0, status: 'draft' });
  });
});
