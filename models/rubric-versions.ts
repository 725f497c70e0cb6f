/**
 * Earlier versions of an assignment's rubric, kept once grading has begun so
 * that every grade can still be shown against the rubric it was given with.
 * Insert-only, `_id` = `<assignmentId>:<version>`.
 */
import type { Collection } from 'mongodb';
import type { Rubric } from '../domain/rubric';
import { getDb } from './db';

interface RubricVersionDocument {
  _id: string;
  assignmentId: string;
  version: number;
  rubric: Rubric;
  retiredAt: Date;
}

async function collection(): Promise<Collection<RubricVersionDocument>> {
  return (await getDb()).collection<RubricVersionDocument>('rubric_versions');
}

export async function archiveRubricVersion(assignmentId: string, version: number, rubric: Rubric): Promise<void> {
  try {
    await (await collection()).insertOne({ _id: `${assignmentId}:${version}`, assignmentId, version, rubric, retiredAt: new Date() });
  } catch (error) {
    // Archived already (a retried save): the first copy is the true one.
    if ((error as { code?: number }).code !== 11000) throw error;
  }
}

export async function findRubricVersion(assignmentId: string, version: number): Promise<Rubric | null> {
  const doc = await (await collection()).findOne({ _id: `${assignmentId}:${version}` });
  return doc?.rubric ?? null;
}

/**
 * The rubric a grade was given with: the assignment's current rubric when the versions agree,
 * otherwise the archived version; null when that version is not archived.
 */
export async function findRubricOfGrade(
  assignment: { id: string; rubric: Rubric; rubricVersion: number },
  grade: { rubricVersion?: number },
): Promise<Rubric | null> {
  // Grades saved before rubric versions existed were given with version 1.
  const version = grade.rubricVersion ?? 1;
  if (version === assignment.rubricVersion) return assignment.rubric;
  return findRubricVersion(assignment.id, version);
}
