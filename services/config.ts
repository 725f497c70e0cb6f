/**
 * Runtime configuration from the environment, read in one place.
 * Secrets have no defaults in production; in development a random secret is
 * kept under .data/ so sessions survive a restart.
 */
import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { environment } from '../config/environment';

/**
 * Whether the operator runs Inkwell in production. Next sets NODE_ENV=production when it starts, so
 * server.ts pins the operator's choice in INKWELL_PRODUCTION first (it overwrites any value given).
 */
export function isProduction(): boolean {
  return environment.production();
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
    allowHttpLoopback: !production || environment.insecureTestLms() || demoEnabled(),
    allowPrivateAddresses: !production || environment.allowPrivateLms(),
    allowedHosts: environment.lmsHosts(),
  };
}

export function port(): number {
  return environment.port();
}

/** The base URL that LMSs and browsers use to reach Inkwell, without a trailing slash. */
export function publicBaseUrl(): string {
  const configured = environment.publicUrl() ?? `http://localhost:${port()}`;
  return configured.replace(/\/+$/, '');
}

let cachedSecret: string | undefined;

/** The server secret: signs sessions and (derived) encrypts ltijs's keys. */
export function serverSecret(): string {
  if (cachedSecret) return cachedSecret;
  const fromEnv = environment.secret();
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('INKWELL_SECRET must be at least 32 characters long.');
    cachedSecret = fromEnv;
    return fromEnv;
  }
  if (isProduction()) throw new Error('INKWELL_SECRET must be set in production.');
  const file = resolve(environment.dataDir(), 'secret');
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
  return environment.demo() ?? !isProduction();
}

/** Every use of INKWELL_SECRET gets its own key, so no use can stand in for another. */
export type KeyPurpose = 'session' | 'admin-session' | 'ltijs' | 'anonymous-order';

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
  return environment.previousSecret();
}

/** Log level (`INKWELL_LOG_LEVEL`): fatal, error, warn, info, debug, trace or silent; info by default. */
export function logLevel(): string {
  const value = (environment.logLevel() ?? '').toLowerCase();
  return ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(value) ? value : 'info';
}

/** Log lines as JSON (production, or `INKWELL_LOG_FORMAT=json`) or readable text (development). */
export function logFormat(): 'json' | 'readable' {
  return isProduction() || environment.jsonLogs() ? 'json' : 'readable';
}

/** The bearer token that opens /metrics (`INKWELL_METRICS_TOKEN`); without it /metrics is off. */
export function metricsToken(): string | undefined {
  return environment.metricsToken();
}

/**
 * Which reverse proxies may set X-Forwarded-For/-Proto/-Host (`INKWELL_TRUST_PROXY`), as Express's
 * `trust proxy` setting: `loopback` (the default), `none`, or a comma-separated list of addresses and
 * CIDR ranges (also `linklocal`, `uniquelocal`).
 */
export function trustedProxies(): string[] | false {
  const value = environment.trustProxy();
  if (value === '' || value === 'none' || value === 'false' || value === '0') return false;
  return value.split(/[\s,]+/).filter(Boolean);
}

/** How long a graceful shutdown waits for requests and grade deliveries in flight (`INKWELL_SHUTDOWN_GRACE_MS`). */
export function shutdownGraceMs(): number {
  return environment.shutdownGraceMs();
}
