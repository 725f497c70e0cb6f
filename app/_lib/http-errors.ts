/**
 * The one place where errors become JSON answers, through the error catalogue
 * (errors/catalogue.ts). An error whose entry is safe to show keeps its code and
 * message; an unsafe one answers its code with the catalogue's sentence and a
 * reference, its words going to the log; anything else is logged with a
 * reference and becomes a calm 500 that leaks nothing.
 */
import { randomUUID } from 'node:crypto';
import { describeError } from '../../errors/catalogue';
import type { GradeConflictChoices } from '../../domain/errors';
import { log } from '../../services/logger';

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

type Extras = Partial<Pick<ErrorBody, 'fieldErrors' | 'currentRevision' | 'missingCriterionIds' | 'currentGrade'>>;

export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  const described = describeError(error);
  if (described.expose) {
    const extra = error as Extras;
    const body: ErrorBody = { code: described.code, message: described.message };
    if (extra.fieldErrors) body.fieldErrors = extra.fieldErrors;
    if (typeof extra.currentRevision === 'number') body.currentRevision = extra.currentRevision;
    if (extra.missingCriterionIds) body.missingCriterionIds = extra.missingCriterionIds;
    if (extra.currentGrade !== undefined) body.currentGrade = extra.currentGrade;
    if (described.logDetail) log().info(`[http] ${described.code}: ${described.logDetail}`);
    return { status: described.status, body };
  }
  const reference = randomUUID().slice(0, 8);
  if (described.expected) {
    log().warn(`[http] ${described.code} ref=${reference}: ${described.logDetail ?? '(no detail)'}`);
  } else {
    // The stack only: driver errors carry the documents or keys involved, which may hold personal data.
    log().error(`[http] unexpected error ref=${reference}: ${error instanceof Error ? (error.stack ?? error.message) : typeof error}`);
  }
  return { status: described.status, body: { code: described.code, message: described.message, reference } };
}

export function errorResponse(error: unknown): Response {
  const { status, body } = toErrorBody(error);
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  const retryAfter = (error as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  if (status === 429 && typeof retryAfter === 'number') headers['Retry-After'] = String(retryAfter);
  return Response.json(body, { status, headers });
}
