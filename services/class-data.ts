/**
 * What the class list is read from (every submission with its grade, the stored course roster,
 * and, once grades are released, their passback jobs), kept per process for as long as the
 * class's change token (models/class-changes.ts) stays the same. Reading it costs a scan of
 * the submissions and the grades of every assignment on the embedded database, and the roster
 * is a large document; the token is one small look-up by `_id`. Every write the list shows
 * writes a new token after itself, so a change through any process is seen by the next list.
 *
 * The token is read before the data: a change that lands meanwhile writes its token after, so
 * the copy kept under the old token is never used again. A process that dies between a write
 * and its token leaves the other processes' copies behind until the class changes again, or at
 * most CLASS_DATA_FOR_MS. The copies are shared: callers must not change them.
 */
import { classChangeToken } from '../models/class-changes';
import { findJobsOfAssignment, type PassbackJob } from '../models/passback-jobs';
import { findRoster, type Roster } from '../models/rosters';
import { listClassSubmissions, type ListedSubmission } from '../models/submissions';
import { toObjectId } from '../models/db';

export interface ClassData {
  submissions: readonly ListedSubmission[];
  /** The grade jobs' LMS status: read only once a grade of the class is released. */
  jobs: readonly PassbackJob[];
  /** The roster as last fetched from the LMS (null when never fetched). */
  storedRoster: Roster | null;
}

/** A safety net for a process that died between a write and its token; the token decides otherwise. */
const CLASS_DATA_FOR_MS = 5 * 60_000;
const CLASSES_KEPT = 30;

interface Kept {
  token: string | null;
  until: number;
  data: ClassData;
}

// On globalThis: Next's page and route bundles may each load their own copy of this module.
const GLOBAL_KEY = Symbol.for('inkwell.classData');
type GlobalWithClassData = typeof globalThis & { [GLOBAL_KEY]?: Map<string, Kept> };
const kept = ((globalThis as GlobalWithClassData)[GLOBAL_KEY] ??= new Map());

async function readClassData(assignmentId: string, withRoster: boolean): Promise<ClassData> {
  const _id = toObjectId(assignmentId);
  const [submissions, storedRoster] = await Promise.all([
    listClassSubmissions(assignmentId),
    withRoster && _id ? findRoster(_id) : null,
  ]);
  // Only a released grade's LMS status is read from its jobs (syncStatusOf): a class of drafts
  // needs none, and the query reads every job of every assignment on the embedded database.
  const jobs = submissions.some((s) => s.grade?.released) ? await findJobsOfAssignment(assignmentId) : [];
  return { submissions, jobs, storedRoster };
}

/**
 * The class's list data: the copy this process keeps while the class's token is unchanged, else
 * read afresh (and kept).
 * @param token The class's token, read before anything else of the request that depends on it
 *   (pass `classChangeToken(assignmentId)` started early, so the look-up overlaps other reads).
 * @param withRoster Whether the assignment has a roster to read (it has a memberships URL).
 */
export async function classDataOf(
  assignmentId: string,
  token: Promise<string | null>,
  withRoster: boolean,
  now = Date.now(),
): Promise<ClassData> {
  const current = await token;
  const copy = kept.get(assignmentId);
  if (copy && copy.token === current && copy.until > now && (!withRoster || copy.data.storedRoster !== null)) return copy.data;
  const data = await readClassData(assignmentId, withRoster);
  kept.delete(assignmentId);
  // Oldest first out: a Map iterates in insertion order.
  if (kept.size >= CLASSES_KEPT) kept.delete(kept.keys().next().value!);
  kept.set(assignmentId, { token: current, until: now + CLASS_DATA_FOR_MS, data });
  return data;
}

/** When the roster this process keeps for the class was fetched from the LMS; null when it keeps none. */
export function keptRosterFetchedAt(assignmentId: string): Date | null {
  return kept.get(assignmentId)?.data.storedRoster?.fetchedAt ?? null;
}

/** Starts reading the class's token (before the data it guards). */
export function classTokenOf(assignmentId: string): Promise<string | null> {
  return classChangeToken(assignmentId);
}

/** Forgets every kept class (tests). */
export function forgetClassData(): void {
  kept.clear();
}
