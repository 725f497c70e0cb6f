/**
 * The class list's data kept per process (services/class-data.ts) under the class's change token
 * (models/class-changes.ts): kept while nothing the list shows changes, read again after any such
 * write (here through the models, as another process would write), and the token written about
 * once per round trip when many changes arrive at once. Against the real database.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { CommandStartedEvent, MongoClient } from 'mongodb';
import { builtInRubric } from '../../domain/rubric';
import { builtInUnit } from '../../domain/unit';
import { upsertAssignmentOnLaunch } from '../../models/assignments';
import { classChangeToken, DRAFT_TOKEN_EVERY_MS, noteClassChanged, noteClassDraftSaved } from '../../models/class-changes';
import { closeDb, getDb, toObjectId } from '../../models/db';
import { saveRoster } from '../../models/rosters';
import { claimGrade, findSubmissionById, markSubmitted, saveDraftText, upsertSubmissionOnLaunch } from '../../models/submissions';
import { classDataOf, classTokenOf, forgetClassData, keptRosterFetchedAt } from '../../services/class-data';
import { refreshRosterIfStale } from '../../services/roster';
import { findAssignmentById } from '../../models/assignments';

const commands: { name: string; collection: string; id?: unknown }[] = [];

beforeAll(async () => {
  process.env.MONGODB_URI = inject('mongoUri');
  process.env.INKWELL_DB_NAME = `inkwell_class_data_${randomBytes(4).toString('hex')}`;
  await getDb();
  const state = await (globalThis as { [key: symbol]: Promise<{ client: MongoClient }> | undefined })[Symbol.for('inkwell.mongo')]!;
  state.client.on('commandStarted', (event: CommandStartedEvent) => {
    const collection = event.command[event.commandName];
    const id = (event.command.updates as { q?: { _id?: unknown } }[] | undefined)?.[0]?.q?._id;
    commands.push({ name: event.commandName, collection: typeof collection === 'string' ? collection : '', id });
  });
});

afterAll(async () => {
  await (await getDb()).dropDatabase();
  await closeDb();
});

async function newAssignment(link: string): Promise<string> {
  const assignment = await upsertAssignmentOnLaunch(
    { platformIssuer: 'https://lms.example', deploymentId: 'd1', contextId: `c-${link}`, resourceLinkId: link, clientId: 'client', unit: builtInUnit, rubric: builtInRubric },
    {},
  );
  return assignment.id;
}

const read = (assignmentId: string, withRoster = false) => classDataOf(assignmentId, classTokenOf(assignmentId), withRoster);

/** Waits for the token writes that callers do not wait for (a launch, a draft's cache). */
async function tokenSettles(assignmentId: string): Promise<void> {
  await noteClassChanged(assignmentId);
}

