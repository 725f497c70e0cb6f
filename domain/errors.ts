// Expected domain outcomes. Each error knows its HTTP status and carries a message that is
// safe to show the student or instructor; anything only a developer needs goes in `detail`.
// Mapping to a response happens once, in the app's error mapper, not here.

export type InkwellErrorCode =
  | 'ESSAY_INCOMPLETE'
  | 'ESSAY_TOO_LONG'
  | 'SUBMISSION_CLOSED'
  | 'EDIT_CONFLICT'
  | 'GRADE_CONFLICT'
  | 'RUBRIC_MISMATCH'
  | 'GRADE_INCOMPLETE'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'INVALID_INPUT'
  | 'LAUNCH_INVALID'
  | 'SESSION_INVALID'
  | 'AGS_UNAVAILABLE'
  | 'RATE_LIMITED';

export interface InkwellErrorOptions {
  /** For the logs only; never sent to the browser. */
  detail?: string;
  cause?: unknown;
}

// Next bundles server code separately from a custom server, so one process can hold two
// copies of this class and `instanceof` alone would miss errors from the other copy.
const INKWELL_ERROR_BRAND = Symbol.for('inkwell.error');

export class InkwellError extends Error {
  override name = 'InkwellError';
  readonly code: InkwellErrorCode;
  readonly status: number;
  readonly expose: boolean;
  readonly detail?: string;

  constructor(code: InkwellErrorCode, status: number, message: string, options: InkwellErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = status;
    this.expose = status < 500;
    this.detail = options.detail;
    Object.defineProperty(this, INKWELL_ERROR_BRAND, { value: true });
  }
}

export function isInkwellError(error: unknown): error is InkwellError {
  if (error instanceof InkwellError) return true;
  return typeof error === 'object' && error !== null && INKWELL_ERROR_BRAND in error;
}

export class EssayIncompleteError extends InkwellError {
  override name = 'EssayIncompleteError';
  constructor(message = 'Your essay is not ready to submit yet.', options?: InkwellErrorOptions) {
    super('ESSAY_INCOMPLETE', 422, message, options);
  }
}

export class EssayTooLongError extends InkwellError {
  override name = 'EssayTooLongError';
  constructor(message = 'Your essay is too long. Please shorten it and try again.', options?: InkwellErrorOptions) {
    super('ESSAY_TOO_LONG', 413, message, options);
  }
}

export class SubmissionClosedError extends InkwellError {
  override name = 'SubmissionClosedError';
  constructor(
    message = 'This essay has already been submitted and can no longer be changed.',
    options?: InkwellErrorOptions,
  ) {
    super('SUBMISSION_CLOSED', 409, message, options);
  }
}

export class EditConflictError extends InkwellError {
  override name = 'EditConflictError';
  /** The revision now stored, so the client can reload it before saving again. */
  readonly currentRevision: number;

  constructor(
    currentRevision: number,
    message = 'This essay was changed in another window or tab. Reload it to see the latest version before saving.',
    options?: InkwellErrorOptions,
  ) {
    super('EDIT_CONFLICT', 409, message, options);
    this.currentRevision = currentRevision;
  }
}

/** The grade another grader saved, as a grader whose save was refused is shown it. */
export interface GradeConflictChoices {
  version: number;
  selections: Record<string, string>;
  criterionComments: Record<string, string>;
  overallComment: string;
  total: number;
  max: number;
  released: boolean;
  gradedAt: string;
  gradedByName?: string;
}

/** A grade save based on a version that is no longer the latest: nothing was overwritten. */
export class GradeConflictError extends InkwellError {
  override name = 'GradeConflictError';
  /** The grade now stored, so the grader can compare before deciding. */
  readonly currentGrade: GradeConflictChoices | null;

  constructor(
    currentGrade: GradeConflictChoices | null,
    message = 'Someone else saved a grade for this essay after you opened it. Your changes were not saved, and theirs were not replaced.',
    options?: InkwellErrorOptions,
  ) {
    super('GRADE_CONFLICT', 409, message, options);
    this.currentGrade = currentGrade;
  }
}

export class RubricMismatchError extends InkwellError {
  override name = 'RubricMismatchError';
  constructor(
    message = 'The grade does not match the current rubric. Reload the page and grade again.',
    options?: InkwellErrorOptions,
  ) {
    super('RUBRIC_MISMATCH', 422, message, options);
  }
}

export class GradeIncompleteError extends InkwellError {
  override name = 'GradeIncompleteError';
  readonly missingCriterionIds: readonly string[];

  constructor(
    missingCriterionIds: readonly string[],
    message = 'Choose a level for every rubric criterion before saving the grade.',
    options?: InkwellErrorOptions,
  ) {
    super('GRADE_INCOMPLETE', 422, message, options);
    this.missingCriterionIds = [...missingCriterionIds];
  }
}

export class NotFoundError extends InkwellError {
  override name = 'NotFoundError';
  constructor(message = 'We could not find what you were looking for.', options?: InkwellErrorOptions) {
    super('NOT_FOUND', 404, message, options);
  }
}

export class ForbiddenError extends InkwellError {
  override name = 'ForbiddenError';
  constructor(message = 'You do not have permission to do that.', options?: InkwellErrorOptions) {
    super('FORBIDDEN', 403, message, options);
  }
}

export interface InvalidInputErrorOptions extends InkwellErrorOptions {
  /** Keyed by form field name, so the form can show each message beside its field. */
  fieldErrors?: Record<string, string>;
}

export class InvalidInputError extends InkwellError {
  override name = 'InvalidInputError';
  readonly fieldErrors?: Readonly<Record<string, string>>;

  constructor(message = 'Some of the information you entered needs fixing.', options: InvalidInputErrorOptions = {}) {
    super('INVALID_INPUT', 422, message, options);
    this.fieldErrors = options.fieldErrors && { ...options.fieldErrors };
  }
}

/** Too many requests in a short time (autosave, launches); the client may try again later. */
export class RateLimitedError extends InkwellError {
  override name = 'RateLimitedError';
  /** Seconds to wait before trying again. */
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, message = 'Inkwell is receiving too many requests from you. Your text is kept on this page; saving resumes in a moment.') {
    super('RATE_LIMITED', 429, message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
