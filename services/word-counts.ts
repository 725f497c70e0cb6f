/**
 * Word counts for autosave without segmenting again what did not change. An autosave sends the
 * whole essay, and between two saves a student changes a paragraph or two; segmenting words was a
 * quarter of the server's CPU per save. So each line's count is kept, per process, under a hash of
 * the line (domain/essay.ts countLineWords: the lines' counts add up to countWords exactly), and
 * only new lines are segmented. Counting is the same for every process, so nothing kept here can
 * go stale; the cache only ever saves work.
 *
 * Not kept: the text itself (only a SHA-256 of each line and a number), so the cache stays small
 * whatever students write.
 */
import { hash } from 'node:crypto';
import { countLineWords, countWords } from '../domain/essay';

/**
 * Line counts kept per generation. Two generations: a line used while the newer one fills up
 * moves into it, and when it is full the older one is dropped, so the lines of essays still being
 * written stay and at most 2 × this many are kept (about 100 bytes each).
 */
const LINES_PER_GENERATION = 20_000;
/** Lines this short cost less to segment than to hash and look up. */
const SHORTEST_LINE_KEPT = 24;

let newer = new Map<string, number>();
let older = new Map<string, number>();

function remember(key: string, count: number): void {
  if (newer.size >= LINES_PER_GENERATION) {
    older = newer;
    newer = new Map();
  }
  newer.set(key, count);
}

/** The count of one line from the cache, or counted now; null as countLineWords (a run too long to count alone). */
function countLine(line: string): number | null {
  if (line.length < SHORTEST_LINE_KEPT) return countLineWords(line);
  const key = hash('sha256', line, 'base64');
  const kept = newer.get(key);
  if (kept !== undefined) return kept;
  const fromOlder = older.get(key);
  if (fromOlder !== undefined) {
    remember(key, fromOlder);
    return fromOlder;
  }
  const counted = countLineWords(line);
  if (counted !== null) remember(key, counted);
  return counted;
}

/** countWords(text), segmenting only the lines this process has not counted lately. */
export function countWordsReusingLines(text: string): number {
  let total = 0;
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end);
    if (line.length > 0) {
      const count = countLine(line);
      // A line with a run too long to count alone: only the whole text gives countWords' answer.
      if (count === null) return countWords(text);
      total += count;
    }
    if (end < 0) return total;
    start = end + 1;
  }
}

