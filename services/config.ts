/**
 * Runtime configuration from the environment, read in one place.
 * Secrets have no defaults in production; in development a random secret is
 * kept under .data/ so sessions survive a restart.
 */
import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Whether the operator runs Inkwell in production. Next sets NODE_ENV=production when it starts, so
 * server.ts pins the operator's choice in INKWELL_PRODUCTION first (it overwrites any value given).
 */
export function isProduction(): boolean {
  const pinned = process.env.INKWELL_PRODUCTION;
  if (pinned === '1' || pinned === '0') return pinned === '1';
  return process.env.NODE_ENV === 'production';
}

function flag(name: string): boolean {
  const value = process.env[name];
  return value === '1' || value === 'true';
}

/**
 * What Inkwell may connect to, or put into a page, from an LMS. In production: https only, and no
 * address on Inkwell's own network unless the operator allows it (an LMS on the school's network).
 * `INKWELL_INSECURE_TEST_LMS=1` lets tests reach the platform emulator over http on loopback; the demo
 * LMS (INKWELL_DEMO=1, on loopback) needs the same.
 */
export function lmsNetworkPolicy(): { requireHttps: boolean; allowHttpLoopback: boolean; allowPrivateAddresses: boolean; allowedHosts: string[] } {
  const production = isProduction();
  return {
    requireHttps: production,
    allowHttpLoopback: !production || flag('INKWELL_INSECURE_TEST_LMS') || demoEnabled(),
    allowPrivateAddresses: !production || flag('INKWELL_ALLOW_PRIVATE_LMS'),
    allowedHosts: (process.env.INKWELL_LMS_HOSTS ?? '').split(/[\s,]+/).filter(Boolean),
  };
}

export function port(): number {
  const value = Number(process.env.PORT ?? 3000);
  return Number.isInteger(value) && value > 0 ? value : 3000;
}

/** The base URL that LMSs and browsers use to reach Inkwell, without a trailing slash. */
export function publicBaseUrl(): string {
  const configured = process.env.INKWELL_PUBLIC_URL ?? `http://localhost:${port()}`;
  return configured.replace(/\/+$/, '');
}

let cachedSecret: string | undefined;

/** The server secret: signs sessions and (derived) encrypts ltijs's keys. */
export function serverSecret(): string {
  if (cachedSecret) return cachedSecret;
  const fromEnv = process.env.INKWELL_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('INKWELL_SECRET must be at least 32 characters long.');
    cachedSecret = fromEnv;
    return fromEnv;
  }
  if (isProduction()) throw new Error('INKWELL_SECRET must be set in production.');
  const file = resolve(process.env.INKWELL_DATA_DIR ?? '.data', 'secret');
  try {
    cachedSecret = readFileSync(file, 'utf8').trim();
  } catch {
    cachedSecret = randomBytes(32).toString('hex');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, cachedSecret, { mode: 0o600 });
  }
  return cachedSecret;
}

export function demoEnabled(): boolean {
  const flag = process.env.INKWELL_DEMO;
  if (flag !== undefined) return flag === '1' || flag === 'true';
  return !isProduction();
}

/** Every use of INKWELL_SECRET gets its own key, so no use can stand in for another. */
export type KeyPurpose = 'session' | 'admin-session' | 'ltijs';

/** A 32-byte key for one purpose, derived from a secret with HKDF-SHA256 and the purpose as label. */
export function deriveKey(purpose: KeyPurpose, secret: string = serverSecret()): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'inkwell', `inkwell/${purpose}/v1`, 32));
}

/** ltijs's own key (encrypts its stored private keys and signs its cookies). */
export function ltijsEncryptionKey(secret: string = serverSecret()): string {
  return deriveKey('ltijs', secret).toString('hex');
}

/** The ltijs key Inkwell derived before HKDF (until November 2026); stored keys are re-encrypted from it at start. */
export function legacyLtijsEncryptionKey(secret: string = serverSecret()): string {
  return createHash('sha256').update(`inkwell-ltijs:${secret}`).digest('hex');
}

/** The secret an operator is rotating away from (INKWELL_PREVIOUS_SECRET), if any. */
export function previousSecret(): string | undefined {
  const value = process.env.INKWELL_PREVIOUS_SECRET;
  return value ? value : undefined;
}
