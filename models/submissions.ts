/**
 * The `submissions` collection: one document per (assignment, student).
 *
 * The essay text itself lives in the `essay_revisions` ledger (see
 * essay-revisions.ts), the grade in `grades`, the LMS deliveries in
 * `passback_jobs`; the submission document keeps who the student is, and a
 * cached copy of the latest revision for lists. Splitting them means no two
 * people ever write the same document, which matters on FerretDB, whose
 * updates are not isolated.
 */
import { createHash } from 'node:crypto';
import { ObjectId, type Collection, type WithId } from 'mongodb';
import type { StudentDates, SubmissionStatus } from '../domain/essay';
import { lifecycleOf } from '../domain/submission-lifecycle';
import {
  claimRevision,
  findLatestRevision,
  findRevisionState,
  deleteRevisions,
  isKnownDraftRevision,
  type EssayRevision,
  type EssayRevisionSummary,
} from './essay-revisions';
import { claimGradeVersion, findGrade, findGradesOfAssignment, findListedGradesOfAssignment, type ListedGrade, type StoredGrade } from './grades';
import { getDb, toObjectId } from './db';
import { flushDraftNotes, noteClassChanged, noteClassChangedLater, noteClassDraftSaved } from './class-changes';

export type { ListedGrade, StoredGrade } from './grades';

/** A submission as lists show it: everything but the essay text. */
export interface SubmissionSummary {
  id: string;
  assignmentId: string;
  userId: string;
  userName?: string;
  userEmail?: string;
  wordCount: number;
  /** Increases with every saved change of the text; clients send the one they started from. */
  revision: number;
  /** Whether that latest revision is a submission (false while a draft, also after a reopen or return). */
  submitted: boolean;
  status: SubmissionStatus;
  createdAt: Date;
  updatedAt: Date;
  submittedAt?: Date;
  /** The revision last submitted, which the essay's history keeps (also after reopening). */
  submittedRevision?: number;
  grade?: StoredGrade;
  /** The student's own due / lock dates from the LMS, where they differ from the assignment's. */
  ownDates?: StudentDates;
}

/** A submission as the class list shows it: no text, and its grade without comments. */
export type ListedSubmission = Omit<SubmissionSummary, 'grade'> & { grade?: ListedGrade };

/** One submission with its essay text (from the revision ledger). */
export interface Submission extends SubmissionSummary {
  text: string;
}

/**
 * `_id` is derived from (assignment, student), so a launch finds the student's
 * submission by `_id`: the only look-up FerretDB's SQLite backend answers from
 * an index (any other filter reads every document of the collection).
 * Submissions stored before this carry a random `_id` and are found by their keys.
 */
interface SubmissionDocument {
  assignmentId: ObjectId;
  userId: string;
  userName?: string;
  userEmail?: string;
  createdAt: Date;
  /**
   * Cache of the latest essay revision's state, for lists; the ledger is authoritative.
   * The text itself is only in the ledger (documents stored before kept a copy here, unused).
   */
  text?: string;
  wordCount: number;
  revision: number;
  submitted: boolean;
  updatedAt: Date;
  submittedAt?: Date;
  /**
   * The student's own dates, written by the student's launches only (Canvas sends each student's
   * own due date, extension included); the assignment's dates stay as the instructor set them.
   */
  ownDates?: StudentDates;
  submittedRevision?: number;
}

async function collection(): Promise<Collection<SubmissionDocument>> {
  return (await getDb()).collection<SubmissionDocument>('submissions');
}

/** The `_id` of a student's submission to an assignment: 96 bits of a hash of the pair. */
export function submissionIdOf(assignmentId: string, userId: string): ObjectId {
  return new ObjectId(createHash('sha256').update(`submission\n${assignmentId}\n${userId}`).digest().subarray(0, 12));
}

// A submission's assignment never changes: remembered (a bounded number) so that a cache write
// can tell the class list of its change (models/class-changes.ts) without reading it first.
const ASSIGNMENTS_REMEMBERED = 10_000;
const assignmentOfSubmission = new Map<string, ObjectId>();

