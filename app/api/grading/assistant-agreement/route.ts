import { assistantAgreement } from '../../../../services/assistant';
import { errorResponse } from '../../../_lib/http-errors';
import { sessionOf } from '../../../_lib/request';

export const dynamic = 'force-dynamic';

/** How far the instructor's chosen levels agree with the assistant's suggestions, per criterion and overall. */
export async function GET(request: Request): Promise<Response> {
  try {
    return Response.json(await assistantAgreement(await sessionOf(request)), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
