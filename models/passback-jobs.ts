/**
 * The passback outbox: one job per thing the LMS gradebook must learn (a
 * submission, or one released grade), written before anything is sent and
 * delivered by a worker (services/passback-worker.ts).
 *
 * Safe with several Inkwell processes on one database, FerretDB included
 * (whose updates are not isolated): each attempt is made in a window that a
 * worker claims by inserting `<jobId>:<attempt>:<window>` under a unique
 * `_id`; only the window's owner writes the job's status. A worker that dies
 * loses its window, and the job is picked up in the next one.
 *
 * The worker finds due jobs in `passback_due`, which holds an entry (id and next attempt time)
 * for each pending job only: on the embedded database a filter on anything but `_id` reads every
 * document of the collection, and `passback_jobs` keeps every job ever sent, so polling it each
 * second cost more the longer a school used Inkwell. An entry is written before its job and
 * removed after the job stops being pending; one left behind by a crash (or by an erasure, which
 * deletes jobs) is removed by the worker when it finds no pending job behind it.
 */
import type { Collection } from 'mongodb';
import { getDb } from './db';
import { noteClassChangedLater } from './class-changes';

export type JobKind = 'grade' | 'submission';
export type JobStatus = 'pending' | 'sent' | 'failed' | 'superseded' | 'unavailable';

export interface PassbackJob {
  id: string;
  submissionId: string;
  assignmentId: string;
  kind: JobKind;
  /** For grade jobs: the grade (by its id) this job delivers; a newer grade supersedes it. */
  gradeId?: string;
  status: JobStatus;
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
  updatedAt: Date;
  /** Set by the worker delivering it; "sending" while in the future. */
  leaseUntil?: Date;
  sentAt?: Date;
  /** Plain-language reason of the last failure, for the instructor. */
  lastError?: string;
  httpStatus?: number;
}

type JobDocument = Omit<PassbackJob, 'id'> & { _id: string };

async function jobs(): Promise<Collection<JobDocument>> {
  return (await getDb()).collection<JobDocument>('passback_jobs');
}

function toJob({ _id, ...rest }: JobDocument): PassbackJob {
  return { id: _id, ...rest };
}

/** A pending job's entry in the due list (no person in it: ids and times only). */
interface DueEntry {
  _id: string;
  nextAttemptAt: Date;
  createdAt: Date;
}

async function dueList(): Promise<Collection<DueEntry>> {
  return (await getDb()).collection<DueEntry>('passback_due');
}

async function addDueEntry(job: Pick<PassbackJob, 'id' | 'nextAttemptAt' | 'createdAt'>): Promise<void> {
  try {
    await (await dueList()).insertOne({ _id: job.id, nextAttemptAt: job.nextAttemptAt, createdAt: job.createdAt });
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
  }
}

/** Adds a job; false when that exact job exists already (a retried request). */
export async function insertJob(job: PassbackJob): Promise<boolean> {
  const { id, ...rest } = job;
  // The entry first: a job is never pending without one (a crash in between leaves only an entry, removed later).
  if (job.status === 'pending') await addDueEntry(job);
  try {
    await (await jobs()).insertOne({ _id: id, ...rest });
    noteGradeJobChanged(job);
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return false;
    throw error;
  }
}

/** One job as it stands now, or null. */
export async function findJob(id: string): Promise<PassbackJob | null> {
  const doc = await (await jobs()).findOne({ _id: id });
  return doc ? toJob(doc) : null;
}

/** An entry whose job is not there yet may be a job being inserted right now; after this long it is left over. */
const ORPHAN_ENTRY_AFTER_MS = 60_000;

/**
 * Pending jobs whose next attempt is due, oldest first: read from the due list, then each job by
 * `_id`. Entries whose job is no longer pending are removed, and an entry that is early (a
 * reschedule it has not caught up with) is moved to the job's time.
 */
export async function findDueJobs(now: Date, limit: number): Promise<PassbackJob[]> {
  const due = await dueList();
  const entries = await due.find({ nextAttemptAt: { $lte: now } }).sort({ nextAttemptAt: 1 }).limit(limit).toArray();
  const col = await jobs();
  const ready: PassbackJob[] = [];
  await Promise.all(
    entries.map(async (entry) => {
      const doc = await col.findOne({ _id: entry._id });
      if (!doc) {
        if (now.getTime() - entry.createdAt.getTime() > ORPHAN_ENTRY_AFTER_MS) await due.deleteOne({ _id: entry._id });
      } else if (doc.status !== 'pending') {
        await due.deleteOne({ _id: entry._id });
      } else if (doc.nextAttemptAt > now) {
        await due.updateOne({ _id: entry._id }, { $set: { nextAttemptAt: doc.nextAttemptAt } });
      } else {
        ready.push(toJob(doc));
      }
    }),
  );
  return ready.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
}

