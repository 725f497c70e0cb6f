/**
 * Input and output hardening (issue #5, sections 5 and 6): bodies parsed by
 * schemas with clear 4xx answers, MongoDB operators refused, size limits that
 * never lose the saved text, essays rendered inert to the instructor, rate
 * limits with a friendly answer, security headers, and logs without secrets,
 * id_tokens or essay text.
 *
 * This server runs with rate limits scaled to a quarter (INKWELL_RATE_LIMIT_SCALE)
 * so the limits are reached in a few requests.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { api, launch, openPage } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';

const LINK = 'rl-essay-1';
const ESSAY_MARKER = 'ESSAY-BODY-MARKER-91C';
const HOSTILE = [
  `${ESSAY_MARKER} <script>alert('xss')</script>`,
  '<img src=x onerror="alert(1)">',
  '[click me](javascript:alert(1)) <a href="javascript:alert(2)">link</a>',
  '**bold** <iframe src="https://evil.example"></iframe> <style>body{display:none}</style>',
].join('\n\n');

let inkwell: RunningInkwell;
let student: string;
let teacher: string;
let submissionId: string;

beforeAll(async () => {
  inkwell = await startInkwell({ env: { INKWELL_RATE_LIMIT_SCALE: '0.25' } });
  student = (await launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK })).sessionToken!;
  teacher = (await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: LINK })).sessionToken!;
  expect(student && teacher).toBeTruthy();
});

afterAll(async () => {
  await inkwell?.stop();
});

describe('MongoDB operator injection', () => {
  it.each([
    ['PUT', '/api/essay/draft', { text: { $gt: '' }, baseRevision: 0 }],
    ['PUT', '/api/essay/draft', { text: 'x', baseRevision: { $gt: 0 } }],
    ['POST', '/api/essay/submit', { revision: { $ne: null } }],
  ])('student %s %s with an operator object is refused with 422', async (method, path, body) => {
    const result = await api(inkwell.baseUrl, student, method, path, body);
    expect(result.status).toBe(422);
    expect(result.json).toMatchObject({ code: 'INVALID_INPUT', message: 'Some of the information sent was not valid.' });
  });

  it.each([
    [{ selections: { $gt: '' }, criterionComments: {}, overallComment: '' }],
    [{ selections: { 'c-thesis': { $ne: null } }, criterionComments: {}, overallComment: '' }],
    [{ selections: {}, criterionComments: {}, overallComment: { $gt: '' } }],
  ])('instructor grade with an operator object is refused with 422 (%j)', async (body) => {
    const result = await api(inkwell.baseUrl, teacher, 'PUT', `/api/grading/submissions/${'a'.repeat(24)}/grade`, body);
    expect(result.status).toBe(422);
    expect(result.json.code).toBe('INVALID_INPUT');
  });

  it('an operator in a path parameter is just an unknown id (404, never 500)', async () => {
    const result = await api(inkwell.baseUrl, teacher, 'PUT', `/api/grading/submissions/${encodeURIComponent('{"$gt":""}')}/grade`, {
      selections: {},
      criterionComments: {},
      overallComment: '',
    });
    expect(result.status).toBe(404);
  });

  it('a body that is not JSON gets a clear 422', async () => {
    const response = await fetch(`${inkwell.baseUrl}/api/essay/draft`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${student}`, 'Content-Type': 'application/json' },
      body: 'text=hello',
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { message: string }).message).toBe('The request body must be JSON.');
  });
});

describe('size limits', () => {
  it('an essay over the limit is refused with a clear message and the saved version is kept', async () => {
    const saved = await api(inkwell.baseUrl, student, 'PUT', '/api/essay/draft', { text: 'Kept text', baseRevision: 0 });
    expect(saved.status).toBe(200);
    const tooLong = await api(inkwell.baseUrl, student, 'PUT', '/api/essay/draft', { text: 'x'.repeat(200_001), baseRevision: 1 });
    expect(tooLong.status).toBe(413);
    expect(tooLong.json).toMatchObject({
      code: 'ESSAY_TOO_LONG',
      message: 'Your essay is too long to save: it has 200,001 characters, and Inkwell keeps essays of up to 200,000 characters. Please shorten it.',
    });
    const stored = await api(inkwell.baseUrl, student, 'GET', '/api/essay/draft');
    expect(stored.json).toMatchObject({ text: 'Kept text', revision: 1 });
  });

  it('a request body over 2 MB is refused before parsing, also without a Content-Length', async () => {
    const huge = JSON.stringify({ text: 'y'.repeat(3 * 1024 * 1024), baseRevision: 1 });
    const declared = await api(inkwell.baseUrl, student, 'PUT', '/api/essay/draft', JSON.parse(huge));
    expect(declared.status).toBe(413);
    expect(String(declared.json.message)).toContain('too large');
    // Chunked, so no Content-Length: the handler counts while reading. Its own connection, since
    // the server stops reading part-way.
    const streamed = await new Promise<{ status: number }>((resolve, reject) => {
      const url = new URL(`${inkwell.baseUrl}/api/essay/draft`);
      const request = httpRequest(
        { method: 'PUT', host: url.hostname, port: url.port, path: url.pathname, agent: false, headers: { Authorization: `Bearer ${student}`, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } },
        (response) => {
          response.resume();
          resolve({ status: response.statusCode ?? 0 });
          request.destroy();
        },
      );
      request.on('error', (error) => (request.destroyed ? undefined : reject(error)));
      request.write(huge.slice(0, huge.length / 2));
      request.end(huge.slice(huge.length / 2));
    });
    expect(streamed.status).toBe(413);
    const stored = await api(inkwell.baseUrl, student, 'GET', '/api/essay/draft');
    expect(stored.json.text).toBe('Kept text');
  });

  it('a grading comment over the limit names the field', async () => {
    const result = await api(inkwell.baseUrl, teacher, 'PUT', `/api/grading/submissions/${'a'.repeat(24)}/grade`, {
      selections: {},
      criterionComments: {},
      overallComment: 'z'.repeat(5001),
    });
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
  });
});

describe('essays are text, rendered inert', () => {
  it('stores HTML, scripts and javascript: links exactly as typed', async () => {
    const text = `${HOSTILE}\n\n${sampleEssay}`;
    const saved = await api(inkwell.baseUrl, student, 'PUT', '/api/essay/draft', { text, baseRevision: 1 });
    expect(saved.status).toBe(200);
    const stored = await api(inkwell.baseUrl, student, 'GET', '/api/essay/draft');
    expect(stored.json.text).toBe(text);
    expect((await api(inkwell.baseUrl, student, 'POST', '/api/essay/submit', { revision: 2 })).status).toBe(200);
    const list = (await (await openPage(inkwell.baseUrl, `/grading`, teacher)).text()).replaceAll('<!-- -->', '');
    submissionId = /\/grading\/([a-f0-9]{24})"/.exec(list)![1]!;
  });

  it('shows them to the instructor as text: no script, image, frame, style or javascript: link', async () => {
    const html = (await (await openPage(inkwell.baseUrl, `/grading/${submissionId}`, teacher)).text()).replaceAll('<!-- -->', '');
    expect(html).toContain(ESSAY_MARKER);
    expect(html).toContain('&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;');
    expect(html).not.toContain("<script>alert('xss')");
    expect(html).not.toMatch(/<img[^>]+onerror/i);
    expect(html).not.toMatch(/<iframe[^>]+evil\.example/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toContain('<style>body{display:none}');
  });

  it('also on the student\'s own page', async () => {
    const html = await (await openPage(inkwell.baseUrl, `/essay`, student)).text();
    expect(html).not.toContain("<script>alert('xss')");
    expect(html).not.toMatch(/href="javascript:/i);
  });
});

describe('rate limits', () => {
  it('autosave: a burst from one student gets a friendly 429 with Retry-After, and nothing is lost', async () => {
    const ben = (await launch(inkwell.platform, { userId: 'student-ben', resourceLinkId: LINK })).sessionToken!;
    const statuses: number[] = [];
    let revision = 0;
    let limited: Response | undefined;
    for (let i = 0; i < 25 && !limited; i++) {
      const response = await fetch(`${inkwell.baseUrl}/api/essay/draft`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${ben}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: `draft ${i}`, baseRevision: revision }),
      });
      statuses.push(response.status);
      if (response.status === 200) revision = ((await response.json()) as { revision: number }).revision;
      else if (response.status === 429) limited = response;
    }
    expect(statuses).toContain(200);
    expect(limited, `statuses: ${statuses.join(',')}`).toBeDefined();
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await limited!.json()) as { code: string; message: string };
    expect(body.code).toBe('RATE_LIMITED');
    expect(body.message).toMatch(/Your text is kept on this page/);
    // Another student is not affected.
    const other = await api(inkwell.baseUrl, student, 'GET', '/api/essay/draft');
    expect(other.status).toBe(200);
  });

  it('launches: one user launching again and again gets the friendly page (429) and the reason is logged', async () => {
    let last = await launch(inkwell.platform, { userId: 'student-chen', resourceLinkId: LINK });
    for (let i = 0; i < 8 && last.status !== 429; i++) last = await launch(inkwell.platform, { userId: 'student-chen', resourceLinkId: LINK });
    expect(last.status).toBe(429);
    expect(last.body).toContain('Too many launches in a short time');
    expect(inkwell.logs.join('')).toMatch(/\[launch\] refused \(429\) ref=\w+: launch rate limit for a user of/);
  });
});

describe('security headers', () => {
  it('lets exactly the registered platform frame Inkwell', async () => {
    const response = await openPage(inkwell.baseUrl, `/essay`, student);
    const csp = response.headers.get('content-security-policy') ?? '';
    const origin = new URL(inkwell.platform.issuer).origin;
    expect(csp).toMatch(new RegExp(`^frame-ancestors 'self' ${origin.replace(/[.]/g, '\\.')};`));
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('keeps the admin page out of every frame', async () => {
    const response = await fetch(`${inkwell.baseUrl}/admin`);
    expect(response.headers.get('content-security-policy')).toMatch(/^frame-ancestors 'none';/);
  });
});

describe('logs', () => {
  it('hold no id_token, session token, server secret or essay text', async () => {
    const logs = inkwell.logs.join('');
    expect(logs).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+/);
    expect(logs).not.toContain(student);
    expect(logs).not.toContain(inkwell.env.INKWELL_SECRET!);
    expect(logs).not.toContain(ESSAY_MARKER);
    expect(logs).not.toContain('Kept text');
    expect(builtInRubric.criteria.length).toBeGreaterThan(0);
  });
});
