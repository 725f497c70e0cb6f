/**
 * Faster grading, grading by criterion and anonymous grading through real HTTP (issue #14
 * items 3, 4, 6): drafts may leave criteria unchosen but only whole grades are released; a
 * per-criterion save changes that criterion only, over the grade version it opened; while an
 * assignment hides names, no page or JSON answer carries them, numbers stay put as students
 * join, and grades go out only after the reveal or an explicit confirmation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { ROLE } from '../../emulator';
import { api, launch, openPage } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';
import { waitFor } from '../support/wait';

let inkwell: RunningInkwell;
const DRAFTS_LINK = 'rl-fast-drafts';
const ANONYMOUS_LINK = 'rl-fast-anonymous';
const criteria = builtInRubric.criteria;
const levelOf = (criterionIndex: number, levelIndex: number) => criteria[criterionIndex]!.levels[levelIndex]!.id;
const allAt = (levelIndex: number) => Object.fromEntries(criteria.map((c) => [c.id, c.levels[levelIndex]!.id]));

/** A page as text (React separates adjacent text with <!-- --> markers). */
async function page(path: string, token: string): Promise<string> {
  const response = await openPage(inkwell.baseUrl, path, token);
  expect(response.status).toBe(200);
  return (await response.text()).replaceAll('<!-- -->', '');
}

async function submitEssay(userId: string, link: string): Promise<void> {
  const token = (await launch(inkwell.platform, { userId, resourceLinkId: link })).sessionToken!;
  expect((await api(inkwell.baseUrl, token, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 })).status).toBe(200);
  const submitted = await api(inkwell.baseUrl, token, 'POST', '/api/essay/submit', { revision: 1 });
  expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
}

/** The list's links to grading pages: submission id → name shown. */
function listedStudents(html: string): Map<string, string> {
  return new Map([...html.matchAll(/href="\/grading\/([a-f0-9]{24})">([^<]+)</g)].map((m) => [m[1]!, m[2]!]));
}

beforeAll(async () => {
  inkwell = await startInkwell({ platform: { flavour: 'moodle' } });
  inkwell.platform.addResourceLink({ id: DRAFTS_LINK, title: 'Essay (drafts)', withLineItem: true });
  inkwell.platform.addResourceLink({ id: ANONYMOUS_LINK, title: 'Essay (anonymous)', withLineItem: true });
}, 120_000);

afterAll(async () => {
  await inkwell?.stop();
});

