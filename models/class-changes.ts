/**
 * A change token per assignment, in `change_tokens` under `_id` `class:<assignmentId>`: a random
 * value written again after every write that changes what the class list shows (a submission
 * created, renamed or saved; a grade; a grade's delivery to the LMS; the roster; an erasure).
 * Each process keeps the class's list data and serves it again while the token it read before
 * reading that data is still the one stored (services/class-data.ts), so a change made through
 * any process is seen by every process's next list. Random rather than a counter: FerretDB's
 * updates are not isolated, and two increments could both write the same number.
 *
 * The token is written after the change itself, so a reader that read the old token may have
 * read the data before or after the change, and in either case reads it again next time.
 */
import { randomUUID } from 'node:crypto';
import type { Collection, ObjectId } from 'mongodb';
import { getDb } from './db';

interface ChangeTokenDocument {
  _id: string;
  token: string;
}

async function changeTokens(): Promise<Collection<ChangeTokenDocument>> {
  return (await getDb()).collection<ChangeTokenDocument>('change_tokens');
}

const tokenId = (assignmentId: string) => `class:${assignmentId}`;

/** The class's token now; null when nothing has changed since tokens were kept. One look-up by `_id`. */
export async function classChangeToken(assignmentId: string): Promise<string | null> {
  return (await (await changeTokens()).findOne({ _id: tokenId(assignmentId) }))?.token ?? null;
}

async function writeToken(assignmentId: string): Promise<void> {
  const col = await changeTokens();
  try {
    await col.updateOne({ _id: tokenId(assignmentId) }, { $set: { token: randomUUID() } }, { upsert: true });
  } catch (error) {
    // Two first writes at once both tried to insert; the document exists now.
    if ((error as { code?: number }).code !== 11000) throw error;
    await col.updateOne({ _id: tokenId(assignmentId) }, { $set: { token: randomUUID() } });
  }
}

// Per assignment: the write that has not started yet (every change noted meanwhile waits for it),
// and the one under way. A class saving at once thus writes the token about once per round trip,
// not once per save.
const notStarted = new Map<string, Promise<void>>();
const underWay = new Map<string, Promise<void>>();

/**
 * Notes that the class list of `assignmentId` changed: resolves once a new token, written after
 * this call, is stored. Call it after the change itself is written.
 */
export function noteClassChanged(assignmentId: string | ObjectId): Promise<void> {
  const id = typeof assignmentId === 'string' ? assignmentId : assignmentId.toHexString();
  const waiting = notStarted.get(id);
  if (waiting) return waiting;
  const previous = underWay.get(id) ?? Promise.resolve();
  const write: Promise<void> = previous
    .catch(() => undefined)
    .then(async () => {
      notStarted.delete(id);
      underWay.set(id, write);
      try {
        await writeToken(id);
      } finally {
        if (underWay.get(id) === write) underWay.delete(id);
      }
    });
  notStarted.set(id, write);
  return write;
}

/**
 * For writes nobody waits on (autosave's cache of a draft, a launch, the passback worker): the
 * token follows within a round trip; if it cannot be written, lists show the change at the next
 * one (or when their data grows too old, services/class-data.ts).
 */
export function noteClassChangedLater(assignmentId: string | ObjectId): void {
  noteClassChanged(assignmentId).catch(() => undefined);
}
