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

/** Adds a job; false when that exact job exists already (a retried request). */
export async function insertJob(job: PassbackJob): Promise<boolean> {
  const { id, ...rest } = job;
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

/** Pending jobs whose next attempt is due, oldest first. */
export async function findDueJobs(now: Date, limit: number): Promise<PassbackJob[]> {
  const docs = await (await jobs())
    .find({ status: 'pending', nextAttemptAt: { $lte: now } })
    .sort({ nextAttemptAt: 1 })
    .limit(limit)
    .toArray();
  return docs.map(toJob);
}

/** How many jobs wait, and since when the oldest one does (for metrics and the health answer). */
export async function pendingJobsSummary(): Promise<{ count: number; oldestCreatedAt: Date | null }> {
  const collection = await jobs();
  const [count, oldest] = await Promise.all([
    collection.countDocuments({ status: 'pending' }),
    collection.find({ status: 'pending' }, { projection: { createdAt: 1 } }).sort({ createdAt: 1 }).limit(1).next(),
  ]);
  return { count, oldestCreatedAt: oldest?.createdAt ?? null };
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
