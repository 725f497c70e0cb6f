import { getCommentBank, saveToCommentBank } from '../../../../services/comment-bank';
import { errorResponse } from '../../../_lib/http-errors';
import { parseJsonBody, sessionOf } from '../../../_lib/request';
import { bankEntrySchema } from './schema';

export const dynamic = 'force-dynamic';

/** The instructor's own saved comments for this course, then the unit's starter comments. */
export async function GET(request: Request): Promise<Response> {
  try {
    const entries = await getCommentBank(await sessionOf(request));
    return Response.json({ entries }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request): Promise<Response> {
  try {
    const session = await sessionOf(request);
    const input = await parseJsonBody(request, bankEntrySchema);
    const entry = await saveToCommentBank(session, input);
    return Response.json({ entry }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
