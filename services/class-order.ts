/**
 * The class order behind "Previous student" and "Next student" in the grading view,
 * remembered for a short while per process: an instructor steps through a whole class in
 * a few minutes, and reading the order means reading every submission document (the
 * embedded database indexes `_id` only). A student's first launch in this process drops
 * the order at once; one in another process shows up within CLASS_ORDER_FOR_MS. The
 * submission list itself is always read fresh.
 */
import { listSubmissionIdsInOrder } from '../models/submissions';

const CLASS_ORDER_FOR_MS = 30_000;
const CLASS_ORDERS_KEPT = 200;
// On globalThis: the custom server (launches) and Next's bundles (the grading view) each load
// their own copy of this module, and both must see one cache.
const GLOBAL_KEY = Symbol.for('inkwell.classOrders');
type GlobalWithClassOrders = typeof globalThis & { [GLOBAL_KEY]?: Map<string, { ids: string[]; until: number }> };
const classOrders = ((globalThis as GlobalWithClassOrders)[GLOBAL_KEY] ??= new Map());

/** The assignment's submission ids in list order; read again when `submissionId` is not in it. */
export async function classOrderFor(assignmentId: string, submissionId: string, now = Date.now()): Promise<string[]> {
  const cached = classOrders.get(assignmentId);
  if (cached && cached.until > now && cached.ids.includes(submissionId)) return cached.ids;
  const ids = await listSubmissionIdsInOrder(assignmentId);
  classOrders.delete(assignmentId);
  // Oldest first out: a Map iterates in insertion order.
  if (classOrders.size >= CLASS_ORDERS_KEPT) classOrders.delete(classOrders.keys().next().value!);
  classOrders.set(assignmentId, { ids, until: now + CLASS_ORDER_FOR_MS });
  return ids;
}

/** A new submission joined the assignment (or a name changed): read the order again next time. */
export function forgetClassOrder(assignmentId: string): void {
  classOrders.delete(assignmentId);
}
