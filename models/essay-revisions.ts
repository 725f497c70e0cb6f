/**
 * The `essay_revisions` collection: the authoritative history of each essay's
 * text, one document per revision, `_id` = `<submissionId>:<revision>`.
 *
 * Why a ledger instead of a conditional update on the submission: FerretDB
 * applies updates as read-modify-write without isolation, so two tabs saving
 * "if revision is still 4" could both win and one text would be lost. Inserting
 * revision 5 under a unique `_id` is atomic on FerretDB and MongoDB alike:
 * exactly one save (or submit) can claim each revision.
 *
 * A revision number is claimed once, ever. Pruning drops the text of old
 * revisions but keeps their small document as a marker, so a save from a tab
 * that is far behind (even one based on "no revision yet") still finds its next
 * number taken and gets a conflict, instead of claiming it a second time. For
 * the same reason the revisions of an essay run without gaps from 1 to the
 * latest, which lets the latest be found by `_id` alone.
 *
 * History kept: the RECENT_REVISIONS_KEPT latest revisions and every submitted
 * revision (graded and returned texts are kept again in kept_revisions).
 */
import type { Collection, ObjectId } from 'mongodb';
import { getDb } from './db';
import { groupedInserter } from './grouped-inserts';

export interface EssayRevision {
  revision: number;
  text: string;
  wordCount: number;
  savedAt: Date;
  /** The revision the student submitted; nothing can follow it. */
  submitted: boolean;
}

/** A revision as the history lists it: everything but the text. */
export type EssayRevisionSummary = Omit<EssayRevision, 'text'>;

interface EssayRevisionDocument extends EssayRevisionSummary {
  _id: string;
  submissionId: ObjectId;
  /** Absent once pruned. */
  text?: string;
  /** Set when pruning dropped the text; the document stays so the number is never claimed again. */
  pruned?: true;
  /**
   * Characters in the text, for the writing-process statistics (services/writing-process.ts).
   * Stored with the revision so recording them costs no write of its own; pruning keeps it.
   * Absent on revisions saved before it was recorded.
   */
  charCount?: number;
}

/** How many of the latest revisions of an essay keep their text, whatever else happens. */
export const RECENT_REVISIONS_KEPT = 50;

async function collection(): Promise<Collection<EssayRevisionDocument>> {
  return (await getDb()).collection<EssayRevisionDocument>('essay_revisions');
}

function toSummary(doc: EssayRevisionDocument): EssayRevisionSummary {
  return { revision: doc.revision, wordCount: doc.wordCount, savedAt: doc.savedAt, submitted: Boolean(doc.submitted) };
}

function toRevision(doc: EssayRevisionDocument): EssayRevision {
  return { ...toSummary(doc), text: doc.text ?? '' };
}

const revisionId = (submissionId: ObjectId, revision: number) => `${submissionId.toHexString()}:${revision}`;

/**
 * Per essay, the latest revision this process saw claimed or read as a draft, which spares
 * autosave the look-up of the revision a save is based on (isKnownDraftRevision). Whether a
 * revision exists and is a draft does not change once it does (`submitted` is written with the
 * revision and never altered; pruning drops only the text and keeps the document), so what another
 * process saves meanwhile cannot make this stale. Only erasing the essay (a privacy request deletes
 * its ledger) does: a save then finds no submission to update and takes back what it claimed
 * (models/submissions.ts claimNext). Bounded: the essays saved least recently go first.
 */
const knownDrafts = new Map<string, number>();
const KNOWN_DRAFTS_KEPT = 20_000;

function noteDraftRevision(submissionId: ObjectId, revision: number): void {
  const key = submissionId.toHexString();
  // The last one noted, not the highest: an essay erased and started afresh counts from 1 again.
  knownDrafts.delete(key);
  if (knownDrafts.size >= KNOWN_DRAFTS_KEPT) knownDrafts.delete(knownDrafts.keys().next().value!);
  knownDrafts.set(key, revision);
}

/** Whether this process knows, without asking the database, that `revision` of the essay exists and is a draft. */
export function isKnownDraftRevision(submissionId: ObjectId, revision: number): boolean {
  return revision > 0 && knownDrafts.get(submissionId.toHexString()) === revision;
}

function noted(submissionId: ObjectId, revision: EssayRevision): EssayRevision {
  if (!revision.submitted) noteDraftRevision(submissionId, revision.revision);
  return revision;
}

