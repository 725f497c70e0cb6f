/**
 * Grade passback through a durable outbox. Saving a submission or releasing
 * a grade only queues a job (models/passback-jobs.ts); the worker
 * (passback-worker.ts) delivers it with `deliverJob` below, retrying what is
 * worth retrying and recording what the instructor needs to know.
 *
 * Maps classroom words to spec words: a released Grade becomes a Score with
 * scoreGiven/scoreMaximum and gradingProgress FullyGraded; a submission
 * becomes a Score with gradingProgress PendingManual.
 */
import { randomBytes } from 'node:crypto';
import { environment } from '../config/environment';
import { postScore, findOrCreateLineItem, type AccessTokenSource, type Score } from '../lti/ags';
import { SCOPE_AGS_LINEITEM, SCOPE_AGS_LINEITEM_READONLY, SCOPE_AGS_SCORE } from '../lti/claims';
import { AgsRequestError } from '../lti/errors';
import { lmsProfile } from '../lti/lms';
import { accessTokenSource, forgetAccessTokens } from '../lti/provider';
import { LMS_SUMMARY_MAX_CHARS, summariseGradeForLms } from '../domain/grade';
import { InkwellError, RubricMismatchError } from '../domain/errors';
import { maxPoints, type Rubric } from '../domain/rubric';
import { findAssignmentById, setAssignmentLineItem, type Assignment } from '../models/assignments';
import { reserveScoreTimestamp } from '../models/grade-syncs';
import { findRubricOfGrade } from '../models/rubric-versions';
import { findJob, findJobsOfSubmission, insertJob, updateJob, type JobKind, type PassbackJob } from '../models/passback-jobs';
import { toObjectId } from '../models/db';
import { findSubmissionById, type StoredGrade, type Submission, type SubmissionSummary } from '../models/submissions';
import { LINE_ITEM_TAG } from './deep-linking';
import { reportProblem } from './problems';
import { log } from './logger';
import { countPassbackQueued } from './metrics';


/** Delivery rules, from the environment so tests can make them fast. */
export function passbackSettings() {
  const { maxAttempts, baseDelayMs, maxDelayMs } = environment.passback();
  return { maxAttempts, baseDelayMs, maxDelayMs };
}

/** The link can never receive grades (no AGS score scope): nothing to retry. */
export class GradebookUnavailable extends InkwellError {
  override name = 'GradebookUnavailable';
  constructor(message?: string) {
    super('AGS_UNAVAILABLE', message);
  }
}

/**
 * The LMS has no gradebook column for this link and Inkwell may not create one. The instructor
 * can fix that in the LMS and retry, so it is a failure, not "unavailable".
 */
export class GradebookColumnMissing extends InkwellError {
  override name = 'GradebookColumnMissing';
  constructor(message?: string) {
    super('AGS_COLUMN_MISSING', message);
  }
}

/**
 * The gradebook column of this assignment: the one the launch named, or the one found in the
 * line items container by this link's `resourceLinkId` (or Inkwell's own `resourceId` and tag),
 * or one Inkwell creates there. Never another link's column, and never "the first one".
 *
 * When does a launch name no column? Moodle: an activity added without "accept grades from the
 * tool" launches with `lineitems` but no `lineitem` (seen with Moodle 4.5, LTI_NOTES.md), and the
 * container holds the other activities' columns. Canvas: a launch from outside an assignment (a
 * navigation placement, a module link) carries `lineitems` without `lineitem`, and the container
 * holds the tool's columns of other assignments. Either way, "the first item" is someone else's.
 * @throws {GradebookUnavailable} when the link cannot send grades at all
 * @throws {GradebookColumnMissing} when there is no column and Inkwell may not create one
 */
