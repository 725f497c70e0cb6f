/**
 * A short log of problems an admin should see: refused launches and grades
 * the LMS did not take. Inserts only; old entries are pruned by age.
 */
import type { Collection } from 'mongodb';
import { getDb } from './db';

export interface Problem {
  at: Date;
  kind: 'launch' | 'passback' | 'registration';
  message: string;
  issuer?: string;
  reference?: string;
}

const KEPT_FOR_MS = 30 * 24 * 3600_000;

async function problems(): Promise<Collection<Problem>> {
  return (await getDb()).collection<Problem>('problems');
}

export async function recordProblem(problem: Problem): Promise<void> {
  await (await problems()).insertOne({ ...problem });
}

export async function listRecentProblems(limit = 50): Promise<Problem[]> {
  const docs = await (await problems()).find({}, { projection: { _id: 0 } }).sort({ at: -1 }).limit(limit).toArray();
  return docs;
}

export async function pruneProblems(now = new Date()): Promise<void> {
  await (await problems()).deleteMany({ at: { $lt: new Date(now.getTime() - KEPT_FOR_MS) } });
}
