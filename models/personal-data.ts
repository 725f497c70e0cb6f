/**
 * Collection-level reads and deletes for privacy requests (export, erasure,
 * course purge, retention). Which collections hold whose data is declared in
 * services/personal-data.ts; this file only knows how to find the keys
 * (a person's or a course's assignments and submissions) and how to read or
 * delete documents by a filter.
 *
 * These filters are not on `_id`, so on FerretDB they read whole collections:
 * fine for an admin's occasional request and a daily job, never for a hot path.
 */
import type { Document, Filter, ObjectId } from 'mongodb';
import { getDb } from './db';

export interface DataKeys {
  assignmentIds: ObjectId[];
  submissionIds: ObjectId[];
}

/** The assignments of one platform, optionally of one course (context) only. */
export async function findAssignmentIds(issuer: string, contextId?: string): Promise<ObjectId[]> {
  const filter: Filter<Document> = { platformIssuer: issuer };
  if (contextId !== undefined) filter.contextId = contextId;
  const docs = await (await getDb()).collection('assignments').find(filter, { projection: { _id: 1 } }).toArray();
  return docs.map((doc) => doc._id as ObjectId);
}

/** Submissions of the given assignments; of one student when `userId` is given. */
export async function findSubmissionIds(assignmentIds: ObjectId[], userId?: string): Promise<ObjectId[]> {
  if (assignmentIds.length === 0) return [];
  const filter: Filter<Document> = { assignmentId: { $in: assignmentIds } };
  if (userId !== undefined) filter.userId = userId;
  const docs = await (await getDb()).collection('submissions').find(filter, { projection: { _id: 1 } }).toArray();
  return docs.map((doc) => doc._id as ObjectId);
}

/** The distinct (deployment, course) pairs of the given assignments. */
export async function findAssignmentCourses(assignmentIds: ObjectId[]): Promise<{ deploymentId: string; contextId: string }[]> {
  if (assignmentIds.length === 0) return [];
  const docs = await (await getDb())
    .collection('assignments')
    .find({ _id: { $in: assignmentIds } }, { projection: { deploymentId: 1, contextId: 1 } })
    .toArray();
  const pairs = new Map(docs.map((doc) => [JSON.stringify([doc.deploymentId, doc.contextId]), { deploymentId: String(doc.deploymentId), contextId: String(doc.contextId) }]));
  return [...pairs.values()];
}

export async function findDocuments(collection: string, filter: Filter<Document>): Promise<Document[]> {
  return (await getDb()).collection(collection).find(filter).toArray();
}

export async function countDocuments(collection: string, filter: Filter<Document>): Promise<number> {
  return (await getDb()).collection(collection).countDocuments(filter);
}

export async function deleteDocuments(collection: string, filter: Filter<Document>): Promise<number> {
  return (await (await getDb()).collection(collection).deleteMany(filter)).deletedCount;
}

/**
 * Removes the entries whose `key` is `value` from an array field of the matching documents (a
 * person from a roster). Read, filter, write back: FerretDB's `$pull` takes no condition.
 */
export async function removeArrayEntries(collection: string, filter: Filter<Document>, field: string, key: string, value: string): Promise<number> {
  const col = (await getDb()).collection(collection);
  let changed = 0;
  for (const doc of await col.find(filter, { projection: { [field]: 1 } }).toArray()) {
    const entries = Array.isArray(doc[field]) ? (doc[field] as Document[]) : [];
    const kept = entries.filter((entry) => entry?.[key] !== value);
    if (kept.length === entries.length) continue;
    await col.updateOne({ _id: doc._id }, { $set: { [field]: kept } });
    changed++;
  }
  return changed;
}

export interface CourseActivity {
  issuer: string;
  contextId: string;
  contextTitle?: string;
  assignmentIds: ObjectId[];
  /** The latest change of an assignment, a save, a submission or a grade in the course. */
  lastActivityAt: Date;
}

const later = (a: Date | undefined, b: Date | undefined): Date | undefined => (!a ? b : !b ? a : a > b ? a : b);

/**
 * Every course with the time of its latest activity: three projected scans (assignments,
 * submissions, grades), grouped here (FerretDB's $group only counts and sums).
 */
export async function listCourseActivity(): Promise<CourseActivity[]> {
  const db = await getDb();
  const [assignments, submissions, grades] = await Promise.all([
    db
      .collection('assignments')
      .find({}, { projection: { platformIssuer: 1, contextId: 1, contextTitle: 1, createdAt: 1, updatedAt: 1 } })
      .toArray(),
    db.collection('submissions').find({}, { projection: { assignmentId: 1, updatedAt: 1, createdAt: 1 } }).toArray(),
    db.collection('grades').find({}, { projection: { assignmentId: 1, gradedAt: 1 } }).toArray(),
  ]);
  const latestByAssignment = new Map<string, Date | undefined>();
  const touch = (assignmentId: unknown, at: unknown) => {
    if (!assignmentId || !(at instanceof Date)) return;
    const key = String(assignmentId);
    latestByAssignment.set(key, later(latestByAssignment.get(key), at));
  };
  for (const doc of submissions) {
    touch(doc.assignmentId, doc.createdAt);
    touch(doc.assignmentId, doc.updatedAt);
  }
  for (const doc of grades) touch(doc.assignmentId, doc.gradedAt);

  const courses = new Map<string, CourseActivity & { latest?: Date }>();
  for (const doc of assignments) {
    const issuer = String(doc.platformIssuer);
    const contextId = String(doc.contextId);
    const key = JSON.stringify([issuer, contextId]);
    let course = courses.get(key);
    if (!course) {
      course = { issuer, contextId, assignmentIds: [], lastActivityAt: new Date(0) };
      courses.set(key, course);
    }
    if (doc.contextTitle && !course.contextTitle) course.contextTitle = String(doc.contextTitle);
    course.assignmentIds.push(doc._id as ObjectId);
    course.latest = later(later(course.latest, doc.createdAt as Date | undefined), doc.updatedAt as Date | undefined);
    course.latest = later(course.latest, latestByAssignment.get(String(doc._id)));
  }
  return [...courses.values()].map(({ latest, ...course }) => ({ ...course, lastActivityAt: latest ?? new Date(0) }));
}
