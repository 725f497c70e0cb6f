import { releaseGrade } from '../../../../../../services/grading';
import { errorResponse } from '../../../../../_lib/http-errors';
import { sessionOf } from '../../../../../_lib/request';

export const dynamic = 'force-dynamic';

/** Releases a draft grade to the student and the LMS gradebook. */
export async function POST(request: Request, context: { params: Promise<{ submissionId: string }> }): Promise<Response> {
  try {
    const { submissionId } = await context.params;
    return Response.json({ sync: (await releaseGrade(await sessionOf(request), submissionId)) ?? null });
  } catch (error) {
    return errorResponse(error);
  }
}
