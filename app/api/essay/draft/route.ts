import { getStudentEssay } from '../../../../services/essays';
import { errorResponse } from '../../../_lib/http-errors';
import { sessionOf } from '../../../_lib/request';

export const dynamic = 'force-dynamic';

// The autosave itself (PUT) is served by the custom server before requests reach Next:
// server/autosave-route.ts, with the same schema (./schema.ts), checks and answers.

/** The student's current saved draft, e.g. after a conflict with another tab. */
export async function GET(request: Request): Promise<Response> {
  try {
    const { submission } = await getStudentEssay(await sessionOf(request));
    return Response.json(
      { text: submission.text, revision: submission.revision, status: submission.status, savedAt: submission.updatedAt },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
