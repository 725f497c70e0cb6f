import { bearerTokenOf, issueTicket } from '../../../../services/sessions';
import { errorResponse } from '../../../_lib/http-errors';

export const dynamic = 'force-dynamic';

/** A one-time ticket for opening another Inkwell page with this session (links never carry the session). */
export async function POST(request: Request): Promise<Response> {
  try {
    const ticket = await issueTicket(bearerTokenOf(request.headers.get('authorization')));
    return Response.json({ ticket }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