async function lineItemUrlOf(assignment: Assignment, tokens: AccessTokenSource): Promise<string> {
  const gradebook = assignment.gradebook;
  if (!gradebook || !gradebook.scopes.includes(SCOPE_AGS_SCORE)) {
    throw new GradebookUnavailable();
  }
  if (gradebook.lineItemUrl) return gradebook.lineItemUrl;
  const mayCreate = gradebook.scopes.includes(SCOPE_AGS_LINEITEM);
  const mayRead = mayCreate || gradebook.scopes.includes(SCOPE_AGS_LINEITEM_READONLY);
  const missing = new GradebookColumnMissing(
    mayCreate
      ? 'The LMS has no gradebook column for this assignment and did not say where to create one. Add a grade column for it in the LMS, then retry.'
      : 'The LMS has no gradebook column for this assignment, and this link does not let Inkwell create one. Add a grade column for it in the LMS (in Moodle: tick “Accept grades from the tool” in the activity’s settings), then retry.',
  );
  if (!gradebook.lineItemsUrl || !mayRead) throw missing;
  const lineItem = await findOrCreateLineItem(
    tokens,
    gradebook.lineItemsUrl,
    {
      resourceLinkId: assignment.resourceLinkId,
      label: assignment.resourceLinkTitle ?? assignment.unit.title,
      scoreMaximum: maxPoints(assignment.rubric),
      resourceId: assignment.id,
      tag: LINE_ITEM_TAG,
    },
    // Only ask for the scopes the platform granted: some refuse a token request naming others.
    { mayCreate, readScopes: mayCreate ? [SCOPE_AGS_LINEITEM_READONLY, SCOPE_AGS_LINEITEM] : [SCOPE_AGS_LINEITEM_READONLY] },
  );
  if (!lineItem) throw missing;
  await setAssignmentLineItem(assignment.id, lineItem.id);
  return lineItem.id;
}

export interface FailureVerdict {
  /** 'retry' is worth another attempt; 'failed' needs a person; 'unavailable' can never be sent. */
  kind: 'retry' | 'failed' | 'unavailable';
  message: string;
  httpStatus?: number;
  /** Seconds the platform asked us to wait (429/503 Retry-After). */
  retryAfterSeconds?: number;
}

/** Turns a delivery failure into a decision and words an instructor can act on. */
export function judgeFailure(error: unknown): FailureVerdict {
  if (error instanceof GradebookUnavailable) return { kind: 'unavailable', message: error.message };
  if (error instanceof GradebookColumnMissing) return { kind: 'failed', message: error.message };
  if (error instanceof AgsRequestError) {
    const status = error.platformStatus;
    if (status === undefined) return { kind: 'retry', message: `${error.message} Inkwell will try again.` };
    if (status === 429 || status >= 500) {
      return {
        kind: 'retry',
        message: `The LMS was busy or had a problem (error ${status}). Inkwell will try again.`,
        httpStatus: status,
        retryAfterSeconds: error.retryAfterSeconds,
      };
    }
    if (status === 400 || status === 422)
      return { kind: 'failed', httpStatus: status, message: 'The LMS refused this grade. Check that the student is still enrolled as a student in the course, then retry.' };
    if (status === 401 || status === 403)
      return { kind: 'failed', httpStatus: status, message: 'The LMS did not allow Inkwell to send grades. Ask your LMS administrator to check the tool’s grade permissions, then retry.' };
    if (status === 404) return { kind: 'failed', httpStatus: status, message: 'The LMS gradebook column for this assignment no longer exists.' };
    if (status === 409) return { kind: 'failed', httpStatus: status, message: 'The LMS already has a newer grade for this student.' };
    return { kind: 'failed', httpStatus: status, message: `The LMS refused the grade (error ${status}).` };
  }
  return { kind: 'retry', message: 'Inkwell could not send the grade. It will try again.' };
}

/** Kept for callers that only need the words (authoring's gradebook column update). */
export function describePassbackFailure(error: unknown): { status: 'failed' | 'unavailable'; message: string; httpStatus?: number } {
  const verdict = judgeFailure(error);
  return { status: verdict.kind === 'unavailable' ? 'unavailable' : 'failed', message: verdict.message, httpStatus: verdict.httpStatus };
}