function rememberAssignment(doc: { _id: ObjectId; assignmentId: ObjectId }): void {
  const key = doc._id.toHexString();
  if (assignmentOfSubmission.has(key)) return;
  if (assignmentOfSubmission.size >= ASSIGNMENTS_REMEMBERED) assignmentOfSubmission.delete(assignmentOfSubmission.keys().next().value!);
  assignmentOfSubmission.set(key, doc.assignmentId);
}

async function assignmentIdOf(_id: ObjectId): Promise<ObjectId | null> {
  const known = assignmentOfSubmission.get(_id.toHexString());
  if (known) return known;
  const doc = await (await collection()).findOne({ _id }, { projection: { assignmentId: 1 } });
  if (!doc) return null;
  rememberAssignment(doc);
  return doc.assignmentId;
}

/** Lists never read a text (also not the copy older documents carry). */
const WITHOUT_TEXT = { projection: { text: 0 } } as const;

/** The list's three words for the lifecycle (domain/submission-lifecycle.ts): a grade on older text does not count. */
function statusOf(doc: { revision: number; submitted: boolean }, grade: ListedGrade | null | undefined): SubmissionStatus {
  const { state } = lifecycleOf({
    latestRevision: doc.revision,
    latestSubmitted: doc.submitted,
    returned: false,
    grade: grade ?? undefined,
  });
  if (state === 'graded' || state === 'released') return 'graded';
  return state === 'submitted' ? 'submitted' : 'draft';
}

function toSummary<G extends ListedGrade = StoredGrade>(
  doc: WithId<SubmissionDocument>,
  extra: { grade?: G | null },
): Omit<SubmissionSummary, 'grade'> & { grade?: G } {
  rememberAssignment(doc);
  const submission: Omit<SubmissionSummary, 'grade'> & { grade?: G } = {
    id: doc._id.toHexString(),
    assignmentId: doc.assignmentId.toHexString(),
    userId: doc.userId,
    userName: doc.userName,
    userEmail: doc.userEmail,
    wordCount: doc.wordCount,
    revision: doc.revision,
    submitted: doc.submitted,
    status: statusOf(doc, extra.grade),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    submittedAt: doc.submittedAt,
    submittedRevision: doc.submittedRevision,
  };
  if (doc.ownDates && (doc.ownDates.dueAt || doc.ownDates.cutoffAt)) submission.ownDates = doc.ownDates;
  if (extra.grade) submission.grade = extra.grade;
  return submission;
}

function cacheOf(latest: EssayRevisionSummary) {
  return {
    wordCount: latest.wordCount,
    revision: latest.revision,
    submitted: latest.submitted,
    updatedAt: latest.savedAt,
    ...(latest.submitted ? { submittedAt: latest.savedAt, submittedRevision: latest.revision } : {}),
  };
}

/**
 * Copies a revision's state (not its text) into the submission's cache, and leaves the cache
 * no older than the ledger: the cached latest revision only moves forward.
 *
 * Not `updateOne({ _id, revision: { $lt: n } }, …)`: on FerretDB that is no compare-and-set.
 * An update reads the matching document, applies the change and writes the whole document back
 * by `_id`, with nothing tying the write to the read (FerretDB 1.24: handler/msg_update.go, the
 * SQLite backend's UpdateAll), so two saves can both read revision 4 and land 6, then 5. The
 * guard would also make FerretDB read every submission: it pushes down a filter on `_id` alone.
 *
 * Instead, after writing, the writer looks in the ledger (by `_id`) for the revision after the
 * one it wrote, and if there is one writes the latest and looks again. Say the last write to
 * land wrote revision v while v+1 exists. If v+1 was claimed before that writer looked, it saw
 * it and wrote again, so its write was not the last; if v+1 was claimed after, the claimant of
 * the latest revision wrote the cache after that, so again v's write was not the last. So when
 * the saves in flight have answered and their cache writes are done (a busy process's wait in
 * cacheDraft), the cache holds the latest revision: it can trail only
 * while two saves overlap, and then only by revisions that exist. Nothing depends on it being
 * current: readers walk the ledger forward from it (findLatestRevision), and claims are unique
 * inserts, so a trailing cache can never let an old revision number be claimed again.
 */
