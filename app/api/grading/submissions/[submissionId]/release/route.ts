import { z } from 'zod';
import { releaseGrade } from '../../../../../../services/grading';
import { errorResponse } from '../../../../../_lib/http-errors';
import { parseJsonBody, sessionOf } from '../../../../../_lib/request';

export const dynamic = 'force-dynamic';

/** The grade version the instructor saw, when known: a newer one is not released unseen. */
const releaseSchema = z.object({
  baseVersion: z.number().int().nonnegative().optional(),
  /** Confirms releasing while anonymous grading hides the names (else 409 NAMES_HIDDEN). */
  releaseWhileAnonymous: z.boolean().optional(),
});

/** Releases a draft grade to the student and the LMS gradebook. */
export async function POST(request: Request, context: { params: Promise<{ submissionId: string }> }): Promise<Response> {
  try {
    const session = await sessionOf(request);
    const { submissionId } = await context.params;
    const hasBody = request.body !== null && request.headers.get('content-length') !== '0';
    const { baseVersion, releaseWhileAnonymous } = hasBody ? await parseJsonBody(request, releaseSchema) : {};
    return Response.json({ sync: (await releaseGrade(session, submissionId, baseVersion, { releaseWhileAnonymous })) ?? null });
  } catch (error) {
    return errorResponse(error);
  }
}
