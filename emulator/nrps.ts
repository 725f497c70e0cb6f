/**
 * Names and Role Provisioning Services: the course roster as a membership container.
 * @see https://www.imsglobal.org/spec/lti-nrps/v2p0#membership-container-media-type
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MEDIA_TYPE, SCOPE } from './constants';
import { sendJson, sendProblem } from './http';
import { checkServiceRequest } from './service-checks';
import type { PlatformState } from './state';

const LIS_MEMBERSHIP = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';

function hasRole(roles: string[], wanted: string): boolean {
  // `role` may be a full URI or a short name such as `Learner`.
  const full = wanted.includes(':') ? wanted : `${LIS_MEMBERSHIP}${wanted}`;
  return roles.some((role) => role === full || role === wanted);
}

export function handleMemberships(
  state: PlatformState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  contextId: string,
): void {
  const problem = checkServiceRequest(state, req, url, {
    anyOfScopes: [SCOPE.nrps],
    requireMoodleTypeId: false,
  });
  if (problem) return sendProblem(res, problem);
  if (req.method !== 'GET') return sendProblem(res, { status: 405, message: 'use GET' });
  const course = state.courses.get(contextId);
  if (!course) return sendProblem(res, { status: 404, message: `no course "${contextId}"` });

  const role = url.searchParams.get('role');
  const members = [...course.members.values()]
    .filter((user) => role === null || hasRole(user.roles, role))
    .map((user) => ({
      status: 'Active',
      user_id: user.sub,
      name: user.name,
      given_name: user.givenName,
      family_name: user.familyName,
      email: user.email,
      roles: [...user.roles],
    }));
  sendJson(
    res,
    200,
    {
      id: `${state.config.baseUrl}${url.pathname}${url.search}`,
      context: { ...course.context },
      members,
    },
    MEDIA_TYPE.membershipContainer,
  );
}
