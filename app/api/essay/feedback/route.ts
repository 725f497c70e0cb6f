import { getReleasedFeedback } from '../../../../services/feedback';
import { errorResponse } from '../../../_lib/http-errors';
import { sessionOf } from '../../../_lib/request';

export const dynamic = 'force-dynamic';

/** The student's released feedback (rubric, levels, comments, inline comments); `null` until released. */
export async function GET(request: Request): Promise<Response> {
  try {
    const feedback = await getReleasedFeedback(await sessionOf(request));
    return Response.json({ feedback }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
