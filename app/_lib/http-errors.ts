/**
 * The one place where errors become HTTP answers. Expected errors
 * (InkwellError with expose) keep their code and message; anything else is
 * logged with a reference and becomes a calm 500 that leaks nothing.
 */
import { randomUUID } from 'node:crypto';
import { isInkwellError, type GradeConflictChoices, type InkwellError } from '../../domain/errors';

export interface ErrorBody {
  code: string;
  message: string;
  reference?: string;
  fieldErrors?: Record<string, string>;
  currentRevision?: number;
  missingCriterionIds?: string[];
  /** With GRADE_CONFLICT: the grade another grader saved (null when it was removed). */
  currentGrade?: GradeConflictChoices | null;
}

export const GENERIC_FAILURE_MESSAGE = 'Something went wrong. Your work is saved; please try again.';

export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (isInkwellError(error) && error.expose) {
    const extra = error as InkwellError & Partial<Pick<ErrorBody, 'fieldErrors' | 'currentRevision' | 'missingCriterionIds' | 'currentGrade'>>;
    const body: ErrorBody = { code: error.code, message: error.message };
    if (extra.fieldErrors) body.fieldErrors = extra.fieldErrors;
    if (typeof extra.currentRevision === 'number') body.currentRevision = extra.currentRevision;
    if (extra.missingCriterionIds) body.missingCriterionIds = extra.missingCriterionIds;
    if (extra.currentGrade !== undefined) body.currentGrade = extra.currentGrade;
    if (error.detail) console.info(`[http] ${error.code}: ${error.detail}`);
    return { status: error.status, body };
  }
  const reference = randomUUID().slice(0, 8);
  // The stack only: driver errors carry the documents or keys involved, which may hold personal data.
  console.error(`[http] unexpected error ref=${reference}: ${error instanceof Error ? (error.stack ?? error.message) : typeof error}`);
  return { status: 500, body: { code: 'INTERNAL', message: GENERIC_FAILURE_MESSAGE, reference } };
}

export function errorResponse(error: unknown): Response {
  const { status, body } = toErrorBody(error);
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  const retryAfter = (error as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  if (status === 429 && typeof retryAfter === 'number') headers['Retry-After'] = String(retryAfter);
  return Response.json(body, { status, headers });
}