describe('incomplete drafts and grading by criterion (items 3 and 4)', () => {
  let rivera: string;
  let submissionId: string;

  beforeAll(async () => {
    await submitEssay('student-ada', DRAFTS_LINK);
    rivera = (await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: DRAFTS_LINK })).sessionToken!;
    const list = await page('/grading', rivera);
    submissionId = [...listedStudents(list)].find(([, name]) => name === 'Ada Lovelace')![0];
  }, 120_000);

  const gradePath = () => `/api/grading/submissions/${submissionId}/grade`;
  const criterionPath = (criterionId: string) => `/api/grading/submissions/${submissionId}/criteria/${criterionId}`;

  it('saves a draft with criteria unchosen, and refuses to release it, naming what is missing', async () => {
    const draft = await api(inkwell.baseUrl, rivera, 'PUT', gradePath(), {
      selections: { [criteria[0]!.id]: levelOf(0, 0) },
      criterionComments: { [criteria[0]!.id]: 'Sharp.' },
      overallComment: '',
      release: false,
      baseVersion: 0,
    });
    expect(draft.status, JSON.stringify(draft.json)).toBe(200);
    expect(draft.json).toMatchObject({ released: false, version: 1, total: 4, max: 32 });

    const release = await api(inkwell.baseUrl, rivera, 'POST', `/api/grading/submissions/${submissionId}/release`, { baseVersion: 1 });
    expect(release.status).toBe(422);
    expect(release.json.code).toBe('GRADE_INCOMPLETE');
    expect(release.json.missingCriterionIds).toEqual(criteria.slice(1).map((c) => c.id));
    expect(String(release.json.message)).toMatch(/^Choose a level for every criterion before releasing the grade\. Still to grade: /);

    const releaseAll = await api(inkwell.baseUrl, rivera, 'POST', '/api/grading/release-all', {});
    expect(releaseAll.status).toBe(200);
    expect(releaseAll.json).toEqual({ released: 0, incomplete: 1 });

    // Released straight from the form, an incomplete grade is refused too.
    const released = await api(inkwell.baseUrl, rivera, 'PUT', gradePath(), {
      selections: { [criteria[0]!.id]: levelOf(0, 0) },
      criterionComments: {},
      overallComment: '',
      release: true,
      baseVersion: 1,
    });
    expect(released.status).toBe(422);
    expect(released.json.code).toBe('GRADE_INCOMPLETE');
  });

  it('saves one criterion at a time without touching the others, over the version it opened', async () => {
    const evidence = criteria[1]!.id;
    const saved = await api(inkwell.baseUrl, rivera, 'PUT', criterionPath(evidence), { levelId: levelOf(1, 1), comment: 'Good sources.', baseVersion: 1 });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(saved.json).toMatchObject({ version: 2, released: false, levelId: levelOf(1, 1), criteriaGraded: 2, total: 7 });

    // A page opened on version 1 does not overwrite version 2: it is shown the grade now stored.
    const stale = await api(inkwell.baseUrl, rivera, 'PUT', criterionPath(criteria[2]!.id), { levelId: levelOf(2, 0), baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe('GRADE_CONFLICT');
    const current = stale.json.currentGrade as { version: number; selections: Record<string, string>; criterionComments: Record<string, string> };
    expect(current.version).toBe(2);
    expect(current.selections).toEqual({ [criteria[0]!.id]: levelOf(0, 0), [evidence]: levelOf(1, 1) });
    expect(current.criterionComments).toEqual({ [criteria[0]!.id]: 'Sharp.', [evidence]: 'Good sources.' });

    // The rest, one criterion each, keeps every earlier choice and comment.
    let version = 2;
    for (let index = 2; index < criteria.length; index++) {
      const result = await api(inkwell.baseUrl, rivera, 'PUT', criterionPath(criteria[index]!.id), { levelId: levelOf(index, 2), baseVersion: version });
      expect(result.status, JSON.stringify(result.json)).toBe(200);
      version = result.json.version as number;
    }
    expect(version).toBe(criteria.length);

    // Now whole: released, and the LMS gets 4 + 3 + 6 × 2 with both comments.
    const release = await api(inkwell.baseUrl, rivera, 'POST', `/api/grading/submissions/${submissionId}/release`, { baseVersion: version });
    expect(release.status, JSON.stringify(release.json)).toBe(200);
    const score = await waitFor(() => {
      const entry = inkwell.platform.gradeFor(DRAFTS_LINK, 'student-ada');
      return entry?.gradingProgress === 'FullyGraded' ? entry : undefined;
    }, 15_000, 'the released grade');
    expect(score.scoreGiven).toBe(19);
    expect(score.comment).toContain('Sharp.');
    expect(score.comment).toContain('Good sources.');
  });

  it('refuses a criterion the rubric does not have, a level of another criterion, and students', async () => {
    const unknown = await api(inkwell.baseUrl, rivera, 'PUT', criterionPath('c-style'), { levelId: 'c-style-4', baseVersion: criteria.length + 1 });
    expect(unknown.status).toBe(422);
    expect(unknown.json.code).toBe('RUBRIC_MISMATCH');
    const wrongLevel = await api(inkwell.baseUrl, rivera, 'PUT', criterionPath(criteria[0]!.id), { levelId: levelOf(1, 0), baseVersion: criteria.length + 1 });
    expect(wrongLevel.status).toBe(422);
    expect(wrongLevel.json.code).toBe('RUBRIC_MISMATCH');
    const malformed = await api(inkwell.baseUrl, rivera, 'PUT', criterionPath(criteria[0]!.id), { levelId: { $gt: '' }, baseVersion: 1 });
    expect(malformed.status).toBe(422);
    expect(malformed.json.code).toBe('INVALID_INPUT');

    const student = (await launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: DRAFTS_LINK })).sessionToken!;
    const refused = await api(inkwell.baseUrl, student, 'PUT', criterionPath(criteria[0]!.id), { levelId: levelOf(0, 0), baseVersion: criteria.length + 1 });
    expect(refused.status).toBe(403);
  });

  it('lists the criteria with progress, and walks the class on one of them', async () => {
    const list = await page('/grading', rivera);
    expect(list).toContain('href="/grading/by-criterion"');
    const picker = await page('/grading/by-criterion', rivera);
    expect(picker).toContain('<h1>Grade by criterion</h1>');
    for (const criterion of criteria) expect(picker).toContain(`>${criterion.title.replaceAll('&', '&amp;')}</a>`);
    expect(picker).toContain('(1 of 1 graded)');

    const walk = await page(`/grading/by-criterion?criterion=${criteria[1]!.id}`, rivera);
    expect(walk).toContain(`<h1>${criteria[1]!.title.replaceAll('&', '&amp;')}</h1>`);
    expect(walk).toContain('Ada Lovelace · student 1 of 1');
    expect(walk).toContain('Essay of Ada Lovelace');
    expect(walk).toContain('Save and next criterion');
  });
});