describe('the class data kept per process', () => {
  it('is read once while nothing changes, and again after each change the list shows', async () => {
    forgetClassData();
    const assignmentId = await newAssignment('rl-kept');
    const { id } = await upsertSubmissionOnLaunch({ assignmentId, userId: 'u-ada', userName: 'Ada' });
    await tokenSettles(assignmentId);

    const first = await read(assignmentId);
    expect(first.submissions.map((s) => s.userName)).toEqual(['Ada']);
    commands.length = 0;
    const again = await read(assignmentId);
    expect(again).toBe(first);
    expect(commands.map((c) => `${c.name} ${c.collection}`), 'only the token is read').toEqual(['find change_tokens']);

    // A new student (launch: the token follows without the launch waiting).
    await upsertSubmissionOnLaunch({ assignmentId, userId: 'u-ben', userName: 'Ben' });
    await tokenSettles(assignmentId);
    expect((await read(assignmentId)).submissions.map((s) => s.userName).sort()).toEqual(['Ada', 'Ben']);

    // A draft saved (the cache write's token follows), then submitted (waited for).
    expect((await saveDraftText(id, 0, 'An essay by Ada.', 4)).ok).toBe(true);
    await tokenSettles(assignmentId);
    expect((await read(assignmentId)).submissions.find((s) => s.userName === 'Ada')).toMatchObject({ wordCount: 4, status: 'draft' });
    expect((await markSubmitted((await findSubmissionById(id))!, new Date())).ok).toBe(true);
    expect((await read(assignmentId)).submissions.find((s) => s.userName === 'Ada')).toMatchObject({ status: 'submitted' });

    // A grade (waited for).
    const ada = (await findSubmissionById(id))!;
    const graded = await claimGrade(ada, 0, {
      gradeId: 'g-ada',
      gradedRevision: ada.revision,
      released: false,
      rubricId: builtInRubric.id,
      rubricVersion: 1,
      selections: Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, `${c.id}-3`])),
      criterionComments: {},
      overallComment: '',
      total: 12,
      max: 16,
      gradedAt: new Date(),
      gradedBy: 'teacher',
    });
    expect(graded.ok).toBe(true);
    expect((await read(assignmentId)).submissions.find((s) => s.userName === 'Ada')).toMatchObject({ status: 'graded', grade: { total: 12 } });

    // The roster stored after a fetch from the LMS.
    const withRoster = await read(assignmentId, true);
    expect(withRoster.storedRoster).toBeNull();
    await saveRoster(toObjectId(assignmentId)!, { members: [{ userId: 'u-cleo', name: 'Cleo' }], fetchedAt: new Date() });
    expect((await read(assignmentId, true)).storedRoster?.members).toEqual([{ userId: 'u-cleo', name: 'Cleo' }]);
  });

  it('refreshes the roster before the list reads its data, so the next list reads only the token', async () => {
    forgetClassData();
    const assignmentId = await newAssignment('rl-roster');
    const assignment = { ...(await findAssignmentById(assignmentId))!, membershipsUrl: 'https://lms.example/memberships' };
    let fetches = 0;
    const fromLms = async () => {
      fetches++;
      return [{ userId: 'u-dan', name: 'Dan' }];
    };
    // The first list: no roster kept or stored, so it is fetched and stored, then the data read.
    expect(await refreshRosterIfStale(assignment, keptRosterFetchedAt(assignmentId), new Date(), fromLms)).toEqual({ stored: true });
    expect((await read(assignmentId, true)).storedRoster?.members).toEqual([{ userId: 'u-dan', name: 'Dan' }]);
    // The next list: the kept roster is fresh, so nothing but the token is read.
    commands.length = 0;
    expect(await refreshRosterIfStale(assignment, keptRosterFetchedAt(assignmentId), new Date(), fromLms)).toEqual({});
    await read(assignmentId, true);
    expect(commands.map((c) => `${c.name} ${c.collection}`)).toEqual(['find change_tokens']);
    expect(fetches).toBe(1);
    // Five minutes on, the roster is fetched again; an LMS that does not answer leaves a note and the stored roster.
    const later = new Date(Date.now() + 5 * 60_000 + 1_000);
    const refused = await refreshRosterIfStale(assignment, keptRosterFetchedAt(assignmentId), later, () => Promise.reject(new Error('LMS down')));
    expect(refused.note).toMatch(/could not be loaded from the LMS/);
    expect((await read(assignmentId, true)).storedRoster?.members).toEqual([{ userId: 'u-dan', name: 'Dan' }]);
  });

  it('moves the token for drafts at most every few seconds per class, once for all drafts saved meanwhile', async () => {
    const assignmentId = await newAssignment('rl-drafts');
    // Of the given class only: an earlier test's draft may still owe its class a write.
    const tokenWrites = (id = assignmentId) =>
      commands.filter((c) => c.name === 'update' && c.collection === 'change_tokens' && c.id === `class:${id}`).length;
    await noteClassChanged(assignmentId);
    const afterChange = await classChangeToken(assignmentId);
    commands.length = 0;
    for (let i = 0; i < 20; i++) noteClassDraftSaved(assignmentId);
    await new Promise((r) => setTimeout(r, 200));
    expect(tokenWrites(), 'a write started moments ago covers them for now').toBe(0);
    expect(await classChangeToken(assignmentId)).toBe(afterChange);
    await new Promise((r) => setTimeout(r, DRAFT_TOKEN_EVERY_MS));
    expect(tokenWrites(), 'one write once the interval is up').toBe(1);
    expect(await classChangeToken(assignmentId)).not.toBe(afterChange);
    // A write for anything else after the drafts covers them: no second write for the drafts.
    noteClassDraftSaved(assignmentId);
    await noteClassChanged(assignmentId);
    commands.length = 0;
    await new Promise((r) => setTimeout(r, DRAFT_TOKEN_EVERY_MS + 200));
    expect(tokenWrites(), 'the drafts’ write was covered by the later one').toBe(0);
    // A draft in a class whose token has not moved for a while writes it at once.
    const quiet = await newAssignment('rl-quiet');
    commands.length = 0;
    noteClassDraftSaved(quiet);
    await new Promise((r) => setTimeout(r, 200));
    expect(tokenWrites(quiet)).toBe(1);
  });

  it('keeps each class apart: a change to one leaves the other kept', async () => {
    forgetClassData();
    const [one, other] = [await newAssignment('rl-one'), await newAssignment('rl-other')];
    await upsertSubmissionOnLaunch({ assignmentId: one, userId: 'u-1', userName: 'One' });
    await upsertSubmissionOnLaunch({ assignmentId: other, userId: 'u-2', userName: 'Other' });
    await Promise.all([tokenSettles(one), tokenSettles(other)]);
    const kept = await read(other);
    await upsertSubmissionOnLaunch({ assignmentId: one, userId: 'u-3', userName: 'Three' });
    await tokenSettles(one);
    expect(await read(other)).toBe(kept);
    expect((await read(one)).submissions).toHaveLength(2);
  });

  it('writes the token about once per round trip when many changes arrive at once, each a new value', async () => {
    const assignmentId = await newAssignment('rl-burst');
    await noteClassChanged(assignmentId);
    const before = await classChangeToken(assignmentId);
    commands.length = 0;
    await Promise.all(Array.from({ length: 50 }, () => noteClassChanged(assignmentId)));
    const tokenWrites = () => commands.filter((c) => c.name === 'update' && c.collection === 'change_tokens').length;
    expect(tokenWrites(), 'fifty changes noted at once share one write').toBe(1);
    expect(await classChangeToken(assignmentId)).not.toBe(before);

    // A change noted once a write is under way gets a write of its own, after it; later ones share that.
    commands.length = 0;
    const first = noteClassChanged(assignmentId);
    await new Promise((r) => setImmediate(r));
    await Promise.all([first, noteClassChanged(assignmentId), noteClassChanged(assignmentId)]);
    expect(tokenWrites()).toBe(2);
  });
});
