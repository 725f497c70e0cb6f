import { z } from 'zod';
import { MAX_COMMENT_CHARS } from '../../../../../../domain/grade';
import { MAX_QUOTE_CHARS } from '../../../../../../domain/inline-comments';
import { addInlineComment, getInlineComments } from '../../../../../../services/inline-comments';
import { errorResponse } from '../../../../../_lib/http-errors';
import { parseJsonBody, sessionOf } from '../../../../../_lib/request';

export const dynamic = 'force-dynamic';

const idSchema = z.string().regex(/^[a-z0-9-]{1,64}$/i);
// Shape only; whether the passage is really in the essay is the domain's check (domain/inline-comments.ts).
const newCommentSchema = z.object({
  /** The essay revision the instructor selected in. */
  revision: z.number().int().nonnegative(),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  quote: z.string().min(1).max(MAX_QUOTE_CHARS * 2),
  text: z.string().max(MAX_COMMENT_CHARS * 2),
  criterionId: idSchema.nullable().optional(),
});

/** The inline comments on one submission (every revision), for its instructors. */
export async function GET(request: Request, context: { params: Promise<{ submissionId: string }> }): Promise<Response> {
  try {
    const session = await sessionOf(request);
    const { submissionId } = await context.params;
    const comments = await getInlineComments(session, submissionId);
    return Response.json({ comments }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Comments on a passage of the essay's latest submitted revision. */
export async function POST(request: Request, context: { params: Promise<{ submissionId: string }> }): Promise<Response> {
  try {
    const session = await sessionOf(request);
    const { submissionId } = await context.params;
    const input = await parseJsonBody(request, newCommentSchema);
    const comment = await addInlineComment(session, submissionId, input);
    return Response.json({ comment }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
