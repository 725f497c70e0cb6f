/**
 * One MongoClient per process, shared by the custom server and by Next's
 * route handlers (which Next compiles into a separate module graph, so the
 * client lives on globalThis rather than in a module variable).
 *
 * Works against MongoDB and FerretDB alike: no transactions, no TTL indexes,
 * no $lookup; every write is a single-document update.
 */
import { MongoClient, ObjectId, type Db } from 'mongodb';
import { environment } from '../config/environment';

interface DbState {
  client: MongoClient;
  db: Db;
  indexesReady?: Promise<void>;
}

/** The ObjectId an id from a URL or a session names, or null when it is not one (24 hex digits). */
export function toObjectId(id: string): ObjectId | null {
  return /^[a-f0-9]{24}$/i.test(id) ? new ObjectId(id) : null;
}

const GLOBAL_KEY = Symbol.for('inkwell.mongo');
type GlobalWithDb = typeof globalThis & { [GLOBAL_KEY]?: Promise<DbState> };

export function mongoUri(): string {
  const uri = environment.mongoUri();
  if (!uri) {
    throw new Error('MONGODB_URI is not set: start Inkwell with `npm start`, which starts the embedded database.');
  }
  return uri;
}

export function databaseName(): string {
  return environment.databaseName();
}

/**
 * Commands this process sends at once (more wait in the driver). Bounded for the embedded
 * FerretDB: its SQLite backend has 100 connections for all clients and an update holds two,
 * so past about 100 updates at once none can finish (docs/DESIGN.md, "Database connections").
 * With ltijs's 10 (lti/provider.ts), a process uses at most 30.
 */
const DATABASE_CONNECTIONS = 20;

async function connect(): Promise<DbState> {
  const uri = mongoUri();
  const client = new MongoClient(uri, {
    maxPoolSize: DATABASE_CONNECTIONS,
    // A timeout given in MONGODB_URI wins (a test points at a closed port and fails fast).
    ...(/[?&]serverSelectionTimeoutMS=/i.test(uri) ? {} : { serverSelectionTimeoutMS: 5_000 }),
    appName: 'inkwell',
    // Command events feed the database latency metric (services/metrics.ts via server/metrics.ts).
    monitorCommands: true,
  });
  await client.connect();
  const db = client.db(databaseName());
  return { client, db };
}

async function state(): Promise<DbState> {
  const g = globalThis as GlobalWithDb;
  if (!g[GLOBAL_KEY]) {
    g[GLOBAL_KEY] = connect().catch((error: unknown) => {
      // Let the next call try again instead of caching a failed connection forever.
      delete g[GLOBAL_KEY];
      throw error;
    });
  }
  return g[GLOBAL_KEY];
}

export async function getDb(): Promise<Db> {
  const s = await state();
  if (!s.indexesReady) s.indexesReady = ensureIndexes(s.db);
  await s.indexesReady;
  return s.db;
}

/** True when the database answers a ping within a second. */
export async function pingDb(): Promise<boolean> {
  try {
    const s = await Promise.race([
      state(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1_000)),
    ]);
    await s.db.command({ ping: 1 }, { timeoutMS: 1_000 });
    return true;
  } catch {
    return false;
  }
}

/** The process's client, for observers of its events (command latency). */
export async function dbClient(): Promise<MongoClient> {
  return (await state()).client;
}

export async function closeDb(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  const pending = g[GLOBAL_KEY];
  delete g[GLOBAL_KEY];
  if (pending) await (await pending).client.close();
}

/** Indexes for every query on the hot paths; unique ones enforce one row per key. */
export async function ensureIndexes(db: Db): Promise<void> {
  await Promise.all([
    db.collection('assignments').createIndex(
      { platformIssuer: 1, deploymentId: 1, contextId: 1, resourceLinkId: 1 },
      { unique: true, name: 'assignment_per_resource_link' },
    ),
    db.collection('submissions').createIndex(
      { assignmentId: 1, userId: 1 },
      { unique: true, name: 'submission_per_student' },
    ),
    db.collection('submissions').createIndex({ assignmentId: 1, updatedAt: -1 }, { name: 'submissions_by_assignment' }),
    db.collection('essay_revisions').createIndex({ submissionId: 1, revision: -1 }, { name: 'revisions_latest_first' }),
    db.collection('grades').createIndex({ assignmentId: 1 }, { name: 'grades_by_assignment' }),
    db.collection('grade_syncs').createIndex({ assignmentId: 1, kind: 1 }, { name: 'syncs_by_assignment' }),
    db.collection('score_timestamps').createIndex({ submissionId: 1, second: -1 }, { name: 'timestamps_latest_first' }),
    db.collection('assignments').createIndex({ platformIssuer: 1, deploymentId: 1, contextId: 1, createdAt: -1 }, { name: 'assignments_by_course' }),
    db.collection('assignments').createIndex({ sourceAssignmentId: 1, updatedAt: -1 }, { name: 'assignments_by_source' }),
    db.collection('problems').createIndex({ at: -1 }, { name: 'problems_newest_first' }),
    db.collection('passback_jobs').createIndex({ status: 1, nextAttemptAt: 1 }, { name: 'jobs_due' }),
    db.collection('passback_due').createIndex({ nextAttemptAt: 1 }, { name: 'due_first' }),
    db.collection('passback_jobs').createIndex({ assignmentId: 1 }, { name: 'jobs_by_assignment' }),
    db.collection('passback_jobs').createIndex({ submissionId: 1 }, { name: 'jobs_by_submission' }),
  ]);
}
