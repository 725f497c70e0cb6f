/**
 * Anonymous grading: while an assignment hides names, every place an instructor looks (the
 * submission list, the grading views, Previous/Next, JSON answers) names students "Student N"
 * instead. The numbers are stored (models/anonymous-numbers.ts) and never change; the rules for
 * choosing them are in domain/anonymity.ts. The order of a first class is a keyed hash
 * (HMAC-SHA256 with a key derived from the server secret) of assignment and user id: random to
 * anyone without the secret, and the same in every process, so processes numbering a class at
 * once propose the same numbers.
 *
 * It does not decide who may see what (services/grading.ts checks the instructor and the
 * course) and it never hides anything from students, who only ever see themselves.
 */
import { createHmac } from 'node:crypto';
import { anonymousLabel, namesHidden, numberNewcomers, type AnonymityState } from '../domain/anonymity';
import { NotFoundError } from '../domain/errors';
import { findAssignmentById, setNamesRevealed, type Assignment } from '../models/assignments';
import { claimAnonymousNumber, findAnonymousNumbers } from '../models/anonymous-numbers';
import { deriveKey } from './config';
import { requireInstructor, sameCourse, type Session } from './sessions';

/** The assignment's anonymity, as domain/anonymity.ts reads it. */
export function anonymityOf(assignment: Pick<Assignment, 'unit' | 'namesRevealed'>): AnonymityState {
  return {
    anonymousGrading: assignment.unit.rules.anonymousGrading,
    ...(assignment.namesRevealed ? { namesRevealedAt: assignment.namesRevealed.at } : {}),
  };
}

/** Whether instructors of this assignment see numbers instead of names right now. */
export function namesHiddenIn(assignment: Pick<Assignment, 'unit' | 'namesRevealed'>): boolean {
  return namesHidden(anonymityOf(assignment));
}

function orderKeyOf(assignmentId: string, userId: string): string {
  return createHmac('sha256', deriveKey('anonymous-order')).update(`${assignmentId}\n${userId}`).digest('hex');
}

const CLAIMS_AT_ONCE = 16;
const ATTEMPTS = 6;

/**
 * The number of each given student in the assignment, numbering those who have none yet.
 * @throws {Error} only if other processes keep numbering the same students at the same moment,
 *   which the attempts make practically impossible.
 */
export async function anonymousNumbersFor(assignmentId: string, userIds: readonly string[]): Promise<Map<string, number>> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const numbered = await findAnonymousNumbers(assignmentId);
    const wanted = [
      ...numberNewcomers(
        numbered,
        userIds.filter((userId) => !numbered.has(userId)).map((userId) => ({ userId, orderKey: orderKeyOf(assignmentId, userId) })),
      ),
    ];
    if (wanted.length === 0) return numbered;
    let lost = false;
    for (let start = 0; start < wanted.length && !lost; start += CLAIMS_AT_ONCE) {
      const batch = wanted.slice(start, start + CLAIMS_AT_ONCE);
      const claims = await Promise.all(batch.map(([userId, number]) => claimAnonymousNumber(assignmentId, userId, number)));
      claims.forEach((claim, index) => {
        if (claim === 'claimed') numbered.set(batch[index]![0], batch[index]![1]);
        else lost = true;
      });
    }
    // Another process was numbering the same class: read what it gave and go on from there.
    if (!lost) return numbered;
  }
  throw new Error(`anonymous numbers for assignment ${assignmentId} kept changing while being given`);
}

/**
 * How each student is named for the instructor: "Student N" while names are hidden, else the
 * name given.
 */
export async function studentLabelsFor(
  assignment: Pick<Assignment, 'id' | 'unit' | 'namesRevealed'>,
  students: readonly { userId: string; name: string }[],
): Promise<Map<string, string>> {
  if (!namesHiddenIn(assignment)) return new Map(students.map((s) => [s.userId, s.name]));
  const numbers = await anonymousNumbersFor(assignment.id, students.map((s) => s.userId));
  return new Map(students.map((s) => [s.userId, anonymousLabel(numbers.get(s.userId)!)]));
}

/**
 * Reveals the students' names of the session's assignment to its instructors, for good (until
 * anonymous grading is turned on afresh in the assignment editor). Recorded with who and when.
 * @throws {ForbiddenError} for students
 * @throws {NotFoundError} outside the session's course
 */
export async function revealNames(session: Session): Promise<{ revealedAt: Date }> {
  requireInstructor(session);
  const assignment = await findAssignmentById(session.assignmentId);
  if (!assignment || !sameCourse(session, assignment)) {
    throw new NotFoundError('This assignment could not be found. Please open Inkwell again from your course.');
  }
  if (assignment.namesRevealed) return { revealedAt: assignment.namesRevealed.at };
  const at = new Date();
  await setNamesRevealed(assignment.id, { at, by: session.userId, ...(session.userName ? { byName: session.userName } : {}) });
  return { revealedAt: at };
}
