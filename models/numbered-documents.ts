/**
 * Small lists kept as one document per item, `_id` = `<owner>:<n>` with n = 1, 2, 3, … claimed
 * by a unique insert (as essay revisions are), so two writers never replace each other and the
 * whole list is read by `_id` look-ups alone (FerretDB's SQLite backend pushes down nothing else;
 * see docs/DESIGN.md). A removed item stays as a small marker (`removed: true`, content
 * dropped) so its number is never claimed again and the numbers stay gapless.
 */
import type { Collection, Filter, OptionalUnlessRequiredId } from 'mongodb';

export interface NumberedDocument {
  _id: string;
  removed?: boolean;
}

/** Look-ups sent at once while walking a list: few for the many empty lists, doubling for long ones. */
const FIRST_BATCH = 2;
const LARGEST_BATCH = 16;

export const numberedId = (owner: string, n: number) => `${owner}:${n}`;

/** The number of an item's `_id`, when it belongs to `owner`. */
export function numberOf(owner: string, id: string): number | null {
  if (!id.startsWith(`${owner}:`)) return null;
  const n = Number(id.slice(owner.length + 1));
  return Number.isInteger(n) && n > 0 ? n : null;
}

/** Every document of `owner` (markers of removed items included), in number order. */
export async function readNumbered<T extends NumberedDocument>(collection: Collection<T>, owner: string): Promise<T[]> {
  const found: T[] = [];
  for (let first = 1, size = FIRST_BATCH; ; first += size, size = Math.min(size * 2, LARGEST_BATCH)) {
    const batch = await Promise.all(
      Array.from({ length: size }, (_, i) => collection.findOne({ _id: numberedId(owner, first + i) } as Filter<T>)),
    );
    for (const doc of batch) {
      if (!doc) return found;
      found.push(doc as T);
    }
  }
}

/**
 * Inserts a new item under the next free number, starting the search after `known` (how many
 * the caller has read). A number another writer claimed meanwhile is skipped.
 */
export async function insertNumbered<T extends NumberedDocument>(
  collection: Collection<T>,
  owner: string,
  known: number,
  make: (id: string) => T,
): Promise<T> {
  for (let n = known + 1; n <= known + 50; n++) {
    const doc = make(numberedId(owner, n));
    try {
      await collection.insertOne(doc as OptionalUnlessRequiredId<T>);
      return doc;
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }
  throw new Error(`no free number after ${known} for ${owner}`);
}
