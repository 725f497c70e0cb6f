import { z } from 'zod';
import { releaseAllGrades } from '../../../../services/grading';
import { errorResponse } from '../../../_lib/http-errors';
import { parseJsonBody, sessionOf } from '../../../_lib/request';

export const dynamic = 'force-dynamic';

/** Confirms releasing while anonymous grading hides the names (else 409 NAMES_HIDDEN). */
const releaseAllSchema = z.object({ releaseWhileAnonymous: z.boolean().optional() });

/** Releases every graded submission of the assignment (drafts with a criterion unchosen stay drafts). */
export async function POST(request: Request): Promise<Response> {
  try {
    const session = await sessionOf(request);
    const hasBody = request.body !== null && request.headers.get('content-length') !== '0';
    const { releaseWhileAnonymous } = hasBody ? await parseJsonBody(request, releaseAllSchema) : {};
    return Response.json(await releaseAllGrades(session, { releaseWhileAnonymous }));
  } catch (error) {
    return errorResponse(error);
  }
}
