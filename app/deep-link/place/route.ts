/**
 * The picker's form: place the built-in unit or a course assignment as it is
 * (answer the LMS at once), or make a copy and open the editor first.
 * The session travels as a form field (a bearer token, never a cookie, so
 * another site cannot forge this post); the editor is opened with a one-time
 * ticket, never the session, in its URL.
 */
import { completeDeepLink, createPlacement } from '../../../services/deep-linking';
import { issueTicket, readSession, withTicket } from '../../../services/sessions';
import { autoSubmitFormPage } from '../../_lib/auto-submit-form';
import { problemResponse } from '../problem-response';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  try {
    const form = await request.formData();
    const token = String(form.get('session') ?? '');
    const session = await readSession(token);
    const source = String(form.get('source') ?? 'builtin');
    const placement = await createPlacement(session, source === 'builtin' ? 'builtin' : source);
    if (form.get('then') === 'edit') {
      const location = withTicket(`/assignments/${placement.id}/edit?placing=1`, await issueTicket(token));
      return new Response(null, { status: 303, headers: { Location: location } });
    }
    const answer = await completeDeepLink(session, placement.id);
    return autoSubmitFormPage(request, answer.returnUrl, { JWT: answer.jwt }, 'Adding the assignment to your course');
  } catch (error) {
    return problemResponse(error);
  }
}
