/**
 * One-time registration links an Inkwell admin hands to an LMS admin. Only a
 * hash of the token is stored. Using a link inserts a claim under a unique
 * `_id`, so a link can be used once even when two requests race; every
 * attempt also inserts one of a few numbered attempt records, so a link that
 * failed that often is spent (no transactions needed: unique inserts decide).
 */
import { createHash } from 'node:crypto';
import type { Collection } from 'mongodb';
import { getDb } from './db';

export interface RegistrationLink {
  createdAt: Date;
  expiresAt: Date;
  note?: string;
  usedAt?: Date;
  usedBy?: string;
}

interface RegistrationLinkDocument extends RegistrationLink {
  _id: string;
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

async function links(): Promise<Collection<RegistrationLinkDocument>> {
  return (await getDb()).collection<RegistrationLinkDocument>('registration_links');
}

export async function insertRegistrationLink(token: string, link: RegistrationLink): Promise<void> {
  await (await links()).insertOne({ _id: hashLinkToken(token), ...link });
}

export async function findRegistrationLink(token: string): Promise<RegistrationLink | null> {
  const doc = await (await links()).findOne({ _id: hashLinkToken(token) });
  if (!doc) return null;
  const { _id, ...link } = doc;
  return link;
}

/** Marks the link used; false when another request used it first. */
export async function claimRegistrationLink(token: string, usedBy: string, at: Date): Promise<boolean> {
  const db = await getDb();
  try {
    await db.collection<{ _id: string; at: Date }>('registration_link_uses').insertOne({ _id: hashLinkToken(token), at });
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return false;
    throw error;
  }
  await (await links()).updateOne({ _id: hashLinkToken(token) }, { $set: { usedAt: at, usedBy } });
  return true;
}

/**
 * Counts one attempt with the link: true while fewer than `max` were made before. Each attempt takes
 * the first free numbered record, so racing attempts never share one.
 */
export async function claimRegistrationAttempt(token: string, max: number, at: Date): Promise<boolean> {
  const uses = (await getDb()).collection<{ _id: string; at: Date }>('registration_link_uses');
  for (let attempt = 1; attempt <= max; attempt++) {
    try {
      await uses.insertOne({ _id: `${hashLinkToken(token)}:attempt:${attempt}`, at });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }
  return false;
}

/** Gives the link back after a registration that failed, so the admin can retry with it. */
export async function releaseRegistrationLink(token: string): Promise<void> {
  const db = await getDb();
  await db.collection<{ _id: string }>('registration_link_uses').deleteOne({ _id: hashLinkToken(token) });
  await (await links()).updateOne({ _id: hashLinkToken(token) }, { $unset: { usedAt: '', usedBy: '' } });
}

export async function listRegistrationLinks(limit = 20): Promise<(RegistrationLink & { id: string })[]> {
  const docs = await (await links()).find({}).sort({ createdAt: -1 }).limit(limit).toArray();
  return docs.map(({ _id, ...link }) => ({ id: _id.slice(0, 8), ...link }));
}