async function writeCache(_id: ObjectId, written: EssayRevisionSummary, waitForList = true): Promise<CacheWrite> {
  const col = await collection();
  let latest: EssayRevisionSummary = written;
  for (;;) {
    // A deferred draft's write of this revision or an older one has nothing left to do (and would
    // set the cache back until it walked forward again, e.g. to a draft after the submit).
    const key = _id.toHexString();
    const waiting = waitingCacheWrites.get(key);
    const dropped = waiting && waiting.latest.revision <= latest.revision ? waiting : undefined;
    if (dropped) waitingCacheWrites.delete(key);
    if ((await col.updateOne({ _id }, { $set: cacheOf(latest) })).matchedCount === 0) {
      // Erased: what the dropped deferred saves claimed goes too (the caller removes its own).
      if (dropped) await deleteRevisions(_id, dropped.firstClaimed, dropped.latest.revision);
      return 'gone';
    }
    if (!(await findRevisionState(_id, latest.revision + 1))) break;
    const newer = await findLatestRevision(_id, latest.revision);
    if (!newer || newer.revision <= latest.revision) break;
    latest = newer;
  }
  // The list shows the cached state: its change token follows (for a draft, within a few seconds, unwaited).
  const assignmentId = await assignmentIdOf(_id);
  if (!assignmentId) return 'written';
  if (waitForList) await noteClassChanged(assignmentId);
  else noteClassDraftSaved(assignmentId);
  return 'written';
}

/** 'gone' when the submission's document is not there any more (erased, e.g. by a privacy request). */
type CacheWrite = 'written' | 'deferred' | 'gone';

/**
 * Autosave's cache writes, when the database is busy. A write to the submission costs a
 * transaction (an fsync) of its own, which no grouping can share: FerretDB commits each updated
 * document alone. So while one cache write is under way in this process, a save does not wait
 * for its own: it leaves its revision here, replacing an older one of the same essay, and one
 * writer works through them, one at a time, after a pause each. Under a classroom's load the
 * lists then show a draft's word count a few seconds late; when nothing else is being written
 * (every save in a quiet class), the save writes and waits as before.
 *
 * Only the cache waits (and only of drafts: submit and reopen always write it at once); the
 * revision itself is in the ledger before the save is answered. Waiting entries are lost if the
 * process dies, which leaves the cache behind the ledger as a crash between claim and cache write
 * always could: readers walk the ledger forward from it (findSubmissionById refreshes it).
 */
const waitingCacheWrites = new Map<string, { _id: ObjectId; latest: EssayRevisionSummary; firstClaimed: number }>();
let cacheWriterBusy = false;
/** Between two deferred cache writes, so they never take the database from the saves themselves. */
const DEFERRED_CACHE_PAUSE_MS = 20;

async function writeWaitingCaches(): Promise<void> {
  cacheWriterBusy = true;
  try {
    for (const [key, { _id, latest, firstClaimed }] of waitingCacheWrites) {
      waitingCacheWrites.delete(key);
      try {
        // The saves were answered already: what they claimed for an erased essay goes now.
        if ((await writeCache(_id, latest, false)) === 'gone') await deleteRevisions(_id, firstClaimed, latest.revision);
      } catch {
        // The cache is only a copy: the next read of this submission brings it up to date.
      }
      await new Promise((resolve) => setTimeout(resolve, DEFERRED_CACHE_PAUSE_MS));
    }
  } finally {
    cacheWriterBusy = false;
  }
}

/** Writes a draft's revision into the cache now if nothing else is, else leaves it for the writer. */
async function cacheDraft(_id: ObjectId, latest: EssayRevisionSummary): Promise<CacheWrite> {
  if (!cacheWriterBusy) {
    cacheWriterBusy = true;
    try {
      return await writeCache(_id, latest, false);
    } finally {
      cacheWriterBusy = false;
      if (waitingCacheWrites.size > 0) void writeWaitingCaches();
    }
  }
  const key = _id.toHexString();
  const waiting = waitingCacheWrites.get(key);
  // The summary only: a waiting entry must not keep the essay's text in memory.
  const summary = { revision: latest.revision, wordCount: latest.wordCount, savedAt: latest.savedAt, submitted: latest.submitted };
  const firstClaimed = Math.min(waiting?.firstClaimed ?? latest.revision, latest.revision);
  if (!waiting || waiting.latest.revision < latest.revision) waitingCacheWrites.set(key, { _id, latest: summary, firstClaimed });
  else waiting.firstClaimed = firstClaimed;
  return 'deferred';
}