/** Exponential back-off with jitter, or what the platform asked for. */
export function nextDelayMs(attempts: number, retryAfterSeconds: number | undefined, random = Math.random): number {
  const { baseDelayMs, maxDelayMs } = passbackSettings();
  // The platform's own request wins, within reason (an hour).
  if (retryAfterSeconds !== undefined) return Math.min(retryAfterSeconds * 1000, 3600_000);
  const exponential = Math.min(baseDelayMs * 2 ** Math.max(0, attempts - 1), maxDelayMs);
  return Math.round(exponential * (0.5 + random()));
}

function newJob(submission: SubmissionSummary, kind: JobKind, id: string, gradeId?: string): PassbackJob {
  const now = new Date();
  return {
    id,
    submissionId: submission.id,
    assignmentId: submission.assignmentId,
    kind,
    ...(gradeId ? { gradeId } : {}),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
  };
}

/** Queues "needs grading" for a submitted revision. */
export async function queueSubmissionNotice(submission: SubmissionSummary): Promise<void> {
  if (await insertJob(newJob(submission, 'submission', `${submission.id}:submission:${submission.revision}`))) countPassbackQueued('submission');
}

/** Queues the current released grade; `retry` makes a fresh job after a failure. */
/** The id of the first job that delivers a grade (a retry's id adds a suffix). */
function gradeJobId(submissionId: string, gradeId: string): string {
  return `${submissionId}:grade:${gradeId}`;
}

export async function queueGrade(submission: SubmissionSummary, options: { retry?: boolean } = {}): Promise<void> {
  const grade = submission.grade;
  if (!grade?.released) return;
  const suffix = options.retry ? `:retry-${randomBytes(3).toString('hex')}` : '';
  if (await insertJob(newJob(submission, 'grade', `${gradeJobId(submission.id, grade.gradeId)}${suffix}`, grade.gradeId))) countPassbackQueued('grade');
}

/**
 * The gradebook comment of a grade, summarised with the rubric it was given with (`null` when that
 * version is lost: the grade still goes out, with the overall comment and its own total).
 */
function commentFor(rubric: Rubric | null, grade: StoredGrade): string {
  if (rubric) {
    try {
      return summariseGradeForLms(rubric, grade);
    } catch (error) {
      if (!(error instanceof RubricMismatchError)) throw error;
    }
  }
  const overall = grade.overallComment.trim().slice(0, LMS_SUMMARY_MAX_CHARS - 40);
  return `${overall === '' ? '' : `${overall}\n\n`}Total: ${grade.total}/${grade.max}`;
}

function scoreFor(job: PassbackJob, assignment: Assignment, submission: Submission, gradeRubric: Rubric | null, timestamp: Date): Score | null {
  // What the LMS shows beside the score (Canvas: the submission, in SpeedGrader).
  const extensions = lmsProfile(assignment.platformFamily).gradebook.scoreExtensions({
    newSubmission: job.kind === 'submission',
    ...(job.kind === 'submission' ? { text: submission.text } : {}),
    submittedAt: (submission.submittedAt ?? timestamp).toISOString(),
  });
  if (job.kind === 'submission') {
    return {
      userId: submission.userId,
      activityProgress: 'Submitted',
      gradingProgress: 'PendingManual',
      timestamp: timestamp.toISOString(),
      ...extensions,
    };
  }
  const grade = submission.grade;
  if (!grade) return null;
  return {
    userId: submission.userId,
    scoreGiven: grade.total,
    scoreMaximum: grade.max,
    // Score and comment come from the grade and the rubric version it was given with, never the current rubric.
    comment: commentFor(gradeRubric, grade),
    activityProgress: 'Completed',
    // Moodle counts scoreGiven only when FullyGraded.
    gradingProgress: 'FullyGraded',
    timestamp: timestamp.toISOString(),
    ...extensions,
  };
}

