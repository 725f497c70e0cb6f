/**
 * The `comment_bank` collection: each instructor's saved comments for one course, one document
 * per entry, `_id` = `<owner>:<n>` (models/numbered-documents.ts) where the owner key is a hash
 * of the platform, deployment, course context and instructor user ids, so the bank is read by
 * `_id` alone and one instructor's bank never mixes with another's or another course's.
 * Each document (a removal's marker too) also names its owner in plain fields, so privacy
 * requests (services/personal-data.ts) find an instructor's or a course's entries by a filter.
 */
import { createHash } from 'node:crypto';
import type { Collection, Document } from 'mongodb';
import { getDb } from './db';
import { insertNumbered, numberedId, readNumbered, type NumberedDocument } from './numbered-documents';

export interface BankOwner {
  platformIssuer: string;
  deploymentId: string;
  contextId: string;
  userId: string;
}

export interface StoredBankEntry {
  id: string;
  text: string;
  criterionId?: string;
  createdAt: Date;
  updatedAt: Date;
}

interface BankEntryDocument extends NumberedDocument, Partial<BankOwner> {
  text?: string;
  criterionId?: string;
  createdAt?: Date;
  updatedAt?: Date;
}

async function collection(): Promise<Collection<BankEntryDocument>> {
  return (await getDb()).collection<BankEntryDocument>('comment_bank');
}

/** The owner key: fixed length, and no id can run into the next (each is length-prefixed). */
export function bankOwnerKey(owner: BankOwner): string {
  const parts = [owner.platformIssuer, owner.deploymentId, owner.contextId, owner.userId];
  return createHash('sha256')
    .update(parts.map((part) => `${part.length}:${part}`).join('|'))
    .digest('hex')
    .slice(0, 32);
}

/** The owner's ids in plain fields, as the privacy requests search for them. */
function ownerFields(owner: BankOwner): BankOwner {
  return { platformIssuer: owner.platformIssuer, deploymentId: owner.deploymentId, contextId: owner.contextId, userId: owner.userId };
}

function toEntry(doc: BankEntryDocument): StoredBankEntry | null {
  if (doc.removed || doc.text === undefined) return null;
  return {
    // The number alone: the owner key is the session's business, not the page's.
    id: doc._id.slice(doc._id.lastIndexOf(':') + 1),
    text: doc.text,
    ...(doc.criterionId ? { criterionId: doc.criterionId } : {}),
    createdAt: doc.createdAt ?? new Date(0),
    updatedAt: doc.updatedAt ?? new Date(0),
  };
}

export async function listBankEntries(owner: BankOwner): Promise<{ entries: StoredBankEntry[]; claimed: number }> {
  const docs = await readNumbered(await collection(), bankOwnerKey(owner));
  return { entries: docs.flatMap((doc) => toEntry(doc) ?? []), claimed: docs.length };
}

export async function insertBankEntry(
  owner: BankOwner,
  entry: { text: string; criterionId?: string; at: Date },
  claimed: number,
): Promise<StoredBankEntry> {
  const doc = await insertNumbered(await collection(), bankOwnerKey(owner), claimed, (_id) => ({
    _id,
    ...ownerFields(owner),
    text: entry.text,
    ...(entry.criterionId ? { criterionId: entry.criterionId } : {}),
    createdAt: entry.at,
    updatedAt: entry.at,
  }));
  return toEntry(doc)!;
}

/** The owner's entry number `id`, unless it is removed or unknown (another owner's number is another `_id`). */
export async function findBankEntry(owner: BankOwner, id: string): Promise<StoredBankEntry | null> {
  if (!/^[1-9][0-9]{0,8}$/.test(id)) return null;
  const doc = await (await collection()).findOne({ _id: numberedId(bankOwnerKey(owner), Number(id)) });
  return doc ? toEntry(doc) : null;
}

export async function updateBankEntry(owner: BankOwner, id: string, change: { text: string; criterionId?: string; at: Date }): Promise<void> {
  const unset = change.criterionId ? {} : { $unset: { criterionId: '' as const } };
  await (await collection()).updateOne(
    { _id: numberedId(bankOwnerKey(owner), Number(id)) },
    { $set: { ...ownerFields(owner), text: change.text, updatedAt: change.at, ...(change.criterionId ? { criterionId: change.criterionId } : {}) }, ...unset },
  );
}

export async function removeBankEntry(owner: BankOwner, id: string, at: Date): Promise<void> {
  const _id = numberedId(bankOwnerKey(owner), Number(id));
  await (await collection()).replaceOne({ _id }, { ...ownerFields(owner), removed: true, updatedAt: at });
}

/**
 * Every document (entries and removal markers) of these owners, found by their keys: entries
 * saved before the owner fields were written have only their `_id` to say whose they are.
 */
export async function findBankDocumentsOf(owners: BankOwner[]): Promise<Document[]> {
  const bank = await collection();
  const found: Document[] = [];
  for (const owner of owners) found.push(...(await readNumbered(bank, bankOwnerKey(owner))));
  return found;
}

/** Deletes entries and markers by their `_id`s (a privacy erasure); returns how many went. */
export async function deleteBankDocuments(ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return (await (await collection()).deleteMany({ _id: { $in: ids } })).deletedCount;
}
