import { releaseAllGrades } from '../../../../services/grading';
import { errorResponse } from '../../../_lib/http-errors';
import { sessionOf } from '../../../_lib/request';

export const dynamic = 'force-dynamic';

/** Releases every graded submission of the assignment. */
export async function POST(request: Request): Promise<Response> {
  try {
    return Response.json(await releaseAllGrades(await sessionOf(request)));
  } catch (error) {
    return errorResponse(error);
  }
}
