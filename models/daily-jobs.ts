/**
 * The `daily_jobs` collection: one document per job and day (`<job>:<YYYY-MM-DD>`,
 * UTC), claimed by a unique insert, so with several Inkwell processes on one
 * database a daily job runs once a day whichever process gets there first
 * (FerretDB's updates are not isolated; an insert under a unique `_id` is the
 * one safe claim). The document then records how the run ended.
 */
import type { Collection } from 'mongodb';
import { getDb } from './db';

interface DailyJobDocument {
  _id: string;
  job: string;
  day: string;
  claimedAt: Date;
  owner: string;
  finishedAt?: Date;
  outcome?: string;
}

async function collection(): Promise<Collection<DailyJobDocument>> {
  return (await getDb()).collection<DailyJobDocument>('daily_jobs');
}

export function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** True for the one caller that claimed `job` for the day of `now`. */
export async function claimDailyJob(job: string, now: Date, owner: string): Promise<boolean> {
  const day = dayOf(now);
  try {
    await (await collection()).insertOne({ _id: `${job}:${day}`, job, day, claimedAt: now, owner });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return false;
    throw error;
  }
}

/** Written only by the claimant, so no one else writes this document. */
export async function finishDailyJob(job: string, now: Date, outcome: string): Promise<void> {
  await (await collection()).updateOne({ _id: `${job}:${dayOf(now)}` }, { $set: { finishedAt: new Date(), outcome } });
}

/** Claims older than `days` days are of no use (a claim only matters on its own day). */
export async function pruneDailyJobs(now: Date, days = 30): Promise<void> {
  await (await collection()).deleteMany({ claimedAt: { $lt: new Date(now.getTime() - days * 86_400_000) } });
}
