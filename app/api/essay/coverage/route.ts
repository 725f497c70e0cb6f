import { z } from 'zod';
import { checkCoverage } from '../../../../services/assistant';
import { errorResponse } from '../../../_lib/http-errors';
import { parseJsonBody, sessionOf } from '../../../_lib/request';

export const dynamic = 'force-dynamic';

const coverageSchema = z.object({ text: z.string(), purpose: z.enum(['submit', 'writing']) });

/** Which guiding questions the student's text (as it is in the editor) appears to answer. Never a score. */
export async function POST(request: Request): Promise<Response> {
  try {
    const session = await sessionOf(request);
    const { text, purpose } = await parseJsonBody(request, coverageSchema);
    return Response.json({ questions: await checkCoverage(session, text, purpose) }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
