import { describe, expect, it } from 'vitest';
import { SubmissionClosedError } from './errors';
import {
  assertAllowed,
  assertStudentMayReopen,
  cutoffApplies,
  describeForInstructor,
  describeForStudent,
  lifecycleOf,
  refusalOf,
  studentMayReopen,
  type LifecycleAction,
  type LifecycleFacts,
  type LifecycleState,
} from './submission-lifecycle';
import type { SubmissionRules } from './unit';

const draft: LifecycleFacts = { latestRevision: 3, latestSubmitted: false, returned: false };
const submitted: LifecycleFacts = { latestRevision: 4, latestSubmitted: true, returned: false };
const graded: LifecycleFacts = { ...submitted, grade: { released: false, gradedRevision: 4 } };
const released: LifecycleFacts = { ...submitted, grade: { released: true, gradedRevision: 4 } };
const returned: LifecycleFacts = { latestRevision: 5, latestSubmitted: false, returned: true, grade: { released: false, gradedRevision: 4 } };
const returnedUngraded: LifecycleFacts = { latestRevision: 5, latestSubmitted: false, returned: true };
const resubmitted: LifecycleFacts = { latestRevision: 9, latestSubmitted: true, returned: false, grade: { released: true, gradedRevision: 4 } };
const reopenedAfterGrading: LifecycleFacts = { latestRevision: 5, latestSubmitted: false, returned: false, grade: { released: false, gradedRevision: 4 } };
const legacyGrade: LifecycleFacts = { ...submitted, grade: { released: true } };
const reopenedByStudent: LifecycleFacts = { latestRevision: 5, latestSubmitted: false, returned: false, everSubmitted: true };

const rules: SubmissionRules = { minWords: 1, maxWords: 10, allowResubmission: true, dueAt: '2026-12-01T00:00:00Z' };
const beforeDue = new Date('2026-11-20T00:00:00Z');
const afterDue = new Date('2026-12-02T00:00:00Z');

describe('lifecycleOf', () => {
  it.each<[string, LifecycleFacts, LifecycleState, boolean]>([
    ['a draft', draft, 'draft', false],
    ['a submission', submitted, 'submitted', false],
    ['a draft grade on the submitted text', graded, 'graded', false],
    ['a released grade on the submitted text', released, 'released', false],
    ['an essay returned for revision after grading', returned, 'returned', true],
    ['an essay returned before grading', returnedUngraded, 'returned', false],
    ['a resubmission after a grade', resubmitted, 'submitted', true],
    ['a draft reopened while a grade was being given', reopenedAfterGrading, 'draft', true],
    ['a grade stored before revisions were recorded', legacyGrade, 'released', false],
  ])('%s', (_, facts, state, gradeOutdated) => {
    expect(lifecycleOf(facts)).toEqual({ state, gradeOutdated });
  });
});

describe('who may do what', () => {
  // Allowed (null) or refused (a message) in each state.
  it.each<[LifecycleAction, LifecycleFacts, RegExp | null]>([
    ['save', draft, null],
    ['save', returned, null],
    ['save', submitted, /submitted/],
    ['submit', returned, null],
    ['submit', graded, /submitted/],
    ['reopen', submitted, null],
    ['reopen', graded, /started grading/],
    ['reopen', released, /started grading/],
    ['reopen', resubmitted, /started grading/],
    ['reopen', draft, /already open/],
    ['grade', submitted, null],
    ['grade', graded, null],
    ['grade', released, null],
    ['grade', resubmitted, null],
    ['grade', draft, /not been submitted/],
    ['grade', returned, /returned for revision/],
    ['release', graded, null],
    ['release', submitted, /no grade/],
    ['release', resubmitted, /changed since it was graded/],
    ['release', returned, /revising/],
    ['release', reopenedAfterGrading, /revising/],
    ['release', legacyGrade, null],
    ['return', submitted, null],
    ['return', graded, null],
    ['return', released, null],
    ['return', resubmitted, null],
    ['return', returned, /already been returned/],
    ['return', draft, /nothing to return/],
    ['return', reopenedByStudent, null],
  ])('%s when %o', (action, facts, refusal) => {
    const answer = refusalOf(action, facts);
    if (refusal === null) expect(answer).toBeNull();
    else expect(answer).toMatch(refusal);
  });

  it('lets the instructor rescue a student who reopened and then missed the cutoff', () => {
    // Past the cutoff the student cannot submit the reopened draft (assertSubmittable); the
    // instructor can return it, which waives the cutoff.
    expect(cutoffApplies(reopenedByStudent)).toBe(true);
    expect(refusalOf('return', reopenedByStudent)).toBeNull();
    expect(cutoffApplies({ ...reopenedByStudent, latestRevision: 6, returned: true })).toBe(false);
  });

  it('throws the refusal as a SubmissionClosedError (409)', () => {
    expect(() => assertAllowed('release', resubmitted)).toThrow(SubmissionClosedError);
    expect(() => assertAllowed('grade', graded)).not.toThrow();
  });

  it('leaves no state without a way on for the student', () => {
    // In every state the student either writes (save and submit) or waits for the instructor,
    // who can always return the essay; nothing is a dead end.
    for (const facts of [draft, submitted, graded, released, returned, resubmitted, reopenedAfterGrading, legacyGrade]) {
      const studentWrites = refusalOf('save', facts) === null && refusalOf('submit', facts) === null;
      const instructorCanAct = refusalOf('return', facts) === null && refusalOf('grade', facts) === null;
      expect(studentWrites || instructorCanAct, JSON.stringify(facts)).toBe(true);
    }
  });
});