/**
 * The latest revision of an essay. `knownRevision` (the submission's cached copy, or the
 * revision a client based its save on) is where the search starts: usually one look-up of it
 * and one of the next number, both by `_id`, which FerretDB answers from its primary key (a
 * filtered, sorted scan is not pushed down by FerretDB's SQLite backend and slowed autosave to
 * seconds). From a revision far behind, the numbers are searched by doubling and halving,
 * which works because an essay's revisions have no gaps (pruned ones keep a marker).
 */
export async function findLatestRevision(submissionId: ObjectId, knownRevision = 0): Promise<EssayRevision | null> {
  const col = await collection();
  const exists = async (revision: number) =>
    (await col.findOne({ _id: revisionId(submissionId, revision) }, { projection: { _id: 1 } })) !== null;
  let known: EssayRevisionDocument | null = null;
  if (knownRevision > 0) {
    known = await col.findOne({ _id: revisionId(submissionId, knownRevision) });
    // A revision the caller knew but that is gone (deleted by pruning before it kept markers, or
    // never existed): ask the slow way.
    if (!known) return findLatestRevisionByScan(submissionId);
  }
  if (!(await exists(knownRevision + 1))) return known ? noted(submissionId, toRevision(known)) : null;
  // `low` exists, `high` does not.
  let low = knownRevision + 1;
  let step = 1;
  let high = low + step;
  while (await exists(high)) {
    low = high;
    step *= 2;
    high = low + step;
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (await exists(middle)) low = middle;
    else high = middle;
  }
  const latest = await col.findOne({ _id: revisionId(submissionId, low) });
  return latest ? noted(submissionId, toRevision(latest)) : findLatestRevisionByScan(submissionId);
}

/** Whether a revision exists and was a submission, without reading its text. */
export async function findRevisionState(
  submissionId: ObjectId,
  revision: number,
): Promise<{ submitted: boolean; pruned: boolean } | null> {
  const doc = await (await collection()).findOne(
    { _id: revisionId(submissionId, revision) },
    { projection: { submitted: 1, pruned: 1 } },
  );
  return doc ? { submitted: Boolean(doc.submitted), pruned: Boolean(doc.pruned) } : null;
}

/** One revision with its text; null when there is none or its text was pruned. */
export async function findRevision(submissionId: ObjectId, revision: number): Promise<EssayRevision | null> {
  const doc = await (await collection()).findOne({ _id: revisionId(submissionId, revision) });
  return doc && !doc.pruned ? toRevision(doc) : null;
}

async function findLatestRevisionByScan(submissionId: ObjectId): Promise<EssayRevision | null> {
  const doc = await (await collection()).find({ submissionId }).sort({ revision: -1 }).limit(1).next();
  return doc ? toRevision(doc) : null;
}

/** Claims go to the database in groups: one transaction (one fsync) for all that arrive meanwhile. */
const claims = groupedInserter(collection);

/**
 * Claims `revision` for this essay; false when another save or submit claimed it first. Written
 * with the other claims that arrive meanwhile (models/grouped-inserts.ts), each under its own
 * `_id`, so a conflict is still exactly this essay's; true only once the database has it.
 */
export async function claimRevision(submissionId: ObjectId, revision: EssayRevision): Promise<boolean> {
  const outcome = await claims.insert({
    _id: revisionId(submissionId, revision.revision),
    submissionId,
    ...revision,
    charCount: revision.text.length,
  });
  if (outcome !== 'inserted') return false;
  noted(submissionId, revision);
  return true;
}

/**
 * Deletes revisions `from`..`to` of an essay, one `_id` each, and forgets what this process knew
 * of its drafts: for revisions claimed after the essay's submission was erased.
 */
export async function deleteRevisions(submissionId: ObjectId, from: number, to: number): Promise<void> {
  knownDrafts.delete(submissionId.toHexString());
  const ids: string[] = [];
  for (let revision = Math.max(1, from); revision <= to; revision++) ids.push(revisionId(submissionId, revision));
  if (ids.length === 0) return;
  await (await collection()).bulkWrite(
    ids.map((_id) => ({ deleteOne: { filter: { _id } } })),
    { ordered: false },
  );
}

/**
 * The revisions that still have their text, newest first: the recent ones, and those in
 * `pinned` (e.g. the submitted one) further back. One look-up per revision, by `_id`.
 */