/** Writes every cache write still waiting (graceful shutdown). */
export async function flushCacheWrites(): Promise<void> {
  while (waitingCacheWrites.size > 0 || cacheWriterBusy) {
    if (!cacheWriterBusy) await writeWaitingCaches();
    else await new Promise((resolve) => setTimeout(resolve, DEFERRED_CACHE_PAUSE_MS));
  }
  // And the class tokens those drafts still owe the lists.
  await flushDraftNotes();
}

/** Brings the cached copy up to the latest revision (it can lag after a crash or a lost race). */
async function refreshCache(doc: WithId<SubmissionDocument>, latest: EssayRevision | null): Promise<WithId<SubmissionDocument>> {
  if (!latest || latest.revision <= doc.revision) return doc;
  await writeCache(doc._id, latest);
  return { ...doc, ...cacheOf(latest) };
}

/** One submission with its essay (from the ledger), grade and LMS outcomes. */
export async function findSubmissionById(id: string): Promise<Submission | null> {
  const _id = toObjectId(id);
  if (!_id) return null;
  const doc = await (await collection()).findOne({ _id }, WITHOUT_TEXT);
  if (!doc) return null;
  rememberAssignment(doc);
  const [latest, grade] = await Promise.all([findLatestRevision(_id, doc.revision), findGrade(_id)]);
  return { ...toSummary(await refreshCache(doc, latest), { grade }), text: latest?.text ?? '' };
}

/** The student's own dates after a launch's change (`null` forgets a date); undefined when none are left. */
function withDatesChange(current: StudentDates | undefined, change: StudentDatesChange | undefined): StudentDates | undefined {
  const next: StudentDates = { ...current };
  for (const field of ['dueAt', 'cutoffAt'] as const) {
    const value = change?.[field];
    if (value === null) delete next[field];
    else if (value) next[field] = value;
  }
  return next.dueAt || next.cutoffAt ? next : undefined;
}

/** Per date: the student's own (a string), none of their own any more (`null`), or unchanged (absent). */
export type StudentDatesChange = { dueAt?: string | null; cutoffAt?: string | null };

/**
 * The student's submission, created empty on first launch; name, email and the student's own
 * dates follow the LMS.
 * Returns only its id (and whether it is new or renamed, which changes the class order):
 * the launch needs nothing else, and the page reads the rest.
 */
export async function upsertSubmissionOnLaunch(input: {
  assignmentId: string;
  userId: string;
  userName?: string;
  userEmail?: string;
  dates?: StudentDatesChange;
}): Promise<{ id: string; orderChanged: boolean }> {
  const assignmentId = new ObjectId(input.assignmentId);
  const col = await collection();
  const _id = submissionIdOf(input.assignmentId, input.userId);
  const key = { assignmentId, userId: input.userId };
  let doc = await col.findOne({ _id }, WITHOUT_TEXT);
  if (!doc) {
    const now = new Date();
    const fresh: SubmissionDocument = {
      ...key,
      userName: input.userName,
      userEmail: input.userEmail,
      createdAt: now,
      wordCount: 0,
      revision: 0,
      submitted: false,
      updatedAt: now,
    };
    const ownDates = withDatesChange(undefined, input.dates);
    if (ownDates) fresh.ownDates = ownDates;
    try {
      await col.insertOne({ _id, ...fresh });
      rememberAssignment({ _id, assignmentId });
      // A new row in the class list; the launch does not wait for the list to learn of it.
      noteClassChangedLater(assignmentId);
      return { id: _id.toHexString(), orderChanged: true };
    } catch (error) {
      // A second tab launched at the same moment and created it, or the student has a submission
      // from before ids were derived (the unique index on the keys refuses a second one).
      if ((error as { code?: number }).code !== 11000) throw error;
      doc = (await col.findOne({ _id }, WITHOUT_TEXT)) ?? (await col.findOne(key, WITHOUT_TEXT));
      if (!doc) throw error;
    }
  }
  rememberAssignment(doc);
  const renamed = Boolean(input.userName && input.userName !== doc.userName);
  const ownDates = withDatesChange(doc.ownDates, input.dates);
  const datesChanged = JSON.stringify(ownDates ?? null) !== JSON.stringify(doc.ownDates ?? null);
  if (renamed || (input.userEmail && input.userEmail !== doc.userEmail) || datesChanged) {
    // Written only when the LMS changed them, to keep writes to this document rare.
    const update = { userName: input.userName ?? doc.userName, userEmail: input.userEmail ?? doc.userEmail };
    await col.updateOne(
      { _id: doc._id },
      ownDates ? { $set: { ...update, ownDates } } : { $set: update, $unset: { ownDates: '' } },
    );
    noteClassChangedLater(doc.assignmentId);
  }
  return { id: doc._id.toHexString(), orderChanged: renamed };
}

