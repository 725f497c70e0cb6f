/**
 * The editor's only requests: load the assignment as the editor edits it
 * (GET /api/assignments/:id) and save a draft (PUT). Each answer is turned
 * into a plain result here, so nothing else in the editor knows about HTTP or
 * how the session travels (session-client.ts adds it and renews it).
 */
import type { AssignmentDraft } from '../../../../domain/assignment';
import { sessionFetch } from '../../../_lib/session-client';

export interface LoadedAssignment {
  draft: AssignmentDraft;
  rubricVersion: number;
  hasGrades: boolean;
}

export type SaveResult =
  | { kind: 'offline' }
  /** 422 with field errors, keyed by the draft's paths. */
  | { kind: 'invalid'; fieldErrors: Record<string, string> }
  | { kind: 'failed'; message: string }
  | {
      kind: 'saved';
      rubricVersion?: number;
      newRubricVersion: boolean;
      gradebook?: { status?: string; message?: string };
    };

function urlOf(assignmentId: string): string {
  return `/api/assignments/${encodeURIComponent(assignmentId)}`;
}

/** The assignment as saved now, or null when it cannot be read. */
export async function loadAssignment(assignmentId: string): Promise<LoadedAssignment | null> {
  const response = await sessionFetch(urlOf(assignmentId), { cache: 'no-store' }).catch(() => null);
  if (!response?.ok) return null;
  const body = (await response.json().catch(() => null)) as Partial<LoadedAssignment> | null;
  if (!body?.draft || typeof body.rubricVersion !== 'number') return null;
  return { draft: body.draft, rubricVersion: body.rubricVersion, hasGrades: body.hasGrades === true };
}

export async function saveAssignment(assignmentId: string, draft: AssignmentDraft): Promise<SaveResult> {
  const response = await sessionFetch(urlOf(assignmentId), {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(draft),
  }).catch(() => null);
  if (!response) return { kind: 'offline' };
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  const fieldErrors = body?.fieldErrors as Record<string, string> | undefined;
  if (response.status === 422 && fieldErrors && Object.keys(fieldErrors).length > 0) return { kind: 'invalid', fieldErrors };
  if (!response.ok) {
    return { kind: 'failed', message: typeof body?.message === 'string' ? body.message : 'The assignment could not be saved. Please try again.' };
  }
  return {
    kind: 'saved',
    rubricVersion: typeof body?.rubricVersion === 'number' ? body.rubricVersion : undefined,
    newRubricVersion: body?.newRubricVersion === true,
    gradebook: body?.gradebook as { status?: string; message?: string } | undefined,
  };
}
