/**
 * Dynamic Registration cannot be aimed at the tool's own network (issue #11,
 * item 3), with production settings over real HTTP. A loopback server records
 * every connection it gets: names and addresses on Inkwell's own network are
 * refused before any connection is made, so it must see none. No test here
 * sends traffic to a private range; the address classification itself is
 * tested in lti/lms-network.test.ts.
 */
import { get } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startInkwell, type RunningInkwell } from '../support/inkwell-server';

function registrationLink(inkwell: RunningInkwell): string {
  const result = runCli(inkwell.env, ['registration-link']);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim();
}

function withLms(link: string, openidConfiguration: string, registrationToken = 'token-from-the-lms'): string {
  const url = new URL(link);
  url.searchParams.set('openid_configuration', openidConfiguration);
  url.searchParams.set('registration_token', registrationToken);
  return url.toString();
}

/** A GET on a connection of its own (no keep-alive reuse between the many short requests here). */
function open(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

/** A loopback listener that counts connections (and answers nothing). */
let recorder: Server;
let connections = 0;
let recorderPort: number;

beforeAll(async () => {
  recorder = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
  recorderPort = (recorder.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => recorder.close(() => resolve()));
});

describe('in production, without INKWELL_ALLOW_PRIVATE_LMS', () => {
  let inkwell: RunningInkwell;
  beforeAll(async () => {
    // Plain http to loopback stays allowed (INKWELL_INSECURE_TEST_LMS), so only the address check can refuse.
    inkwell = await startInkwell({ registerPlatform: false, env: { INKWELL_ALLOW_PRIVATE_LMS: '0' } });
  });
  afterAll(async () => {
    await inkwell?.stop();
  });

  it.each([
    ['a name that resolves to loopback (http)', () => `http://localhost:${recorderPort}/.well-known/openid-configuration`],
    ['a name that resolves to loopback (https)', () => `https://localhost:${recorderPort}/.well-known/openid-configuration`],
    ['a loopback address', () => `http://127.0.0.1:${recorderPort}/.well-known/openid-configuration`],
    ['an IPv4-mapped loopback address', () => `https://[::ffff:127.0.0.1]:${recorderPort}/.well-known/openid-configuration`],
  ])('refuses %s before connecting, and tells the admin how to allow an internal LMS', async (_what, target) => {
    const before = connections;
    const result = await open(withLms(registrationLink(inkwell), target()));
    expect(result.status).toBe(400);
    expect(result.body).toContain('INKWELL_ALLOW_PRIVATE_LMS=1');
    // Give a stray connection time to arrive before counting.
    await new Promise((r) => setTimeout(r, 200));
    expect(connections).toBe(before);
    expect(inkwell.logs.join('')).toMatch(/\[registration\] failed ref=\w+: .*Inkwell's own network/);
  });

  it('refuses plain http to a host that is not loopback, before looking it up', async () => {
    const result = await open(withLms(registrationLink(inkwell), 'http://lms.example.invalid/.well-known/openid-configuration'));
    expect(result.status).toBe(400);
    expect(result.body).toContain('reachable over HTTPS');
  });
});

describe('a registering platform', () => {
  let inkwell: RunningInkwell;
  beforeAll(async () => {
    inkwell = await startInkwell({ platform: { flavour: 'moodle' }, registerPlatform: false, env: { INKWELL_OPEN_REGISTRATION: '1' } });
  });
  afterAll(async () => {
    await inkwell?.stop();
  });

  it.each([
    ['registration_endpoint', (port: number) => ({ registration_endpoint: `http://localhost:${port}/registration` })],
    ['token_endpoint', (port: number) => ({ token_endpoint: `http://localhost:${port}/token` })],
    ['authorization_endpoint', (port: number) => ({ authorization_endpoint: `http://localhost:${port}/auth` })],
    ['jwks_uri', (port: number) => ({ jwks_uri: `http://localhost:${port}/jwks` })],
  ])('cannot send Inkwell to another origin with its %s', async (_what, override) => {
    const before = connections;
    inkwell.platform.setOpenidConfigurationOverride(override(recorderPort));
    try {
      const result = await open(inkwell.platform.registrationLaunchUrl(registrationLink(inkwell)));
      expect(result.status).toBe(400);
      expect(result.body).toContain('points to another site');
    } finally {
      inkwell.platform.setOpenidConfigurationOverride(null);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(connections).toBe(before);
    expect(inkwell.platform.registrations).toHaveLength(0);
  });

  it('never shows the LMS\'s answer in the page: it goes to the log', async () => {
    const result = await open(inkwell.platform.registrationLaunchUrl(registrationLink(inkwell), 'not-a-token-the-lms-issued'));
    expect(result.status).toBe(400);
    expect(result.body).not.toContain('unknown registration token');
    expect(result.body).not.toContain('invalid_token');
    expect(result.body).toContain('Start the registration again from the LMS');
    expect(inkwell.logs.join('')).toContain('unknown registration token');
  });

  it('a link allows five attempts, then is spent', async () => {
    const link = registrationLink(inkwell);
    const before = inkwell.platform.registrationRequests.length;
    for (let attempt = 1; attempt <= 5; attempt++) {
      const failed = await open(inkwell.platform.registrationLaunchUrl(link, `bad-token-${attempt}`));
      expect(failed.status).toBe(400);
    }
    const sixth = await open(inkwell.platform.registrationLaunchUrl(link));
    expect(sixth.status).toBe(400);
    expect(sixth.body).toContain('tried too many times');
    expect(inkwell.platform.registrationRequests.length - before).toBe(5);
    expect(inkwell.platform.registrations).toHaveLength(0);
  });

  it('open registration (INKWELL_OPEN_REGISTRATION=1) is rate-limited per client address', async () => {
    const before = inkwell.platform.registrationRequests.length;
    const statuses: number[] = [];
    let last = '';
    for (let attempt = 1; attempt <= 6; attempt++) {
      const result = await open(inkwell.platform.registrationLaunchUrl(`${inkwell.baseUrl}/lti/register`, `bad-token-${attempt}`));
      statuses.push(result.status);
      last = result.body;
    }
    expect(statuses.every((s) => s === 400)).toBe(true);
    expect(last).toContain('Too many registration attempts from here');
    expect(inkwell.platform.registrationRequests.length - before).toBe(5);
  });
});
