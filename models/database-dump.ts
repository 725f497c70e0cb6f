/**
 * Backup and restore of a whole Inkwell database through the driver, the same
 * on the embedded FerretDB and on MongoDB (neither mongodump nor a file copy
 * works on both).
 *
 * The file is gzip of newline-delimited canonical Extended JSON, so ObjectId,
 * Date, Binary and number types come back exactly as they were:
 *
 *   {"kind":"header", format, version, database, createdAt, collections}
 *   {"kind":"collection", name, indexes}     then one line per document:
 *   {"kind":"document", collection, document}
 *   {"kind":"end", counts}                   (a file without it is refused as cut short)
 *
 * Collections are found with listCollections, so whatever Inkwell, ltijs or a
 * later version adds is included without a list to keep up to date.
 *
 * Consistency: FerretDB has no snapshots or transactions, so a backup is read
 * collection by collection. Taken from a stopped Inkwell it is exact. Taken
 * while Inkwell runs, writes that land during the backup may or may not be in
 * it; the cache collections (`CACHES_FIRST`) are read before the ledgers they
 * cache, so in the copy a cache is never ahead of its ledger — the state
 * Inkwell already tolerates and repairs on read (see essay-revisions.ts and
 * grades.ts); the content versions (`COPIED_LAST`) are read after the
 * assignments that name them. Everything acknowledged before the backup began is in it.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { BSON, MongoClient, type Db, type Document, type IndexDescription } from 'mongodb';

const { EJSON } = BSON;

export const BACKUP_FORMAT = 'inkwell-backup';
export const BACKUP_VERSION = 1;

/** Caches whose ledgers must be copied after them (a cache may trail its ledger, never lead it). */
const CACHES_FIRST = ['submissions', 'grades'];

/**
 * Collections copied after everything else: an assignment names a content version only once the
 * version is stored, so copying the versions after the assignments leaves none named and missing.
 */
const COPIED_LAST = ['assignment_contents'];

/** Index options a restore passes on; anything else (engine-specific) is left to the server's defaults. */
const INDEX_OPTIONS = ['unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'collation'] as const;

export interface RecordedIndex {
  name: string;
  key: Document;
  options: Document;
}

export interface BackupSummary {
  database: string;
  /** Documents per collection. */
  counts: Record<string, number>;
}

export interface RestoreSummary extends BackupSummary {
  /** Indexes that could not be recreated (for example a TTL index restored into FerretDB), with the reason. */
  skippedIndexes: string[];
}

export class BackupFileError extends Error {
  override name = 'BackupFileError';
}

export class DatabaseNotEmptyError extends Error {
  override name = 'DatabaseNotEmptyError';
}

/** Opens a client of its own: a backup must not run the app's index creation on the database it copies or fills. */
export async function withDatabase<T>(uri: string, dbName: string, run: (db: Db) => Promise<T>): Promise<T> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000, appName: 'inkwell-backup' });
  await client.connect();
  try {
    return await run(client.db(dbName));
  } finally {
    await client.close();
  }
}

/** Every collection of the database except the server's own, caches first, content versions last. */
export async function listOwnedCollections(db: Db): Promise<string[]> {
  const infos = await db.listCollections({}, { nameOnly: true }).toArray();
  const names = infos
    .filter((info) => (info as { type?: string }).type !== 'view')
    .map((info) => info.name)
    .filter((name) => !name.startsWith('system.'))
    .sort();
  const inOrder = [...CACHES_FIRST, ...COPIED_LAST];
  return [
    ...CACHES_FIRST.filter((name) => names.includes(name)),
    ...names.filter((name) => !inOrder.includes(name)),
    ...COPIED_LAST.filter((name) => names.includes(name)),
  ];
}

async function recordIndexes(db: Db, name: string): Promise<RecordedIndex[]> {
  const indexes = await db.collection(name).listIndexes().toArray();
  return indexes
    .filter((index) => index.name !== '_id_')
    .map((index) => {
      const options: Document = {};
      for (const option of INDEX_OPTIONS) if (index[option] !== undefined) options[option] = index[option];
      return { name: String(index.name), key: index.key as Document, options };
    });
}

const line = (value: Document) => `${EJSON.stringify(value, { relaxed: false })}\n`;

async function* dumpLines(db: Db, collections: string[], counts: Record<string, number>): AsyncGenerator<string> {
  yield line({ kind: 'header', format: BACKUP_FORMAT, version: BACKUP_VERSION, database: db.databaseName, createdAt: new Date(), collections });
  for (const name of collections) {
    yield line({ kind: 'collection', name, indexes: await recordIndexes(db, name) });
    let count = 0;
    for await (const document of db.collection(name).find({}, { batchSize: 500 })) {
      yield line({ kind: 'document', collection: name, document });
      count++;
    }
    counts[name] = count;
  }
  yield line({ kind: 'end', counts });
}

