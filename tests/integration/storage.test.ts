/**
 * Storage rules that must hold on FerretDB and MongoDB alike, without
 * transactions: single-document guards decide every race.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { builtInRubric } from '../../domain/rubric';
import { builtInUnit } from '../../domain/unit';
import { deleteExpiredLtiRecords } from '../../lti/expired-records';
import { unpublishRetiredKeys } from '../../lti/signing-keys';
import { ObjectId, type CommandStartedEvent } from 'mongodb';
import { assignmentIdOf, upsertAssignmentOnLaunch } from '../../models/assignments';
import { closeDb, dbClient, getDb } from '../../models/db';
import { reserveScoreTimestamp } from '../../models/grade-syncs';
import { isPruneDue, pruneRevisions } from '../../models/essay-revisions';
import {
  findSubmissionById,
  flushCacheWrites,
  listSubmissionsOfAssignment,
  markSubmitted,
  saveDraftText,
  submissionIdOf,
  upsertSubmissionOnLaunch,
} from '../../models/submissions';
import { toObjectId } from '../../models/db';

beforeAll(() => {
  process.env.MONGODB_URI = inject('mongoUri');
  process.env.INKWELL_DB_NAME = `inkwell_storage_${randomBytes(4).toString('hex')}`;
});

afterAll(async () => {
  await (await getDb()).dropDatabase();
  await closeDb();
});

const seed = (resourceLinkId: string) => ({
  platformIssuer: 'https://lms.example',
  deploymentId: 'd1',
  contextId: 'c1',
  resourceLinkId,
  clientId: 'client',
  unit: builtInUnit,
  rubric: builtInRubric,
});

describe('assignments', () => {
  it('a class launching at once for the first time ends with one assignment', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => upsertAssignmentOnLaunch(seed('rl-race'), {})));
    expect(new Set(results.map((a) => a.id)).size).toBe(1);
    expect(await (await getDb()).collection('assignments').countDocuments({ resourceLinkId: 'rl-race' })).toBe(1);
  });

  it('a link’s assignment has the `_id` derived from its keys, so launches find it by `_id`', async () => {
    const assignment = await upsertAssignmentOnLaunch(seed('rl-derived'), {});
    expect(assignment.id).toBe(assignmentIdOf(seed('rl-derived')).toHexString());
  });

  it('an assignment stored before ids were derived is still found, updated and not duplicated', async () => {
    const legacyId = new ObjectId();
    const { clientId, ...key } = seed('rl-legacy');
    const now = new Date();
    await (await getDb()).collection('assignments').insertOne({ _id: legacyId, ...key, clientId, rubricVersion: 1, createdAt: now, updatedAt: now });
    const found = await upsertAssignmentOnLaunch(seed('rl-legacy'), { contextTitle: 'History 10' });
    expect(found.id).toBe(legacyId.toHexString());
    expect(found.contextTitle).toBe('History 10');
    expect(await (await getDb()).collection('assignments').countDocuments({ resourceLinkId: 'rl-legacy' })).toBe(1);
  });

  it('writes on a returning launch only when the LMS changed something', async () => {
    const first = await upsertAssignmentOnLaunch(seed('rl-quiet'), { contextTitle: 'History 10' });
    const again = await upsertAssignmentOnLaunch(seed('rl-quiet'), { contextTitle: 'History 10' });
    expect(again.updatedAt).toEqual(first.updatedAt);
    const renamed = await upsertAssignmentOnLaunch(seed('rl-quiet'), { contextTitle: 'History 11' });
    expect(renamed.contextTitle).toBe('History 11');
    expect(renamed.updatedAt.getTime()).toBeGreaterThanOrEqual(first.updatedAt.getTime());
    expect((await (await getDb()).collection('assignments').findOne({ _id: new ObjectId(first.id) }))?.contextTitle).toBe('History 11');
  });

  it('a launch without a line item keeps the one seen before', async () => {
    await upsertAssignmentOnLaunch(seed('rl-li'), { gradebook: { lineItemUrl: 'https://lms.example/li/1', scopes: ['s'] } });
    const again = await upsertAssignmentOnLaunch(seed('rl-li'), { gradebook: { scopes: ['s'] } });
    expect(again.gradebook?.lineItemUrl).toBe('https://lms.example/li/1');
  });
});

describe('drafts', () => {
  it('of two saves based on the same revision, exactly one wins', async () => {
    const assignment = await upsertAssignmentOnLaunch(seed('rl-drafts'), {});
    const submission = await upsertSubmissionOnLaunch({ assignmentId: assignment.id, userId: 'u1' });
    const [a, b] = await Promise.all([
      saveDraftText(submission.id, 0, 'tab A', 2),
      saveDraftText(submission.id, 0, 'tab B', 2),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const loser = a.ok ? b : a;
    expect(loser).toEqual({ ok: false, reason: 'conflict', latestRevision: 1 });
  });

  it('a save racing a submit from another tab cannot change the submitted text', async () => {
    const assignment = await upsertAssignmentOnLaunch(seed('rl-submit-race'), {});
    const submission = await upsertSubmissionOnLaunch({ assignmentId: assignment.id, userId: 'u2' });
    await saveDraftText(submission.id, 0, 'final text', 2);
    const confirmed = (await findSubmissionById(submission.id))!;
    const [submit, save] = await Promise.all([
      markSubmitted(confirmed, new Date()),
      saveDraftText(submission.id, 1, 'a late edit', 3),
    ]);
    expect([submit.ok, save.ok].filter(Boolean)).toHaveLength(1);
    const stored = (await findSubmissionById(submission.id))!;
    if (submit.ok) expect(stored).toMatchObject({ status: 'submitted', text: 'final text' });
    else expect(stored).toMatchObject({ status: 'draft', text: 'a late edit' });
  });

  it('many concurrent saves from many tabs: revisions stay gapless and the stored text is a winner’s', async () => {
    const assignment = await upsertAssignmentOnLaunch(seed('rl-many'), {});
    const submission = await upsertSubmissionOnLaunch({ assignmentId: assignment.id, userId: 'u3' });
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => saveDraftText(submission.id, 0, `tab ${i}`, 2)));
    const winners = outcomes.filter((o) => o.ok);
    expect(winners).toHaveLength(1);
    const winner = winners[0]!;
    const stored = (await findSubmissionById(submission.id))!;
    if (winner.ok) expect(stored).toMatchObject({ revision: 1, text: winner.revision.text });
  });
});

describe('drafts based on a revision this process knows', () => {
  /** The `_id`s of essay_revisions documents read (find) while `run` runs. */
  async function revisionReads(run: () => Promise<unknown>): Promise<string[]> {
    const client = await dbClient();
    const reads: string[] = [];
    const listener = (event: { commandName: string; command: { find?: unknown; filter?: { _id?: unknown } } }) => {
      if (event.commandName === 'find' && event.command.find === 'essay_revisions') reads.push(String(event.command.filter?._id));
    };
    client.on('commandStarted', listener);
    try {
      await run();
    } finally {
      client.off('commandStarted', listener);
    }
    return reads;
  }

  it('do not read the base revision again when this process claimed it', async () => {
    const assignment = await upsertAssignmentOnLaunch(seed('rl-known-base'), {});
    const { id } = await upsertSubmissionOnLaunch({ assignmentId: assignment.id, userId: 'u1' });
    expect((await saveDraftText(id, 0, 'first draft', 2)).ok).toBe(true);
    const reads = await revisionReads(async () => expect((await saveDraftText(id, 1, 'second draft', 2)).ok).toBe(true));
    expect(reads).not.toContain(`${id}:1`);
    // Based on a revision this process did not claim, the base is read as before.
    await (await getDb()).collection('essay_revisions').insertOne({
      _id: `${id}:3` as unknown as ObjectId,
      submissionId: new ObjectId(id),
      revision: 3,
      text: 'saved through another process',
      wordCount: 4,
      savedAt: new Date(),
      submitted: false,
    });
    const unknownBase = await revisionReads(async () => expect((await saveDraftText(id, 3, 'fourth draft', 2)).ok).toBe(true));
    expect(unknownBase).toContain(`${id}:3`);
  });

  it('are refused when another process submitted the essay meanwhile', async () => {
    const assignment = await upsertAssignmentOnLaunch(seed('rl-known-submitted'), {});
    const { id } = await upsertSubmissionOnLaunch({ assignmentId: assignment.id, userId: 'u1' });
    expect((await saveDraftText(id, 0, 'final text', 2)).ok).toBe(true);
    // What a submit through another process writes: the next revision, submitted.
    await (await getDb()).collection('essay_revisions').insertOne({
      _id: `${id}:2` as unknown as ObjectId,
      submissionId: new ObjectId(id),
      revision: 2,
      text: 'final text',
      wordCount: 2,
      savedAt: new Date(),
      submitted: true,
    });
    expect(await saveDraftText(id, 1, 'a late edit', 3)).toEqual({ ok: false, reason: 'closed', latestRevision: 2 });
    expect(await saveDraftText(id, 2, 'an edit after submitting', 4)).toEqual({ ok: false, reason: 'closed', latestRevision: 2 });
    expect(await findSubmissionById(id)).toMatchObject({ revision: 2, status: 'submitted', text: 'final text' });
  });

  it('of an essay erased meanwhile leave no revision behind, also when the cache write waited', async () => {
    const assignment = await upsertAssignmentOnLaunch(seed('rl-known-erased'), {});
    const [erased, erasedToo, other] = await Promise.all(
      ['u1', 'u2', 'u3'].map((userId) => upsertSubmissionOnLaunch({ assignmentId: assignment.id, userId })),
    );
    for (const { id } of [erased!, erasedToo!, other!]) expect((await saveDraftText(id, 0, 'first draft', 2)).ok).toBe(true);
    const db = await getDb();
    const erase = async (id: string) => {
      // As a privacy erasure does: the ledger, then the submission.
      await db.collection('essay_revisions').deleteMany({ submissionId: new ObjectId(id) });
      await db.collection('submissions').deleteOne({ _id: new ObjectId(id) });
    };
    await erase(erased!.id);
    await erase(erasedToo!.id);

    expect(await saveDraftText(erased!.id, 1, 'typed after the erasure', 4)).toEqual({ ok: false, reason: 'missing', latestRevision: 0 });
    expect(await db.collection('essay_revisions').countDocuments({ submissionId: new ObjectId(erased!.id) })).toBe(0);

    // Saved together with another essay's save, whose cache write goes first: this one's waits, so
    // the save may be answered before the submission is found gone; what it claimed goes then.
    await Promise.all([saveDraftText(other!.id, 1, 'second draft', 2), saveDraftText(erasedToo!.id, 1, 'typed after the erasure', 4)]);
    await flushCacheWrites();
    expect(await db.collection('essay_revisions').countDocuments({ submissionId: new ObjectId(erasedToo!.id) })).toBe(0);
    expect(await findSubmissionById(other!.id)).toMatchObject({ revision: 2, text: 'second draft' });
  });
});

