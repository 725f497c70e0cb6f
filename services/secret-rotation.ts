/**
 * Keeping the stored LTI keys readable when INKWELL_SECRET changes, or when
 * the way keys are derived from it changes (HKDF since November 2026).
 *
 * At start, and by `npm run inkwell -- secret rotate`, every stored LTI key
 * that the current key cannot read is re-encrypted from the older keys Inkwell
 * knows: the pre-HKDF derivation of the current secret, and both derivations
 * of INKWELL_PREVIOUS_SECRET when it is set. Sessions signed with an old secret
 * simply end (people open Inkwell again from the LMS; the admin signs in again).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { environment } from '../config/environment';
import { reencryptLtiKeys, type ReencryptionReport } from '../lti/key-encryption';
import { getDb } from '../models/db';
import { isProduction, legacyLtijsEncryptionKey, ltijsEncryptionKey, previousSecret, serverSecret } from './config';

/** The ltijs keys an older secret or derivation may have used, newest first. */
function olderKeys(secret: string, previous: string | undefined): string[] {
  const keys = [legacyLtijsEncryptionKey(secret)];
  if (previous && previous !== secret) keys.push(ltijsEncryptionKey(previous), legacyLtijsEncryptionKey(previous));
  return keys;
}

/** Re-encrypts what the current secret cannot read yet; safe to run at every start. */
export async function migrateLtiKeyEncryption(): Promise<ReencryptionReport> {
  const secret = serverSecret();
  return reencryptLtiKeys(await getDb(), olderKeys(secret, previousSecret()), ltijsEncryptionKey(secret));
}

export type RotationOutcome = ReencryptionReport & { newSecretWrittenTo?: string };

/**
 * `secret rotate`: with INKWELL_PREVIOUS_SECRET set, re-encrypts from it to INKWELL_SECRET. In
 * development without INKWELL_SECRET, makes a new secret for `.data/secret` and re-encrypts to it.
 * @throws {Error} when neither applies (production needs both secrets named explicitly)
 */
export async function rotateSecret(): Promise<RotationOutcome> {
  const previous = previousSecret();
  if (previous) {
    if (!environment.secret()) throw new Error('Set INKWELL_SECRET to the new secret (and INKWELL_PREVIOUS_SECRET to the old one).');
    return migrateLtiKeyEncryption();
  }
  if (environment.secret() || isProduction()) {
    throw new Error('Set INKWELL_PREVIOUS_SECRET to the secret in use now and INKWELL_SECRET to the new one, then run this again.');
  }
  const old = serverSecret();
  const fresh = randomBytes(32).toString('hex');
  const report = await reencryptLtiKeys(await getDb(), [ltijsEncryptionKey(old), ...olderKeys(old, undefined)], ltijsEncryptionKey(fresh));
  const file = resolve(environment.dataDir(), 'secret');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, fresh, { mode: 0o600 });
  return { ...report, newSecretWrittenTo: file };
}
