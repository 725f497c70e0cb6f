import { describe, expect, it } from 'vitest';
import { MongoBulkWriteError, MongoNetworkError, type Collection } from 'mongodb';
import { groupedInserter, MAX_GROUP } from './grouped-inserts';

interface Doc {
  _id: string;
}

/** A collection whose insertMany keeps `_id`s unique (as a unique index would) and records each call. */
function fakeCollection(options: { failWith?: Error } = {}) {
  const stored = new Set<string>();
  const calls: string[][] = [];
  let release: () => void = () => {};
  let held = Promise.resolve();
  const collection = {
    async insertMany(docs: Doc[], opts: { ordered?: boolean }) {
      expect(opts.ordered).toBe(false);
      calls.push(docs.map((d) => d._id));
      await held;
      if (options.failWith) throw options.failWith;
      const writeErrors: { index: number; code: number; errmsg: string }[] = [];
      docs.forEach((doc, index) => {
        if (stored.has(doc._id)) writeErrors.push({ index, code: 11000, errmsg: 'E11000 duplicate key error' });
        else stored.add(doc._id);
      });
      if (writeErrors.length) {
        throw new MongoBulkWriteError({ message: 'write errors', code: 11000, writeErrors } as never, { insertedCount: docs.length - writeErrors.length } as never);
      }
      return { insertedCount: docs.length };
    },
  };
  return {
    collection: async () => collection as unknown as Collection<Doc>,
    calls,
    stored,
    /** Holds the next insertMany until released, so that more documents arrive meanwhile. */
    hold() {
      held = new Promise((r) => (release = r));
    },
    release: () => release(),
  };
}

describe('groupedInserter', () => {
  it('writes a document at once when nothing is being written', async () => {
    const fake = fakeCollection();
    const inserter = groupedInserter(fake.collection);
    expect(await inserter.insert({ _id: 'a:1' })).toBe('inserted');
    expect(fake.calls).toEqual([['a:1']]);
  });

  it('writes the documents that arrive during a write together, in one command, and answers each after it', async () => {
    const fake = fakeCollection();
    const inserter = groupedInserter(fake.collection);
    fake.hold();
    const first = inserter.insert({ _id: 'a:1' });
    const answered: string[] = [];
    const rest = ['b:1', 'c:1', 'd:1'].map((_id) => inserter.insert({ _id }).then((outcome) => answered.push(`${_id} ${outcome}`)));
    await new Promise((r) => setTimeout(r, 10));
    expect(answered).toEqual([]);
    fake.release();
    expect(await first).toBe('inserted');
    await Promise.all(rest);
    expect(fake.calls).toEqual([['a:1'], ['b:1', 'c:1', 'd:1']]);
    expect(answered.sort()).toEqual(['b:1 inserted', 'c:1 inserted', 'd:1 inserted']);
  });

  it('keeps conflicts exact per document: a taken _id is refused, the rest of its group is inserted', async () => {
    const fake = fakeCollection();
    fake.stored.add('b:5');
    const inserter = groupedInserter(fake.collection);
    fake.hold();
    const first = inserter.insert({ _id: 'a:1' });
    // Two tabs of one essay claiming the same revision in one group: exactly one wins.
    const group = [inserter.insert({ _id: 'b:5' }), inserter.insert({ _id: 'c:2' }), inserter.insert({ _id: 'd:3' }), inserter.insert({ _id: 'd:3' })];
    fake.release();
    await first;
    expect(await Promise.all(group)).toEqual(['duplicate', 'inserted', 'inserted', 'duplicate']);
    expect([...fake.stored].sort()).toEqual(['a:1', 'b:5', 'c:2', 'd:3']);
  });

  it.each([
    ['a lost connection', new MongoNetworkError('connection reset')],
    // What the driver throws from insertMany when the connection is lost: the network error
    // wrapped in a MongoBulkWriteError with no write errors and nothing inserted.
    ['a lost connection as insertMany reports it', new MongoBulkWriteError(new MongoNetworkError('connection reset'), { insertedCount: 0 } as never)],
    ['a command refused as a whole', new MongoBulkWriteError({ message: 'database is locked', code: 1, writeErrors: [{ index: 0, code: 1, errmsg: 'database is locked' }] } as never, { insertedCount: 0 } as never)],
  ])('fails every document of a group after %s (nothing is answered as saved)', async (_, failure) => {
    const fake = fakeCollection({ failWith: failure });
    const inserter = groupedInserter(fake.collection);
    fake.hold();
    const first = inserter.insert({ _id: 'a:1' });
    const group = [inserter.insert({ _id: 'b:1' }), inserter.insert({ _id: 'c:1' })];
    fake.release();
    const outcomes = await Promise.allSettled([first, ...group]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
  });

  it(`writes at most ${MAX_GROUP} documents per command`, async () => {
    const fake = fakeCollection();
    const inserter = groupedInserter(fake.collection);
    fake.hold();
    const all = Array.from({ length: MAX_GROUP * 2 + 2 }, (_, i) => inserter.insert({ _id: `s:${i}` }));
    fake.release();
    expect(new Set(await Promise.all(all))).toEqual(new Set(['inserted']));
    expect(fake.calls.map((c) => c.length)).toEqual([1, MAX_GROUP, MAX_GROUP, 1]);
  });
});
