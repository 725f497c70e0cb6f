/**
 * The passback worker's due list (models/passback-jobs.ts): due jobs are found without reading
 * every job ever sent, entries follow their jobs, and entries left behind (a crash, an erasure)
 * or missing (jobs queued before the list existed) are put right. Against the real database.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { CommandStartedEvent, MongoClient } from 'mongodb';
import { closeDb, getDb } from '../../models/db';
import { findDueJobs, insertJob, pendingJobsSummary, restoreDueEntries, updateJob, type PassbackJob } from '../../models/passback-jobs';

const commands: { name: string; collection: string; filter: string }[] = [];

beforeAll(async () => {
  process.env.MONGODB_URI = inject('mongoUri');
  process.env.INKWELL_DB_NAME = `inkwell_passback_due_${randomBytes(4).toString('hex')}`;
  await getDb();
  const state = await (globalThis as { [key: symbol]: Promise<{ client: MongoClient }> | undefined })[Symbol.for('inkwell.mongo')]!;
  state.client.on('commandStarted', (event: CommandStartedEvent) => {
    const collection = event.command[event.commandName];
    const filter = JSON.stringify(Object.keys((event.command.filter as object | undefined) ?? {}));
    commands.push({ name: event.commandName, collection: typeof collection === 'string' ? collection : '', filter });
  });
});

afterAll(async () => {
  await (await getDb()).dropDatabase();
  await closeDb();
});

let counter = 0;
function job(overrides: Partial<PassbackJob> = {}): PassbackJob {
  const now = new Date(Date.now() - 1_000);
  counter++;
  return {
    id: `sub${counter}:submission:1`,
    submissionId: `sub${counter}`,
    assignmentId: 'a1',
    kind: 'submission',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

const ids = (jobs: PassbackJob[]) => jobs.map((j) => j.id).sort();

describe('the passback due list', () => {
  it('finds due jobs without reading the jobs by anything but their id, and follows each job', async () => {
    const [first, second, later] = [job(), job(), job({ nextAttemptAt: new Date(Date.now() + 60_000) })];
    for (const j of [first, second, later]) expect(await insertJob(j)).toBe(true);
    commands.length = 0;
    expect(ids(await findDueJobs(new Date(), 10))).toEqual(ids([first, second]));
    const jobReads = commands.filter((c) => c.collection === 'passback_jobs');
    expect(jobReads.length).toBeGreaterThan(0);
    expect(jobReads.every((c) => c.name === 'find' && c.filter === '["_id"]'), JSON.stringify(jobReads)).toBe(true);

    // Sent: out of the list. Rescheduled: due again only at its new time.
    await updateJob(first, { status: 'sent', sentAt: new Date() });
    await updateJob(second, { attempts: 1, nextAttemptAt: new Date(Date.now() + 30_000) });
    expect(await findDueJobs(new Date(), 10)).toEqual([]);
    expect(ids(await findDueJobs(new Date(Date.now() + 31_000), 10))).toEqual([second.id]);
    expect((await pendingJobsSummary()).count).toBe(2);
  });

  it('removes entries whose job stopped being pending or is gone, and moves an early entry to its job’s time', async () => {
    const db = await getDb();
    const sent = job();
    await insertJob(sent);
    // A crash between the job's update and the entry's removal.
    await db.collection('passback_jobs').updateOne({ _id: sent.id as never }, { $set: { status: 'sent' } });
    const erased = job({ createdAt: new Date(Date.now() - 5 * 60_000) });
    await insertJob(erased);
    await db.collection('passback_jobs').deleteOne({ _id: erased.id as never });
    const rescheduled = job();
    await insertJob(rescheduled);
    const retryAt = new Date(Date.now() + 45_000);
    await db.collection('passback_jobs').updateOne({ _id: rescheduled.id as never }, { $set: { nextAttemptAt: retryAt } });

    expect(await findDueJobs(new Date(), 50)).toEqual([]);
    const due = db.collection<{ _id: string; nextAttemptAt: Date }>('passback_due');
    expect(await due.findOne({ _id: sent.id })).toBeNull();
    expect(await due.findOne({ _id: erased.id })).toBeNull();
    expect((await due.findOne({ _id: rescheduled.id }))?.nextAttemptAt).toEqual(retryAt);
  });

  it('adds the pending jobs that have no entry (queued before the list existed, or restored from a backup)', async () => {
    const db = await getDb();
    const { id: oldId, ...old } = job();
    await db.collection('passback_jobs').insertOne({ _id: oldId as never, ...old });
    expect(ids(await findDueJobs(new Date(), 50))).not.toContain(oldId);
    expect(await restoreDueEntries()).toBe(1);
    expect(await restoreDueEntries()).toBe(0);
    expect(ids(await findDueJobs(new Date(), 50))).toContain(oldId);
  });
});
