/**
 * Assignment content in immutable versions (models/assignment-contents.ts): the assignment
 * document keeps its settings and a pointer, the content is read by `_id` once per process and
 * then served from memory, an edit makes a new version that every process sees at once, and
 * assignments stored with their content inline keep working. Against the real database.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { BSON, MongoClient, ObjectId, type CommandStartedEvent } from 'mongodb';
import { builtInRubric } from '../../domain/rubric';
import { builtInUnit } from '../../domain/unit';
import { contentVersionOf, forgetCachedContentVersions } from '../../models/assignment-contents';
import {
  assignmentIdOf,
  findAssignmentById,
  saveAssignmentContent,
  setAssignmentDates,
  upsertAssignmentOnLaunch,
} from '../../models/assignments';
import { closeDb, getDb } from '../../models/db';

const commands: { name: string; collection: string; filter: unknown }[] = [];

beforeAll(async () => {
  process.env.MONGODB_URI = inject('mongoUri');
  process.env.INKWELL_DB_NAME = `inkwell_contents_${randomBytes(4).toString('hex')}`;
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

beforeEach(() => {
  commands.length = 0;
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

const keyOf = (resourceLinkId: string) => {
  const { clientId: _clientId, unit: _unit, rubric: _rubric, ...key } = seed(resourceLinkId);
  return key;
};

const rawAssignment = async (id: string) => (await getDb()).collection('assignments').findOne({ _id: new ObjectId(id) });
const versionsOf = async (id: string) => (await getDb()).collection('assignment_contents').find({ assignmentId: id }).toArray();

describe('content versions', () => {
  it('a new link’s assignment keeps its content in a version; its own document holds settings and a pointer', async () => {
    const assignment = await upsertAssignmentOnLaunch(seed('rl-new'), { contextTitle: 'History 10' });
    expect(assignment.unit).toEqual(builtInUnit);
    expect(assignment.rubric).toEqual(builtInRubric);

    const doc = (await rawAssignment(assignment.id))!;
    expect(doc.unit).toBeUndefined();
    expect(doc.rubric).toBeUndefined();
    expect(doc.rules).toEqual(builtInUnit.rules);
    // The document a launch, a save and the grading view read is a small one.
    expect(BSON.calculateObjectSize(doc)).toBeLessThan(1_000);

    const versions = await versionsOf(assignment.id);
    expect(versions.map((v) => v._id)).toEqual([`${assignment.id}:${doc.contentVersion}`]);
    expect(versions[0]!.unit.rules).toBeUndefined();
  });

  it('a process reads a version once: later reads of the assignment are its document by `_id` alone', async () => {
    const { id } = await upsertAssignmentOnLaunch(seed('rl-cache'), {});
    forgetCachedContentVersions();
    commands.length = 0;

    const cold = await Promise.all([findAssignmentById(id), findAssignmentById(id), findAssignmentById(id)]);
    expect(cold.every((a) => a?.unit.title === builtInUnit.title)).toBe(true);
    const contentReads = commands.filter((c) => c.collection === 'assignment_contents');
    // Three concurrent first reads wait for one read of the version.
    expect(contentReads).toHaveLength(1);
    expect(Object.keys(contentReads[0]!.filter as object)).toEqual(['_id']);

    commands.length = 0;
    await findAssignmentById(id);
    expect(commands.map((c) => [c.name, c.collection, Object.keys((c.filter ?? {}) as object)])).toEqual([['find', 'assignments', ['_id']]]);
  });

  it('assignments started from the same content share one copy in memory, which no reader can change', async () => {
    const a = (await upsertAssignmentOnLaunch(seed('rl-shared-a'), {}))!;
    const b = (await upsertAssignmentOnLaunch(seed('rl-shared-b'), {}))!;
    const [readA, readB] = [(await findAssignmentById(a.id))!, (await findAssignmentById(b.id))!];
    expect(readA.rubric).toBe(readB.rubric);
    expect(() => {
      (readA.rubric.criteria[0] as { title: string }).title = 'changed';
    }).toThrow(TypeError);
    expect(() => {
      (readA.unit.guidingQuestions as unknown[]).push({});
    }).toThrow(TypeError);
    // The rules are the assignment's own, and a reader's change to them stays in its copy.
    readA.unit.rules.minWords = 1;
    expect((await findAssignmentById(a.id))!.unit.rules.minWords).toBe(builtInUnit.rules.minWords);
  });

  it('an edit makes a new version and keeps the old one; an edit by another process is seen at once', async () => {
    const { id } = await upsertAssignmentOnLaunch(seed('rl-edit'), {});
    const before = (await rawAssignment(id))!.contentVersion as string;
    await saveAssignmentContent(id, {
      unit: { ...builtInUnit, title: 'Revolution, edited', rules: { ...builtInUnit.rules, minWords: 300 } },
      rubric: builtInRubric,
      rubricVersion: 1,
    });
    const edited = (await findAssignmentById(id))!;
    expect(edited.unit.title).toBe('Revolution, edited');
    expect(edited.unit.rules.minWords).toBe(300);
    const after = (await rawAssignment(id))!.contentVersion as string;
    expect(after).not.toBe(before);
    expect((await versionsOf(id)).map((v) => v._id).sort()).toEqual([`${id}:${before}`, `${id}:${after}`].sort());

    // Another process (here: a client of its own) stores a version and moves the pointer.
    const client = await MongoClient.connect(process.env.MONGODB_URI!);
    try {
      const db = client.db(process.env.INKWELL_DB_NAME);
      const { rules: _rules, ...unit } = { ...builtInUnit, title: 'Written elsewhere' };
      const content = { unit, rubric: builtInRubric };
      const version = contentVersionOf(content);
      await db.collection<{ _id: string; [field: string]: unknown }>('assignment_contents').insertOne({ _id: `${id}:${version}`, assignmentId: id, ...content, createdAt: new Date() });
      await db.collection('assignments').updateOne({ _id: new ObjectId(id) }, { $set: { contentVersion: version } });
    } finally {
      await client.close();
    }
    expect((await findAssignmentById(id))!.unit.title).toBe('Written elsewhere');
  });

  it('saving the same content again stores no second version', async () => {
    const { id } = await upsertAssignmentOnLaunch(seed('rl-same'), {});
    await saveAssignmentContent(id, { unit: builtInUnit, rubric: builtInRubric, rubricVersion: 1 });
    expect(await versionsOf(id)).toHaveLength(1);
  });

  it('the LMS’s dates land in the assignment’s rules', async () => {
    const { id } = await upsertAssignmentOnLaunch(seed('rl-dates'), {});
    await setAssignmentDates(id, { dueAt: '2026-12-01T09:00:00.000Z' });
    const assignment = (await findAssignmentById(id))!;
    expect(assignment.unit.rules).toEqual({ ...builtInUnit.rules, dueAt: '2026-12-01T09:00:00.000Z' });
    expect(assignment.unit.title).toBe(builtInUnit.title);
  });

  it('a version’s name does not depend on the order its fields were built in', () => {
    const { rules: _rules, ...unit } = builtInUnit;
    const reordered = Object.fromEntries(Object.entries(unit).reverse()) as typeof unit;
    expect(contentVersionOf({ unit: reordered, rubric: builtInRubric })).toBe(contentVersionOf({ unit, rubric: builtInRubric }));
    expect(contentVersionOf({ unit: { ...unit, title: 'Other' }, rubric: builtInRubric })).not.toBe(contentVersionOf({ unit, rubric: builtInRubric }));
  });
});

describe('assignments stored with their content inline', () => {
  async function insertInline(resourceLinkId: string): Promise<string> {
    const _id = assignmentIdOf(keyOf(resourceLinkId));
    const now = new Date();
    const unit = { ...builtInUnit, title: 'Stored inline', rules: { ...builtInUnit.rules, dueAt: '2026-12-24T12:00:00.000Z' } };
    await (await getDb())
      .collection('assignments')
      .insertOne({ _id, ...keyOf(resourceLinkId), clientId: 'client', unit, rubric: builtInRubric, rubricVersion: 2, createdAt: now, updatedAt: now });
    return _id.toHexString();
  }

  it('are moved into a version on their first read, once, with their content and rules unchanged', async () => {
    const id = await insertInline('rl-inline');
    const reads = await Promise.all([findAssignmentById(id), findAssignmentById(id), upsertAssignmentOnLaunch(seed('rl-inline'), {})]);
    for (const assignment of reads) {
      expect(assignment!.unit.title).toBe('Stored inline');
      expect(assignment!.unit.rules.dueAt).toBe('2026-12-24T12:00:00.000Z');
      expect(assignment!.rubric).toEqual(builtInRubric);
      expect(assignment!.rubricVersion).toBe(2);
    }
    const doc = (await rawAssignment(id))!;
    expect(doc.unit).toBeUndefined();
    expect(doc.rubric).toBeUndefined();
    expect(doc.rules.dueAt).toBe('2026-12-24T12:00:00.000Z');
    expect(await versionsOf(id)).toHaveLength(1);
    expect((await findAssignmentById(id))!.unit.title).toBe('Stored inline');
  });

  it('an edit saved before the first read wins over the inline content', async () => {
    const id = await insertInline('rl-inline-edit');
    await saveAssignmentContent(id, { unit: { ...builtInUnit, title: 'Edited' }, rubric: builtInRubric, rubricVersion: 2 });
    const doc = (await rawAssignment(id))!;
    expect(doc.unit).toBeUndefined();
    expect((await findAssignmentById(id))!.unit.title).toBe('Edited');
  });
});
