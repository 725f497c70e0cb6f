/**
 * Group commit (models/grouped-inserts.ts) against the real embedded database: what the module
 * sends is read from the driver's command monitoring (`insert` commands and their documents),
 * and what it stored from the collection itself.
 *
 * Inserts started in one tick are the deterministic way to have documents arrive during a write:
 * the first finds nothing being written and goes at once, alone; the rest wait behind it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient, type Collection, type MongoClientOptions } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { groupedInserter, MAX_GROUP } from '../../models/grouped-inserts';
import { startEmbeddedDb } from '../../server/embedded-db';

interface Revision {
  _id: string;
  [field: string]: unknown;
}

const dbName = `inkwell_grouped_inserts_${randomBytes(4).toString('hex')}`;
const clients: MongoClient[] = [];

/**
 * A client of its own whose `insert` commands are logged in order, with what became of each
 * (`insert a:1 b:1`, then `written a:1 b:1` or `failed a:1 b:1`); the test adds its answers.
 */
async function watchedCollection(uri: string, name = `revisions_${randomBytes(4).toString('hex')}`, options: MongoClientOptions = {}) {
  const client = new MongoClient(uri, { monitorCommands: true, ...options });
  clients.push(client);
  await client.connect();
  const log: string[] = [];
  const inserts: string[][] = [];
  const idsOfRequest = new Map<number, string>();
  client.on('commandStarted', (event) => {
    if (event.commandName !== 'insert') return;
    const ids = (event.command.documents as Revision[]).map((doc) => doc._id);
    inserts.push(ids);
    idsOfRequest.set(event.requestId, ids.join(' '));
    log.push(`insert ${ids.join(' ')}`);
  });
  client.on('commandSucceeded', (event) => {
    if (event.commandName === 'insert') log.push(`written ${idsOfRequest.get(event.requestId)}`);
  });
  client.on('commandFailed', (event) => {
    if (event.commandName === 'insert') log.push(`failed ${idsOfRequest.get(event.requestId)}`);
  });
  const collection: Collection<Revision> = client.db(dbName).collection<Revision>(name);
  return {
    collection,
    inserter: groupedInserter(async () => collection),
    /** Every `insert` command sent, as the `_id`s of its documents. */
    inserts,
    log,
    /** Inserts `doc` through the inserter and logs its answer when it comes. */
    insert(inserter: ReturnType<typeof groupedInserter<Revision>>, doc: Revision) {
      return inserter.insert(doc).then(
        (outcome) => {
          log.push(`answered ${doc._id} ${outcome}`);
          return outcome;
        },
        (error: unknown) => {
          log.push(`answered ${doc._id} error`);
          throw error;
        },
      );
    },
    async storedIds() {
      return (await collection.find({}, { projection: { _id: 1 } }).toArray()).map((doc) => doc._id).sort();
    },
  };
}

/** Each answer came after the command that carried its document was written. */
function expectAnsweredAfterWritten(log: string[]): void {
  for (const [index, entry] of log.entries()) {
    const answered = /^answered (\S+) (inserted|duplicate)$/.exec(entry);
    if (!answered) continue;
    const written = log.findIndex((e) => e.startsWith('written ') && e.split(' ').includes(answered[1]!));
    expect(written, `${entry} in ${JSON.stringify(log)}`).toBeGreaterThanOrEqual(0);
    expect(written, `${entry} in ${JSON.stringify(log)}`).toBeLessThan(index);
  }
}

let uri: string;

