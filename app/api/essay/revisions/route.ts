import { listEssayHistory } from '../../../../services/essays';
import { errorResponse } from '../../../_lib/http-errors';
import { sessionOf } from '../../../_lib/request';

export const dynamic = 'force-dynamic';

/** The student's kept versions of their essay, newest first, without their texts. */
export async function GET(request: Request): Promise<Response> {
  try {
    const revisions = await listEssayHistory(await sessionOf(request));
    return Response.json({ revisions }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
