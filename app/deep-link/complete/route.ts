/** After editing a placement in the picker flow: answer the LMS with it. */
import { completeDeepLink } from '../../../services/deep-linking';
import { readSession } from '../../../services/sessions';
import { autoSubmitFormPage } from '../../_lib/auto-submit-form';
import { problemResponse } from '../problem-response';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  try {
    const form = await request.formData();
    const session = await readSession(String(form.get('session') ?? ''));
    const answer = await completeDeepLink(session, String(form.get('assignmentId') ?? ''));
    return autoSubmitFormPage(request, answer.returnUrl, { JWT: answer.jwt }, 'Adding the assignment to your course');
  } catch (error) {
    return problemResponse(error);
  }
}
