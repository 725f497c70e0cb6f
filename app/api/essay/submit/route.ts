import { z } from 'zod';
import { submitEssay } from '../../../../services/essays';
import { errorResponse } from '../../../_lib/http-errors';
import { parseJsonBody, sessionOf } from '../../../_lib/request';

export const dynamic = 'force-dynamic';

const submitSchema = z.object({ revision: z.number().int().nonnegative() });

export async function POST(request: Request): Promise<Response> {
  try {
    const session = await sessionOf(request);
    const input = await parseJsonBody(request, submitSchema);
    const submission = await submitEssay(session, input);
    return Response.json({ status: submission.status, submittedAt: submission.submittedAt, revision: submission.revision });
  } catch (error) {
    return errorResponse(error);
  }
}
