import { z } from 'zod';
import { MAX_COMMENT_CHARS } from '../../../../../../domain/grade';
import { returnForRevision } from '../../../../../../services/grading';
import { errorResponse } from '../../../../../_lib/http-errors';
import { parseJsonBody, sessionOf } from '../../../../../_lib/request';

export const dynamic = 'force-dynamic';

const returnSchema = z.object({
  /** What the student should change; shown to them above their essay. */
  note: z.string().trim().min(1, 'Write a note telling the student what to revise.').max(MAX_COMMENT_CHARS),
  /** The essay revision the instructor read; a newer one is a conflict. */
  revision: z.number().int().nonnegative().optional(),
});

/** Returns a submitted essay to the student for revision, with a note. */
export async function POST(request: Request, context: { params: Promise<{ submissionId: string }> }): Promise<Response> {
  try {
    const session = await sessionOf(request);
    const { submissionId } = await context.params;
    const input = await parseJsonBody(request, returnSchema);
    const lifecycle = await returnForRevision(session, submissionId, input);
    return Response.json({ state: lifecycle.state });
  } catch (error) {
    return errorResponse(error);
  }
}