export type RevisionClaimOutcome =
  | { ok: true; revision: EssayRevision }
  | { ok: false; reason: 'conflict' | 'closed' | 'missing'; latestRevision: number };

/**
 * Claims `baseRevision + 1` if `baseRevision` is still the latest and the essay is not
 * submitted (or, when reopening, is exactly the submitted revision).
 */
async function claimNext(
  id: string,
  baseRevision: number,
  next: Omit<EssayRevision, 'revision'>,
  reopening = false,
  cache: (_id: ObjectId, written: EssayRevisionSummary) => Promise<CacheWrite> = writeCache,
): Promise<RevisionClaimOutcome> {
  const _id = toObjectId(id);
  if (!_id) return { ok: false, reason: 'missing', latestRevision: 0 };
  const refusal = (latest: EssayRevision | null): RevisionClaimOutcome => ({
    ok: false,
    reason: latest?.submitted ? 'closed' : 'conflict',
    latestRevision: latest?.revision ?? 0,
  });
  // The base revision's state only (not its text); whether it is still the latest is
  // settled by the claim below, which fails if `baseRevision + 1` exists. A revision number is
  // never claimed twice (pruning keeps a marker), so this holds for a base far behind too.
  let base: { submitted: boolean; pruned: boolean } | null;
  if (baseRevision > 0 && !reopening && isKnownDraftRevision(_id, baseRevision)) {
    // Usually the revision this process claimed at the student's last save: known to exist as a
    // draft, which never changes, so not read again. Had it been pruned since, the revision after it
    // exists (pruning keeps the latest ones), and the claim is refused just as the check would have.
    base = { submitted: false, pruned: false };
  } else if (baseRevision > 0) {
    base = await findRevisionState(_id, baseRevision);
  } else {
    // "No text saved yet". Essays pruned before markers were kept may have lost revision 1, so
    // the cached latest revision (which only moves forward) decides as well.
    const cached = await (await collection()).findOne({ _id }, { projection: { revision: 1 } });
    if (!cached) return { ok: false, reason: 'missing', latestRevision: 0 };
    if (cached.revision > 0) return refusal(await findLatestRevision(_id, cached.revision));
    base = { submitted: false, pruned: false };
  }
  // A pruned revision is never the latest (the latest keeps its text).
  if (!base || base.pruned || base.submitted !== reopening) return refusal(await findLatestRevision(_id, baseRevision));
  const revision: EssayRevision = { ...next, revision: baseRevision + 1 };
  if (!(await claimRevision(_id, revision))) return refusal(await findLatestRevision(_id, baseRevision));
  if ((await cache(_id, revision)) === 'gone') {
    // Erased while the student's page was still open (the base was known, not read): nothing of
    // the essay may come back, so the revision just claimed goes too.
    await deleteRevisions(_id, revision.revision, revision.revision);
    return { ok: false, reason: 'missing', latestRevision: 0 };
  }
  return { ok: true, revision };
}

/**
 * Autosave: the next revision of the draft, in at most three operations, each by `_id`: read the
 * base revision's state (not when this process knows it: isKnownDraftRevision), insert the new
 * revision (grouped with other saves' inserts), refresh the submission's cache (deferred while the
 * database is busy: cacheDraft).
 */
export async function saveDraftText(id: string, baseRevision: number, text: string, wordCount: number, at = new Date()): Promise<RevisionClaimOutcome> {
  return claimNext(id, baseRevision, { text, wordCount, savedAt: at, submitted: false }, false, cacheDraft);
}