/**
 * Whether the job still says what the LMS should end with. Only the newest
 * released grade matters; a submission notice never follows a released grade.
 */
function stillCurrent(job: PassbackJob, submission: SubmissionSummary): boolean {
  const grade = submission.grade;
  if (job.kind === 'submission') return !grade?.released;
  return Boolean(grade?.released && grade.gradeId === job.gradeId);
}

/** Posts a score, refreshing the access token once when the platform answers 401. */
async function postWithFreshToken(assignment: Assignment, lineItemUrl: string, score: Score, tokens: AccessTokenSource) {
  try {
    await postScore(tokens, lineItemUrl, score);
  } catch (error) {
    if (!(error instanceof AgsRequestError) || error.platformStatus !== 401) throw error;
    await forgetAccessTokens(assignment.platformIssuer, assignment.clientId);
    await postScore(accessTokenSource(assignment.platformIssuer, assignment.clientId), lineItemUrl, score);
  }
}

export type DeliveryOutcome = 'sent' | 'superseded' | 'retry' | 'failed' | 'unavailable' | 'late';

/**
 * Delivers one job; the caller holds its slot. Re-checks after reserving the
 * timestamp that no newer grade appeared, so an older grade can never reach
 * the LMS after a newer one.
 * @param sendBy The latest moment the score may be posted so that the post and its record end within
 *   the caller's slot. Past it (a slow database got in the way), nothing is sent and the job stays
 *   as it was ('late'): the next slot's holder, perhaps in another process, makes the attempt instead,
 *   which it could not safely do while this one might still be sending.
 */
export async function deliverJob(job: PassbackJob, now = new Date(), sendBy?: Date): Promise<DeliveryOutcome> {
  const [submission, assignment] = await Promise.all([findSubmissionById(job.submissionId), findAssignmentById(job.assignmentId)]);
  if (!submission || !assignment || !stillCurrent(job, submission)) {
    await updateJob(job, { status: 'superseded', leaseUntil: undefined });
    return 'superseded';
  }
  const attempts = job.attempts + 1;
  try {
    const tokens = accessTokenSource(assignment.platformIssuer, assignment.clientId);
    const lineItemUrl = await lineItemUrlOf(assignment, tokens);
    const timestamp = await reserveScoreTimestamp(toObjectId(submission.id)!, now);
    const latest = await findSubmissionById(job.submissionId);
    const gradeRubric = latest?.grade ? await findRubricOfGrade(assignment, latest.grade) : null;
    const score = latest && stillCurrent(job, latest) ? scoreFor(job, assignment, latest, gradeRubric, timestamp) : null;
    if (!score) {
      await updateJob(job, { status: 'superseded', attempts, leaseUntil: undefined });
      return 'superseded';
    }
    if (sendBy && Date.now() > sendBy.getTime()) {
      log().warn({ job: job.id, attempt: attempts }, '[passback] too little of the delivery window left; the next window sends it');
      return 'late';
    }
    await postWithFreshToken(assignment, lineItemUrl, score, tokens);
    await updateJob(job, { status: 'sent', attempts, sentAt: new Date(), lastError: undefined, httpStatus: undefined, leaseUntil: undefined });
    return 'sent';
  } catch (error) {
    const verdict = judgeFailure(error);
    const { maxAttempts } = passbackSettings();
    const giveUp = verdict.kind === 'retry' && attempts >= maxAttempts;
    log().warn({
      job: job.id,
      attempt: attempts,
      verdict: verdict.kind,
      httpStatus: verdict.httpStatus,
      platformBody: error instanceof AgsRequestError ? error.platformBody?.slice(0, 200) : undefined,
    }, '[passback] not delivered');
    if (verdict.kind === 'retry' && !giveUp) {
      await updateJob(job, {
        attempts,
        nextAttemptAt: new Date(Date.now() + nextDelayMs(attempts, verdict.retryAfterSeconds)),
        lastError: verdict.message,
        httpStatus: verdict.httpStatus,
        leaseUntil: undefined,
      });
      return 'retry';
    }
    const message = giveUp ? `Inkwell gave up after ${attempts} attempts: ${verdict.message.replace(' Inkwell will try again.', '')}` : verdict.message;
    await updateJob(job, {
      status: verdict.kind === 'unavailable' ? 'unavailable' : 'failed',
      attempts,
      lastError: message,
      httpStatus: verdict.httpStatus,
      leaseUntil: undefined,
    });
    if (verdict.kind !== 'unavailable') {
      reportProblem({ kind: 'passback', message: `${assignment.contextTitle ?? assignment.contextId}: ${message}`, issuer: assignment.platformIssuer });
    }
    return verdict.kind === 'unavailable' ? 'unavailable' : 'failed';
  }
}

