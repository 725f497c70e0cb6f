// Anonymous grading: while an assignment hides names, instructors see each student as
// "Student N". The numbers are given once and never change, so "Student 7" stays the same
// person for the whole marking, however many students join later.
//
// How the numbers are chosen (the service supplies the order keys): the students present the
// first time the class is seen anonymously are numbered 1…N in the order of a keyed hash of
// assignment and student (a random-looking order that nobody can work out from user ids or
// names, and that every server process computes alike); a student who appears later takes the
// lowest number still free, so nobody else's number moves. The numbers are stored, so a change
// of the key (a rotated server secret) cannot renumber anyone.

import { NamesHiddenError } from './errors';

export interface AnonymityState {
  /** The assignment setting (SubmissionRules.anonymousGrading). */
  anonymousGrading?: boolean;
  /** When the instructor revealed the names; absent while they are hidden. */
  namesRevealedAt?: Date | string;
}

/** Whether instructors see numbers instead of names. */
export function namesHidden(state: AnonymityState): boolean {
  return state.anonymousGrading === true && state.namesRevealedAt === undefined;
}

/** How an anonymous student is named everywhere an instructor looks. */
export function anonymousLabel(number: number): string {
  return `Student ${number}`;
}

/**
 * The numbers to give students not numbered yet: ordered by their key (then user id, so ties
 * cannot depend on input order), each taking the lowest number no one holds.
 */
export function numberNewcomers(
  numbered: ReadonlyMap<string, number>,
  newcomers: readonly { userId: string; orderKey: string }[],
): Map<string, number> {
  const taken = new Set(numbered.values());
  const assigned = new Map<string, number>();
  const ordered = [...newcomers]
    .filter((newcomer) => !numbered.has(newcomer.userId))
    .sort((a, b) => (a.orderKey < b.orderKey ? -1 : a.orderKey > b.orderKey ? 1 : a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  let candidate = 1;
  for (const { userId } of ordered) {
    if (assigned.has(userId)) continue;
    while (taken.has(candidate)) candidate++;
    assigned.set(userId, candidate);
    taken.add(candidate);
  }
  return assigned;
}

/**
 * Grades go to students and the LMS gradebook only once the names are revealed, or when the
 * instructor confirms releasing while they are still hidden.
 * @throws {NamesHiddenError} while names are hidden and release was not confirmed.
 */
export function assertMayRelease(state: AnonymityState, confirmedWhileAnonymous: boolean): void {
  if (namesHidden(state) && !confirmedWhileAnonymous) throw new NamesHiddenError();
}