beforeAll(() => {
  uri = inject('mongoUri');
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

afterAll(async () => {
  const client = await MongoClient.connect(uri);
  await client.db(dbName).dropDatabase();
  await client.close();
});

describe('groupedInserter on the embedded database', () => {
  it('writes a document at once when nothing is being written', async () => {
    const db = await watchedCollection(uri);
    expect(await db.insert(db.inserter, { _id: 'a:1' })).toBe('inserted');
    expect(db.inserts).toEqual([['a:1']]);
    expect(db.log).toEqual(['insert a:1', 'written a:1', 'answered a:1 inserted']);
    expect(await db.storedIds()).toEqual(['a:1']);
  });

  it('writes the documents that arrive during a write together, in one command, and answers each after it', async () => {
    const db = await watchedCollection(uri);
    const all = ['a:1', 'b:1', 'c:1', 'd:1'].map((_id) => db.insert(db.inserter, { _id }));
    expect(await Promise.all(all)).toEqual(['inserted', 'inserted', 'inserted', 'inserted']);
    expect(db.inserts).toEqual([['a:1'], ['b:1', 'c:1', 'd:1']]);
    // The group's command is sent only once the first is written, and nobody is answered early.
    expect(db.log.indexOf('insert b:1 c:1 d:1')).toBeGreaterThan(db.log.indexOf('written a:1'));
    expectAnsweredAfterWritten(db.log);
    expect(await db.storedIds()).toEqual(['a:1', 'b:1', 'c:1', 'd:1']);
  });

  it('keeps conflicts exact per document: a taken _id is refused, the rest of its group is inserted', async () => {
    const db = await watchedCollection(uri);
    await db.collection.insertOne({ _id: 'b:5', text: 'saved earlier' });
    db.inserts.length = 0;
    const first = db.insert(db.inserter, { _id: 'a:1' });
    // Two tabs of one essay claiming the same revision in one group: exactly one wins.
    const group = ['b:5', 'c:2', 'd:3', 'd:3'].map((_id) => db.insert(db.inserter, { _id }));
    expect(await first).toBe('inserted');
    expect(await Promise.all(group)).toEqual(['duplicate', 'inserted', 'inserted', 'duplicate']);
    expect(db.inserts).toEqual([['a:1'], ['b:5', 'c:2', 'd:3', 'd:3']]);
    expectAnsweredAfterWritten(db.log);
    expect(await db.storedIds()).toEqual(['a:1', 'b:5', 'c:2', 'd:3']);
    expect(await db.collection.findOne({ _id: 'b:5' })).toEqual({ _id: 'b:5', text: 'saved earlier' });
  });

  it('fails only the document the database refuses for another reason; the rest of its group is inserted', async () => {
    const db = await watchedCollection(uri);
    const first = db.insert(db.inserter, { _id: 'a:1' });
    // A field name the database refuses (FerretDB and MongoDB alike): a write error that is no conflict.
    const group = [{ _id: 'b:1' }, { _id: 'c:1', $refused: true }, { _id: 'd:1' }].map((doc) => db.insert(db.inserter, doc));
    expect(await first).toBe('inserted');
    const outcomes = await Promise.allSettled(group);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : 'rejected'))).toEqual(['inserted', 'rejected', 'inserted']);
    expect(db.inserts).toEqual([['a:1'], ['b:1', 'c:1', 'd:1']]);
    expect(await db.storedIds()).toEqual(['a:1', 'b:1', 'd:1']);
  });

  it('fails every document of a group whose command is refused as a whole (nothing is answered as saved)', async () => {
    // A collection name the database refuses: the driver reports a MongoBulkWriteError with no
    // write errors, as it does for a lost connection.
    const db = await watchedCollection(uri, `refused_${'x'.repeat(300)}`);
    const all = ['a:1', 'b:1', 'c:1'].map((_id) => db.insert(db.inserter, { _id }));
    const outcomes = await Promise.allSettled(all);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(db.inserts).toEqual([['a:1'], ['b:1', 'c:1']]);
  });

  it(`writes at most ${MAX_GROUP} documents per command`, async () => {
    const db = await watchedCollection(uri);
    const all = Array.from({ length: MAX_GROUP * 2 + 2 }, (_, i) => db.insert(db.inserter, { _id: `s:${i}` }));
    expect(new Set(await Promise.all(all))).toEqual(new Set(['inserted']));
    expect(db.inserts.map((ids) => ids.length)).toEqual([1, MAX_GROUP, MAX_GROUP, 1]);
    expect(db.inserts.flat()).toEqual(Array.from({ length: MAX_GROUP * 2 + 2 }, (_, i) => `s:${i}`));
    expectAnsweredAfterWritten(db.log);
    expect(await db.collection.countDocuments()).toBe(MAX_GROUP * 2 + 2);
  });

  it('fails every waiting document when the database goes away (none is answered as inserted)', async () => {
    // A database of this test's own, so that killing it touches no other test.
    const dataDir = mkdtempSync(join(tmpdir(), 'inkwell-grouped-inserts-'));
    const ownDb = await startEmbeddedDb(dataDir);
    let killed = false;
    try {
      const db = await watchedCollection(ownDb.uri, undefined, { serverSelectionTimeoutMS: 1_000 });
      expect(await db.inserter.insert({ _id: 'before:1' })).toBe('inserted');
      // The crash: the connection the client holds is gone, and so is the server behind it.
      process.kill(ownDb.pid, 'SIGKILL');
      killed = true;
      await ownDb.stop(); // waits for the exit
      const all = ['a:1', 'b:1', 'c:1'].map((_id) => db.insert(db.inserter, { _id }));
      const outcomes = await Promise.allSettled(all);
      expect(outcomes.map((o) => o.status), JSON.stringify(db.log)).toEqual(['rejected', 'rejected', 'rejected']);
      expect(db.log.filter((entry) => entry.startsWith('answered'))).toEqual(['answered a:1 error', 'answered b:1 error', 'answered c:1 error']);
    } finally {
      // stop() once more would wait for an exit that has been: a killed process has no exit code.
      if (!killed) await ownDb.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
