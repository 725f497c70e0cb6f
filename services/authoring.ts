/**
 * Instructors editing an assignment: prompts, rubric and rules. Once grading
 * has begun, a changed rubric becomes a new version (grades keep the version
 * they were given with), and a changed total is sent to the LMS gradebook
 * column through AGS.
 */
import { randomBytes } from 'node:crypto';
import { buildAssignmentContent, rubricContentChanged, toAssignmentDraft, type AssignmentDraft } from '../domain/assignment';
import { InvalidInputError, NotFoundError } from '../domain/errors';
import { maxPoints } from '../domain/rubric';
import { updateLineItem } from '../lti/ags';
import { SCOPE_AGS_LINEITEM } from '../lti/claims';
import { accessTokenSource } from '../lti/provider';
import { clearNamesRevealed, findAssignmentById, saveAssignmentContent, type Assignment } from '../models/assignments';
import { assignmentHasGrades } from '../models/grades';
import { archiveRubricVersion } from '../models/rubric-versions';
import { toObjectId } from '../models/db';
import { describePassbackFailure } from './passback';
import { requireInstructor, sameCourse, type Session } from './sessions';

export type { AssignmentDraft } from '../domain/assignment';
export { ASSIGNMENT_LIMITS } from '../domain/assignment';

async function editableAssignment(session: Session, assignmentId: string): Promise<Assignment> {
  requireInstructor(session);
  const assignment = await findAssignmentById(assignmentId);
  // "Not found" also for another course's assignment: nothing leaks across tenants.
  if (!assignment || !sameCourse(session, assignment)) throw new NotFoundError('This assignment could not be found.');
  return assignment;
}

export async function getAssignmentForEditing(
  session: Session,
  assignmentId: string,
): Promise<{ assignment: Assignment; draft: AssignmentDraft; hasGrades: boolean }> {
  const assignment = await editableAssignment(session, assignmentId);
  return {
    assignment,
    draft: toAssignmentDraft(assignment),
    hasGrades: await assignmentHasGrades(toObjectId(assignment.id)!),
  };
}

export interface GradebookColumnUpdate {
  status: 'updated' | 'failed' | 'not-needed';
  message: string;
}

export interface AssignmentUpdate {
  assignment: Assignment;
  /** True when the rubric changed after grading began, so this save made a new version. */
  newRubricVersion: boolean;
  gradebook: GradebookColumnUpdate;
}

async function syncColumnMaximum(assignment: Assignment, scoreMaximum: number): Promise<GradebookColumnUpdate> {
  const gradebook = assignment.gradebook;
  if (!gradebook?.lineItemUrl || !gradebook.scopes.includes(SCOPE_AGS_LINEITEM)) {
    return { status: 'failed', message: 'The rubric total changed, but this LMS link does not let Inkwell change its gradebook column. Update the column’s maximum in the LMS.' };
  }
  try {
    await updateLineItem(accessTokenSource(assignment.platformIssuer, assignment.clientId), gradebook.lineItemUrl, { scoreMaximum });
    return { status: 'updated', message: `The LMS gradebook column now counts out of ${scoreMaximum}.` };
  } catch (error) {
    return { status: 'failed', message: `The LMS gradebook column was not updated: ${describePassbackFailure(error).message}` };
  }
}

/**
 * Saves an edited assignment.
 * @throws {InvalidInputError} with fieldErrors keyed by field path when the draft needs fixing
 * @throws {NotFoundError} for an assignment outside the session's course
 */
export async function updateAssignment(session: Session, assignmentId: string, draft: AssignmentDraft): Promise<AssignmentUpdate> {
  const assignment = await editableAssignment(session, assignmentId);
  const built = buildAssignmentContent(draft, assignment, () => randomBytes(4).toString('hex'));
  if (!built.ok) throw new InvalidInputError('Some fields need fixing before the assignment can be saved.', { fieldErrors: built.fieldErrors });

  const graded = await assignmentHasGrades(toObjectId(assignment.id)!);
  const newRubricVersion = graded && rubricContentChanged(assignment.rubric, built.content.rubric);
  if (newRubricVersion) await archiveRubricVersion(assignment.id, assignment.rubricVersion, assignment.rubric);
  const rubricVersion = newRubricVersion ? assignment.rubricVersion + 1 : assignment.rubricVersion;
  await saveAssignmentContent(assignment.id, { ...built.content, rubricVersion });
  const updated: Assignment = { ...assignment, ...built.content, rubricVersion };
  // Anonymous grading turned on afresh hides the names again, whatever an earlier reveal said.
  if (built.content.unit.rules.anonymousGrading === true && assignment.unit.rules.anonymousGrading !== true && assignment.namesRevealed) {
    await clearNamesRevealed(assignment.id);
    delete updated.namesRevealed;
  }

  const oldMax = maxPoints(assignment.rubric);
  const newMax = maxPoints(built.content.rubric);
  const gradebook =
    oldMax === newMax || assignment.placement
      ? { status: 'not-needed' as const, message: '' }
      : await syncColumnMaximum(assignment, newMax);
  return { assignment: updated, newRubricVersion, gradebook };
}
