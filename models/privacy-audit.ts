/**
 * The `privacy_audit` collection: a record of every privacy action (an export,
 * an erasure, a course purge, a retention run) — what kind, by whom, when,
 * and how many documents of which collection. Never the content: a person is
 * named only by a hash of their platform and LMS user id, so the record shows
 * that a request was answered without keeping what was erased. Insert-only.
 */
import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import { getDb } from './db';

export type PrivacyAction = 'export-person' | 'erase-person' | 'purge-course' | 'retention';

export interface PrivacyAuditEntry {
  id: string;
  action: PrivacyAction;
  at: Date;
  /** Who asked: "admin page" or "command line (<os user>)". */
  by: string;
  /** sha256 of `<issuer>\n<userId>` for a person; the course's issuer and context id for a course. */
  subject: { personHash?: string; issuer?: string; contextId?: string };
  /** The admin's note (e.g. the request's reference); optional, written by the admin. */
  reason?: string;
  /** Documents read (export) or deleted, per collection. */
  counts: Record<string, number>;
}

type PrivacyAuditDocument = Omit<PrivacyAuditEntry, 'id'> & { _id: string };

async function collection(): Promise<Collection<PrivacyAuditDocument>> {
  return (await getDb()).collection<PrivacyAuditDocument>('privacy_audit');
}

export async function recordPrivacyAction(entry: Omit<PrivacyAuditEntry, 'id'>): Promise<PrivacyAuditEntry> {
  const id = randomUUID();
  await (await collection()).insertOne({ _id: id, ...entry });
  return { id, ...entry };
}

export async function listPrivacyActions(limit = 20): Promise<PrivacyAuditEntry[]> {
  const docs = await (await collection()).find({}).sort({ at: -1 }).limit(limit).toArray();
  return docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
}
