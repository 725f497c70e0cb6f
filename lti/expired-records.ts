/**
 * Deletes ltijs records that have outlived their use. ltijs relies on TTL
 * indexes for this, which FerretDB does not support; a periodic deleteMany
 * works on FerretDB and MongoDB alike.
 */
import type { Db } from 'mongodb';

/** ltijs's collections (mongoose pluralises the model names) and how long each record matters. */
export const LTIJS_RECORD_LIFETIMES_SECONDS: Record<string, number> = {
  states: 600,
  // Kept well beyond the id_token max age, so a replayed token is still recognised by its nonce.
  nonces: 3600,
  accesstokens: 3600,
  idtokens: 24 * 3600,
  contexttokens: 24 * 3600,
};

export async function deleteExpiredLtiRecords(db: Db, now = new Date()): Promise<number> {
  let deleted = 0;
  for (const [name, lifetime] of Object.entries(LTIJS_RECORD_LIFETIMES_SECONDS)) {
    const cutoff = new Date(now.getTime() - lifetime * 1000);
    const result = await db.collection(name).deleteMany({ createdAt: { $lt: cutoff } });
    deleted += result.deletedCount;
  }
  return deleted;
}
