/**
 * The `kept_revisions` collection: copies of the essay revisions that must
 * outlive the ledger's pruning of old revisions, `_id` = `<submission>:<revision>`
 * like the ledger's. A revision is copied here before a grade is given on it
 * and when an instructor returns it for revision, so the grading view and the
 * student's feedback can always show the text that was graded, however many
 * revisions follow. Copies are written once and never changed; nothing deletes
 * them while the submission exists.
 */
import type { Collection, ObjectId } from 'mongodb';
import { getDb } from './db';

export interface KeptRevision {
  revision: number;
  text: string;
  wordCount: number;
  /** When the student saved (or submitted) this revision. */
  savedAt: Date;
}

interface KeptRevisionDocument extends KeptRevision {
  _id: string;
  submissionId: ObjectId;
  keptAt: Date;
}

async function collection(): Promise<Collection<KeptRevisionDocument>> {
  return (await getDb()).collection<KeptRevisionDocument>('kept_revisions');
}

const keptId = (submissionId: ObjectId, revision: number) => `${submissionId.toHexString()}:${revision}`;

/** Keeps a copy of a revision; keeping the same revision again changes nothing. */
export async function keepRevision(submissionId: ObjectId, revision: KeptRevision): Promise<void> {
  try {
    await (await collection()).insertOne({
      _id: keptId(submissionId, revision.revision),
      submissionId,
      revision: revision.revision,
      text: revision.text,
      wordCount: revision.wordCount,
      savedAt: revision.savedAt,
      keptAt: new Date(),
    });
  } catch (error) {
    // Already kept: revisions never change, so the copy there is the same.
    if ((error as { code?: number }).code !== 11000) throw error;
  }
}

export async function findKeptRevision(submissionId: ObjectId, revision: number): Promise<KeptRevision | null> {
  const doc = await (await collection()).findOne({ _id: keptId(submissionId, revision) });
  return doc ? { revision: doc.revision, text: doc.text, wordCount: doc.wordCount, savedAt: doc.savedAt } : null;
}
