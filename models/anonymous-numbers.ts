/**
 * The `anonymous_numbers` collection: which number ("Student N") each student of an
 * anonymously graded assignment holds. One document per number, `_id` `<assignment>:<number>`,
 * and a unique index on (assignment, student): a number is claimed by an insert, so two
 * processes numbering the same class at once can neither give one number twice nor one
 * student two numbers (no transactions needed). Numbers are never changed or removed while
 * the assignment exists.
 */
import type { Collection } from 'mongodb';
import { getDb } from './db';

interface AnonymousNumberDocument {
  _id: string;
  assignmentId: string;
  userId: string;
  number: number;
  assignedAt: Date;
}

let indexReady: Promise<unknown> | undefined;

async function collection(): Promise<Collection<AnonymousNumberDocument>> {
  const col = (await getDb()).collection<AnonymousNumberDocument>('anonymous_numbers');
  // Made here rather than in db.ts, beside the one collection that needs it.
  indexReady ??= col
    .createIndex({ assignmentId: 1, userId: 1 }, { unique: true, name: 'anonymous_number_per_student' })
    .catch((error: unknown) => {
      indexReady = undefined;
      throw error;
    });
  await indexReady;
  return col;
}

/** The numbers given so far in one assignment, by user id. */
export async function findAnonymousNumbers(assignmentId: string): Promise<Map<string, number>> {
  const docs = await (await collection())
    .find({ assignmentId }, { projection: { userId: 1, number: 1 } })
    .toArray();
  return new Map(docs.map((doc) => [doc.userId, doc.number]));
}

export type NumberClaim = 'claimed' | 'number-taken' | 'student-numbered';

/** Claims `number` for a student; says which side already existed when it could not. */
export async function claimAnonymousNumber(assignmentId: string, userId: string, number: number): Promise<NumberClaim> {
  const col = await collection();
  try {
    await col.insertOne({ _id: `${assignmentId}:${number}`, assignmentId, userId, number, assignedAt: new Date() });
    return 'claimed';
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
    const holder = await col.findOne({ _id: `${assignmentId}:${number}` });
    return holder && holder.userId !== userId ? 'number-taken' : 'student-numbered';
  }
}