/** Writes the whole database to `file` (gzip, newline-delimited canonical EJSON). */
export async function dumpDatabase(db: Db, file: string): Promise<BackupSummary> {
  const collections = await listOwnedCollections(db);
  const counts: Record<string, number> = {};
  // Written under a temporary name and renamed at the end, so a failed backup never looks like a good one.
  const partial = `${file}.partial`;
  await pipeline(Readable.from(dumpLines(db, collections, counts)), createGzip(), createWriteStream(partial, { mode: 0o600 }));
  await rename(partial, file);
  return { database: db.databaseName, counts };
}

/** Collections of `db` that hold at least one document. */
export async function nonEmptyCollections(db: Db): Promise<string[]> {
  const found: string[] = [];
  for (const name of await listOwnedCollections(db)) {
    if ((await db.collection(name).countDocuments({}, { limit: 1 })) > 0) found.push(name);
  }
  return found;
}

function parseLine(text: string, lineNumber: number): Document {
  try {
    return EJSON.parse(text, { relaxed: false }) as Document;
  } catch {
    throw new BackupFileError(`Line ${lineNumber} of the backup is not valid: the file is damaged or not an Inkwell backup.`);
  }
}

/**
 * Restores a backup into `db`, which must hold no documents (collections that exist but are
 * empty, such as the indexes a started Inkwell creates, are fine).
 */
export async function restoreDatabase(db: Db, file: string): Promise<RestoreSummary> {
  const occupied = await nonEmptyCollections(db);
  if (occupied.length > 0) {
    throw new DatabaseNotEmptyError(
      `The database "${db.databaseName}" is not empty (${occupied.length} collection(s) hold data, e.g. ${occupied.slice(0, 3).join(', ')}): restore only into an empty database — set INKWELL_DB_NAME to a new name, or drop this one first.`,
    );
  }
  const input = createReadStream(file).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity });
  const counts: Record<string, number> = {};
  const skippedIndexes: string[] = [];
  const pendingIndexes = new Map<string, RecordedIndex[]>();
  let batch: { collection: string; documents: Document[] } | null = null;
  let lineNumber = 0;
  let sawHeader = false;
  let sawEnd = false;

  const flush = async () => {
    if (!batch || batch.documents.length === 0) return;
    await db.collection(batch.collection).insertMany(batch.documents, { ordered: true });
    counts[batch.collection] = (counts[batch.collection] ?? 0) + batch.documents.length;
    batch.documents = [];
  };

  try {
    for await (const text of lines) {
      lineNumber++;
      if (!text.trim()) continue;
      const entry = parseLine(text, lineNumber);
      if (!sawHeader) {
        if (entry.kind !== 'header' || entry.format !== BACKUP_FORMAT) throw new BackupFileError('This file is not an Inkwell backup.');
        if (Number(entry.version) !== BACKUP_VERSION) throw new BackupFileError(`This backup has format version ${String(entry.version)}; this Inkwell reads version ${BACKUP_VERSION}.`);
        sawHeader = true;
        continue;
      }
      if (sawEnd) throw new BackupFileError('The backup continues after its end marker: the file is damaged.');
      if (entry.kind === 'collection') {
        await flush();
        const name = String(entry.name);
        batch = { collection: name, documents: [] };
        counts[name] = 0;
        // Created now, so an empty collection is restored too; indexes after its documents are in.
        await db.createCollection(name).catch((error: unknown) => {
          if ((error as { codeName?: string; code?: number }).code !== 48) throw error; // 48: exists already (empty)
        });
        pendingIndexes.set(name, (entry.indexes as RecordedIndex[]) ?? []);
      } else if (entry.kind === 'document') {
        if (!batch || batch.collection !== entry.collection) throw new BackupFileError(`Line ${lineNumber} of the backup is out of place: the file is damaged.`);
        batch.documents.push(entry.document as Document);
        if (batch.documents.length >= 500) await flush();
      } else if (entry.kind === 'end') {
        await flush();
        sawEnd = true;
      } else {
        throw new BackupFileError(`Line ${lineNumber} of the backup is of an unknown kind: the file is damaged or from a newer Inkwell.`);
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'Z_BUF_ERROR' || (error as { code?: string }).code === 'Z_DATA_ERROR') {
      throw new BackupFileError('The backup file is not a complete gzip file: it is damaged or was cut short.');
    }
    throw error;
  }
  if (!sawHeader) throw new BackupFileError('The backup file is empty.');
  if (!sawEnd) throw new BackupFileError('The backup file ends early (no end marker): it was cut short. What it held has been restored; do not use this database.');

  for (const [name, indexes] of pendingIndexes) {
    for (const index of indexes) {
      const description: IndexDescription = { key: index.key, name: index.name, ...index.options };
      try {
        await db.collection(name).createIndexes([description]);
      } catch (error) {
        skippedIndexes.push(`${name}.${index.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return { database: db.databaseName, counts, skippedIndexes };
}
