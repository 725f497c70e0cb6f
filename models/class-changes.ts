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
  if (lastWriteStarted.size > 10_000) lastWriteStarted.clear();
  lastWriteStarted.set(assignmentId, Date.now());
  // Drafts waiting for a token had their cache written before this write started: it covers them.
  const draftNote = draftNotes.get(assignmentId);
  if (draftNote) {
    clearTimeout(draftNote);
    draftNotes.delete(assignmentId);
  }
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

/**
 * Drafts move the token at most this often per class. A class writing at once saves many drafts
 * a second, each changing only a word count in the list; a token write each time (or per round
 * trip) was a third of autosave's database writes, and kept every list reading afresh.
 */
export const DRAFT_TOKEN_EVERY_MS = 3_000;
/** When each class's last token write started (any cause); cleared when it passes 10,000 classes. */
const lastWriteStarted = new Map<string, number>();
const draftNotes = new Map<string, NodeJS.Timeout>();

/**
 * For autosave's cache of a draft: the token is written now if it was not written in the last
 * DRAFT_TOKEN_EVERY_MS, else once that time is up (one write for every draft saved meanwhile),
 * so lists show a draft's word count at most that late. Anything else that changes the class
 * writes its token as before.
 */
export function noteClassDraftSaved(assignmentId: string | ObjectId): void {
  const id = typeof assignmentId === 'string' ? assignmentId : assignmentId.toHexString();
  if (draftNotes.has(id)) return;
  const wait = (lastWriteStarted.get(id) ?? -Infinity) + DRAFT_TOKEN_EVERY_MS - Date.now();
  if (wait <= 0) {
    noteClassChangedLater(id);
    return;
  }
  const timer = setTimeout(() => {
    draftNotes.delete(id);
    noteClassChangedLater(id);
  }, wait);
  timer.unref();
  draftNotes.set(id, timer);
}

/** Writes the tokens of drafts still waiting for theirs (graceful shutdown). */
export async function flushDraftNotes(): Promise<void> {
  const waiting = [...draftNotes.entries()];
  draftNotes.clear();
  for (const [, timer] of waiting) clearTimeout(timer);
  await Promise.allSettled(waiting.map(([id]) => noteClassChanged(id)));
}
