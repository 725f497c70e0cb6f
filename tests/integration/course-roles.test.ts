/**
 * Course roles decide who is staff (issue #11, item 1), over real HTTP: a
 * course Learner who also carries an institution role such as Instructor
 * (Canvas sends it to anyone who teaches anywhere in the account) gets the
 * student view and a 403 from the grading API; an LMS administrator with no
 * role in the course may act as instructor, and the log says so.
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { ROLE } from '../../emulator';
import { api, launch } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';

const LINK = 'rl-essay-1';
const INSTITUTION = 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#';
const SYSTEM = 'http://purl.imsglobal.org/vocab/lis/v2/system/person#';

let inkwell: RunningInkwell;
let adaSubmissionId: string;

function fullSelections(): Record<string, string> {
  return Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, c.levels[0]!.id]));
}

async function gradeAda(token: string | null): Promise<number> {
  const result = await api(inkwell.baseUrl, token, 'PUT', `/api/grading/submissions/${adaSubmissionId}/grade`, {
    selections: fullSelections(),
    criterionComments: {},
    overallComment: '',
  });
  return result.status;
}

beforeAll(async () => {
  inkwell = await startInkwell();
  const p = inkwell.platform;
  // A teacher taking a training course as a student: Canvas adds the institution role.
  p.addMember({ sub: 'teacher-in-training', name: 'Tess Training', roles: [ROLE.learner, `${INSTITUTION}Instructor`] });
  p.addMember({ sub: 'learner-short-name', name: 'Sam Short', roles: ['Learner', `${INSTITUTION}Instructor`] });
  p.addMember({ sub: 'learner-and-admin', name: 'Ann Admin', roles: [ROLE.learner, `${INSTITUTION}Administrator`] });
  p.addMember({ sub: 'learner-and-sysadmin', name: 'Syd Sys', roles: [ROLE.learner, `${SYSTEM}Administrator`] });
  p.addMember({ sub: 'institution-instructor-only', name: 'Ivy Inst', roles: [`${INSTITUTION}Instructor`] });
  p.addMember({ sub: 'lms-admin', name: 'Lee Admin', roles: [`${INSTITUTION}Administrator`] });
  p.addMember({ sub: 'teaching-assistant', name: 'Tom Assist', roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant'] });

  const ada = (await launch(p, { userId: 'student-ada', resourceLinkId: LINK })).sessionToken!;
  expect((await api(inkwell.baseUrl, ada, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 })).status).toBe(200);
  expect((await api(inkwell.baseUrl, ada, 'POST', '/api/essay/submit', { revision: 1 })).status).toBe(200);
  adaSubmissionId = String(decodeJwt(ada).submissionId);
});

afterAll(async () => {
  await inkwell?.stop();
});

describe('institution and system roles never make a course member staff', () => {
  it.each([
    ['a Learner who is an institution Instructor', 'teacher-in-training'],
    ['a short-name Learner who is an institution Instructor', 'learner-short-name'],
    ['a Learner who is an institution Administrator', 'learner-and-admin'],
    ['a Learner who is a system Administrator', 'learner-and-sysadmin'],
    ['an institution Instructor with no course role', 'institution-instructor-only'],
  ])('%s gets the student view and cannot grade classmates', async (_who, userId) => {
    const result = await launch(inkwell.platform, { userId, resourceLinkId: LINK });
    expect(result.status).toBe(303);
    expect(result.location).toMatch(/^\/essay\b/);
    expect(decodeJwt(result.sessionToken!).role).toBe('student');
    // Their own (empty) essay, never Ada's.
    const own = await api(inkwell.baseUrl, result.sessionToken, 'GET', '/api/essay/draft');
    expect(own.status).toBe(200);
    expect(own.json.text).toBe('');
    expect(await gradeAda(result.sessionToken)).toBe(403);
    expect((await api(inkwell.baseUrl, result.sessionToken, 'POST', '/api/grading/release-all', {})).status).toBe(403);
  });
});

describe('course roles that are staff', () => {
  it('a TeachingAssistant (membership sub-role) grades', async () => {
    const result = await launch(inkwell.platform, { userId: 'teaching-assistant', resourceLinkId: LINK });
    expect(result.location).toMatch(/^\/grading\b/);
    expect(await gradeAda(result.sessionToken)).toBe(200);
  });
});

describe('an LMS administrator who is not enrolled in the course', () => {
  it('may act as instructor, and the launch is logged', async () => {
    const result = await launch(inkwell.platform, { userId: 'lms-admin', resourceLinkId: LINK });
    expect(result.status).toBe(303);
    expect(result.location).toMatch(/^\/grading\b/);
    expect(decodeJwt(result.sessionToken!).role).toBe('instructor');
    expect(inkwell.logs.join('')).toMatch(/\[launch\] administrator without a course role acts as instructor: .*user=lms-admin/);
  });
});
