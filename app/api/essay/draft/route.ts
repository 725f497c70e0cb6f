import { z } from 'zod';
import { RateLimitedError } from '../../../../domain/errors';
import { getStudentEssay, saveDraft } from '../../../../services/essays';
import { takeAutosaveToken } from '../../../../services/rate-limits';
import { errorResponse } from '../../../_lib/http-errors';
import { clientIpOf, parseJsonBody, sessionOf } from '../../../_lib/request';

export const dynamic = 'force-dynamic';

const draftSchema = z.object({
  text: z.string(),
  baseRevision: z.number().int().nonnegative(),
});

/** The student's current saved draft, e.g. after a conflict with another tab. */
export async function GET(request: Request): Promise<Response> {
  try {
    const { submission } = await getStudentEssay(await sessionOf(request));
    return Response.json(
      { text: submission.text, revision: submission.revision, status: submission.status, savedAt: submission.updatedAt },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}

/** Autosave: stores the text if it is based on the latest revision. */
export async function PUT(request: Request): Promise<Response> {
  try {
    const session = await sessionOf(request);
    const wait = takeAutosaveToken(JSON.stringify([session.platformIssuer, session.userId]), clientIpOf(request));
    if (wait > 0) throw new RateLimitedError(wait);
    const input = await parseJsonBody(request, draftSchema);
    const saved = await saveDraft(session, input);
    return Response.json(saved, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
