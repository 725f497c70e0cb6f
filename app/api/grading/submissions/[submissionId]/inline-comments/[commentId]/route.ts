import { z } from 'zod';
import { MAX_COMMENT_CHARS } from '../../../../../../../domain/grade';
import { deleteInlineComment, editInlineComment } from '../../../../../../../services/inline-comments';
import { errorResponse } from '../../../../../../_lib/http-errors';
import { parseJsonBody, sessionOf } from '../../../../../../_lib/request';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ submissionId: string; commentId: string }> };

const editSchema = z.object({
  text: z.string().max(MAX_COMMENT_CHARS * 2),
  /** null (or absent) unlinks the comment from any criterion. */
  criterionId: z.string().regex(/^[a-z0-9-]{1,64}$/i).nullable().optional(),
});

/** Changes a comment's words or criterion (its passage stays). */
export async function PATCH(request: Request, context: Params): Promise<Response> {
  try {
    const session = await sessionOf(request);
    const { submissionId, commentId } = await context.params;
    const input = await parseJsonBody(request, editSchema);
    const comment = await editInlineComment(session, submissionId, commentId, input);
    return Response.json({ comment });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(request: Request, context: Params): Promise<Response> {
  try {
    const session = await sessionOf(request);
    const { submissionId, commentId } = await context.params;
    await deleteInlineComment(session, submissionId, commentId);
    return Response.json({ deleted: true });
  } catch (error) {
    return errorResponse(error);
  }
}
