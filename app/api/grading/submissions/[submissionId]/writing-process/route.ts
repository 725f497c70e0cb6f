import { getWritingProcess } from '../../../../../../services/writing-process';
import { errorResponse } from '../../../../../_lib/http-errors';
import { sessionOf } from '../../../../../_lib/request';

export const dynamic = 'force-dynamic';

/**
 * How the essay was written (sessions, time spent, large additions, words over time), for the
 * submission's instructors only: statistics of the saves, never the text.
 */
export async function GET(request: Request, context: { params: Promise<{ submissionId: string }> }): Promise<Response> {
  try {
    const { submissionId } = await context.params;
    const process = await getWritingProcess(await sessionOf(request), submissionId);
    return Response.json(process, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
