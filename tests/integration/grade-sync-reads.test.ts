/**
 * gradeSyncOf (services/passback.ts) gives the same LMS status as syncStatusOf over every job of
 * the submission, while reading less: no job at all for a draft grade, and the grade's first job
 * by `_id` once it was delivered. Against the real database.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ObjectId, type CommandStartedEvent, type MongoClient } from 'mongodb';
import { closeDb, getDb } from '../../models/db';
import { findJobsOfSubmission, insertJob, updateJob, type PassbackJob } from '../../models/passback-jobs';
import type { StoredGrade, SubmissionSummary } from '../../models/submissions';
import { gradeSyncOf, syncStatusOf } from '../../services/passback';

const commands: { name: string; collection: string; filter: unknown }[] = [];

beforeAll(async () => {
  process.env.MONGODB_URI = inject('mongoUri');
  process.env.INKWELL_DB_NAME = `inkwell_grade_sync_${randomBytes(4).toString('hex')}`;
  await getDb();
  const state = await (globalThis as { [key: symbol]: Promise<{ client: MongoClient }> | undefined })[Symbol.for('inkwell.mongo')]!;
  state.client.on('commandStarted', (event: CommandStartedEvent) => {
    const collection = event.command[event.commandName];
    commands.push({ name: event.commandName, collection: typeof collection === 'string' ? collection : '', filter: event.command.filter });
  });
});

afterAll(async () => {
  await (await getDb()).dropDatabase();
  await closeDb();
});

function submissionWith(grade: Partial<StoredGrade> & { released: boolean }): SubmissionSummary {
  const now = new Date();
  return {
    id: new ObjectId().toHexString(),
    assignmentId: new ObjectId().toHexString(),
    userId: `student-${randomBytes(3).toString('hex')}`,
    wordCount: 10,
    revision: 2,
    submitted: true,
    status: 'graded',
    createdAt: now,
    updatedAt: now,
    grade: {
      gradeId: randomBytes(6).toString('hex'),
      version: 1,
      rubricId: 'r',
      selections: {},
      criterionComments: {},
      overallComment: '',
      total: 10,
      max: 16,
      gradedAt: now,
      gradedBy: 'teacher',
      ...grade,
    },
  };
}

async function addJob(submission: SubmissionSummary, id: string, createdAt: Date, change: Partial<PassbackJob> = {}): Promise<void> {
  await insertJob({
    id,
    submissionId: submission.id,
    assignmentId: submission.assignmentId,
    kind: 'grade',
    gradeId: submission.grade!.gradeId,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: createdAt,
    createdAt,
    updatedAt: createdAt,
    ...change,
  });
}

/** The status, checked against syncStatusOf over every job, and the commands it took. */
async function statusAndReads(submission: SubmissionSummary, now: Date) {
  commands.length = 0;
  const status = await gradeSyncOf(submission, now);
  const reads = commands.filter((c) => c.collection === 'passback_jobs');
  expect(status).toEqual(syncStatusOf(submission, await findJobsOfSubmission(submission.id), now));
  return { status, reads };
}

describe('gradeSyncOf', () => {
  const now = new Date('2026-05-01T12:00:00Z');

  it('reads no job for a draft grade, and none for a submission without a grade', async () => {
    const draft = submissionWith({ released: false });
    await addJob(draft, `${draft.id}:grade:${draft.grade!.gradeId}`, now, { status: 'sent', sentAt: now });
    const { status, reads } = await statusAndReads(draft, now);
    expect(status?.state).toBe('not-released');
    expect(reads).toEqual([]);
    commands.length = 0;
    expect(await gradeSyncOf({ ...draft, grade: undefined }, now)).toBeUndefined();
    expect(commands).toEqual([]);
  });

  it('answers a delivered grade from its first job, read by `_id`', async () => {
    const submission = submissionWith({ released: true });
    const sentAt = new Date('2026-05-01T11:00:00Z');
    await addJob(submission, `${submission.id}:grade:${submission.grade!.gradeId}`, new Date('2026-05-01T10:00:00Z'), { status: 'sent', sentAt });
    const { status, reads } = await statusAndReads(submission, now);
    expect(status).toMatchObject({ state: 'sent', at: sentAt });
    expect(reads).toHaveLength(1);
    expect(reads[0]!.filter).toEqual({ _id: `${submission.id}:grade:${submission.grade!.gradeId}` });
  });

  it('reads every job of the submission while the first is not delivered: queued, failed, then a retry that went through', async () => {
    const submission = submissionWith({ released: true });
    const firstId = `${submission.id}:grade:${submission.grade!.gradeId}`;
    await addJob(submission, firstId, new Date('2026-05-01T10:00:00Z'));
    expect((await statusAndReads(submission, now)).status?.state).toBe('queued');

    await updateJob({ id: firstId, kind: 'grade', assignmentId: submission.assignmentId }, { status: 'failed', attempts: 3, lastError: 'The LMS refused the grade.' });
    expect((await statusAndReads(submission, now)).status).toMatchObject({ state: 'failed', message: 'The LMS refused the grade.' });

    const retrySentAt = new Date('2026-05-01T11:30:00Z');
    await addJob(submission, `${firstId}:retry-abc123`, new Date('2026-05-01T11:00:00Z'), { status: 'sent', sentAt: retrySentAt });
    const { status, reads } = await statusAndReads(submission, now);
    expect(status).toMatchObject({ state: 'sent', at: retrySentAt });
    expect(reads.length).toBeGreaterThan(1);
  });

  it('has no job yet right after release: waiting to be sent', async () => {
    const submission = submissionWith({ released: true });
    expect((await statusAndReads(submission, now)).status?.state).toBe('queued');
  });

  it('ignores a delivered job of an earlier grade of the same submission', async () => {
    const submission = submissionWith({ released: true });
    await addJob({ ...submission, grade: { ...submission.grade!, gradeId: 'earlier' } }, `${submission.id}:grade:earlier`, new Date('2026-05-01T09:00:00Z'), {
      status: 'sent',
      sentAt: new Date('2026-05-01T09:30:00Z'),
    });
    expect((await statusAndReads(submission, now)).status?.state).toBe('queued');
  });
});