describe('submissions', () => {
  it('have the `_id` derived from (assignment, student); a second launch finds the same one', async () => {
    const assignment = await upsertAssignmentOnLaunch(seed('rl-sub-ids'), {});
    const [a, b] = await Promise.all([
      upsertSubmissionOnLaunch({ assignmentId: assignment.id, userId: 'u1' }),
      upsertSubmissionOnLaunch({ assignmentId: assignment.id, userId: 'u1' }),
    ]);
    expect(a.id).toBe(submissionIdOf(assignment.id, 'u1').toHexString());
    expect(b.id).toBe(a.id);
  });

  it('one stored before ids were derived keeps its essay: the launch finds it by its keys', async () => {
    const assignment = await upsertAssignmentOnLaunch(seed('rl-sub-legacy'), {});
    const db = await getDb();
    const legacyId = new ObjectId();
    const savedAt = new Date('2026-11-20T10:00:00Z');
    await db.collection('submissions').insertOne({
      _id: legacyId,
      assignmentId: new ObjectId(assignment.id),
      userId: 'u-old',
      createdAt: savedAt,
      text: 'My essay from before',
      wordCount: 4,
      revision: 1,
      submitted: false,
      updatedAt: savedAt,
    });
    await db.collection('essay_revisions').insertOne({
      _id: `${legacyId.toHexString()}:1` as unknown as ObjectId,
      submissionId: legacyId,
      revision: 1,
      text: 'My essay from before',
      wordCount: 4,
      savedAt,
      submitted: false,
    });
    const launched = await upsertSubmissionOnLaunch({ assignmentId: assignment.id, userId: 'u-old', userName: 'Old Student' });
    expect(launched.id).toBe(legacyId.toHexString());
    expect(await findSubmissionById(launched.id)).toMatchObject({ text: 'My essay from before', revision: 1, userName: 'Old Student' });
    expect(await db.collection('submissions').countDocuments({ userId: 'u-old' })).toBe(1);
  });

  it('lists carry no essay texts', async () => {
    const assignment = await upsertAssignmentOnLaunch(seed('rl-list'), {});
    const { id } = await upsertSubmissionOnLaunch({ assignmentId: assignment.id, userId: 'u1', userName: 'Ada' });
    expect((await saveDraftText(id, 0, 'Four words right here', 4)).ok).toBe(true);
    const [row] = await listSubmissionsOfAssignment(assignment.id);
    expect(row).toMatchObject({ id, wordCount: 4, revision: 1, status: 'draft' });
    expect(row).not.toHaveProperty('text');
  });

  it('keep the text of the last 50 revisions; older ones keep only a marker, so their numbers stay claimed', async () => {
    const assignment = await upsertAssignmentOnLaunch(seed('rl-prune'), {});
    const { id } = await upsertSubmissionOnLaunch({ assignmentId: assignment.id, userId: 'u1' });
    for (let revision = 0; revision < 150; revision++) {
      expect((await saveDraftText(id, revision, `draft ${revision + 1}`, 2)).ok).toBe(true);
      // As the essay service does after each save.
      if (isPruneDue(revision + 1)) await pruneRevisions(new ObjectId(id), revision + 1);
    }
    const documents = await (await getDb()).collection('essay_revisions').find({ submissionId: new ObjectId(id) }).toArray();
    expect(documents).toHaveLength(150);
    const withText = documents.filter((d) => typeof d.text === 'string').map((d) => d.revision as number);
    expect(Math.min(...withText)).toBe(101);
    expect(withText).toHaveLength(50);
    expect(documents.filter((d) => d.pruned === true)).toHaveLength(100);
    expect(await findSubmissionById(id)).toMatchObject({ revision: 150, text: 'draft 150' });
  });

  it('prunes of a class reaching the same revision at once all finish', async () => {
    // FerretDB's SQLite backend keeps one of its 100 connections per statement of an `update`
    // command until the command ends, and takes another for each write: six essays pruning 50
    // revisions each in one command apiece took them all, and every command waited for ever.
    const revisions = (await getDb()).collection('essay_revisions');
    const essays = Array.from({ length: 6 }, () => new ObjectId());
    const savedAt = new Date();
    await revisions.insertMany(
      essays.flatMap((submissionId) =>
        Array.from({ length: 100 }, (_, i) => ({
          _id: `${submissionId.toHexString()}:${i + 1}` as unknown as ObjectId,
          submissionId,
          revision: i + 1,
          text: `draft ${i + 1}`,
          wordCount: 2,
          savedAt,
          submitted: false,
        })),
      ),
    );
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      Promise.all(essays.map((id) => pruneRevisions(id, 100))).then(() => 'finished'),
      new Promise((stuck) => (timer = setTimeout(() => stuck('still waiting after 20 s'), 20_000))),
    ]);
    clearTimeout(timer);
    expect(outcome).toBe('finished');
    expect(await revisions.countDocuments({ submissionId: essays[0], pruned: true })).toBe(50);
  }, 30_000);
});

