import { z } from 'zod';
import { gradeSubmission } from '../../../../../../services/grading';
import { errorResponse } from '../../../../../_lib/http-errors';
import { parseJsonBody, sessionOf } from '../../../../../_lib/request';

export const dynamic = 'force-dynamic';

const idSchema = z.string().regex(/^[a-z0-9-]{1,64}$/i);
const gradeSchema = z.object({
  selections: z.record(idSchema, idSchema),
  criterionComments: z.record(idSchema, z.string()),
  overallComment: z.string(),
  /** false saves a draft the student and the LMS do not see yet. */
  release: z.boolean().default(true),
  /** The grade version the grader opened (0: none yet); another grader's newer save is a conflict. */
  baseVersion: z.number().int().nonnegative().default(0),
  /** The essay revision the grader read; a newer one is a conflict. */
  revision: z.number().int().nonnegative().optional(),
  /** Confirms releasing while anonymous grading hides the names (else 409 NAMES_HIDDEN). */
  releaseWhileAnonymous: z.boolean().optional(),
});

export async function PUT(request: Request, context: { params: Promise<{ submissionId: string }> }): Promise<Response> {
  try {
    const session = await sessionOf(request);
    const { submissionId } = await context.params;
    const input = await parseJsonBody(request, gradeSchema);
    const { submission, sync } = await gradeSubmission(session, submissionId, input);
    return Response.json({
      total: submission.grade?.total,
      max: submission.grade?.max,
      gradedAt: submission.grade?.gradedAt,
      released: submission.grade?.released,
      version: submission.grade?.version,
      gradedRevision: submission.grade?.gradedRevision,
      sync,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
