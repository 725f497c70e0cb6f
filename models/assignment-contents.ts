/**
 * The `assignment_contents` collection: immutable versions of an assignment's content — the
 * unit's texts, guiding questions and fact sheet, and the rubric (about 11 kB for the built-in
 * unit). The assignment document (assignments.ts) keeps only what changes — its settings,
 * the submission rules, and `contentVersion`, the hash of its current content — so the reads
 * of a launch, a save or the grading view stay small.
 *
 * A version is stored under `<assignmentId>:<hash>` and never changed: an edit writes a new
 * version (an unchanged one is written once), then moves the assignment's pointer. Each version
 * belongs to one assignment, so a course purge deletes its versions with it (services/personal-data.ts).
 *
 * Because a hash names exactly one content, each process keeps the versions it has read in a
 * bounded cache keyed by the hash: nothing cached can go stale, whichever process wrote the
 * assignment, and the many assignments started from the same content share one copy in memory.
 */
import { createHash } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { Rubric } from '../domain/rubric';
import type { Unit } from '../domain/unit';
import { getDb } from './db';

/** The unit without its rules: the rules are settings, kept on the assignment document. */
export type UnitContent = Omit<Unit, 'rules'>;

export interface VersionedContent {
  unit: UnitContent;
  rubric: Rubric;
}

interface AssignmentContentDocument extends VersionedContent {
  /** `<assignmentId>:<contentVersion>` */
  _id: string;
  /** The assignment's id as a hex string. */
  assignmentId: string;
  createdAt: Date;
}

async function collection(): Promise<Collection<AssignmentContentDocument>> {
  return (await getDb()).collection<AssignmentContentDocument>('assignment_contents');
}

/** JSON with object keys in sorted order, so equal content has one hash whatever the order it was built in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The version name of a content: a SHA-256 of its canonical JSON, hex. */
export function contentVersionOf(content: VersionedContent): string {
  return createHash('sha256').update(canonicalJson({ unit: content.unit, rubric: content.rubric })).digest('hex');
}

const versionIdOf = (assignmentId: string, version: string) => `${assignmentId}:${version}`;

/** Freezes a cached content all the way down: it is shared by every request of the process. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const entry of Object.values(value as Record<string, unknown>)) deepFreeze(entry);
  }
  return value;
}

/** Bounded by the size of the cached content (its JSON length), least recently used first out. */
const CACHE_BUDGET_CHARS = 4_000_000;

interface CachedContent {
  content: VersionedContent;
  chars: number;
}

const cache = new Map<string, CachedContent>();
let cachedChars = 0;
/** Reads under way, so a class launching at once on a cold process reads a version once. */
const reading = new Map<string, Promise<VersionedContent | null>>();

function remember(version: string, content: VersionedContent): VersionedContent {
  const known = cache.get(version);
  if (known) return known.content;
  const frozen = deepFreeze({ unit: content.unit, rubric: content.rubric });
  const chars = canonicalJson(frozen).length;
  cache.set(version, { content: frozen, chars });
  cachedChars += chars;
  for (const [oldest, entry] of cache) {
    if (cachedChars <= CACHE_BUDGET_CHARS || oldest === version) break;
    cache.delete(oldest);
    cachedChars -= entry.chars;
  }
  return frozen;
}

function recall(version: string): VersionedContent | null {
  const entry = cache.get(version);
  if (!entry) return null;
  // Most recently used goes last.
  cache.delete(version);
  cache.set(version, entry);
  return entry.content;
}

/**
 * Stores a content version of an assignment (once: a version already stored is left as it is)
 * and returns its name, for the assignment's `contentVersion`. Written before the pointer moves,
 * so no assignment ever names a version that is not there yet.
 */
export async function saveContentVersion(assignmentId: string, content: VersionedContent): Promise<string> {
  // A copy: the caller's objects (the built-in unit, an editor's draft) stay theirs.
  const copy = structuredClone({ unit: content.unit, rubric: content.rubric });
  const version = contentVersionOf(copy);
  try {
    await (await collection()).insertOne({ _id: versionIdOf(assignmentId, version), assignmentId, ...copy, createdAt: new Date() });
  } catch (error) {
    // Stored already (the same content saved again, or a concurrent first launch): versions never change.
    if ((error as { code?: number }).code !== 11000) throw error;
  }
  remember(version, copy);
  return version;
}

/** A version of an assignment's content, from this process's cache or by `_id`; null when it is not stored. */
export async function findContentVersion(assignmentId: string, version: string): Promise<VersionedContent | null> {
  const cached = recall(version);
  if (cached) return cached;
  const key = versionIdOf(assignmentId, version);
  let pending = reading.get(key);
  if (!pending) {
    pending = (async () => {
      const doc = await (await collection()).findOne({ _id: key }, { projection: { unit: 1, rubric: 1 } });
      return doc ? remember(version, { unit: doc.unit, rubric: doc.rubric }) : null;
    })().finally(() => reading.delete(key));
    reading.set(key, pending);
  }
  return pending;
}

/** Forgets every cached version (tests that measure reads start cold). */
export function forgetCachedContentVersions(): void {
  cache.clear();
  cachedChars = 0;
}
