/**
 * The `essay_revisions` collection: the authoritative history of each essay's
 * text, one document per revision, `_id` = `<submissionId>:<revision>`.
 *
 * Why a ledger instead of a conditional update on the submission: FerretDB
 * applies updates as read-modify-write without isolation, so two tabs saving
 * "if revision is still 4" could both win and one text would be lost. Inserting
 * revision 5 under a unique `_id` is atomic on FerretDB and MongoDB alike:
 * exactly one save (or submit) can claim each revision.
 */
import type { Collection, ObjectId } from 'mongodb';
import { getDb } from './db';

export interface EssayRevision {
  revision: number;
  text: string;
  wordCount: number;
  savedAt: Date;
  /** The revision the student submitted; nothing can follow it. */
  submitted: boolean;
}

interface EssayRevisionDocument extends EssayRevision {
  _id: string;
  submissionId: ObjectId;
}

/** How many old revisions to keep per essay; older ones are pruned now and then. */
const REVISIONS_KEPT = 50;

async function collection(): Promise<Collection<EssayRevisionDocument>> {
  return (await getDb()).collection<EssayRevisionDocument>('essay_revisions');
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}

export async function findLatestRevision(submissionId: ObjectId): Promise<EssayRevision | null> {
  const doc = await (await collection()).find({ submissionId }).sort({ revision: -1 }).limit(1).next();
  if (!doc) return null;
  return { revision: doc.revision, text: doc.text, wordCount: doc.wordCount, savedAt: doc.savedAt, submitted: doc.submitted };
}

/** Claims `revision` for this essay; false when another save or submit claimed it first. */
export async function claimRevision(submissionId: ObjectId, revision: EssayRevision): Promise<boolean> {
  const col = await collection();
  try {
    await col.insertOne({ _id: `${submissionId.toHexString()}:${revision.revision}`, submissionId, ...revision });
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
  if (revision.revision % REVISIONS_KEPT === 0) {
    await col.deleteMany({ submissionId, revision: { $lt: revision.revision - REVISIONS_KEPT } });
  }
  return true;
}
