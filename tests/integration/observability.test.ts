/**
 * Issue #17, items 1 and 2: structured logs with a request id on every line of
 * a request and no credential in them, whatever the request carried; metrics
 * for Prometheus behind a bearer token; health with the passback backlog;
 * liveness and readiness for load balancers.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleEssay } from '../../domain/unit';
import { ROLE } from '../../emulator';
import { api, launch, loginAndAuthorize, postIdToken } from '../support/lti-client';
import { runCli, startInkwell, type RunningInkwell } from '../support/inkwell-server';

const LINK = 'rl-essay-1';
const ADMIN_PASSWORD = `admin-${randomBytes(12).toString('hex')}`;
const METRICS_TOKEN = `metrics-${randomBytes(16).toString('hex')}`;
let inkwell: RunningInkwell;

/** Every credential the requests below carry: none may reach the log. */
const credentials = new Map<string, string>();

function logLines(): Record<string, unknown>[] {
  return inkwell.logs
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 300));
}

beforeAll(async () => {
  inkwell = await startInkwell({ env: { INKWELL_ADMIN_PASSWORD: ADMIN_PASSWORD, INKWELL_METRICS_TOKEN: METRICS_TOKEN, INKWELL_LOG_LEVEL: 'debug' } });
  credentials.set('admin password', ADMIN_PASSWORD);
  credentials.set('metrics token', METRICS_TOKEN);
});
afterAll(async () => {
  await inkwell?.stop();
});

describe('logs', () => {
  it('sends every kind of credential through requests, and the log holds none of them', async () => {
    inkwell.platform.addMember({ sub: 'student-logs', name: 'Lee Logs', roles: [ROLE.learner] });
    // A launch: the login cookie, the platform's id_token (form post to /lti/launch), the page's ?ticket=.
    const { cookie, form } = await loginAndAuthorize(inkwell.platform, { userId: 'student-logs', resourceLinkId: LINK });
    credentials.set('id_token', form.fields.id_token!);
    credentials.set('state', form.fields.state!);
    for (const part of cookie.split('; ')) credentials.set(`login cookie ${part.split('=')[0]}`, part.split('=').slice(1).join('='));
    const launched = await postIdToken(form.action, form.fields, cookie);
    expect(launched.status).toBe(303);
    credentials.set('ticket', launched.ticket!);
    credentials.set('session token', launched.sessionToken!);

    // The session as Authorization: Bearer, and a cookie header on an API call.
    const saved = await fetch(`${inkwell.baseUrl}/api/essay/draft`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${launched.sessionToken}`, 'Content-Type': 'application/json', Cookie: `inkwell_probe=${'c'.repeat(8)}cookie-secret` },
      body: JSON.stringify({ text: sampleEssay, baseRevision: 0 }),
    });
    expect(saved.status).toBe(200);
    credentials.set('cookie value', `${'c'.repeat(8)}cookie-secret`);
    // A stale save (a conflict) and a bad bearer token leave lines too.
    await api(inkwell.baseUrl, launched.sessionToken, 'PUT', '/api/essay/draft', { text: 'stale', baseRevision: 0 });
    const forgedBearer = `eyJforged.${randomBytes(12).toString('hex')}.sig`;
    credentials.set('forged bearer', forgedBearer);
    await api(inkwell.baseUrl, forgedBearer, 'GET', '/api/essay/draft');

    // A registration link's token and an LMS's registration token (registration fails: nothing listens there).
    const link = runCli(inkwell.env, ['registration-link']).stdout.trim();
    credentials.set('link token', new URL(link).searchParams.get('link')!);
    const registrationToken = `regtoken-${randomBytes(12).toString('hex')}`;
    credentials.set('registration token', registrationToken);
    const registration = await fetch(`${link}&openid_configuration=${encodeURIComponent('http://127.0.0.1:9/openid')}&registration_token=${registrationToken}`);
    expect(registration.status).toBeGreaterThanOrEqual(400);

    // The admin password on sign-in (a wrong one and the right one), then the admin session cookie.
    const wrong = `wrong-${randomBytes(8).toString('hex')}`;
    credentials.set('wrong admin password', wrong);
    const signIn = (password: string) =>
      fetch(`${inkwell.baseUrl}/admin/session`, {
        method: 'POST',
        headers: { Origin: inkwell.baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ password }),
        redirect: 'manual',
      });
    await signIn(wrong);
    const signedIn = await signIn(ADMIN_PASSWORD);
    const adminCookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('inkwell_admin='))!.split(';')[0]!;
    credentials.set('admin session', adminCookie.slice('inkwell_admin='.length));
    expect((await fetch(`${inkwell.baseUrl}/admin`, { headers: { Cookie: adminCookie } })).status).toBe(200);

    // The metrics token as a bearer.
    expect((await fetch(`${inkwell.baseUrl}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(200);

    await settle();
    const output = inkwell.logs.join('');
    for (const [kind, value] of credentials) {
      expect(value.length, kind).toBeGreaterThan(6);
      expect(output.includes(value), `the log contains the ${kind}`).toBe(false);
    }
    // The requests were logged, with their credentials blanked rather than the lines dropped.
    const lines = logLines();
    expect(lines.some((line) => typeof line.url === 'string' && line.url.includes('ticket=[Redacted]'))).toBe(true);
    expect(lines.some((line) => typeof line.url === 'string' && line.url.includes('registration_token=[Redacted]') && line.url.includes('link=[Redacted]'))).toBe(true);
    expect(lines.some((line) => line.route === '/lti/launch' && line.status === 303)).toBe(true);
    expect(lines.some((line) => String(line.msg).startsWith('[admin] wrong password'))).toBe(true);
  });

  it('stamps every line of a request with its id, takes a safe X-Request-Id and replaces an unsafe one', async () => {
    const given = `req-${randomBytes(8).toString('hex')}`;
    const refused = await fetch(`${inkwell.baseUrl}/lti/launch`, { method: 'POST', headers: { 'X-Request-Id': given }, body: new URLSearchParams({}) });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toBe(given);
    await settle();
    const mine = logLines().filter((line) => line.reqId === given);
    // The refusal's reason and the request line: two lines of one request, one id.
    expect(mine.some((line) => String(line.msg).startsWith('[launch] refused'))).toBe(true);
    expect(mine.some((line) => line.msg === 'request' && line.status === 401)).toBe(true);

    const unsafe = await fetch(`${inkwell.baseUrl}/api/health`, { headers: { 'X-Request-Id': 'x<script>' } });
    const replaced = unsafe.headers.get('x-request-id');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes one JSON object a line with a level', () => {
    const lines = logLines();
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).toContain(line.level);
  });
});