export type SyncState = 'not-released' | 'queued' | 'sending' | 'retrying' | 'sent' | 'failed' | 'unavailable';

/** What the instructor sees about one student's grade in the LMS gradebook. */
export interface SyncStatus {
  state: SyncState;
  message: string;
  at?: Date;
  attempts?: number;
}

/**
 * The sync status of one submission's current grade, reading only what it needs: nothing for a
 * draft (syncStatusOf consults no job for it), the grade's first job by `_id` when that one was
 * delivered (the first delivered job is the answer, and it is the oldest of the grade's jobs), and
 * every job of the submission otherwise (retries carry ids of their own). On the embedded database
 * a query by submission reads every job of every assignment; a look-up by `_id` reads one.
 */
export async function gradeSyncOf(submission: SubmissionSummary, now = new Date()): Promise<SyncStatus | undefined> {
  const grade = submission.grade;
  if (!grade?.released) return syncStatusOf(submission, [], now);
  const first = await findJob(gradeJobId(submission.id, grade.gradeId));
  if (first?.status === 'sent' && first.kind === 'grade' && first.gradeId === grade.gradeId) return syncStatusOf(submission, [first], now);
  return syncStatusOf(submission, await findJobsOfSubmission(submission.id), now);
}

/** The sync status of a submission's current grade, from its jobs. */
export function syncStatusOf(submission: { grade?: Pick<StoredGrade, 'released' | 'gradeId'> }, jobs: PassbackJob[], now = new Date()): SyncStatus | undefined {
  const grade = submission.grade;
  if (!grade) return undefined;
  if (!grade.released) return { state: 'not-released', message: 'Not released: the student and the LMS do not see it yet.' };
  const mine = jobs.filter((j) => j.kind === 'grade' && j.gradeId === grade.gradeId);
  const sent = mine.find((j) => j.status === 'sent');
  if (sent) return { state: 'sent', message: 'In the LMS gradebook.', at: sent.sentAt };
  const job = mine.at(-1);
  if (!job) return { state: 'queued', message: 'Waiting to be sent.' };
  if (job.status === 'failed') return { state: 'failed', message: job.lastError ?? 'Not sent.', at: job.updatedAt, attempts: job.attempts };
  if (job.status === 'unavailable') return { state: 'unavailable', message: job.lastError ?? 'This link cannot receive grades.' };
  if (job.status === 'superseded') return { state: 'queued', message: 'Waiting to be sent.' };
  if (job.leaseUntil && job.leaseUntil > now) return { state: 'sending', message: 'Sending to the LMS…' };
  if (job.attempts > 0) {
    return { state: 'retrying', message: `${job.lastError ?? 'Not sent yet.'} Next try ${job.nextAttemptAt.toISOString()}.`, at: job.nextAttemptAt, attempts: job.attempts };
  }
  return { state: 'queued', message: 'Waiting to be sent.' };
}
