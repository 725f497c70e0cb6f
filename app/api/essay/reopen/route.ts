import { reopenEssay } from '../../../../services/essays';
import { errorResponse } from '../../../_lib/http-errors';
import { sessionOf } from '../../../_lib/request';

export const dynamic = 'force-dynamic';

/** Reopens a submitted essay for changes, when the assignment allows resubmission before the due date. */
export async function POST(request: Request): Promise<Response> {
  try {
    const submission = await reopenEssay(await sessionOf(request));
    return Response.json({ status: submission.status, revision: submission.revision });
  } catch (error) {
    return errorResponse(error);
  }
}
