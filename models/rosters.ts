/**
 * The `rosters` collection: the last course roster fetched from the LMS for an
 * assignment, so the submissions list does not ask the LMS on every view.
 */
import type { Collection, ObjectId } from 'mongodb';
import { getDb } from './db';
import { noteClassChanged } from './class-changes';

export interface RosterMember {
  userId: string;
  name?: string;
  email?: string;
}

export interface Roster {
  members: RosterMember[];
  fetchedAt: Date;
}

interface RosterDocument extends Roster {
  _id: ObjectId;
}

async function collection(): Promise<Collection<RosterDocument>> {
  return (await getDb()).collection<RosterDocument>('rosters');
}

export async function findRoster(assignmentId: ObjectId): Promise<Roster | null> {
  const doc = await (await collection()).findOne({ _id: assignmentId });
  return doc ? { members: doc.members, fetchedAt: doc.fetchedAt } : null;
}

/** When the stored roster was fetched, without reading its members; null when there is none. */
export async function rosterFetchedAt(assignmentId: ObjectId): Promise<Date | null> {
  const doc = await (await collection()).findOne({ _id: assignmentId }, { projection: { fetchedAt: 1 } });
  return doc?.fetchedAt ?? null;
}

export async function saveRoster(assignmentId: ObjectId, roster: Roster): Promise<void> {
  await (await collection()).replaceOne({ _id: assignmentId }, roster, { upsert: true });
  await noteClassChanged(assignmentId);
}
