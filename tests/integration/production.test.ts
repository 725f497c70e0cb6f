/**
 * Issue #17, item 5: Inkwell refuses to start in production without what it
 * needs, believes X-Forwarded-* only from configured proxies, and shuts down
 * on SIGTERM without losing an acknowledged save.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { sampleEssay } from '../../domain/unit';
import { ROLE } from '../../emulator';
import { freeLoopbackPort } from '../../server/embedded-db';
import { launch } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';
import { SERVER_NODE_ARGS } from '../../scripts/lib/server-process.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Starts server.ts with `env` and waits for it to exit; its output and exit code. */
async function startExpectingRefusal(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const port = await freeLoopbackPort();
  const closedPort = await freeLoopbackPort();
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      INKWELL_DEMO: '0',
      INKWELL_DB_NAME: `inkwell_refusal_${randomBytes(4).toString('hex')}`,
      MONGODB_URI: `mongodb://127.0.0.1:${closedPort}/?serverSelectionTimeoutMS=500`,
      INKWELL_SECRET: randomBytes(32).toString('hex'),
      INKWELL_PUBLIC_URL: 'https://inkwell.example.edu',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('exit', (exitCode) => done(exitCode)));
  return { code, stderr, stdout };
}

describe('refuses to start in production', () => {
  it('without INKWELL_SECRET', async () => {
    const result = await startExpectingRefusal({ INKWELL_SECRET: '' });
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toMatch(/^Inkwell could not start: INKWELL_SECRET is not set, and production needs it [^\n]*\.$/);
  });

  it('with a plain-http public URL', async () => {
    const result = await startExpectingRefusal({ INKWELL_PUBLIC_URL: 'http://inkwell.example.edu' });
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toBe('Inkwell could not start: INKWELL_PUBLIC_URL must be an https:// address in production, not http://inkwell.example.edu.');
  });

  it('without a database it can reach', async () => {
    const result = await startExpectingRefusal({});
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toMatch(/^Inkwell could not start: Inkwell cannot reach its database at 127\.0\.0\.1:\d+ \(MONGODB_URI\): [^\n]+\.$/);
  });
});

/** A GET from a chosen local address, with headers a client might forge. */
function getFrom(localAddress: string, url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((done, fail) => {
    const target = new URL(url);
    const req = request(
      { host: '127.0.0.1', port: target.port, path: target.pathname, localAddress, headers: { ...headers, Host: target.host } },
      (res) => {
        res.resume();
        res.once('end', () => done(res.statusCode ?? 0));
      },
    );
    req.once('error', fail);
    req.end();
  });
}

describe('behind a reverse proxy', () => {
  let inkwell: RunningInkwell;
  beforeAll(async () => {
    // Only 127.0.0.1 is the proxy; 127.0.0.2 (also loopback) is any other client. Debug logs: health probes' request lines.
    inkwell = await startInkwell({ env: { INKWELL_TRUST_PROXY: '127.0.0.1', INKWELL_LOG_LEVEL: 'debug' }, registerPlatform: false });
  });
  afterAll(async () => {
    await inkwell?.stop();
  });

  /** The request's log line, waited for (it is written when the answer is finished). */
  async function requestLine(requestId: string): Promise<{ ip: string; protocol: string }> {
    await expect.poll(() => inkwell.logs.join('').includes(`"reqId":"${requestId}"`), { timeout: 10_000 }).toBe(true);
    const line = inkwell.logs
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { reqId?: string; msg?: string; ip: string; protocol: string })
      .find((l) => l.reqId === requestId && l.msg === 'request');
    if (!line) throw new Error(`no request line for ${requestId}`);
    return line;
  }

  it('ignores X-Forwarded-For and -Proto from an address that is not a configured proxy', async () => {
    const requestId = `forged-${randomBytes(6).toString('hex')}`;
    const forged = { 'X-Forwarded-For': '203.0.113.7', 'X-Forwarded-Proto': 'https', 'X-Request-Id': requestId };
    expect(await getFrom('127.0.0.2', `${inkwell.baseUrl}/api/health/live`, forged)).toBe(200);
    const line = await requestLine(requestId);
    expect(line.ip).toContain('127.0.0.2');
    expect(line.protocol).toBe('http');
  });

  it('honours them from the configured proxy', async () => {
    const requestId = `proxied-${randomBytes(6).toString('hex')}`;
    const proxied = { 'X-Forwarded-For': '203.0.113.7', 'X-Forwarded-Proto': 'https', 'X-Request-Id': requestId };
    expect(await getFrom('127.0.0.1', `${inkwell.baseUrl}/api/health/live`, proxied)).toBe(200);
    const line = await requestLine(requestId);
    expect(line.ip).toBe('203.0.113.7');
    expect(line.protocol).toBe('https');
  });

  it('has no /metrics without INKWELL_METRICS_TOKEN', async () => {
    expect((await fetch(`${inkwell.baseUrl}/metrics`, { headers: { Authorization: 'Bearer anything' } })).status).toBe(404);
  });
});

