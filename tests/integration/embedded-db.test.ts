/**
 * The embedded database's own fix (tools/ferretdb/id_index.go): FerretDB 1.24
 * looks documents up by `_id` with an expression its unique index does not
 * match, so without help every look-up reads the whole collection.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedDb, type EmbeddedDb } from '../../server/embedded-db';
import { waitFor } from '../support/wait';

const dataDir = mkdtempSync(join(tmpdir(), 'inkwell-id-index-'));
let db: EmbeddedDb | undefined;

afterAll(async () => {
  await db?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function planOfIdLookup(uri: string): Promise<string> {
  const client = await MongoClient.connect(uri);
  try {
    const explained = await client.db('plans').command({ explain: { find: 'essays', filter: { _id: 'essay-7' } } });
    return JSON.stringify(explained.queryPlanner);
  } finally {
    await client.close();
  }
}

describe('the embedded database (FerretDB)', () => {
  it('answers look-ups by `_id` from an index, not by reading every document', async () => {
    db = await startEmbeddedDb(dataDir);
    const client = await MongoClient.connect(db.uri);
    await client.db('plans').collection<{ _id: string; text: string }>('essays').insertMany(
      Array.from({ length: 20 }, (_, n) => ({ _id: `essay-${n}`, text: 'words '.repeat(100) })),
    );
    await client.close();
    // SQLite plans with the schema a connection loaded when it opened; FerretDB's connections
    // predate the index (they still use it when they run a query), so its EXPLAIN is read after
    // a restart, with fresh connections. Without the added index the plan says SCAN.
    await waitFor(async () => {
      await db!.stop();
      db = await startEmbeddedDb(dataDir);
      return /USING INDEX \S*_inkwell_id/.test(await planOfIdLookup(db.uri));
    }, 10_000, 'an index on FerretDB’s `_id` expression');
    expect(await planOfIdLookup(db.uri)).toMatch(/SEARCH \S+ USING INDEX \S*_inkwell_id/);
  });
});
