/**
 * The admin page and Inkwell's secrets (issue #11, item 6), over real HTTP
 * with production settings: sign-in throttled per client address and for
 * everyone (parallel guesses included), a short admin password keeps the page
 * off, "sign out everywhere" ends every admin session, keys are derived from
 * INKWELL_SECRET with HKDF, `secret rotate` keeps the stored LTI keys usable
 * under a new secret (and keys from the older derivation are re-encrypted at
 * start), and neither the secret nor the admin password reaches the embedded
 * database's environment or the log.
 */
import { hkdfSync, createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reencryptLtiKeys } from '../../lti/key-encryption';
import { freeLoopbackPort } from '../../server/embedded-db';
import { launch } from '../support/lti-client';
import { runCli, startInkwell, type RunningInkwell } from '../support/inkwell-server';

const PASSWORD = 'a long enough admin password';
const ADMIN_COOKIE = 'inkwell_admin';
const LINK = 'rl-essay-1';

interface SignInResult {
  notice: string | null;
  error: string | null;
  cookie: string | null;
}

async function signIn(inkwell: RunningInkwell, password: string, address: string): Promise<SignInResult> {
  const response = await fetch(`${inkwell.baseUrl}/admin/session`, {
    method: 'POST',
    body: new URLSearchParams({ password }),
    // The server trusts X-Forwarded-For from loopback (a proxy in front of it): each test picks its client address.
    headers: { 'x-forwarded-for': address },
    redirect: 'manual',
  });
  const location = new URL(response.headers.get('location') ?? '/', inkwell.baseUrl);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${ADMIN_COOKIE}=`) && c.length > ADMIN_COOKIE.length + 1);
  return { notice: location.searchParams.get('notice'), error: location.searchParams.get('error'), cookie: cookie ?? null };
}

async function adminPage(inkwell: RunningInkwell, cookie: string | null): Promise<string> {
  const response = await fetch(`${inkwell.baseUrl}/admin`, { headers: cookie ? { cookie } : {} });
  return response.text();
}

const isThrottled = (result: SignInResult) => result.error?.startsWith('Too many sign-in attempts') ?? false;
const isWrong = (result: SignInResult) => result.error?.includes('That password is not right') ?? false;

describe('with an admin password of 12 characters or more', () => {
  let inkwell: RunningInkwell;
  beforeAll(async () => {
    inkwell = await startInkwell({ env: { INKWELL_ADMIN_PASSWORD: PASSWORD } });
  });
  afterAll(async () => {
    await inkwell?.stop();
  });

  it('signs sessions with a key derived by HKDF for that purpose, not a plain hash of the secret', async () => {
    const { sessionToken } = await launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK });
    const secret = inkwell.env.INKWELL_SECRET!;
    const hkdfKey = new Uint8Array(hkdfSync('sha256', secret, 'inkwell', 'inkwell/session/v1', 32));
    await expect(jwtVerify(sessionToken!, hkdfKey, { algorithms: ['HS256'] })).resolves.toBeTruthy();
    const oldKey = createHash('sha256').update(`inkwell-session:${secret}`).digest();
    await expect(jwtVerify(sessionToken!, oldKey, { algorithms: ['HS256'] })).rejects.toThrow();
    // Another purpose's key does not verify it either.
    const adminKey = new Uint8Array(hkdfSync('sha256', secret, 'inkwell', 'inkwell/admin-session/v1', 32));
    await expect(jwtVerify(sessionToken!, adminKey, { algorithms: ['HS256'] })).rejects.toThrow();
  });

  it('backs off per client address: right after wrong passwords even the right one must wait', async () => {
    const address = '198.51.100.1';
    expect(isWrong(await signIn(inkwell, 'guess-one', address))).toBe(true);
    expect(isWrong(await signIn(inkwell, 'guess-two', address))).toBe(true);
    const right = await signIn(inkwell, PASSWORD, address);
    expect(isThrottled(right)).toBe(true);
    expect(right.cookie).toBeNull();
    // Another address is not held up by this one.
    const other = await signIn(inkwell, PASSWORD, '198.51.100.99');
    expect(other.notice).toBe('You are signed in.');
    expect(other.cookie).not.toBeNull();
  });

  it('guesses sent in parallel cannot skip the back-off: the first is checked, the rest wait', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => signIn(inkwell, `parallel-guess-${i}`, '198.51.100.2')));
    // Normally exactly one is checked. On a very busy machine a request can reach the check only after
    // the first back-off (0.5 s) has run out; it then meets the doubled one, so at most two are checked.
    expect(results.filter(isWrong).length).toBeGreaterThanOrEqual(1);
    expect(results.filter(isWrong).length).toBeLessThanOrEqual(2);
    expect(results.filter(isThrottled).length).toBeGreaterThanOrEqual(4);
  });

  it('"sign out everywhere" ends every admin session, in every browser', async () => {
    await new Promise((r) => setTimeout(r, 1_100));
    const a = await signIn(inkwell, PASSWORD, '198.51.100.3');
    const b = await signIn(inkwell, PASSWORD, '198.51.100.4');
    expect(a.cookie && b.cookie).toBeTruthy();
    expect(await adminPage(inkwell, b.cookie)).toContain('Sign out everywhere');
    const out = await fetch(`${inkwell.baseUrl}/admin/sign-out`, {
      method: 'POST',
      body: new URLSearchParams({ everywhere: '1' }),
      headers: { cookie: a.cookie! },
      redirect: 'manual',
    });
    expect(out.status).toBe(303);
    expect(await adminPage(inkwell, b.cookie)).toContain('Admin sign-in');
    expect(await adminPage(inkwell, a.cookie)).toContain('Admin sign-in');
    // A new sign-in works again.
    const again = await signIn(inkwell, PASSWORD, '198.51.100.5');
    expect(await adminPage(inkwell, again.cookie)).toContain('Administration');
  });

  it('backs off for everyone when wrong passwords come from many addresses', async () => {
    let refusedRightPassword = false;
    for (let i = 1; i <= 16 && !refusedRightPassword; i++) {
      expect(isWrong(await signIn(inkwell, `distributed-guess-${i}`, `203.0.113.${i}`))).toBe(true);
      refusedRightPassword = isThrottled(await signIn(inkwell, PASSWORD, `192.0.2.${i}`));
    }
    expect(refusedRightPassword).toBe(true);
    expect(inkwell.logs.join('')).toContain('[admin] sign-in refused while backing off');
    expect(inkwell.logs.join('')).not.toContain(PASSWORD);
  });

  it('`secret rotate` re-encrypts the stored LTI keys for a new INKWELL_SECRET, and keys from the older derivation are re-encrypted at start', async () => {
    const kids = async () => ((await (await fetch(`${inkwell.baseUrl}/lti/keys`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid).sort();
    const before = await kids();
    expect(before.length).toBeGreaterThan(0);

    await inkwell.kill();
    const oldSecret = inkwell.env.INKWELL_SECRET!;
    const newSecret = randomBytes(32).toString('hex');
    const rotated = runCli({ ...inkwell.env, INKWELL_PREVIOUS_SECRET: oldSecret, INKWELL_SECRET: newSecret }, ['secret', 'rotate']);
    expect(rotated.status, rotated.stderr + rotated.stdout).toBe(0);
    expect(rotated.stdout).toMatch(/Re-encrypted [1-9]\d* stored LTI key/);
    expect(rotated.stdout + rotated.stderr).not.toContain(newSecret);
    inkwell.env.INKWELL_SECRET = newSecret;
    await inkwell.restart();
    expect(await kids()).toEqual(before);
    const student = await launch(inkwell.platform, { userId: 'student-ben', resourceLinkId: LINK });
    expect(student.status).toBe(303);

    // Data from before HKDF: the same keys encrypted with the old derivation of the (new) secret.
    await inkwell.kill();
    const client = new MongoClient(inkwell.env.MONGODB_URI!);
    try {
      const db = client.db(inkwell.env.INKWELL_DB_NAME);
      const hkdfLtijsKey = Buffer.from(hkdfSync('sha256', newSecret, 'inkwell', 'inkwell/ltijs/v1', 32)).toString('hex');
      const legacyKey = createHash('sha256').update(`inkwell-ltijs:${newSecret}`).digest('hex');
      const report = await reencryptLtiKeys(db, [hkdfLtijsKey], legacyKey);
      expect(report.reencrypted).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
    await inkwell.restart();
    expect(inkwell.logs.join('')).toMatch(/\[keys\] re-encrypted \d+ stored LTI key/);
    expect(await kids()).toEqual(before);
    expect((await launch(inkwell.platform, { userId: 'student-chen', resourceLinkId: LINK })).status).toBe(303);
    // Four server starts and a CLI run: slow on a busy machine.
  }, 240_000);
});

describe('with an admin password shorter than 12 characters', () => {
  let inkwell: RunningInkwell;
  beforeAll(async () => {
    inkwell = await startInkwell({ registerPlatform: false, env: { INKWELL_ADMIN_PASSWORD: 'short-pass1' } });
  });
  afterAll(async () => {
    await inkwell?.stop();
  });

  it('keeps the admin page off in production, and says why at start', async () => {
    expect(await adminPage(inkwell, null)).toContain('The admin page is off');
    const result = await signIn(inkwell, 'short-pass1', '198.51.100.20');
    expect(result.cookie).toBeNull();
    expect(result.error).toBe('The admin page is off.');
    expect(inkwell.logs.join('')).toContain('shorter than 12 characters');
    expect(inkwell.logs.join('')).not.toContain('short-pass1');
  });
});

describe('on the embedded database, with the demo LMS in production', () => {
  let inkwell: RunningInkwell;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'inkwell-secrets-'));
    inkwell = await startInkwell({
      registerPlatform: false,
      env: {
        MONGODB_URI: '',
        INKWELL_DATA_DIR: dataDir,
        INKWELL_DEMO: '1',
        INKWELL_DEMO_PORT: String(await freeLoopbackPort()),
        INKWELL_ADMIN_PASSWORD: PASSWORD,
      },
    });
  });
  afterAll(async () => {
    await inkwell?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the database with none of Inkwell\'s secrets in its environment', () => {
    const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
    const database = pids.find((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(join(dataDir, 'ferretdb'));
      } catch {
        return false;
      }
    });
    expect(database, 'the embedded database process').toBeDefined();
    const environment = readFileSync(`/proc/${database}/environ`, 'utf8');
    expect(environment.length).toBeGreaterThan(0);
    expect(environment).not.toContain(inkwell.env.INKWELL_SECRET!);
    expect(environment).not.toContain(PASSWORD);
    expect(environment).not.toContain('INKWELL_');
  });

  it('never prints the secret or the admin password in the production log', async () => {
    // The demo's start-up lines are the ones that used to name the password.
    await expect.poll(() => inkwell.logs.join(''), { timeout: 60_000 }).toContain('[admin] Admin page');
    const logs = inkwell.logs.join('');
    expect(logs).not.toContain(PASSWORD);
    expect(logs).not.toContain(inkwell.env.INKWELL_SECRET!);
  }, 90_000);
});
