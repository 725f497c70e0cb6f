/**
 * Re-encrypting the LTI keys ltijs stores (its `publickeys` and `privatekeys`
 * collections, and cached `accesstokens`) from one encryption key to another,
 * for a rotated INKWELL_SECRET or a changed key derivation.
 *
 * ltijs 5.9 encrypts each record as AES-256-CBC with SHA-256(key) and a random
 * IV, stored as `{ ...index fields, iv, data }` (dist/Utils/Database.js); this
 * module reads and writes that format directly, because ltijs offers no way
 * to change its key. Records are updated one by one (no transactions needed:
 * a record that was already re-encrypted reads fine with the new key and is
 * left alone when the run is repeated).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';

/** Mongoose pluralises ltijs's model names. */
const KEY_COLLECTIONS = ['publickeys', 'privatekeys'] as const;
const ACCESS_TOKENS = 'accesstokens';

interface EncryptedRecord {
  _id: unknown;
  iv?: unknown;
  data?: unknown;
}

function aesKey(encryptionKey: string): Buffer {
  return createHash('sha256').update(encryptionKey).digest().subarray(0, 32);
}

/** The decrypted JSON text, or null when `encryptionKey` is not the one it was encrypted with. */
function decrypt(record: EncryptedRecord, encryptionKey: string): string | null {
  if (typeof record.iv !== 'string' || typeof record.data !== 'string') return null;
  try {
    const decipher = createDecipheriv('aes-256-cbc', aesKey(encryptionKey), Buffer.from(record.iv, 'hex'));
    const text = Buffer.concat([decipher.update(Buffer.from(record.data, 'hex')), decipher.final()]).toString('utf8');
    JSON.parse(text); // a wrong key can pass the padding check by chance; it cannot produce JSON
    return text;
  } catch {
    return null;
  }
}

function encrypt(text: string, encryptionKey: string): { iv: string; data: string } {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', aesKey(encryptionKey), iv);
  return { iv: iv.toString('hex'), data: Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]).toString('hex') };
}

export interface ReencryptionReport {
  /** Records that already read with the new key. */
  current: number;
  /** Records re-encrypted from one of the old keys. */
  reencrypted: number;
  /** Records no key given could read (left untouched). */
  unreadable: number;
}

/**
 * Makes every stored LTI key readable with `toKey`: records that only one of `fromKeys` reads are
 * re-encrypted. Cached access tokens are dropped when anything changed (they are fetched again).
 */
export async function reencryptLtiKeys(db: Db, fromKeys: readonly string[], toKey: string): Promise<ReencryptionReport> {
  const report: ReencryptionReport = { current: 0, reencrypted: 0, unreadable: 0 };
  for (const name of KEY_COLLECTIONS) {
    const collection = db.collection<EncryptedRecord>(name);
    for (const record of await collection.find({}).toArray()) {
      if (decrypt(record, toKey) !== null) {
        report.current += 1;
        continue;
      }
      const text = fromKeys.map((key) => decrypt(record, key)).find((value) => value !== null);
      if (text === undefined || text === null) {
        report.unreadable += 1;
        continue;
      }
      await collection.updateOne({ _id: record._id }, { $set: encrypt(text, toKey) });
      report.reencrypted += 1;
    }
  }
  if (report.reencrypted > 0) await db.collection(ACCESS_TOKENS).deleteMany({});
  return report;
}
