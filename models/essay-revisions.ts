/**
 * The `essay_revisions` collection: the authoritative history of each essay's
 * text, one document per revision, `_id` = `<submissionId>:<revision>`.
 *
 * Why a ledger instead of a conditional update on the submission: FerretDB
 * applies updates as read-modify-write without isolation, so two tabs saving
 * "if revision is still 4" could both win and one text would be lost. Inserting
 * revision 5 under a unique `_id` is atomic on FerretDB and MongoDB alike:
 * exactly one save (or submit) can claim each revision.
 */
import type { Collection, ObjectId } from 'mongodb';
import { getDb } from './db';

export interface EssayRevision {
  revision: number;
  text: string;
  wordCount: number;
  savedAt: Date;
  /** The revision the student submitted; nothing can follow it. */
  submitted: boolean;
}

interface EssayRevisionDocument extends EssayRevision {
  _id: string;
  submissionId: ObjectId;
}

/** How many old revisions to keep per essay; older ones are pruned now and then. */
const REVISIONS_KEPT = 50;

async function collection(): Promise<Collection<EssayRevisionDocument>> {
  return (await getDb()).collection<EssayRevisionDocument>('essay_revisions');
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}

function toRevision(doc: EssayRevisionDocument): EssayRevision {
  return { revision: doc.revision, text: doc.text, wordCount: doc.wordCount, savedAt: doc.savedAt, submitted: doc.submitted };
}

const revisionId = (submissionId: ObjectId, revision: number) => `${submissionId.toHexString()}:${revision}`;

/**
 * The latest revision of an essay. `knownRevision` (the submission's cached copy, or the
 * revision a client based its save on) lets this walk forward by `_id` — one or two
 * look-ups FerretDB answers from its primary key — instead of a filtered, sorted scan,
 * which FerretDB's SQLite backend cannot push down and which slowed autosave to seconds.
 */
export async function findLatestRevision(submissionId: ObjectId, knownRevision = 0): Promise<EssayRevision | null> {
  const col = await collection();
  let latest: EssayRevisionDocument | null = null;
  if (knownRevision > 0) {
    latest = await col.findOne({ _id: revisionId(submissionId, knownRevision) });
    // A revision the caller knew but that is gone (pruned, or never existed): ask the slow way.
    if (!latest) return findLatestRevisionByScan(submissionId);
  }
  for (let revision = knownRevision + 1; ; revision++) {
    const next = await col.findOne({ _id: revisionId(submissionId, revision) });
    if (!next) break;
    latest = next;
  }
  return latest ? toRevision(latest) : null;
}

/** Whether a revision exists and was a submission, without reading its text. */
export async function findRevisionState(submissionId: ObjectId, revision: number): Promise<{ submitted: boolean } | null> {
  const doc = await (await collection()).findOne({ _id: revisionId(submissionId, revision) }, { projection: { submitted: 1 } });
  return doc ? { submitted: Boolean(doc.submitted) } : null;
}

async function findLatestRevisionByScan(submissionId: ObjectId): Promise<EssayRevision | null> {
  const doc = await (await collection()).find({ submissionId }).sort({ revision: -1 }).limit(1).next();
  return doc ? toRevision(doc) : null;
}

/** Claims `revision` for this essay; false when another save or submit claimed it first. */
export async function claimRevision(submissionId: ObjectId, revision: EssayRevision): Promise<boolean> {
  const col = await collection();
  try {
    await col.insertOne({ _id: revisionId(submissionId, revision.revision), submissionId, ...revision });
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
  if (revision.revision % REVISIONS_KEPT === 0 && revision.revision > REVISIONS_KEPT) {
    // The batch that just fell out of the kept window, one delete per `_id` (in one round trip):
    // a filter on other fields would make FerretDB read every essay in the collection.
    const first = Math.max(1, revision.revision - 2 * REVISIONS_KEPT);
    const stale = Array.from({ length: revision.revision - REVISIONS_KEPT - first }, (_, i) => first + i);
    await col.bulkWrite(
      stale.map((r) => ({ deleteOne: { filter: { _id: revisionId(submissionId, r) } } })),
      { ordered: false },
    );
  }
  return true;
}