export async function listRevisions(
  submissionId: ObjectId,
  latestRevision: number,
  pinned: ReadonlySet<number>,
): Promise<EssayRevisionSummary[]> {
  const col = await collection();
  const oldestRecent = Math.max(1, latestRevision - RECENT_REVISIONS_KEPT + 1);
  const numbers = new Set<number>();
  for (let revision = latestRevision; revision >= oldestRecent; revision--) numbers.add(revision);
  for (const revision of pinned) if (revision >= 1 && revision <= latestRevision) numbers.add(revision);
  const docs = await Promise.all(
    [...numbers].map((revision) => col.findOne({ _id: revisionId(submissionId, revision) }, { projection: { text: 0 } })),
  );
  return docs
    .filter((doc): doc is EssayRevisionDocument => doc !== null && !doc.pruned)
    .map(toSummary)
    .sort((a, b) => b.revision - a.revision);
}

/** A revision's statistics, without its text: what the writing-process view is drawn from. */
export interface RevisionStats {
  revision: number;
  savedAt: Date;
  wordCount: number;
  charCount?: number;
}

/**
 * The statistics of revisions `from`..`to` that still have a document (pruned ones keep theirs),
 * oldest first. One look-up per revision, by `_id` (the only filter FerretDB answers from an
 * index), a batch at a time so a long history does not flood the connection pool.
 */
export async function listRevisionStats(submissionId: ObjectId, from: number, to: number): Promise<RevisionStats[]> {
  const col = await collection();
  const found: RevisionStats[] = [];
  const BATCH = 64;
  for (let start = Math.max(1, from); start <= to; start += BATCH) {
    const numbers: number[] = [];
    for (let revision = start; revision <= Math.min(to, start + BATCH - 1); revision++) numbers.push(revision);
    const docs = await Promise.all(
      numbers.map((revision) =>
        col.findOne(
          { _id: revisionId(submissionId, revision) },
          { projection: { revision: 1, savedAt: 1, wordCount: 1, charCount: 1 } },
        ),
      ),
    );
    for (const doc of docs) {
      if (!doc) continue;
      found.push({
        revision: doc.revision,
        savedAt: doc.savedAt,
        wordCount: doc.wordCount,
        ...(typeof doc.charCount === 'number' ? { charCount: doc.charCount } : {}),
      });
    }
  }
  return found;
}

/** Whether claiming `revision` is the moment to prune (every RECENT_REVISIONS_KEPT revisions). */
export function isPruneDue(revision: number): boolean {
  return revision > RECENT_REVISIONS_KEPT && revision % RECENT_REVISIONS_KEPT === 0;
}

/**
 * Drops the text of the revisions that fell out of the recent window, keeping a marker for
 * each. Never touched: the RECENT_REVISIONS_KEPT latest revisions (so never the latest one) and
 * submitted revisions (read from their documents) — a grade is only given on a submitted one, and
 * graded and returned texts are also copied to kept_revisions (models/kept-revisions.ts). Looks at the last two
 * windows, so a window whose prune moment was a submit rather than a save is caught next time.
 * Every read and write is by `_id`: a filter on anything else makes FerretDB read every essay.
 */
export async function pruneRevisions(submissionId: ObjectId, latestRevision: number): Promise<void> {
  const col = await collection();
  const last = latestRevision - RECENT_REVISIONS_KEPT;
  const first = Math.max(1, last - 2 * RECENT_REVISIONS_KEPT + 1);
  const candidates: number[] = [];
  for (let revision = first; revision <= last; revision++) candidates.push(revision);
  const states = await Promise.all(
    candidates.map((revision) =>
      col.findOne({ _id: revisionId(submissionId, revision) }, { projection: { submitted: 1, pruned: 1 } }),
    ),
  );
  const stale = states.filter((doc): doc is EssayRevisionDocument => doc !== null && !doc.submitted && !doc.pruned);
  // One statement per command, a few commands at a time, never one `update` of many statements:
  // FerretDB's SQLite backend holds one of its 100 connections per statement until the command
  // ends, and needs one more to write, so a class pruning at once took them all and every
  // command waited for ever (tests/integration/storage.test.ts).
  for (let start = 0; start < stale.length; start += PRUNE_WRITES_AT_ONCE) {
    await Promise.all(
      stale
        .slice(start, start + PRUNE_WRITES_AT_ONCE)
        .map((doc) => col.updateOne({ _id: doc._id }, { $unset: { text: '' }, $set: { pruned: true } })),
    );
  }
}

/** A prune's writes in flight at once: it runs after a save, beside other students' requests. */
const PRUNE_WRITES_AT_ONCE = 5;
