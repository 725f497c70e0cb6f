import { NotFoundError } from '../../../../../domain/errors';
import { getEssayRevision } from '../../../../../services/essays';
import { errorResponse } from '../../../../_lib/http-errors';
import { sessionOf } from '../../../../_lib/request';

export const dynamic = 'force-dynamic';

/** One kept version of the student's essay, with its text. */
export async function GET(request: Request, context: { params: Promise<{ revision: string }> }): Promise<Response> {
  try {
    const session = await sessionOf(request);
    const { revision } = await context.params;
    if (!/^[1-9][0-9]{0,8}$/.test(revision)) throw new NotFoundError('That version of your essay could not be found.');
    const found = await getEssayRevision(session, Number(revision));
    return Response.json(found, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
