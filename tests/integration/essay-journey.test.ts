/**
 * The whole loop through real HTTP: a Moodle-flavoured platform emulator with
 * real keys, the real server on the embedded database. Student launch →
 * autosave (with a conflicting tab) → submit → instructor launch → rubric
 * grade → the platform's gradebook holds the score.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { ROLE } from '../../emulator';
import { api, launch, loginAndAuthorize, openPage, postIdToken } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';
import { waitFor } from '../support/wait';

let inkwell: RunningInkwell;
let studentToken: string;
let instructorToken: string;
let submissionId: string;

const LINK = 'rl-essay-1';

function fullSelections(levelIndex: number): Record<string, string> {
  return Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, c.levels[levelIndex]!.id]));
}


beforeAll(async () => {
  inkwell = await startInkwell({ platform: { flavour: 'moodle' } });
});

afterAll(async () => {
  await inkwell?.stop();
});

describe('student', () => {
  it('launches into the essay page of the built-in unit', async () => {
    const result = await launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK });
    expect(result.status).toBe(303);
    expect(result.location).toMatch(/^\/essay\?ticket=/);
    studentToken = result.sessionToken!;

    const html = result.page!;
    expect(html).toContain('The Rise of Totalitarianism in Russia');
    expect(html).toContain('How did Joseph Stalin rise to the top of the Soviet government?');
    expect(html).toContain('Essay text');
  });

  it('autosaves drafts and refuses a save from a tab that is behind', async () => {
    const first = await api(inkwell.baseUrl, studentToken, 'PUT', '/api/essay/draft', { text: 'First thoughts', baseRevision: 0 });
    expect(first.status).toBe(200);
    expect(first.json.revision).toBe(1);

    const second = await api(inkwell.baseUrl, studentToken, 'PUT', '/api/essay/draft', {
      text: 'First thoughts, then more',
      baseRevision: 1,
    });
    expect(second.json.revision).toBe(2);

    // An older tab still at revision 1 must not overwrite the newer text.
    const stale = await api(inkwell.baseUrl, studentToken, 'PUT', '/api/essay/draft', { text: 'Old tab text', baseRevision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ code: 'EDIT_CONFLICT', currentRevision: 2 });

    const stored = await api(inkwell.baseUrl, studentToken, 'GET', '/api/essay/draft');
    expect(stored.json).toMatchObject({ text: 'First thoughts, then more', revision: 2, status: 'draft' });
  });

  it('refuses a malformed draft with a clear message and keeps the saved text', async () => {
    const bad = await api(inkwell.baseUrl, studentToken, 'PUT', '/api/essay/draft', { text: { $gt: '' }, baseRevision: 2 });
    expect(bad.status).toBe(422);
    expect(bad.json.code).toBe('INVALID_INPUT');
    const stored = await api(inkwell.baseUrl, studentToken, 'GET', '/api/essay/draft');
    expect(stored.json.text).toBe('First thoughts, then more');
  });

  it('cannot submit below the minimum word count', async () => {
    const result = await api(inkwell.baseUrl, studentToken, 'POST', '/api/essay/submit', { revision: 2 });
    expect(result.status).toBe(422);
    expect(result.json.code).toBe('ESSAY_INCOMPLETE');
    expect(String(result.json.message)).toMatch(/at least 300 words/);
  });

  it('submits the essay, after which it is read-only and the LMS shows it as needing grading', async () => {
    const saved = await api(inkwell.baseUrl, studentToken, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 2 });
    expect(saved.status).toBe(200);
    const submitted = await api(inkwell.baseUrl, studentToken, 'POST', '/api/essay/submit', { revision: 3 });
    expect(submitted.status).toBe(200);
    expect(submitted.json.status).toBe('submitted');

    const late = await api(inkwell.baseUrl, studentToken, 'PUT', '/api/essay/draft', { text: 'too late', baseRevision: 3 });
    expect(late.status).toBe(409);
    expect(late.json.code).toBe('SUBMISSION_CLOSED');

    const entry = await waitFor(() => {
      const e = inkwell.platform.gradeFor(LINK, 'student-ada');
      return e?.gradingProgress === 'PendingManual' ? e : undefined;
    });
    expect(entry).toMatchObject({ activityProgress: 'Submitted', gradingProgress: 'PendingManual' });

    const page = await (await openPage(inkwell.baseUrl, `/essay`, studentToken)).text();
    expect(page).toContain('Submitted on');
    expect(page).not.toContain('id="essay-text"');
  });
});

describe('instructor', () => {
  it('launches into the submissions list and sees the submitted essay', async () => {
    const result = await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: LINK });
    expect(result.status).toBe(303);
    expect(result.location).toMatch(/^\/grading\?ticket=/);
    instructorToken = result.sessionToken!;

    // React separates adjacent text with <!-- --> markers; read the page as text.
    const html = result.page!.replaceAll('<!-- -->', '');
    expect(html).toContain('Ada Lovelace');
    expect(html).toContain('Submitted');
    // The course roster (NRPS) adds the students who have not opened the assignment, and no staff.
    expect(html).toMatch(/Ben Okafor<\/th><td><span class="status-tag" data-status="not-started">Not started/);
    expect(html).toContain('Chen Wei');
    expect(html).not.toContain('Maria Rivera');
    expect(html).toContain('3 students · 1 started · 1 submitted · 0 graded');
    expect(inkwell.platform.requestLog.some((r) => r.path.includes('names_and_roles') && r.status === 200)).toBe(true);
    submissionId = /\/grading\/([a-f0-9]{24})"/.exec(html)![1]!;
  });

  it('keeps students out of grading', async () => {
    const result = await api(inkwell.baseUrl, studentToken, 'PUT', `/api/grading/submissions/${submissionId}/grade`, {
      selections: fullSelections(0),
      criterionComments: {},
      overallComment: '',
    });
    expect(result.status).toBe(403);
    const page = await (await openPage(inkwell.baseUrl, `/grading`, studentToken)).text();
    expect(page).not.toContain('Ada Lovelace');
  });

  it('refuses an incomplete rubric and names what is missing', async () => {
    const selections = fullSelections(1);
    delete selections['c-thesis'];
    const result = await api(inkwell.baseUrl, instructorToken, 'PUT', `/api/grading/submissions/${submissionId}/grade`, {
      selections,
      criterionComments: {},
      overallComment: '',
    });
    expect(result.status).toBe(422);
    expect(result.json).toMatchObject({ code: 'GRADE_INCOMPLETE', missingCriterionIds: ['c-thesis'] });
  });

  it('grades with the rubric and the score lands in the LMS gradebook', async () => {
    const selections = fullSelections(1); // Proficient: 3 points × 8 criteria
    const result = await api(inkwell.baseUrl, instructorToken, 'PUT', `/api/grading/submissions/${submissionId}/grade`, {
      selections,
      criterionComments: { 'c-thesis': 'Clear thesis about the power vacuum.' },
      overallComment: 'A thoughtful essay.',
    });
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ total: 24, max: 32, released: true });

    const entry = await waitFor(() => {
      const e = inkwell.platform.gradeFor(LINK, 'student-ada');
      return e?.gradingProgress === 'FullyGraded' ? e : undefined;
    });
    expect(entry).toMatchObject({
      scoreGiven: 24,
      scoreMaximum: 32,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
    });
    expect(entry?.comment).toContain('A thoughtful essay.');
    expect(entry?.comment).toContain('Clear thesis about the power vacuum.');
    expect(entry?.comment).toContain('24/32');

    // Every score carried a User-Agent and strictly increasing timestamps.
    const scores = inkwell.platform.receivedScores.filter((s) => s.accepted);
    expect(scores.length).toBeGreaterThanOrEqual(2);
    for (const s of scores) expect(s.headers['user-agent']).toMatch(/Inkwell/);
  });

  it('regrading sends the new score with a later timestamp', async () => {
    const result = await api(inkwell.baseUrl, instructorToken, 'PUT', `/api/grading/submissions/${submissionId}/grade`, {
      selections: fullSelections(0),
      criterionComments: {},
      overallComment: 'Revised after moderation.',
      // A regrade says which grade it changes (the first one); see tests/integration/lifecycle.test.ts.
      baseVersion: 1,
    });
    expect(result.status).toBe(200);
    await waitFor(() => inkwell.platform.gradeFor(LINK, 'student-ada')?.scoreGiven === 32);
    expect(inkwell.platform.gradeFor(LINK, 'student-ada')).toMatchObject({ scoreGiven: 32, scoreMaximum: 32 });
    const sync = await waitFor(async () => {
      const s = await api(inkwell.baseUrl, instructorToken, 'GET', `/api/grading/submissions/${submissionId}/sync`);
      return (s.json.sync as { state: string } | null)?.state === 'sent' ? s.json.sync : undefined;
    });
    expect(sync).toMatchObject({ state: 'sent' });
  });

  it('steps through the class by name with Previous and Next; a student who opens the assignment later joins in', async () => {
    const gradingPage = async (id: string) =>
      (await (await openPage(inkwell.baseUrl, `/grading/${id}`, instructorToken)).text()).replaceAll('<!-- -->', '');
    const neighbour = (html: string, label: string) => new RegExp(`/grading/([a-f0-9]{24})">${label}`).exec(html)?.[1];

    // Only Ada has opened the assignment so far: her page has no neighbours.
    const alone = await gradingPage(submissionId);
    expect(neighbour(alone, 'Next student')).toBeUndefined();
    expect(neighbour(alone, 'Previous student')).toBeUndefined();

    // Chen, then Ben open it; the order is by name, whatever the order of arrival.
    await launch(inkwell.platform, { userId: 'student-chen', resourceLinkId: LINK });
    await launch(inkwell.platform, { userId: 'student-ben', resourceLinkId: LINK });
    const adaAgain = await gradingPage(submissionId);
    const benId = neighbour(adaAgain, "Next student");
    expect(benId).toMatch(/^[a-f0-9]{24}$/);
    const ben = await gradingPage(benId!);
    expect(ben).toContain('Ben Okafor');
    expect(neighbour(ben, 'Previous student')).toBe(submissionId);
    const chen = await gradingPage(neighbour(ben, 'Next student')!);
    expect(chen).toContain('Chen Wei');
    expect(neighbour(chen, 'Next student')).toBeUndefined();

    // Next follows the list as people read it (not byte order, where "bea" would come after "Chen").
    inkwell.platform.addMember({ sub: 'student-bea', name: 'bea Lowercase', givenName: 'bea', familyName: 'Lowercase', roles: [ROLE.learner] });
    await launch(inkwell.platform, { userId: 'student-bea', resourceLinkId: LINK });
    const bea = await gradingPage(neighbour(await gradingPage(submissionId), 'Next student')!);
    expect(bea).toContain('bea Lowercase');
    expect(neighbour(bea, 'Next student')).toBe(benId);
  });

  it('shows the grade and its LMS status in the submissions list', async () => {
    const html = await (await openPage(inkwell.baseUrl, `/grading`, instructorToken)).text();
    expect(html).toContain('Graded');
    expect(html).toContain('32 / 32');
    expect(html).toContain('In the LMS since');
  });
});

describe('refused launches', () => {
  it('refuses an id_token signed with a key the platform never published, with the friendly page', async () => {
    inkwell.platform.setLaunchTamper((claims, header) => ({ claims, header, signWith: 'other-key' }));
    try {
      const { cookie, form } = await loginAndAuthorize(inkwell.platform, { userId: 'student-ben', resourceLinkId: LINK });
      const result = await postIdToken(form.action, form.fields, cookie);
      expect(result.status).toBe(401);
      expect(result.body).toContain('Please open Inkwell again from your course.');
      expect(result.body).not.toMatch(/at \S+ \(|Error:|stack/i);
      expect(result.sessionToken).toBeNull();
      expect(inkwell.logs.join('')).toMatch(/\[launch\] refused \(401\) ref=\w+: invalid launch: /);
    } finally {
      inkwell.platform.setLaunchTamper(null);
    }
  });

  it('refuses a launch whose state cookie never came back', async () => {
    const { form } = await loginAndAuthorize(inkwell.platform, { userId: 'student-ben', resourceLinkId: LINK });
    const result = await postIdToken(form.action, form.fields, '');
    expect(result.status).toBe(401);
    expect(inkwell.logs.join('')).toContain('state cookie missing');
  });

  it('answers a malformed login initiation with the friendly page, not bare JSON', async () => {
    const response = await fetch(`${inkwell.baseUrl}/lti/login`, { method: 'POST', body: new URLSearchParams({ iss: inkwell.platform.issuer }) });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Please open Inkwell again from your course.');
    expect(inkwell.logs.join('')).toContain('login initiation without login_hint, target_link_uri');
  });

  it('refuses a launch from a platform that is not registered', async () => {
    const response = await fetch(`${inkwell.baseUrl}/lti/login`, {
      method: 'POST',
      body: new URLSearchParams({ iss: 'https://unknown.example', login_hint: 'x', target_link_uri: `${inkwell.baseUrl}/lti/launch` }),
    });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('Please open Inkwell again from your course.');
    expect(inkwell.logs.join('')).toContain('unregistered platform: iss=https://unknown.example');
  });

  it('refuses API calls with a forged session', async () => {
    const forged = `${studentToken.slice(0, -4)}AAAA`;
    const result = await api(inkwell.baseUrl, forged, 'GET', '/api/essay/draft');
    expect(result.status).toBe(401);
    expect(result.json.code).toBe('SESSION_INVALID');
  });
});
