/**
 * The `grades` collection: the current rubric grade of a submission, one
 * document per submission (`_id` = submission id). Kept apart from the
 * submission so that a student's launch or autosave can never overwrite an
 * instructor's grade (FerretDB rewrites whole documents on update).
 */
import { ObjectId, type Collection } from 'mongodb';
import type { RubricSelections } from '../domain/rubric';
import { getDb } from './db';

export interface StoredGrade {
  /** Changes with every save, so passback jobs know whether they still carry the latest grade. */
  gradeId: string;
  /** Released grades go to the LMS and are shown to the student; drafts stay with the instructor. */
  released: boolean;
  rubricId: string;
  /** The version of the assignment's rubric this grade was given with (1 when absent). */
  rubricVersion?: number;
  selections: RubricSelections;
  criterionComments: Record<string, string>;
  overallComment: string;
  total: number;
  max: number;
  gradedAt: Date;
  gradedBy: string;
}

interface GradeDocument extends StoredGrade {
  _id: ObjectId;
  assignmentId: ObjectId;
}

async function collection(): Promise<Collection<GradeDocument>> {
  return (await getDb()).collection<GradeDocument>('grades');
}

function toStoredGrade(doc: GradeDocument): StoredGrade {
  const { _id, assignmentId, ...grade } = doc;
  // Grades saved before release control existed were sent at once: released, identified by their time.
  return { ...grade, gradeId: grade.gradeId ?? grade.gradedAt.toISOString(), released: grade.released ?? true };
}

export async function saveGradeDocument(submissionId: ObjectId, assignmentId: ObjectId, grade: StoredGrade): Promise<void> {
  await (await collection()).replaceOne({ _id: submissionId }, { assignmentId, ...grade }, { upsert: true });
}

export async function findGrade(submissionId: ObjectId): Promise<StoredGrade | null> {
  const doc = await (await collection()).findOne({ _id: submissionId });
  return doc ? toStoredGrade(doc) : null;
}

/** Every grade of an assignment, by submission id: one query for the whole list. */
export async function findGradesOfAssignment(assignmentId: ObjectId): Promise<Map<string, StoredGrade>> {
  const docs = await (await collection()).find({ assignmentId }).toArray();
  return new Map(docs.map((doc) => [doc._id.toHexString(), toStoredGrade(doc)]));
}

/** Whether any submission of the assignment has been graded (then rubric edits make a new version). */
export async function assignmentHasGrades(assignmentId: ObjectId): Promise<boolean> {
  return (await (await collection()).countDocuments({ assignmentId }, { limit: 1 })) > 0;
}
