// The life of one student's essay and its grade, in one place: which state it is in, who may
// move it where, and the plain words both sides see. Services read the stored facts, ask here,
// and only then write. Nothing here reads the clock or the database.
//
//   draft ──submit──▶ submitted ──grade──▶ graded ──release──▶ released
//     ▲                 │  │                 │                   │
//     └──reopen─────────┘  └──return──▶ returned ◀──return───────┴── (graded too)
//        (student: resubmission          (instructor, with a note; the student
//         allowed, before the due         edits and submits again, even after
//         date, nothing graded yet)       the cutoff; a reopened draft may be
//                                         returned too, which lifts the cutoff)
//
// A grade belongs to the revision it was given on (`gradedRevision`). When the essay changes
// after grading (returned, then resubmitted), the grade stays, marked outdated: it cannot be
// released until the instructor grades the new text.

import { SubmissionClosedError } from './errors';
import { assertCanReopen } from './essay';
import type { SubmissionRules } from './unit';

export type LifecycleState = 'draft' | 'returned' | 'submitted' | 'graded' | 'released';

/** What the stored essay and grade say, as the rules below need it. */
export interface LifecycleFacts {
  /** The latest revision of the essay (0 before anything was saved). */
  latestRevision: number;
  /** Whether that latest revision is a submission. */
  latestSubmitted: boolean;
  /** Whether the current draft was opened by an instructor's "return for revision". */
  returned: boolean;
  /** Whether the essay was ever submitted (a draft may be one the student reopened). */
  everSubmitted?: boolean;
  grade?: {
    released: boolean;
    /** The revision the grade was given on; absent for grades stored before it was recorded. */
    gradedRevision?: number;
  };
}

export interface Lifecycle {
  state: LifecycleState;
  /**
   * True when a grade exists but was given on other text than the latest submission (or the
   * essay is being revised): shown as "changed since graded", and not releasable.
   */
  gradeOutdated: boolean;
}

/** Whether the grade was given on the text now submitted. */
function gradeIsCurrent(facts: LifecycleFacts): boolean {
  const grade = facts.grade;
  if (!grade || !facts.latestSubmitted) return false;
  // Grades stored before the revision was recorded could only be given on the submitted text.
  return grade.gradedRevision === undefined || grade.gradedRevision === facts.latestRevision;
}

export function lifecycleOf(facts: LifecycleFacts): Lifecycle {
  const gradeOutdated = Boolean(facts.grade) && !gradeIsCurrent(facts);
  if (!facts.latestSubmitted) return { state: facts.returned ? 'returned' : 'draft', gradeOutdated };
  if (!facts.grade || gradeOutdated) return { state: 'submitted', gradeOutdated };
  return { state: facts.grade.released ? 'released' : 'graded', gradeOutdated };
}

/** Whether the student is writing (and so sees the editor). */
export function isBeingWritten(state: LifecycleState): boolean {
  return state === 'draft' || state === 'returned';
}

/** Actions and who may take them. */
export type LifecycleAction = 'save' | 'submit' | 'reopen' | 'grade' | 'release' | 'return';

/**
 * The reason an action is refused now, in words for the person who tried, or null when allowed.
 * Deadlines for the student's own reopen are checked by assertStudentMayReopen (they need the
 * rules and the time); submission deadlines by domain/essay's assertSubmittable.
 */
