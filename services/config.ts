/**
 * Runtime configuration from the environment, read in one place.
 * Secrets have no defaults in production; in development a random secret is
 * kept under .data/ so sessions survive a restart.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export function isProduction(): boolean {
  return process.env.NODE_ENV === 'production';
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

/** ltijs's own key (encrypts its stored private keys), derived so it never equals the session key. */
export function ltijsEncryptionKey(): string {
  return createHash('sha256').update(`inkwell-ltijs:${serverSecret()}`).digest('hex');
}