describe('the student reopening', () => {
  it('is allowed for a submitted, ungraded essay before the due date when resubmission is allowed', () => {
    expect(() => assertStudentMayReopen(submitted, rules, beforeDue)).not.toThrow();
    expect(studentMayReopen(submitted, rules, beforeDue)).toBe(true);
  });

  it.each<[string, LifecycleFacts, SubmissionRules, Date, RegExp]>([
    ['a draft grade exists', graded, rules, beforeDue, /started grading/],
    ['the due date passed', submitted, rules, afterDue, /due date/],
    ['resubmission is not allowed', submitted, { ...rules, allowResubmission: false }, beforeDue, /does not allow resubmission/],
  ])('is refused when %s', (_, facts, theRules, now, message) => {
    expect(() => assertStudentMayReopen(facts, theRules, now)).toThrow(message);
    expect(studentMayReopen(facts, theRules, now)).toBe(false);
  });

  it('answers no rather than failing for a malformed stored date', () => {
    expect(studentMayReopen(submitted, { ...rules, dueAt: 'not a date' }, beforeDue)).toBe(false);
  });
});

describe('cutoffApplies', () => {
  it('waives the cutoff only for an essay the instructor returned', () => {
    expect(cutoffApplies(returned)).toBe(false);
    expect(cutoffApplies(draft)).toBe(true);
    expect(cutoffApplies(reopenedAfterGrading)).toBe(true);
  });
});

describe('plain words', () => {
  it('tells the student where the essay stands, without revealing a draft grade', () => {
    expect(describeForStudent(lifecycleOf(returned), { graded: true })).toBe('Returned for revision: make your changes and submit again.');
    expect(describeForStudent(lifecycleOf(submitted), { graded: false })).toBe('Submitted: waiting for your instructor to grade it.');
    expect(describeForStudent(lifecycleOf(graded), { graded: true })).toBe(
      'Submitted. Your instructor is grading it, so it can no longer be reopened.',
    );
    expect(describeForStudent(lifecycleOf(released), { graded: true })).toBe('Graded: your feedback is below.');
  });

  it('tells the instructor when the essay changed since it was graded', () => {
    expect(describeForInstructor(lifecycleOf(resubmitted))).toBe('Submitted again: changed since graded — regrade before releasing.');
    expect(describeForInstructor(lifecycleOf(returned))).toBe('Returned for revision: waiting for the student to submit again.');
    expect(describeForInstructor(lifecycleOf(graded))).toMatch(/^Graded \(draft\)/);
    expect(describeForInstructor(lifecycleOf(released))).toMatch(/^Released/);
    expect(describeForInstructor(lifecycleOf(reopenedByStudent), { everSubmitted: true })).toBe(
      'Reopened by the student: a draft again until they submit it.',
    );
    expect(describeForInstructor(lifecycleOf(draft))).toBe('Draft: not submitted yet.');
  });
});