export function refusalOf(action: LifecycleAction, facts: LifecycleFacts): string | null {
  const { state } = lifecycleOf(facts);
  switch (action) {
    case 'save':
    case 'submit':
      return isBeingWritten(state) ? null : 'This essay has been submitted, so it can no longer be changed.';
    case 'reopen':
      if (isBeingWritten(state)) return 'This essay is already open for changes.';
      if (facts.grade) return 'Your instructor has started grading this essay, so it can no longer be reopened.';
      return null;
    case 'grade':
      if (state === 'returned') return 'This essay was returned for revision. You can grade it once the student submits it again.';
      if (state === 'draft') return 'This essay has not been submitted yet, so it cannot be graded.';
      return null;
    case 'release':
      if (!facts.grade) return 'This essay has no grade to release yet.';
      if (isBeingWritten(state)) {
        return 'The student is revising this essay, so the grade cannot be released. Grade the new version once it is submitted.';
      }
      if (!gradeIsCurrent(facts)) {
        return 'The essay changed since it was graded. Regrade the new version before releasing.';
      }
      return null;
    case 'return':
      if (state === 'returned') return 'This essay has already been returned for revision.';
      // A draft the student reopened may be returned too: that lifts the cutoff for them, so a
      // student who reopened and then missed the deadline is never left with an essay they cannot hand in.
      if (state === 'draft' && !facts.everSubmitted) return 'This essay has not been submitted yet, so there is nothing to return.';
      return null;
  }
}

/** @throws {SubmissionClosedError} with the reason when the action is not allowed now. */
export function assertAllowed(action: LifecycleAction, facts: LifecycleFacts): void {
  const refusal = refusalOf(action, facts);
  if (refusal === null) return;
  throw new SubmissionClosedError(refusal, { detail: `${action} refused in state ${lifecycleOf(facts).state}` });
}

/**
 * The student's own reopen: only a submitted essay nobody has started grading, when the
 * assignment allows resubmission and neither the due date nor the cutoff has passed.
 * @throws {SubmissionClosedError} with the reason otherwise.
 * @throws {RangeError} when `now` or a date in the rules is not a valid date, which indicates a bug.
 */
export function assertStudentMayReopen(facts: LifecycleFacts, rules: SubmissionRules, now: Date): void {
  assertAllowed('reopen', facts);
  assertCanReopen(rules, 'submitted', now);
}

/** Whether the student may reopen now; false (rather than an error) for malformed stored dates. */
export function studentMayReopen(facts: LifecycleFacts, rules: SubmissionRules, now: Date): boolean {
  try {
    assertStudentMayReopen(facts, rules, now);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a submission must meet the cutoff. An essay the instructor returned for revision may
 * be submitted again whenever the student is done: the instructor asked for it, and a draft the
 * student could never hand in would leave them stuck.
 */
export function cutoffApplies(facts: LifecycleFacts): boolean {
  return lifecycleOf(facts).state !== 'returned';
}

/** The state in the student's words. Unreleased grades are not the student's business yet. */
export function describeForStudent(lifecycle: Lifecycle, options: { graded: boolean }): string {
  switch (lifecycle.state) {
    case 'draft':
      return 'Draft: not submitted yet.';
    case 'returned':
      return 'Returned for revision: make your changes and submit again.';
    case 'submitted':
    case 'graded':
      return options.graded
        ? 'Submitted. Your instructor is grading it, so it can no longer be reopened.'
        : 'Submitted: waiting for your instructor to grade it.';
    case 'released':
      return 'Graded: your feedback is below.';
  }
}

/** The state in the instructor's words. */
export function describeForInstructor(lifecycle: Lifecycle, options: { everSubmitted?: boolean } = {}): string {
  switch (lifecycle.state) {
    case 'draft':
      if (lifecycle.gradeOutdated) return 'Reopened by the student: a draft again, changed since graded.';
      return options.everSubmitted ? 'Reopened by the student: a draft again until they submit it.' : 'Draft: not submitted yet.';
    case 'returned':
      return 'Returned for revision: waiting for the student to submit again.';
    case 'submitted':
      return lifecycle.gradeOutdated ? 'Submitted again: changed since graded — regrade before releasing.' : 'Submitted: ready to grade.';
    case 'graded':
      return 'Graded (draft): the student and the LMS do not see the grade until you release it.';
    case 'released':
      return 'Released: the student sees the grade and feedback.';
  }
}
