/**
 * The `essay_returns` collection: the latest "return for revision" of each
 * submission (`_id` = submission id), written only by instructors. The return
 * itself is a revision in the essay ledger (the submitted text again, as a
 * draft), claimed under its unique `_id` like any save, so it cannot race a
 * student's own save or reopen; this document only adds who returned it, when,
 * and the note for the student.
 */
import type { Collection, ObjectId } from 'mongodb';
import { getDb } from './db';

export interface EssayReturn {
  /** The draft revision the return opened. */
  revision: number;
  /** The submitted revision that was returned. */
  returnedRevision: number;
  note: string;
  returnedAt: Date;
  returnedBy: string;
  returnedByName?: string;
}

interface EssayReturnDocument extends EssayReturn {
  _id: ObjectId;
}

async function collection(): Promise<Collection<EssayReturnDocument>> {
  return (await getDb()).collection<EssayReturnDocument>('essay_returns');
}

export async function saveEssayReturn(submissionId: ObjectId, essayReturn: EssayReturn): Promise<void> {
  await (await collection()).replaceOne({ _id: submissionId }, essayReturn, { upsert: true });
}

export async function findEssayReturn(submissionId: ObjectId): Promise<EssayReturn | null> {
  const doc = await (await collection()).findOne({ _id: submissionId });
  if (!doc) return null;
  const { _id, ...essayReturn } = doc;
  return essayReturn;
}
