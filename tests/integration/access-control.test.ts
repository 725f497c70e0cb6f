/**
 * Keeping every essay private (issue #5, section 4): each attempt below to
 * reach someone else's work, or to act above one's role, must fail. Tenants
 * are platform + deployment + context; the session token is the only key.
 */
import { SignJWT, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRubric } from '../../domain/rubric';
import { deriveKey } from '../../services/config';
import { sampleEssay } from '../../domain/unit';
import { ROLE, startPlatform, type Platform } from '../../emulator';
import { api, launch, loginAndAuthorize, openPage, postIdToken } from '../support/lti-client';
import { registerPlatformWithCli, startInkwell, type RunningInkwell } from '../support/inkwell-server';

const LINK = 'rl-essay-1';
/** A marker HTML escaping leaves alone, so "not in the page" means not shown at all. */
const MARKER = 'ADA-PRIVATE-ESSAY-7F3';
const ADA_TEXT = `${MARKER} ${sampleEssay}`;
const OTHER_COURSE = 'course-202';
const OTHER_LINK = 'rl-other-course';

let inkwell: RunningInkwell;
let platformB: Platform;
let ada: string;
let ben: string;
let teacher: string;
let otherTeacher: string;
let adaSubmissionId: string;
let assignmentId: string;

function sessionKey(): Uint8Array {
  return deriveKey('session', inkwell.env.INKWELL_SECRET);
}

function fullSelections(): Record<string, string> {
  return Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, c.levels[0]!.id]));
}

async function page(path: string, token: string): Promise<{ status: number; html: string }> {
  const response = await openPage(inkwell.baseUrl, path, token);
  return { status: response.status, html: (await response.text()).replaceAll('<!-- -->', '') };
}

beforeAll(async () => {
  inkwell = await startInkwell();
  const p = inkwell.platform;
  p.addCourse({ id: OTHER_COURSE, label: 'HIST 202', title: 'Another course' });
  p.addMember({ sub: 'teacher-other', name: 'Olga Other', roles: [ROLE.instructor] }, OTHER_COURSE);
  p.addResourceLink({ id: OTHER_LINK, title: 'Other essay', withLineItem: true, contextId: OTHER_COURSE });

  ada = (await launch(p, { userId: 'student-ada', resourceLinkId: LINK })).sessionToken!;
  ben = (await launch(p, { userId: 'student-ben', resourceLinkId: LINK })).sessionToken!;
  teacher = (await launch(p, { userId: 'teacher-rivera', resourceLinkId: LINK })).sessionToken!;
  otherTeacher = (await launch(p, { userId: 'teacher-other', resourceLinkId: OTHER_LINK })).sessionToken!;
  expect([ada, ben, teacher, otherTeacher].every(Boolean)).toBe(true);

  expect((await api(inkwell.baseUrl, ada, 'PUT', '/api/essay/draft', { text: ADA_TEXT, baseRevision: 0 })).status).toBe(200);
  expect((await api(inkwell.baseUrl, ada, 'POST', '/api/essay/submit', { revision: 1 })).status).toBe(200);
  const claims = decodeJwt(ada);
  adaSubmissionId = String(claims.submissionId);
  assignmentId = String(claims.assignmentId);

  // Platform B: another LMS whose user ids, course id and link id happen to be the same.
  platformB = await startPlatform({ toolBaseUrl: inkwell.baseUrl, host: '127.0.0.1', clientId: 'inkwell-at-b' });
  registerPlatformWithCli(inkwell.env, platformB);
});

afterAll(async () => {
  await platformB?.close();
  await inkwell?.stop();
});