/**
 * Writes a due entry for every pending job that has none (jobs queued before the due list
 * existed, or restored from a backup). One read of every job: run once when a worker starts.
 */
export async function restoreDueEntries(): Promise<number> {
  const pending = await (await jobs()).find({ status: 'pending' }, { projection: { nextAttemptAt: 1, createdAt: 1 } }).toArray();
  if (pending.length === 0) return 0;
  const due = await dueList();
  const known = new Set((await due.find({}, { projection: { _id: 1 } }).toArray()).map((entry) => entry._id));
  const missing = pending.filter((job) => !known.has(job._id));
  for (const job of missing) await addDueEntry({ id: job._id, nextAttemptAt: job.nextAttemptAt, createdAt: job.createdAt });
  return missing.length;
}

/** How many jobs wait, and since when the oldest one does (for metrics and the health answer). */
export async function pendingJobsSummary(): Promise<{ count: number; oldestCreatedAt: Date | null }> {
  const entries = await (await dueList()).find({}, { projection: { createdAt: 1 } }).toArray();
  let oldest: Date | null = null;
  for (const entry of entries) if (!oldest || entry.createdAt < oldest) oldest = entry.createdAt;
  return { count: entries.length, oldestCreatedAt: oldest };
}

/** Every job of an assignment (for the submissions list: one query). */
export async function findJobsOfAssignment(assignmentId: string): Promise<PassbackJob[]> {
  const docs = await (await jobs()).find({ assignmentId }).sort({ createdAt: 1 }).toArray();
  return docs.map(toJob);
}

export async function findJobsOfSubmission(submissionId: string): Promise<PassbackJob[]> {
  const docs = await (await jobs()).find({ submissionId }).sort({ createdAt: 1 }).toArray();
  return docs.map(toJob);
}

/** Which job a change is to, and whose class list shows it. */
export type JobRef = Pick<PassbackJob, 'id' | 'kind' | 'assignmentId'>;

/** A grade's job is in the class list (its LMS status); the worker does not wait for the list to learn of it. */
function noteGradeJobChanged(job: JobRef): void {
  if (job.kind === 'grade') noteClassChangedLater(job.assignmentId);
}

/** Only the owner of the job's current slot calls this. */
export async function updateJob(job: JobRef, change: Partial<Omit<PassbackJob, 'id'>>): Promise<void> {
  await (await jobs()).updateOne({ _id: job.id }, { $set: { ...change, updatedAt: new Date() } });
  // After the job: an entry left by a crash here is removed or moved by the next look for due jobs.
  if (change.status && change.status !== 'pending') await (await dueList()).deleteOne({ _id: job.id });
  else if (change.nextAttemptAt) await (await dueList()).updateOne({ _id: job.id }, { $set: { nextAttemptAt: change.nextAttemptAt } });
  noteGradeJobChanged(job);
}

/** Claims the right to deliver `jobId` during `slot`; true for exactly one caller. */
export async function claimJobSlot(jobId: string, slot: string, owner: string, now: Date): Promise<boolean> {
  try {
    await (await getDb())
      .collection<{ _id: string; owner: string; at: Date }>('passback_leases')
      .insertOne({ _id: `${jobId}:${slot}`, owner, at: now });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return false;
    throw error;
  }
}

/**
 * Gives a slot back that its owner claimed but will not use (the process is shutting down), so
 * another worker can claim the same window at once instead of waiting for the next one.
 */
export async function releaseJobSlot(job: JobRef, slot: string, owner: string): Promise<void> {
  await (await getDb()).collection<{ _id: string; owner: string }>('passback_leases').deleteOne({ _id: `${job.id}:${slot}`, owner });
  await (await jobs()).updateOne({ _id: job.id }, { $unset: { leaseUntil: '' } });
  noteGradeJobChanged(job);
}

/** Old slot claims are only history; keep a day of them. */
export async function pruneJobSlots(now: Date): Promise<void> {
  await (await getDb()).collection('passback_leases').deleteMany({ at: { $lt: new Date(now.getTime() - 24 * 3600_000) } });
}
