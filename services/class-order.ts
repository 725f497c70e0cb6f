/**
 * The order of a class: the submission list's, and the one behind "Previous student" and
 * "Next student" in the grading view (the same, so Next follows the list).
 *
 * The grading view's order is remembered for a short while per process: an instructor steps
 * through a whole class in a few minutes, and reading the order means reading every submission
 * document (the embedded database indexes `_id` only). A student's first launch in this process
 * drops the order at once; one in another process shows up within CLASS_ORDER_FOR_MS. The
 * submission list itself follows every change at once (services/class-data.ts). While anonymous grading hides names, the order
 * is by "Student N" number instead, so it tells nothing about the names.
 */
import { listSubmissionNames } from '../models/submissions';
import { anonymousNumbersFor } from './anonymity';

/** How a student is named in lists: the LMS's name, or a stand-in from the user id. */
export function displayName(userId: string, name: string | undefined): string {
  return name ?? `Student ${userId.slice(0, 8)}`;
}

// Made once: localeCompare with options builds a collator per call, which cost a class of 300
// thousands of collators per sort. Same comparisons as `localeCompare`.
const byName = new Intl.Collator(undefined, { numeric: true });
const byId = new Intl.Collator();

/** By name as people read it (numbers by value: "Student 2" before "Student 10"), then by user id. */
export function byClassOrder(a: { name: string; userId: string }, b: { name: string; userId: string }): number {
  return byName.compare(a.name, b.name) || byId.compare(a.userId, b.userId);
}

const CLASS_ORDER_FOR_MS = 30_000;
const CLASS_ORDERS_KEPT = 200;
// On globalThis: the custom server (launches) and Next's bundles (the grading view) each load
// their own copy of this module, and both must see one cache.
const GLOBAL_KEY = Symbol.for('inkwell.classOrders');
type GlobalWithClassOrders = typeof globalThis & { [GLOBAL_KEY]?: Map<string, { ids: string[]; until: number; anonymous: boolean }> };
const classOrders = ((globalThis as GlobalWithClassOrders)[GLOBAL_KEY] ??= new Map());

/**
 * The assignment's submission ids in list order; read again when `submissionId` is not in it.
 * @param anonymous Whether names are hidden: then the order is by anonymous number.
 */
export async function classOrderFor(assignmentId: string, submissionId: string, now = Date.now(), anonymous = false): Promise<string[]> {
  const cached = classOrders.get(assignmentId);
  if (cached && cached.until > now && cached.anonymous === anonymous && cached.ids.includes(submissionId)) return cached.ids;
  const submissions = await listSubmissionNames(assignmentId);
  const numbers = anonymous ? await anonymousNumbersFor(assignmentId, submissions.map((s) => s.userId)) : null;
  const ids = submissions
    .map((s) => ({ id: s.id, userId: s.userId, name: numbers ? String(numbers.get(s.userId)) : displayName(s.userId, s.userName) }))
    .sort(byClassOrder)
    .map((s) => s.id);
  classOrders.delete(assignmentId);
  // Oldest first out: a Map iterates in insertion order.
  if (classOrders.size >= CLASS_ORDERS_KEPT) classOrders.delete(classOrders.keys().next().value!);
  classOrders.set(assignmentId, { ids, until: now + CLASS_ORDER_FOR_MS, anonymous });
  return ids;
}

/** A new submission joined the assignment (or a name changed): read the order again next time. */
export function forgetClassOrder(assignmentId: string): void {
  classOrders.delete(assignmentId);
}
