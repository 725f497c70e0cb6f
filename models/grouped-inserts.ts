/**
 * Group commit for inserts that claim a unique `_id`: documents that arrive while the previous
 * group is being written go to the database together, as one unordered `insertMany`.
 *
 * Why: every write on the embedded database is its own SQLite transaction, committed with an
 * fsync (several milliseconds on a shared disk), and SQLite commits one transaction at a time.
 * One autosave per transaction capped autosave at the disk's fsyncs per second. FerretDB 1.24
 * writes up to 100 documents of one `insert` command in one transaction (handler/msg_insert.go:
 * batches of BatchSize 100 → sqlite collection.InsertAll → one `InTransaction` with one
 * multi-row INSERT), so a group costs one commit.
 *
 * Each document keeps its own outcome: unordered, so a duplicate `_id` refuses that document
 * only (FerretDB then rolls the batch back and inserts the documents one by one, each with its
 * own answer; MongoDB does the same natively). Every caller is answered only once the command
 * has returned, i.e. once the database has committed its document. Nothing waits on a timer: a
 * document that finds no group being written goes at once, alone.
 */
import { MongoBulkWriteError, type Collection, type Document, type OptionalUnlessRequiredId } from 'mongodb';

/** At most this many documents per command: FerretDB's batch size, one transaction each. */
export const MAX_GROUP = 100;

export type InsertOutcome = 'inserted' | 'duplicate';

interface Waiting<T> {
  doc: OptionalUnlessRequiredId<T>;
  resolve(outcome: InsertOutcome): void;
  reject(error: unknown): void;
}

/**
 * The per-document answers to an unordered insertMany that failed with write errors, or null when
 * the error does not account for every document. The driver also throws MongoBulkWriteError for a
 * lost connection (wrapping it, with no write errors and nothing counted as inserted): a document
 * is taken as inserted only when the database counted it and reported no error for it.
 */
function outcomesOf(error: MongoBulkWriteError, count: number): (InsertOutcome | Error)[] | null {
  const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : error.writeErrors ? [error.writeErrors] : [];
  if (writeErrors.length === 0 || error.insertedCount + writeErrors.length !== count) return null;
  const outcomes: (InsertOutcome | Error)[] = Array.from({ length: count }, () => 'inserted');
  for (const writeError of writeErrors) {
    if (!(writeError.index >= 0 && writeError.index < count)) return null;
    outcomes[writeError.index] = writeError.code === 11000 ? 'duplicate' : new Error(`insert refused: ${writeError.errmsg ?? writeError.code}`);
  }
  return outcomes;
}

export interface GroupedInserter<T extends Document> {
  /** Inserts `doc` with the next group; 'duplicate' when its `_id` was taken. Rejects on any other failure. */
  insert(doc: OptionalUnlessRequiredId<T>): Promise<InsertOutcome>;
}

export function groupedInserter<T extends Document>(collection: () => Promise<Collection<T>>): GroupedInserter<T> {
  let waiting: Waiting<T>[] = [];
  let writing = false;

  async function writeGroup(group: Waiting<T>[]): Promise<void> {
    try {
      await (await collection()).insertMany(
        group.map((w) => w.doc),
        { ordered: false },
      );
      for (const w of group) w.resolve('inserted');
    } catch (error) {
      // Anything but per-document write errors (a lost connection, a timeout): every document of
      // the group fails as a single insert would have, and its caller answers an error.
      const outcomes = error instanceof MongoBulkWriteError ? outcomesOf(error, group.length) : null;
      if (!outcomes) {
        for (const w of group) w.reject(error);
        return;
      }
      outcomes.forEach((outcome, i) => {
        const w = group[i]!;
        if (outcome instanceof Error) w.reject(outcome);
        else w.resolve(outcome);
      });
    }
  }

  async function writeWaiting(): Promise<void> {
    writing = true;
    try {
      while (waiting.length > 0) {
        const group = waiting.slice(0, MAX_GROUP);
        waiting = waiting.slice(MAX_GROUP);
        await writeGroup(group);
      }
    } finally {
      writing = false;
    }
  }

  return {
    insert(doc) {
      return new Promise<InsertOutcome>((resolve, reject) => {
        waiting.push({ doc, resolve, reject });
        if (!writing) void writeWaiting();
      });
    },
  };
}
