// Expected classroom outcomes, as classes with the context a caller needs (the revision a save
// conflicted with, the criteria a grade is missing). Their codes, statuses and the sentences people
// see are in the one catalogue, errors/catalogue.ts; mapping to a response happens once per kind of
// answer (app/_lib/http-errors.ts for JSON, server/ for the launch pages), not here.
import { InkwellError, type InkwellErrorOptions } from '../errors/catalogue';

export { InkwellError, isInkwellError, type InkwellErrorCode, type InkwellErrorOptions } from '../errors/catalogue';

export class EssayIncompleteError extends InkwellError {
  override name = 'EssayIncompleteError';
  constructor(message?: string, options?: InkwellErrorOptions) {
    super('ESSAY_INCOMPLETE', message, options);
  }
}

export class EssayTooLongError extends InkwellError {
  override name = 'EssayTooLongError';
  constructor(message?: string, options?: InkwellErrorOptions) {
    super('ESSAY_TOO_LONG', message, options);
  }
}

export class SubmissionClosedError extends InkwellError {
  override name = 'SubmissionClosedError';
  constructor(
    message?: string,
    options?: InkwellErrorOptions,
  ) {
    super('SUBMISSION_CLOSED', message, options);
  }
}

export class EditConflictError extends InkwellError {
  override name = 'EditConflictError';
  /** The revision now stored, so the client can reload it before saving again. */
  readonly currentRevision: number;

  constructor(
    currentRevision: number,
    message?: string,
    options?: InkwellErrorOptions,
  ) {
    super('EDIT_CONFLICT', message, options);
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
    message?: string,
    options?: InkwellErrorOptions,
  ) {
    super('GRADE_CONFLICT', message, options);
    this.currentGrade = currentGrade;
  }
}

export class RubricMismatchError extends InkwellError {
  override name = 'RubricMismatchError';
  constructor(
    message?: string,
    options?: InkwellErrorOptions,
  ) {
    super('RUBRIC_MISMATCH', message, options);
  }
}

export class GradeIncompleteError extends InkwellError {
  override name = 'GradeIncompleteError';
  readonly missingCriterionIds: readonly string[];

  constructor(
    missingCriterionIds: readonly string[],
    message?: string,
    options?: InkwellErrorOptions,
  ) {
    super('GRADE_INCOMPLETE', message, options);
    this.missingCriterionIds = [...missingCriterionIds];
  }
}

export class NotFoundError extends InkwellError {
  override name = 'NotFoundError';
  constructor(message?: string, options?: InkwellErrorOptions) {
    super('NOT_FOUND', message, options);
  }
}

export class ForbiddenError extends InkwellError {
  override name = 'ForbiddenError';
  constructor(message?: string, options?: InkwellErrorOptions) {
    super('FORBIDDEN', message, options);
  }
}

export interface InvalidInputErrorOptions extends InkwellErrorOptions {
  /** Keyed by form field name, so the form can show each message beside its field. */
  fieldErrors?: Record<string, string>;
}

export class InvalidInputError extends InkwellError {
  override name = 'InvalidInputError';
  readonly fieldErrors?: Readonly<Record<string, string>>;

  constructor(message?: string, options: InvalidInputErrorOptions = {}) {
    super('INVALID_INPUT', message, options);
    this.fieldErrors = options.fieldErrors && { ...options.fieldErrors };
  }
}

/** Too many requests in a short time (autosave, launches); the client may try again later. */
export class RateLimitedError extends InkwellError {
  override name = 'RateLimitedError';
  /** Seconds to wait before trying again. */
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, message?: string) {
    super('RATE_LIMITED', message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Releasing grades while anonymous grading still hides the students' names: the instructor
 * reveals the names first, or confirms that grades go out while names stay hidden.
 */
export class NamesHiddenError extends InkwellError {
  override name = 'NamesHiddenError';
  constructor(message?: string, options?: InkwellErrorOptions) {
    super('NAMES_HIDDEN', message, options);
  }
}