describe('metrics', () => {
  async function scrape(): Promise<string> {
    const response = await fetch(`${inkwell.baseUrl}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  }

  it('answers only with the token', async () => {
    expect((await fetch(`${inkwell.baseUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${inkwell.baseUrl}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}x` } })).status).toBe(401);
    expect((await fetch(`${inkwell.baseUrl}/metrics`, { headers: { Authorization: 'Bearer ' } })).status).toBe(401);
  });

  it('counts requests by route pattern, launches, autosaves, conflicts, passback and database commands', async () => {
    inkwell.platform.addMember({ sub: 'student-metrics', name: 'Mo Metrics', roles: [ROLE.learner] });
    const student = await launch(inkwell.platform, { userId: 'student-metrics', resourceLinkId: LINK });
    const token = student.sessionToken!;
    expect((await api(inkwell.baseUrl, token, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 })).status).toBe(200);
    expect((await api(inkwell.baseUrl, token, 'PUT', '/api/essay/draft', { text: 'stale tab', baseRevision: 0 })).status).toBe(409);
    expect((await api(inkwell.baseUrl, token, 'POST', '/api/essay/submit', { revision: 1 })).status).toBe(200);
    inkwell.platform.addMember({ sub: 'teacher-metrics', name: 'Tess Teacher', roles: [ROLE.instructor] });
    const instructor = await launch(inkwell.platform, { userId: 'teacher-metrics', resourceLinkId: LINK });
    expect(instructor.status).toBe(303);
    await fetch(`${inkwell.baseUrl}/lti/launch`, { method: 'POST', body: new URLSearchParams({}) });
    // Let the worker deliver the submission notice.
    await new Promise((r) => setTimeout(r, 1_500));

    const text = await scrape();
    expect(text).toMatch(/inkwell_http_requests_total\{method="PUT",route="\/api\/essay\/draft",status="200"\} [1-9]/);
    expect(text).toMatch(/inkwell_http_request_duration_seconds_bucket\{le="[^"]+",method="PUT",route="\/api\/essay\/draft"\}/);
    expect(text).toMatch(/inkwell_launches_total\{outcome="accepted",reason="resource_link"\} [1-9]/);
    expect(text).toMatch(/inkwell_launches_total\{outcome="refused",reason="[a-z_]+"\} [1-9]/);
    expect(text).toMatch(/inkwell_autosaves_total\{outcome="saved"\} [1-9]/);
    expect(text).toMatch(/inkwell_autosaves_total\{outcome="conflict"\} [1-9]/);
    expect(text).toMatch(/inkwell_passback_jobs_queued_total\{kind="submission"\} [1-9]/);
    expect(text).toMatch(/inkwell_passback_attempts_total\{outcome="sent"\} [1-9]/);
    expect(text).toMatch(/inkwell_passback_pending_jobs \d+/);
    expect(text).toMatch(/inkwell_passback_oldest_pending_age_seconds \d+/);
    expect(text).toMatch(/inkwell_db_command_duration_seconds_count\{command="find",outcome="ok"\} [1-9]/);
    // Patterns, never addresses: no session ids, tickets or submission ids in any label.
    expect(text).not.toMatch(/route="[^"]*[0-9a-f]{24}/);
    expect(text).not.toMatch(/route="[^"]*\?/);
    expect(text).toMatch(/route="\/grading\/\[submissionId\]"|route="\/grading"/);
  });

  it('keeps /api/health as it was, with the passback backlog added, and gives liveness and readiness', async () => {
    const health = await fetch(`${inkwell.baseUrl}/api/health`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { status: string; database: string; passback: { pending: number; oldestPendingSeconds: number; backlog: string } };
    expect(body.status).toBe('ok');
    expect(body.database).toBe('up');
    expect(body.passback.backlog).toMatch(/^(steady|growing)$/);
    expect(typeof body.passback.pending).toBe('number');
    expect((await fetch(`${inkwell.baseUrl}/api/health/live`)).status).toBe(200);
    const ready = await fetch(`${inkwell.baseUrl}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});
