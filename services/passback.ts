/**
 * Tells the LMS gradebook about submissions and grades through AGS, and
 * records the outcome on the submission so the instructor sees the truth.
 *
 * Maps classroom words to spec words: a Grade becomes a Score with
 * scoreGiven/scoreMaximum, a submission becomes a Score with
 * gradingProgress PendingManual. Failures are recorded, never thrown at the
 * caller: the grade itself is already saved. (Durable retries: issue #6.)
 */
import { postScore, findOrCreateLineItem, type AccessTokenSource, type Score } from '../lti/ags';
import { CANVAS_SUBMISSION_EXTENSION, SCOPE_AGS_LINEITEM, SCOPE_AGS_SCORE } from '../lti/claims';
import { AgsRequestError } from '../lti/errors';
import { accessTokenSource } from '../lti/provider';
import { summariseGradeForLms } from '../domain/grade';
import { reportProblem } from './problems';
import { maxPoints } from '../domain/rubric';
import { setAssignmentLineItem, type Assignment } from '../models/assignments';
import { recordPassback, reserveScoreTimestamp, type PassbackRecord } from '../models/grade-syncs';
import { toObjectId, type Submission } from '../models/submissions';

const CANVAS = 'canvas';

/** Lets tests and other runtimes swap how tokens are fetched. */
export type AccessTokenSourceFactory = (platformIssuer: string, clientId: string) => AccessTokenSource;
let tokenSourceFactory: AccessTokenSourceFactory = accessTokenSource;
export function setAccessTokenSourceFactory(factory: AccessTokenSourceFactory): void {
  tokenSourceFactory = factory;
}

class GradebookUnavailable extends Error {}

/** The gradebook column of this assignment, found or created on first use. */
async function lineItemUrlOf(assignment: Assignment, tokens: AccessTokenSource): Promise<string> {
  const gradebook = assignment.gradebook;
  if (!gradebook || !gradebook.scopes.includes(SCOPE_AGS_SCORE)) {
    throw new GradebookUnavailable('This course link does not let Inkwell send grades to the LMS gradebook.');
  }
  if (gradebook.lineItemUrl) return gradebook.lineItemUrl;
  if (!gradebook.lineItemsUrl || !gradebook.scopes.includes(SCOPE_AGS_LINEITEM)) {
    throw new GradebookUnavailable('The LMS gave this link no gradebook column and no way to create one.');
  }
  const lineItem = await findOrCreateLineItem(tokens, gradebook.lineItemsUrl, {
    resourceLinkId: assignment.resourceLinkId,
    label: assignment.resourceLinkTitle ?? assignment.unit.title,
    scoreMaximum: maxPoints(assignment.rubric),
    resourceId: assignment.id,
    tag: 'inkwell-essay',
  });
  await setAssignmentLineItem(assignment.id, lineItem.id);
  return lineItem.id;
}

/** Turns an AGS failure into words an instructor can act on. */
export function describePassbackFailure(error: unknown): Omit<PassbackRecord, 'at'> {
  if (error instanceof GradebookUnavailable) return { status: 'unavailable', message: error.message };
  if (error instanceof AgsRequestError) {
    const status = error.status;
    let message: string;
    if (status === undefined) message = `${error.message} The grade is saved in Inkwell; try sending it again later.`;
    else if (status === 400 || status === 422)
      message = 'The LMS refused this grade. Check that the student is still enrolled as a student in the course.';
    else if (status === 401 || status === 403) message = 'The LMS did not allow Inkwell to send grades. Ask your LMS administrator to check the tool’s grade permissions.';
    else if (status === 404) message = 'The LMS gradebook column for this assignment no longer exists.';
    else if (status === 409) message = 'The LMS already has a newer grade for this student.';
    else message = `The LMS had a problem (error ${status}). The grade is saved in Inkwell; try sending it again later.`;
    return { status: 'failed', message, httpStatus: status };
  }
  return { status: 'failed', message: 'Inkwell could not send the grade. It is saved; try again later.' };
}

async function sendScore(assignment: Assignment, submission: Submission, build: (timestamp: Date) => Score): Promise<PassbackRecord> {
  const submissionId = toObjectId(submission.id);
  if (!submissionId) throw new Error(`Invalid submission id ${submission.id}`);
  try {
    const tokens = tokenSourceFactory(assignment.platformIssuer, assignment.clientId);
    const lineItemUrl = await lineItemUrlOf(assignment, tokens);
    const timestamp = await reserveScoreTimestamp(submissionId, new Date());
    await postScore(tokens, lineItemUrl, build(timestamp));
    return { status: 'sent', at: new Date(), message: 'Sent to the LMS gradebook.' };
  } catch (error) {
    const outcome = describePassbackFailure(error);
    if (outcome.status === 'failed') {
      reportProblem({ kind: 'passback', message: `${assignment.contextTitle ?? assignment.contextId}: ${outcome.message}`, issuer: assignment.platformIssuer });
      console.warn('[passback] score not delivered', {
        submissionId: submission.id,
        error: error instanceof Error ? error.message : String(error),
        platformBody: error instanceof AgsRequestError ? error.platformBody : undefined,
      });
    }
    return { ...outcome, at: new Date() };
  }
}

function idsOf(submission: Submission) {
  return { submissionId: toObjectId(submission.id)!, assignmentId: toObjectId(submission.assignmentId)! };
}

/** A submitted essay: the gradebook shows "needs grading". */
export async function notifySubmission(assignment: Assignment, submission: Submission): Promise<PassbackRecord> {
  const outcome = await sendScore(assignment, submission, (timestamp) => {
    const score: Score = {
      userId: submission.userId,
      activityProgress: 'Submitted',
      gradingProgress: 'PendingManual',
      timestamp: timestamp.toISOString(),
    };
    if (assignment.platformFamily === CANVAS) {
      score[CANVAS_SUBMISSION_EXTENSION] = {
        new_submission: true,
        submission_type: 'online_text_entry',
        submission_data: submission.text,
        submitted_at: (submission.submittedAt ?? timestamp).toISOString(),
      };
    }
    return score;
  });
  await recordPassback(idsOf(submission), 'submission', outcome);
  return outcome;
}

/** A saved grade: the gradebook gets the score and a summary of the rubric as the comment. */
export async function publishGrade(assignment: Assignment, submission: Submission): Promise<PassbackRecord> {
  const grade = submission.grade;
  if (!grade) throw new Error('publishGrade needs a graded submission');
  const outcome = await sendScore(assignment, submission, (timestamp) => ({
    userId: submission.userId,
    scoreGiven: grade.total,
    scoreMaximum: grade.max,
    comment: summariseGradeForLms(assignment.rubric, grade),
    activityProgress: 'Completed',
    gradingProgress: 'FullyGraded',
    timestamp: timestamp.toISOString(),
  }));
  const record = { ...outcome, gradedAt: grade.gradedAt };
  await recordPassback(idsOf(submission), 'grade', record);
  return record;
}