/** Submits exactly `revision`: one more revision, with the same text, that ends the essay. */
export async function markSubmitted(submission: Submission, at: Date): Promise<RevisionClaimOutcome> {
  return claimNext(submission.id, submission.revision, {
    text: submission.text,
    wordCount: submission.wordCount,
    savedAt: at,
    submitted: true,
  });
}

/** Every submission of an assignment with its grade, without texts: two queries, however large the class. */
export async function listSubmissionsOfAssignment(assignmentId: string): Promise<SubmissionSummary[]> {
  const _id = toObjectId(assignmentId);
  if (!_id) return [];
  const [docs, grades] = await Promise.all([
    (await collection()).find({ assignmentId: _id }, WITHOUT_TEXT).sort({ userName: 1, userId: 1 }).toArray(),
    findGradesOfAssignment(_id),
  ]);
  return docs.map((doc) => toSummary(doc, { grade: grades.get(doc._id.toHexString()) }));
}

/**
 * Every submission of an assignment for the class list: as listSubmissionsOfAssignment, with
 * grades read without their comments (the list, the overview and the CSV show none).
 */
export async function listClassSubmissions(assignmentId: string): Promise<ListedSubmission[]> {
  const _id = toObjectId(assignmentId);
  if (!_id) return [];
  const [docs, grades] = await Promise.all([
    (await collection()).find({ assignmentId: _id }, WITHOUT_TEXT).sort({ userName: 1, userId: 1 }).toArray(),
    findListedGradesOfAssignment(_id),
  ]);
  return docs.map((doc) => toSummary(doc, { grade: grades.get(doc._id.toHexString()) }));
}

/** The latest revision the submission's cache knows of (the ledger may be ahead), by one `_id` look-up. */
export async function findCachedRevision(id: string): Promise<number | null> {
  const _id = toObjectId(id);
  if (!_id) return null;
  return (await (await collection()).findOne({ _id }, { projection: { revision: 1 } }))?.revision ?? null;
}

/** Who has a submission to an assignment (ids and names only), e.g. to put the class in order. */
export async function listSubmissionNames(assignmentId: string): Promise<{ id: string; userId: string; userName?: string }[]> {
  const _id = toObjectId(assignmentId);
  if (!_id) return [];
  const docs = await (await collection()).find({ assignmentId: _id }, { projection: { _id: 1, userName: 1, userId: 1 } }).toArray();
  return docs.map((doc) => ({ id: doc._id.toHexString(), userId: doc.userId, userName: doc.userName }));
}

export type GradeSaveOutcome<S extends SubmissionSummary> =
  | { ok: true; submission: S }
  | { ok: false; current: StoredGrade | null };

/**
 * Stores a new version of a submission's grade, based on `baseVersion` (0 when there was none):
 * refused when another save got there first (see models/grades.ts). Returns the submission
 * with its new grade, without reading it back.
 */
export async function claimGrade<S extends SubmissionSummary>(
  submission: S,
  baseVersion: number,
  grade: Omit<StoredGrade, 'version'>,
): Promise<GradeSaveOutcome<S>> {
  const _id = toObjectId(submission.id);
  const assignmentId = toObjectId(submission.assignmentId);
  if (!_id || !assignmentId) return { ok: false, current: null };
  const outcome = await claimGradeVersion(_id, assignmentId, baseVersion, grade);
  if (!outcome.ok) return outcome;
  return { ok: true, submission: { ...submission, grade: outcome.grade, status: statusOf(submission, outcome.grade) } };
}

/** Whether `revision` is still the essay's latest (no later revision was claimed), by one `_id` look-up. */
export async function isLatestRevision(submissionId: string, revision: number): Promise<boolean> {
  const _id = toObjectId(submissionId);
  if (!_id) return false;
  return (await findRevisionState(_id, revision + 1)) === null;
}

/** Back to draft after a submission (resubmission allowed): one more revision, same text, not submitted. */
export async function reopenSubmission(submission: Submission, at: Date): Promise<RevisionClaimOutcome> {
  return claimNext(
    submission.id,
    submission.revision,
    { text: submission.text, wordCount: submission.wordCount, savedAt: at, submitted: false },
    true,
  );
}
