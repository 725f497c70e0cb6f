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
import { upsertAssignmentOnLaunch } from '../../models/assignments';
import { closeDb, getDb } from '../../models/db';
import { reserveScoreTimestamp } from '../../models/grade-syncs';
import { findSubmissionById, markSubmitted, saveDraftText, toObjectId, upsertSubmissionOnLaunch } from '../../models/submissions';

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
