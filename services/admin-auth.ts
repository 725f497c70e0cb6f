/**
 * The Inkwell admin page's sign-in: one password from the environment
 * (INKWELL_ADMIN_PASSWORD; in development a generated one kept under .data/),
 * and a signed, short-lived admin session cookie.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SignJWT, jwtVerify } from 'jose';
import { isProduction, serverSecret } from './config';

export const ADMIN_COOKIE = 'inkwell_admin';
export const ADMIN_SESSION_SECONDS = 8 * 3600;

/** The admin password, or null when the admin page is off (production without a password). */
export function adminPassword(): string | null {
  const configured = process.env.INKWELL_ADMIN_PASSWORD;
  if (configured) return configured;
  if (isProduction()) return null;
  const file = resolve(process.env.INKWELL_DATA_DIR ?? '.data', 'admin-password');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const generated = randomBytes(12).toString('base64url');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, generated, { mode: 0o600 });
    return generated;
  }
}

export function checkAdminPassword(attempt: string): boolean {
  const expected = adminPassword();
  if (!expected) return false;
  const a = createHash('sha256').update(attempt).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function key(): Uint8Array {
  return createHash('sha256').update(`inkwell-admin:${serverSecret()}`).digest();
}

export async function issueAdminSession(): Promise<string> {
  return new SignJWT({ admin: true })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience('inkwell-admin')
    .setIssuedAt()
    .setExpirationTime(`${ADMIN_SESSION_SECONDS}s`)
    .sign(key());
}

export async function isAdminSession(token: string | undefined): Promise<boolean> {
  if (!token) return false;
  try {
    const { payload } = await jwtVerify(token, key(), { audience: 'inkwell-admin', algorithms: ['HS256'] });
    return payload.admin === true;
  } catch {
    return false;
  }
}
