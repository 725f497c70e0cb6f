import { assistSubmission } from '../../../../../../services/assistant';
import { errorResponse } from '../../../../../_lib/http-errors';
import { sessionOf } from '../../../../../_lib/request';

export const dynamic = 'force-dynamic';

/** The rubric assistant's suggested levels, evidence and fact-sheet flags for one essay (instructors only). */
export async function GET(request: Request, context: { params: Promise<{ submissionId: string }> }): Promise<Response> {
  try {
    const { submissionId } = await context.params;
    const assistance = await assistSubmission(await sessionOf(request), submissionId);
    return Response.json(assistance, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
