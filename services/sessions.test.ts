import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeJwt } from 'jose';
import { issueSession, readSession, renewSession, sessionIdleSeconds, SESSION_MAX_SECONDS, ticketSeconds, type Session } from './sessions';

const session: Session = {
  platformIssuer: 'https://lms.example',
  deploymentId: 'd-1',
  contextId: 'course-1',
  resourceLinkId: 'rl-1',
  assignmentId: 'a-1',
  userId: 'student-ada',
  role: 'student',
  submissionId: 's-1',
};

const HOUR_MS = 3600_000;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-30T08:00:00Z'));
  process.env.INKWELL_SECRET = 'a'.repeat(64);
  delete process.env.INKWELL_SESSION_IDLE_SECONDS;
});

afterEach(() => {
  vi.useRealTimers();
});

describe('session lifetime', () => {
  it('may be configured shorter, never longer, than an hour (and tickets than two minutes)', () => {
    process.env.INKWELL_SESSION_IDLE_SECONDS = '600';
    process.env.INKWELL_SESSION_TICKET_SECONDS = '30';
    expect([sessionIdleSeconds(), ticketSeconds()]).toEqual([600, 30]);
    process.env.INKWELL_SESSION_IDLE_SECONDS = String(24 * 3600);
    process.env.INKWELL_SESSION_TICKET_SECONDS = '86400';
    expect([sessionIdleSeconds(), ticketSeconds()]).toEqual([3600, 120]);
    delete process.env.INKWELL_SESSION_TICKET_SECONDS;
  });


  it('ends after an hour without a renewal', async () => {
    const token = await issueSession(session);
    vi.advanceTimersByTime(HOUR_MS - 1_000);
    await expect(readSession(token)).resolves.toMatchObject({ userId: 'student-ada' });
    vi.advanceTimersByTime(1_000);
    await expect(readSession(token)).rejects.toMatchObject({ code: 'SESSION_INVALID', status: 401 });
  });

  it('lasts another hour from each renewal, with the same claims and launch time', async () => {
    const first = await issueSession(session);
    vi.advanceTimersByTime(50 * 60_000);
    const renewed = await renewSession(first);
    expect(renewed.expiresIn).toBe(3600);
    expect(decodeJwt(renewed.token).lat).toBe(decodeJwt(first).lat);
    vi.advanceTimersByTime(50 * 60_000);
    await expect(readSession(first)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
    await expect(readSession(renewed.token)).resolves.toMatchObject({ userId: 'student-ada', role: 'student', submissionId: 's-1' });
  });

  it('is never renewed past eight hours after its launch', async () => {
    let token = await issueSession(session);
    for (let minutes = 50; minutes < SESSION_MAX_SECONDS / 60 - 50; minutes += 50) {
      vi.advanceTimersByTime(50 * 60_000);
      token = (await renewSession(token)).token;
    }
    vi.advanceTimersByTime(50 * 60_000);
    const last = await renewSession(token);
    // Whatever is left of the eight hours, not a full hour.
    expect(last.expiresIn).toBeLessThan(3600);
    vi.advanceTimersByTime(last.expiresIn * 1000);
    await expect(readSession(last.token)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
    await expect(renewSession(last.token)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
  });

  it('refuses a renewal of a token that has already ended', async () => {
    const token = await issueSession(session);
    vi.advanceTimersByTime(HOUR_MS);
    await expect(renewSession(token)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
  });
});

describe('a token read again', () => {
  it('is refused once altered, also after the original was accepted', async () => {
    const token = await issueSession(session);
    await expect(readSession(token)).resolves.toMatchObject({ userId: 'student-ada' });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const otherUser = Buffer.from(JSON.stringify({ ...decodeJwt(token), userId: 'student-ben' })).toString('base64url');
    await expect(readSession(`${header}.${otherUser}.${signature}`)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
    const flipped = `${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`;
    await expect(readSession(`${header}.${payload}.${flipped}`)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
    await expect(readSession(token)).resolves.toMatchObject({ userId: 'student-ada' });
  });

  it('gives each caller its own copy of the session', async () => {
    const token = await issueSession(session);
    const first = await readSession(token);
    first.userId = 'changed by a caller';
    await expect(readSession(token)).resolves.toMatchObject({ userId: 'student-ada' });
  });
});