describe('a student and another student\'s essay', () => {
  it('cannot read it: the draft API only ever returns the session\'s own essay', async () => {
    const own = await api(inkwell.baseUrl, ben, 'GET', '/api/essay/draft');
    expect(own.status).toBe(200);
    expect(own.json.text).toBe('');
    expect(JSON.stringify(own.json)).not.toContain(MARKER);
  });

  it('cannot open it through the grading page', async () => {
    const { html } = await page(`/grading/${adaSubmissionId}`, ben);
    expect(html).not.toContain(MARKER);
  });

  it('cannot write it: a session naming Ada\'s submission cannot be made without the server key', async () => {
    const claims = decodeJwt(ben);
    const forged = await new SignJWT({ ...claims, submissionId: adaSubmissionId, userId: 'student-ada' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('a guess at the secret, 32 characters long'));
    const result = await api(inkwell.baseUrl, forged, 'PUT', '/api/essay/draft', { text: 'overwritten', baseRevision: 1 });
    expect(result.status).toBe(401);
    const stored = await api(inkwell.baseUrl, ada, 'GET', '/api/essay/draft');
    expect(stored.json.text).toBe(ADA_TEXT);
  });
});

describe('a student and instructor APIs', () => {
  it('cannot grade (grading API)', async () => {
    const result = await api(inkwell.baseUrl, ada, 'PUT', `/api/grading/submissions/${adaSubmissionId}/grade`, {
      selections: fullSelections(),
      criterionComments: {},
      overallComment: '',
    });
    expect(result.status).toBe(403);
  });

  it('cannot see the submission list', async () => {
    const { html } = await page('/grading', ben);
    expect(html).not.toContain('Ada Lovelace');
    expect(html).not.toContain(adaSubmissionId);
  });

  it('cannot read or edit the assignment (authoring API)', async () => {
    expect((await api(inkwell.baseUrl, ada, 'GET', `/api/assignments/${assignmentId}`)).status).toBe(403);
    expect((await api(inkwell.baseUrl, ada, 'PUT', `/api/assignments/${assignmentId}`, {})).status).toBeGreaterThanOrEqual(400);
  });

  it.each([
    ['POST', '/api/grading/retry-failed'],
    ['POST', '/api/grading/release-all'],
    ['POST', `/api/grading/submissions/${'0'.repeat(24)}/release`],
    ['POST', `/api/grading/submissions/${'0'.repeat(24)}/sync`],
  ])('cannot call the passback API %s %s', async (method, path) => {
    const result = await api(inkwell.baseUrl, ada, method, path.replace('0'.repeat(24), adaSubmissionId), {});
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).not.toBe(500);
    expect(inkwell.platform.gradeFor(LINK, 'student-ada')?.gradingProgress).not.toBe('FullyGraded');
  });
});

describe('an instructor of another course', () => {
  it('cannot read course A\'s essays', async () => {
    const { html } = await page(`/grading/${adaSubmissionId}`, otherTeacher);
    expect(html).not.toContain(MARKER);
    const list = await page('/grading', otherTeacher);
    expect(list.html).not.toContain('Ada Lovelace');
  });

  it('cannot grade course A\'s essays', async () => {
    const result = await api(inkwell.baseUrl, otherTeacher, 'PUT', `/api/grading/submissions/${adaSubmissionId}/grade`, {
      selections: fullSelections(),
      criterionComments: {},
      overallComment: '',
    });
    expect(result.status).toBe(404);
  });

  it('cannot open course A\'s assignment in the editor', async () => {
    expect((await api(inkwell.baseUrl, otherTeacher, 'GET', `/api/assignments/${assignmentId}`)).status).toBe(404);
  });

  it('while course A\'s instructor can (the control case)', async () => {
    const { html } = await page(`/grading/${adaSubmissionId}`, teacher);
    expect(html).toContain(MARKER);
  });
});

describe('the same sub on two platforms', () => {
  it('is two different people: platform B\'s student-ada starts with an empty essay', async () => {
    const result = await launch(platformB, { userId: 'student-ada', resourceLinkId: LINK });
    expect(result.status).toBe(303);
    const draft = await api(inkwell.baseUrl, result.sessionToken, 'GET', '/api/essay/draft');
    expect(draft.json.text).toBe('');
    expect(decodeJwt(result.sessionToken!).submissionId).not.toBe(adaSubmissionId);
  });

  it('platform B\'s instructor (same sub, course and link ids) sees none of platform A\'s work', async () => {
    const result = await launch(platformB, { userId: 'teacher-rivera', resourceLinkId: LINK });
    const list = await page('/grading', result.sessionToken!);
    expect(list.html).not.toContain(adaSubmissionId);
    expect(list.html).toContain('0 submitted');
    const one = await page(`/grading/${adaSubmissionId}`, result.sessionToken!);
    expect(one.html).not.toContain(MARKER);
    const grade = await api(inkwell.baseUrl, result.sessionToken, 'PUT', `/api/grading/submissions/${adaSubmissionId}/grade`, {
      selections: fullSelections(),
      criterionComments: {},
      overallComment: '',
    });
    expect(grade.status).toBe(404);
  });
});