describe('score timestamps', () => {
  it('strictly increase at one-second precision, even when requested in the same instant', async () => {
    const assignment = await upsertAssignmentOnLaunch(seed('rl-ts'), {});
    const submission = await upsertSubmissionOnLaunch({ assignmentId: assignment.id, userId: 'u1' });
    const now = new Date('2026-11-26T10:00:00.400Z');
    const stamps = [];
    for (let i = 0; i < 3; i++) stamps.push(await reserveScoreTimestamp(toObjectId(submission.id)!, now));
    expect(stamps.map((d) => d.toISOString())).toEqual([
      '2026-11-26T10:00:00.000Z',
      '2026-11-26T10:00:01.000Z',
      '2026-11-26T10:00:02.000Z',
    ]);
  });
});

describe('score timestamps without a search by student', () => {
  it('try the seconds from now upwards, reading no timestamps by student, and stay strictly later than every one taken', async () => {
    const submissionId = new ObjectId();
    const now = new Date('2026-11-26T10:00:00.400Z');
    const reads: string[] = [];
    const client = await dbClient();
    const listen = (event: CommandStartedEvent) => {
      if (event.commandName === 'find' && event.command.find === 'score_timestamps') reads.push(JSON.stringify(event.command.filter));
    };
    client.on('commandStarted', listen);
    try {
      // A burst: eight at once, all in the same instant; then one a moment later, within the run.
      const burst = await Promise.all(Array.from({ length: 8 }, () => reserveScoreTimestamp(submissionId, now)));
      const seconds = burst.map((d) => d.getTime() / 1000).sort((a, b) => a - b);
      expect(new Set(seconds).size).toBe(8);
      expect(seconds[7]! - seconds[0]!).toBe(7);
      const next = await reserveScoreTimestamp(submissionId, new Date(now.getTime() + 2_000));
      expect(next.getTime() / 1000).toBe(seconds[7]! + 1);
      expect(reads).toEqual([]);
    } finally {
      client.off('commandStarted', listen);
    }
  });

  it('read the claims only after a long run of taken seconds, and still come after the last', async () => {
    const submissionId = new ObjectId();
    const start = Math.floor(new Date('2026-11-26T11:00:00Z').getTime() / 1000);
    const taken = Array.from({ length: 30 }, (_, i) => ({ _id: `${submissionId.toHexString()}:${start + i}`, submissionId, second: start + i }));
    await (await getDb()).collection('score_timestamps').insertMany(taken as never[]);
    const reserved = await reserveScoreTimestamp(submissionId, new Date(start * 1000 + 500));
    expect(reserved.getTime() / 1000).toBe(start + 30);
  });
});