describe('graceful shutdown', () => {
  let inkwell: RunningInkwell;
  beforeAll(async () => {
    inkwell = await startInkwell();
  });
  afterAll(async () => {
    await inkwell?.stop();
  });

  it('finishes the saves in flight on SIGTERM, and every acknowledged save is in the database', async () => {
    const students = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const userId = `burst-${i}`;
        inkwell.platform.addMember({ sub: userId, name: `Burst ${i}`, roles: [ROLE.learner] });
        const launched = await launch(inkwell.platform, { userId, resourceLinkId: 'rl-essay-1' });
        return { userId, token: launched.sessionToken! };
      }),
    );

    let signalAt = Number.POSITIVE_INFINITY;
    const acknowledged = new Map<string, { revision: number; text: string }>();
    let answeredAcrossSignal = 0;
    let stop = false;
    const writer = async (student: { userId: string; token: string }) => {
      let revision = 0;
      while (!stop) {
        const text = `${student.userId} save ${revision + 1}\n\n${sampleEssay}`;
        const started = Date.now();
        let response: Response;
        try {
          response = await fetch(`${inkwell.baseUrl}/api/essay/draft`, {
            method: 'PUT',
            headers: { Authorization: `Bearer ${student.token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ text, baseRevision: revision }),
          });
        } catch {
          return; // the server is gone: nothing more is acknowledged
        }
        if (response.status !== 200) {
          await response.body?.cancel();
          if (response.status === 503 || response.status === 429) return;
          throw new Error(`save answered ${response.status}`);
        }
        const body = (await response.json()) as { revision: number };
        if (started < signalAt && Date.now() > signalAt) answeredAcrossSignal++;
        revision = body.revision;
        acknowledged.set(student.userId, { revision, text });
      }
    };
    const writers = students.map((student) => writer(student));
    await new Promise((r) => setTimeout(r, 1_200));
    signalAt = Date.now();
    const restarted = inkwell.restart(); // SIGTERM, wait for the exit, start again
    await Promise.all(writers);
    stop = true;
    await restarted;

    expect(acknowledged.size).toBe(students.length);
    // Saves that were being handled when the signal came were answered, not cut off.
    expect(answeredAcrossSignal).toBeGreaterThan(0);
    expect(inkwell.logs.join('')).toContain('[inkwell] shutting down');

    const client = await MongoClient.connect(inject('mongoUri'));
    try {
      const db = client.db(inkwell.env.INKWELL_DB_NAME);
      for (const [userId, saved] of acknowledged) {
        const user = await db.collection('submissions').findOne({ userId });
        expect(user, userId).not.toBeNull();
        const stored = await db.collection('essay_revisions').findOne({ submissionId: user!._id, revision: saved.revision });
        expect(stored?.text, `${userId} revision ${saved.revision}`).toBe(saved.text);
      }
    } finally {
      await client.close();
    }
  }, 180_000);
});
