/**
 * Rotation of Inkwell's signing keys. ltijs keeps one RSA key pair per
 * platform registration (its `kid` is on the platform record) and serves every
 * stored public key at /lti/keys. Rotating gives the registration a new pair;
 * the old public key is kept published (as a retired copy) for an overlap
 * window, so a platform that cached the old keyset still verifies anything
 * signed before the rotation. The old private key is dropped at once.
 *
 * This reaches into ltijs 5.9 internals (its key generator and collections),
 * because ltijs offers no rotation of its own.
 */
import { createRequire } from 'node:module';
import type { LtijsProvider } from 'ltijs';
import type { Db } from 'mongodb';

const require = createRequire(import.meta.url);

interface LtijsAuth {
  generatePlatformKeyPair(encryptionKey: string, database: unknown, platformUrl: string, clientId: string): Promise<string>;
}
interface LtijsDatabase {
  Modify(encryptionKey: false, collection: string, query: object, change: object): Promise<true>;
}

/** Mongoose pluralises ltijs's model names. */
const PUBLIC_KEYS = 'publickeys';
const PLATFORM_STATUSES = 'platformstatuses';
const RETIRED_KEYS = 'retired_signing_keys';

export interface RotatedKey {
  platformUrl: string;
  clientId: string;
  oldKid: string;
  newKid: string;
}

interface RetiredKeyDocument {
  _id: string;
  retiredAt: Date;
}

export async function rotatePlatformKey(
  lti: LtijsProvider,
  encryptionKey: string,
  db: Db,
  platformUrl: string,
  clientId: string,
  now = new Date(),
): Promise<RotatedKey> {
  const platform = await lti.getPlatform(platformUrl, clientId);
  if (!platform) throw new Error(`No platform ${platformUrl} / ${clientId}`);
  const oldKid = await platform.platformKid();

  // ltijs replaces a registration's public key in place: keep a copy so the old kid stays published.
  const published = await db.collection(PUBLIC_KEYS).findOne({ kid: oldKid });
  if (published) {
    const { _id, ...encrypted } = published;
    // The plain index fields are renamed (kid is unique); the keyset reads the real kid from the encrypted part.
    await db
      .collection(PUBLIC_KEYS)
      .insertOne({ ...encrypted, kid: `retired:${oldKid}`, platformUrl: `retired:${oldKid}`, clientId: 'retired' });
    await db.collection<RetiredKeyDocument>(RETIRED_KEYS).replaceOne({ _id: oldKid }, { retiredAt: now }, { upsert: true });
  }
  const status = await db.collection(PLATFORM_STATUSES).findOne({ id: oldKid });

  const auth = require('ltijs/dist/Utils/Auth') as LtijsAuth;
  const newKid = await auth.generatePlatformKeyPair(encryptionKey, lti.Database, platformUrl, clientId);
  await (lti.Database as LtijsDatabase).Modify(false, 'platform', { platformUrl, clientId }, { kid: newKid });
  // ltijs keys the active/disabled status by kid: carry it over, or a disabled platform would wake up.
  if (status) {
    await db.collection(PLATFORM_STATUSES).replaceOne({ id: newKid }, { id: newKid, active: status.active }, { upsert: true });
  }
  return { platformUrl, clientId, oldKid, newKid };
}

/** Stops publishing retired public keys once the overlap window has passed. */
export async function unpublishRetiredKeys(db: Db, overlapMs: number, now = new Date()): Promise<number> {
  const expired = await db
    .collection<RetiredKeyDocument>(RETIRED_KEYS)
    .find({ retiredAt: { $lt: new Date(now.getTime() - overlapMs) } })
    .toArray();
  for (const key of expired) {
    await db.collection(PUBLIC_KEYS).deleteMany({ platformUrl: `retired:${key._id}` });
    await db.collection<RetiredKeyDocument>(RETIRED_KEYS).deleteOne({ _id: key._id });
  }
  return expired.length;
}