describe('retired signing keys', () => {
  it('stay published for the overlap window, then are withdrawn', async () => {
    const db = await getDb();
    const retiredAt = new Date('2026-11-20T00:00:00Z');
    await db.collection('publickeys').insertOne({ kid: 'retired:k1', platformUrl: 'retired:k1', clientId: 'retired', iv: 'x', data: 'y' });
    await db.collection<{ _id: string; retiredAt: Date }>('retired_signing_keys').insertOne({ _id: 'k1', retiredAt });
    const day = 24 * 3600_000;
    expect(await unpublishRetiredKeys(db, 7 * day, new Date(retiredAt.getTime() + 6 * day))).toBe(0);
    expect(await db.collection('publickeys').countDocuments({ platformUrl: 'retired:k1' })).toBe(1);
    expect(await unpublishRetiredKeys(db, 7 * day, new Date(retiredAt.getTime() + 8 * day))).toBe(1);
    expect(await db.collection('publickeys').countDocuments({ platformUrl: 'retired:k1' })).toBe(0);
  });
});

describe('expired LTI records', () => {
  it('are deleted without TTL indexes, and fresh ones are kept', async () => {
    const db = await getDb();
    const now = new Date('2026-11-26T12:00:00Z');
    await db.collection('states').insertMany([
      { state: 'old', createdAt: new Date(now.getTime() - 11 * 60_000) },
      { state: 'fresh', createdAt: new Date(now.getTime() - 60_000) },
    ]);
    await db.collection('nonces').insertOne({ nonce: 'recent', createdAt: new Date(now.getTime() - 5 * 60_000) });
    await deleteExpiredLtiRecords(db, now);
    expect((await db.collection('states').find().toArray()).map((d) => d.state)).toEqual(['fresh']);
    expect(await db.collection('nonces').countDocuments()).toBe(1);
  });
});
