/** Rotating Inkwell's signing keys for every registered platform. */
import { environment } from '../config/environment';

import { rotatePlatformKey, unpublishRetiredKeys, type RotatedKey } from '../lti/signing-keys';
import { getLtiProvider } from '../lti/provider';
import { getDb } from '../models/db';
import { listPlatformSettings } from '../models/platforms';
import { ltijsEncryptionKey } from './config';

/** How long a retired public key stays published: platforms refresh cached keysets well within a week. */
export function keyOverlapMs(): number {
  return environment.keyOverlapHours() * 3600_000;
}

export async function rotateAllKeys(now = new Date()): Promise<RotatedKey[]> {
  const db = await getDb();
  const rotated: RotatedKey[] = [];
  for (const platform of await listPlatformSettings()) {
    rotated.push(await rotatePlatformKey(getLtiProvider(), ltijsEncryptionKey(), db, platform.issuer, platform.clientId, now));
  }
  return rotated;
}

export async function unpublishExpiredKeys(now = new Date()): Promise<number> {
  return unpublishRetiredKeys(await getDb(), keyOverlapMs(), now);
}
