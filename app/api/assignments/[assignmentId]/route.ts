import { getAssignmentForEditing, updateAssignment, ASSIGNMENT_LIMITS, type AssignmentDraft } from '../../../../services/authoring';
import { errorResponse } from '../../../_lib/http-errors';
import { parseJsonBody, sessionOf } from '../../../_lib/request';
import { assignmentDraftSchema } from '../../../_lib/assignment-draft-schema';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ assignmentId: string }> };

/** The assignment as the editor edits it. */
export async function GET(request: Request, context: Context): Promise<Response> {
  try {
    const { assignmentId } = await context.params;
    const { assignment, draft, hasGrades } = await getAssignmentForEditing(await sessionOf(request), assignmentId);
    return Response.json(
      { draft, hasGrades, rubricVersion: assignment.rubricVersion, limits: ASSIGNMENT_LIMITS },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}

/** Saves the edited prompts, rubric and rules; 422 with fieldErrors when something needs fixing. */
export async function PUT(request: Request, context: Context): Promise<Response> {
  try {
    const { assignmentId } = await context.params;
    const session = await sessionOf(request);
    const draft: AssignmentDraft = await parseJsonBody(request, assignmentDraftSchema);
    const outcome = await updateAssignment(session, assignmentId, draft);
    return Response.json({
      rubricVersion: outcome.assignment.rubricVersion,
      newRubricVersion: outcome.newRubricVersion,
      gradebook: outcome.gradebook,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
