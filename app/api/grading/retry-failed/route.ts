import { z } from 'zod';
import { retryFailedGrades } from '../../../../services/grading';
import { errorResponse } from '../../../_lib/http-errors';
import { parseJsonBody, sessionOf } from '../../../_lib/request';

export const dynamic = 'force-dynamic';

const retrySchema = z.object({ submissionId: z.string().regex(/^[a-f0-9]{24}$/).optional() });

/** Sends failed grades again: one student's, or all of the assignment's. */
export async function POST(request: Request): Promise<Response> {
  try {
    const session = await sessionOf(request);
    const { submissionId } = await parseJsonBody(request, retrySchema);
    return Response.json(await retryFailedGrades(session, submissionId));
  } catch (error) {
    return errorResponse(error);
  }
}