describe('anonymous grading (item 6)', () => {
  const NAMES = ['Ada Lovelace', 'Ben Okafor', 'Chen Wei', 'Dana Ruiz', 'Lovelace', 'Okafor', 'Dana', 'ada.lovelace@example.edu'];
  let rivera: string;
  let assignmentId: string;
  let numbersBefore: Map<string, string>;

  const expectNoNames = (text: string, where: string) => {
    for (const name of NAMES) expect(text, `${where} mentions ${name}`).not.toContain(name);
  };

  beforeAll(async () => {
    await submitEssay('student-ada', ANONYMOUS_LINK);
    await submitEssay('student-ben', ANONYMOUS_LINK);
    rivera = (await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: ANONYMOUS_LINK })).sessionToken!;
    assignmentId = /\/assignments\/([a-f0-9]{24})\/edit/.exec(await page('/grading', rivera))![1]!;
    const { draft } = (await api(inkwell.baseUrl, rivera, 'GET', `/api/assignments/${assignmentId}`)).json as { draft: { rules: Record<string, unknown> } };
    expect(draft.rules.anonymousGrading).toBeUndefined();
    draft.rules.anonymousGrading = true;
    const saved = await api(inkwell.baseUrl, rivera, 'PUT', `/api/assignments/${assignmentId}`, draft);
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
  }, 120_000);

  it('keeps the setting in the assignment editor API', async () => {
    const { draft } = (await api(inkwell.baseUrl, rivera, 'GET', `/api/assignments/${assignmentId}`)).json as { draft: { rules: Record<string, unknown> } };
    expect(draft.rules.anonymousGrading).toBe(true);
  });

  it('shows "Student N" instead of names in the list, the grading views and their titles', async () => {
    const list = await page('/grading', rivera);
    expectNoNames(list, 'the submission list');
    expect(list).toContain('Anonymous grading: names are hidden.');
    expect(list).toContain('Reveal names');
    const students = [...listedStudents(list)];
    expect(students).toHaveLength(2);
    // The roster's three students are all numbered (Chen has not started), 1…3 in some order.
    const labels = [...list.matchAll(/>(Student \d+)</g)].map((m) => m[1]!);
    expect(new Set(labels)).toEqual(new Set(['Student 1', 'Student 2', 'Student 3']));
    numbersBefore = new Map(students);

    for (const [submissionId, label] of students) {
      const grading = await page(`/grading/${submissionId}`, rivera);
      expectNoNames(grading, 'the grading view');
      expect(grading).toContain(`<h1>${label}</h1>`);
      expect(/<title>([^<]*)<\/title>/.exec(grading)?.[1]).not.toMatch(/Ada|Ben|Chen/);
    }
    const walk = await page(`/grading/by-criterion?criterion=${criteria[0]!.id}`, rivera);
    expectNoNames(walk, 'grade by criterion');
    expect(walk).toMatch(/Essay of Student \d/);
  });

  it('keeps every number when a student joins later', async () => {
    inkwell.platform.addMember({ sub: 'student-dana', name: 'Dana Ruiz', roles: [ROLE.learner] });
    await submitEssay('student-dana', ANONYMOUS_LINK);
    const list = await page('/grading', rivera);
    expectNoNames(list, 'the list after a student joined');
    const after = listedStudents(list);
    for (const [submissionId, label] of numbersBefore) expect(after.get(submissionId)).toBe(label);
    const newcomer = [...after].find(([id]) => !numbersBefore.has(id))!;
    expect(newcomer[1]).toBe('Student 4');
  });

  it('answers JSON without names, and releases only when confirmed while names are hidden', async () => {
    const [submissionId] = [...numbersBefore.keys()];
    const gradePath = `/api/grading/submissions/${submissionId}/grade`;
    const refused = await api(inkwell.baseUrl, rivera, 'PUT', gradePath, { selections: allAt(1), criterionComments: {}, overallComment: '', baseVersion: 0 });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('NAMES_HIDDEN');
    expect(String(refused.json.message)).toMatch(/Names are still hidden/);

    // A draft is fine; its JSON (and a conflict's) names no student.
    const draft = await api(inkwell.baseUrl, rivera, 'PUT', gradePath, { selections: allAt(1), criterionComments: {}, overallComment: '', release: false, baseVersion: 0 });
    expect(draft.status).toBe(200);
    const criterion = await api(inkwell.baseUrl, rivera, 'PUT', `/api/grading/submissions/${submissionId}/criteria/${criteria[0]!.id}`, { levelId: levelOf(0, 0), baseVersion: 1 });
    expect(criterion.status).toBe(200);
    const conflict = await api(inkwell.baseUrl, rivera, 'PUT', `/api/grading/submissions/${submissionId}/criteria/${criteria[0]!.id}`, { levelId: levelOf(0, 1), baseVersion: 1 });
    expect(conflict.status).toBe(409);
    for (const body of [draft.json, criterion.json, conflict.json]) expectNoNames(JSON.stringify(body), 'a JSON answer');

    const release = await api(inkwell.baseUrl, rivera, 'POST', `/api/grading/submissions/${submissionId}/release`, { baseVersion: 2 });
    expect(release.status).toBe(409);
    expect(release.json.code).toBe('NAMES_HIDDEN');
    const releaseAll = await api(inkwell.baseUrl, rivera, 'POST', '/api/grading/release-all', {});
    expect(releaseAll.status).toBe(409);
    expect(releaseAll.json.code).toBe('NAMES_HIDDEN');

    const confirmed = await api(inkwell.baseUrl, rivera, 'POST', `/api/grading/submissions/${submissionId}/release`, { baseVersion: 2, releaseWhileAnonymous: true });
    expect(confirmed.status, JSON.stringify(confirmed.json)).toBe(200);
    expectNoNames(JSON.stringify(confirmed.json), 'the release answer');
  });

  it('reveals names on request (instructors only), recorded, after which grades release as usual', async () => {
    const student = (await launch(inkwell.platform, { userId: 'student-ben', resourceLinkId: ANONYMOUS_LINK })).sessionToken!;
    expect((await api(inkwell.baseUrl, student, 'POST', '/api/grading/reveal-names', {})).status).toBe(403);
    expectNoNames(await page('/grading', rivera), 'the list before the reveal');

    const revealed = await api(inkwell.baseUrl, rivera, 'POST', '/api/grading/reveal-names', {});
    expect(revealed.status).toBe(200);
    expect(typeof revealed.json.revealedAt).toBe('string');
    const list = await page('/grading', rivera);
    expect(list).toContain('Ada Lovelace');
    expect(list).toContain('Dana Ruiz');
    expect(list).toMatch(/Anonymous grading: names revealed .* by Maria Rivera\./);

    const [, second] = [...numbersBefore.keys()];
    const released = await api(inkwell.baseUrl, rivera, 'PUT', `/api/grading/submissions/${second}/grade`, { selections: allAt(0), criterionComments: {}, overallComment: '', baseVersion: 0 });
    expect(released.status, JSON.stringify(released.json)).toBe(200);
    expect(released.json.released).toBe(true);
  });
});
