/**
 * The `grades` collection: the current rubric grade of a submission, one
 * document per submission (`_id` = submission id). Kept apart from the
 * submission so that a student's launch or autosave can never overwrite an
 * instructor's grade (FerretDB rewrites whole documents on update).
 *
 * Every save of a grade (a regrade, a release) is a new version, claimed in
 * `grade_versions` under the unique `_id` `<submission>:<version>`, the way
 * essay revisions are: a save names the version it was based on and claims the
 * next one, so of two graders who opened the same grade exactly one wins and
 * the other is told (FerretDB's updates are not isolated, so a conditional
 * update could not decide this). `grades` is the cache of the latest version
 * that lists read; a single read walks forward from it, so a cache write lost
 * to a crash or a race is repaired by the next reader.
 */
import { ObjectId, type Collection } from 'mongodb';
import type { RubricSelections } from '../domain/rubric';
import { getDb } from './db';
import { noteClassChanged } from './class-changes';

export interface StoredGrade {
  /** Changes with every save, so passback jobs know whether they still carry the latest grade. */
  gradeId: string;
  /** 1 for the first grade, one more with every save (grades stored before versions count as 1). */
  version: number;
  /** The essay revision this grade was given on (absent for grades stored before it was recorded). */
  gradedRevision?: number;
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
  /** The grader's name as the LMS gave it, to tell graders apart in a conflict. */
  gradedByName?: string;
}

interface GradeDocument extends Omit<StoredGrade, 'version'> {
  _id: ObjectId;
  assignmentId: ObjectId;
  version?: number;
}

interface GradeVersionDocument extends StoredGrade {
  _id: string;
  submissionId: ObjectId;
  assignmentId: ObjectId;
}

async function collection(): Promise<Collection<GradeDocument>> {
  return (await getDb()).collection<GradeDocument>('grades');
}

async function versions(): Promise<Collection<GradeVersionDocument>> {
  return (await getDb()).collection<GradeVersionDocument>('grade_versions');
}

const versionId = (submissionId: ObjectId, version: number) => `${submissionId.toHexString()}:${version}`;

function toStoredGrade(doc: GradeDocument | GradeVersionDocument): StoredGrade {
  const { _id, assignmentId, ...rest } = doc;
  const grade = { ...rest } as StoredGrade & { submissionId?: ObjectId };
  delete grade.submissionId;
  // Grades saved before release control existed were sent at once: released, identified by their time.
  return {
    ...grade,
    gradeId: grade.gradeId ?? grade.gradedAt.toISOString(),
    released: grade.released ?? true,
    version: grade.version ?? 1,
  };
}

async function writeCache(submissionId: ObjectId, assignmentId: ObjectId, grade: StoredGrade): Promise<void> {
  const col = await collection();
  try {
    await col.replaceOne({ _id: submissionId }, { assignmentId, ...grade }, { upsert: true });
  } catch (error) {
    // Two first writes at once (the claimant, and a reader repairing the cache) both tried to
    // insert; the document exists now, so the second write is a plain replace.
    if ((error as { code?: number }).code !== 11000) throw error;
    await col.replaceOne({ _id: submissionId }, { assignmentId, ...grade });
  }
  // The class list shows this copy: its change token follows.
  await noteClassChanged(assignmentId);
}

/** The latest grade of a submission: the cached copy, then any versions claimed after it (by `_id`). */
export async function findGrade(submissionId: ObjectId): Promise<StoredGrade | null> {
  const doc = await (await collection()).findOne({ _id: submissionId });
  const cached = doc ? toStoredGrade(doc) : null;
  const col = await versions();
  let latest: GradeVersionDocument | null = null;
  for (let version = (cached?.version ?? 0) + 1; ; version++) {
    const next = await col.findOne({ _id: versionId(submissionId, version) });
    if (!next) break;
    latest = next;
  }
  if (!latest) return cached;
  const grade = toStoredGrade(latest);
  await writeCache(submissionId, latest.assignmentId, grade);
  return grade;
}

export type GradeClaimOutcome = { ok: true; grade: StoredGrade } | { ok: false; current: StoredGrade | null };

/**
 * Claims version `baseVersion + 1` of the grade and makes it the current one. Refused when
 * another save claimed that version first; the answer then carries the grade now stored.
 */
export async function claimGradeVersion(
  submissionId: ObjectId,
  assignmentId: ObjectId,
  baseVersion: number,
  grade: Omit<StoredGrade, 'version'>,
): Promise<GradeClaimOutcome> {
  const claimed: StoredGrade = { ...grade, version: baseVersion + 1 };
  try {
    await (await versions()).insertOne({ _id: versionId(submissionId, claimed.version), submissionId, assignmentId, ...claimed });
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
    return { ok: false, current: await findGrade(submissionId) };
  }
  await writeCache(submissionId, assignmentId, claimed);
  return { ok: true, grade: claimed };
}

/** Every grade of an assignment, by submission id: one query for the whole list. */
export async function findGradesOfAssignment(assignmentId: ObjectId): Promise<Map<string, StoredGrade>> {
  const docs = await (await collection()).find({ assignmentId }).toArray();
  return new Map(docs.map((doc) => [doc._id.toHexString(), toStoredGrade(doc)]));
}

/** A grade as lists show it: everything but its comments, which only the grading view and the student's feedback show. */
export type ListedGrade = Omit<StoredGrade, 'criterionComments' | 'overallComment'>;

/**
 * Every grade of an assignment without its comments, by submission id: one query for the whole
 * list, whose answer does not grow with what instructors write.
 */
export async function findListedGradesOfAssignment(assignmentId: ObjectId): Promise<Map<string, ListedGrade>> {
  const docs = await (await collection()).find({ assignmentId }, { projection: { criterionComments: 0, overallComment: 0 } }).toArray();
  return new Map(
    docs.map((doc) => {
      const { criterionComments: _comments, overallComment: _overall, ...grade } = toStoredGrade(doc);
      return [doc._id.toHexString(), grade];
    }),
  );
}

/** Whether any submission of the assignment has been graded (then rubric edits make a new version). */
export async function assignmentHasGrades(assignmentId: ObjectId): Promise<boolean> {
  return (await (await collection()).countDocuments({ assignmentId }, { limit: 1 })) > 0;
}
