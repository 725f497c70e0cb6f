import { bearerTokenOf, renewSession } from '../../../../services/sessions';
import { errorResponse } from '../../../_lib/http-errors';

export const dynamic = 'force-dynamic';

/** A fresh token for a session in use: the page calls this while someone works in it. */
export async function POST(request: Request): Promise<Response> {
  try {
    const issued = await renewSession(bearerTokenOf(request.headers.get('authorization')));
    return Response.json(issued, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
