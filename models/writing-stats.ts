/**
 * The `writing_stats` collection: per submission, the statistics of its saves (revision number,
 * time, words, characters — never text), gathered for the instructor's "How this essay was
 * written" view. `_id` = the submission's `_id`.
 *
 * Saves do not write here: each revision already records its own statistics in the ledger
 * (models/essay-revisions.ts), so autosave pays nothing for them. This document is a digest of
 * the ledger, extended when the view is opened, so a long history is read from the ledger once
 * rather than every time. Revisions never change once claimed, so what is here never goes stale;
 * at worst it trails the ledger, and the reader reads the rest.
 */
import type { Collection, ObjectId } from 'mongodb';
import { getDb } from './db';
import type { RevisionStats } from './essay-revisions';

/** One save, with short keys: a long history stays a small document. */
interface SaveStatsEntry {
  r: number;
  at: Date;
  w: number;
  c?: number;
}

interface WritingStatsDocument {
  _id: ObjectId;
  /** Every revision up to this one has been read from the ledger. */
  throughRevision: number;
  saves: SaveStatsEntry[];
  updatedAt: Date;
}

export interface WritingStatsDigest {
  throughRevision: number;
  saves: RevisionStats[];
}

async function collection(): Promise<Collection<WritingStatsDocument>> {
  return (await getDb()).collection<WritingStatsDocument>('writing_stats');
}

export async function findWritingStats(submissionId: ObjectId): Promise<WritingStatsDigest | null> {
  const doc = await (await collection()).findOne({ _id: submissionId });
  if (!doc) return null;
  return {
    throughRevision: doc.throughRevision,
    saves: doc.saves.map((entry) => ({
      revision: entry.r,
      savedAt: entry.at,
      wordCount: entry.w,
      ...(typeof entry.c === 'number' ? { charCount: entry.c } : {}),
    })),
  };
}

/**
 * Stores the digest. Two instructors opening the view at once may both write; both wrote what
 * the ledger says, so whichever lands is right (a concurrent first upsert that collides on
 * FerretDB, E11000, is simply left to the other writer).
 */
export async function saveWritingStats(submissionId: ObjectId, digest: WritingStatsDigest): Promise<void> {
  const doc: Omit<WritingStatsDocument, '_id'> = {
    throughRevision: digest.throughRevision,
    saves: digest.saves.map((save) => ({
      r: save.revision,
      at: save.savedAt,
      w: save.wordCount,
      ...(save.charCount === undefined ? {} : { c: save.charCount }),
    })),
    updatedAt: new Date(),
  };
  try {
    await (await collection()).replaceOne({ _id: submissionId }, doc, { upsert: true });
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
  }
}