describe('sessions', () => {
  it('carry the tenant, user and role, and expire after an hour unless renewed', () => {
    const claims = decodeJwt(ada);
    expect(claims).toMatchObject({ deploymentId: 'deployment-1', contextId: 'course-101', resourceLinkId: LINK, userId: 'student-ada', role: 'student' });
    expect(claims.platformIssuer).toBe(inkwell.platform.issuer);
    expect(claims.exp! - claims.iat!).toBe(3600);
    // The launch time, from which no renewal reaches past 8 hours.
    expect(Math.abs(Number(claims.lat) - claims.iat!)).toBeLessThanOrEqual(5);
  });
});

describe('forged and tampered session tokens', () => {
  it('refuses a token whose payload was changed (role raised to instructor)', async () => {
    const [header, payload, signature] = ada.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const raised = Buffer.from(JSON.stringify({ ...claims, role: 'instructor' })).toString('base64url');
    const tampered = `${header}.${raised}.${signature}`;
    const result = await api(inkwell.baseUrl, tampered, 'PUT', `/api/grading/submissions/${adaSubmissionId}/grade`, {
      selections: fullSelections(),
      criterionComments: {},
      overallComment: '',
    });
    expect(result.status).toBe(401);
    expect(result.json.code).toBe('SESSION_INVALID');
  });

  it('refuses an unsigned token (alg none)', async () => {
    const claims = decodeJwt(teacher);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    expect((await api(inkwell.baseUrl, unsigned, 'GET', `/api/assignments/${assignmentId}`)).status).toBe(401);
  });

  it('refuses an expired token, even one the server signed', async () => {
    const claims = decodeJwt(ada);
    const expired = await new SignJWT({ ...claims, iat: undefined, exp: undefined })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(Math.floor(Date.now() / 1000) - 9 * 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(sessionKey());
    const result = await api(inkwell.baseUrl, expired, 'GET', '/api/essay/draft');
    expect(result.status).toBe(401);
    expect(String(result.json.message)).toContain('open Inkwell again from your course');
  });

  it('refuses a request with no token, and pages show no data without one', async () => {
    expect((await api(inkwell.baseUrl, null, 'GET', '/api/essay/draft')).status).toBe(401);
    const response = await fetch(`${inkwell.baseUrl}/grading`);
    expect(await response.text()).not.toContain('Ada Lovelace');
  });

  it('ignores cookies: a state-changing request carrying only a cookie is refused (no CSRF)', async () => {
    const response = await fetch(`${inkwell.baseUrl}/api/essay/draft`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Cookie: `session=${ada}` },
      body: JSON.stringify({ text: 'csrf', baseRevision: 1 }),
    });
    expect(response.status).toBe(401);
  });
});

describe('a replayed launch', () => {
  it('is refused, and a new launch gives a fresh session', async () => {
    const { cookie, form } = await loginAndAuthorize(inkwell.platform, { userId: 'student-ben', resourceLinkId: LINK });
    const first = await postIdToken(form.action, form.fields, cookie);
    expect(first.status).toBe(303);
    const replay = await postIdToken(form.action, form.fields, cookie);
    expect(replay.status).toBe(401);
    expect(replay.sessionToken).toBeNull();
    const again = await launch(inkwell.platform, { userId: 'student-ben', resourceLinkId: LINK });
    expect(again.sessionToken).toBeTruthy();
    expect(again.sessionToken).not.toBe(first.sessionToken);
  });
});
