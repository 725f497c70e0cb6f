import { z } from 'zod';
import { gradeCriterion } from '../../../../../../../services/criterion-grading';
import { errorResponse } from '../../../../../../_lib/http-errors';
import { parseJsonBody, sessionOf } from '../../../../../../_lib/request';

export const dynamic = 'force-dynamic';

const idSchema = z.string().regex(/^[a-z0-9-]{1,64}$/i);
const criterionChoiceSchema = z.object({
  /** null clears the criterion's level. */
  levelId: idSchema.nullable(),
  /** Absent leaves the criterion's comment as it is; empty removes it. */
  comment: z.string().optional(),
  /** The grade version the grader opened (0: none yet); another grader's newer save is a conflict. */
  baseVersion: z.number().int().nonnegative(),
  /** The essay revision the grader read; a newer one is a conflict. */
  revision: z.number().int().nonnegative().optional(),
});

/** Saves one criterion of a submission's grade (grade by criterion), keeping every other criterion as stored. */
export async function PUT(request: Request, context: { params: Promise<{ submissionId: string; criterionId: string }> }): Promise<Response> {
  try {
    const session = await sessionOf(request);
    const { submissionId, criterionId } = await context.params;
    const input = await parseJsonBody(request, criterionChoiceSchema);
    const { submission } = await gradeCriterion(session, submissionId, {
      criterionId,
      levelId: input.levelId,
      ...(input.comment === undefined ? {} : { comment: input.comment }),
      baseVersion: input.baseVersion,
      ...(input.revision === undefined ? {} : { revision: input.revision }),
    });
    const grade = submission.grade;
    return Response.json({
      version: grade?.version,
      total: grade?.total,
      max: grade?.max,
      released: grade?.released,
      levelId: grade && Object.hasOwn(grade.selections, criterionId) ? grade.selections[criterionId] : null,
      criteriaGraded: grade ? Object.keys(grade.selections).length : 0,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
