/**
 * Checks shared by every AGS and NRPS request, in the order a platform applies them: client
 * identification, then the bearer token, then the URL shape the platform handed out.
 */
import type { IncomingMessage } from 'node:http';
import type { Problem } from './http';
import type { PlatformState } from './state';
import { checkBearer } from './token';

export function checkServiceRequest(
  state: PlatformState,
  req: IncomingMessage,
  url: URL,
  options: { anyOfScopes: readonly string[]; requireMoodleTypeId: boolean },
): Problem | null {
  const { flavour } = state.config;
  // Canvas refuses API calls without a User-Agent (LTI_NOTES.md, "Canvas").
  if (flavour === 'canvas' && !(req.headers['user-agent'] ?? '').trim()) {
    return { status: 400, message: 'a User-Agent header is required' };
  }
  const bearer = checkBearer(state, req, options.anyOfScopes);
  if (bearer) return bearer;
  // Moodle's AGS URLs carry ?type_id=N; a tool that drops it when appending /scores breaks.
  if (flavour === 'moodle' && options.requireMoodleTypeId && url.searchParams.get('type_id') !== '1') {
    return { status: 400, message: 'missing type_id query parameter (keep the line item URL query)' };
  }
  return null;
}
