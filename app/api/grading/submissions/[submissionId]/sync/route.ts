import { getGradeSync } from '../../../../../../services/grading';
import { errorResponse } from '../../../../../_lib/http-errors';
import { sessionOf } from '../../../../../_lib/request';

export const dynamic = 'force-dynamic';

/** Where this student's grade stands with the LMS gradebook (the grading view polls it after a save). */
export async function GET(request: Request, context: { params: Promise<{ submissionId: string }> }): Promise<Response> {
  try {
    const { submissionId } = await context.params;
    const sync = await getGradeSync(await sessionOf(request), submissionId);
    return Response.json({ sync: sync ?? null }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
