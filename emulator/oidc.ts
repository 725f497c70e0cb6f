/**
 * The platform half of the LTI 1.3 launch: third-party login initiation (an auto-submitting form
 * to the tool's /lti/login) and the OIDC authorization endpoint that answers with a signed
 * id_token, an LtiResourceLinkRequest or (for a pending deep linking request, see
 * deep-linking.ts) an LtiDeepLinkingRequest. A launch runs as the built-in client (URLs derived
 * from `toolBaseUrl`) or as a client created by dynamic registration (its own login URL, redirect
 * URIs and deployment). It does not validate anything the tool does afterwards.
 * @see https://www.imsglobal.org/spec/security/v1p0/#openid_connect_launch_flow
 * @see https://www.imsglobal.org/spec/lti/v1p3/#required-message-claims
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLAIM, CONTEXT_TYPE_COURSE_OFFERING, MESSAGE_TYPE, SCOPE } from './constants';
import { renderAutoSubmitForm, renderErrorPage } from './html';
import { isFormBody, parseForm, readBody, sendHtml } from './http';
import { signJwt, type PlatformKeys } from './keys';
import { PLATFORM_STORAGE_TARGET } from './platform-storage';
import {
  PlatformInputError,
  type LaunchClient,
  type PendingLaunch,
  type PlatformState,
} from './state';
import type { JwtClaims, JwtHeader, LaunchRequest, LoginInitiation, SignWith } from './types';

const ID_TOKEN_LIFETIME_S = 5 * 60;

/** The fields an LMS posts to the tool's login initiation URL. */
export function startLogin(state: PlatformState, request: LaunchRequest): LoginInitiation {
  const pending = state.createPendingLaunch(request);
  const client = state.clientFor(pending);
  const link = state.findResourceLink(pending.resourceLinkId);
  return {
    loginUrl: client.loginUrl,
    formFields: loginFields(state, client, pending, link?.url ?? client.targetLinkUri),
  };
}

export function loginFields(
  state: PlatformState,
  client: LaunchClient,
  pending: PendingLaunch,
  targetLinkUri: string,
): Record<string, string> {
  return {
    iss: state.config.baseUrl,
    login_hint: pending.loginHint,
    target_link_uri: targetLinkUri,
    lti_message_hint: pending.messageHint,
    client_id: client.clientId,
    lti_deployment_id: pending.deploymentId,
    ...(state.platformStorage ? { lti_storage_target: PLATFORM_STORAGE_TARGET } : {}),
  };
}

export function launchUrl(state: PlatformState, request: LaunchRequest): string {
  // Fail early in the test that asked, not later inside the browser.
  const link = state.findResourceLink(request.resourceLinkId);
  if (!link) throw new PlatformInputError(`unknown resource link "${request.resourceLinkId}"`);
  const course = state.getCourse(request.contextId ?? link.contextId);
  if (!course.members.has(request.userId)) {
    throw new PlatformInputError(`user "${request.userId}" is not a member of "${course.context.id}"`);
  }
  state.clientFor(request);
  const params = new URLSearchParams({
    user_id: request.userId,
    resource_link_id: request.resourceLinkId,
  });
  if (request.contextId) params.set('context_id', request.contextId);
  if (request.clientId !== undefined) params.set('client_id', request.clientId);
  if (request.deploymentId !== undefined) params.set('deployment_id', request.deploymentId);
  return `${state.config.baseUrl}/launch?${params.toString()}`;
}

/** GET /launch: what happens when someone clicks the assignment link in the LMS. */
export function handleLaunchPage(state: PlatformState, url: URL, res: ServerResponse): void {
  const userId = url.searchParams.get('user_id') ?? '';
  const resourceLinkId = url.searchParams.get('resource_link_id') ?? '';
  const contextId = url.searchParams.get('context_id') ?? undefined;
  const clientId = url.searchParams.get('client_id') ?? undefined;
  const deploymentId = url.searchParams.get('deployment_id') ?? undefined;
  let login: LoginInitiation;
  try {
    login = startLogin(state, { userId, resourceLinkId, contextId, clientId, deploymentId });
  } catch (error) {
    if (!(error instanceof PlatformInputError)) throw error;
    sendHtml(res, 400, renderErrorPage('Cannot launch this activity', error.message));
    return;
  }
  sendHtml(
    res,
    200,
    renderAutoSubmitForm({
      title: 'Opening Inkwell…',
      message: 'The demo LMS is sending you to the tool.',
      action: login.loginUrl,
      fields: login.formFields,
    }),
  );
}

/**
 * The claims of an LtiResourceLinkRequest for this user and link, before any tampering. For a
 * registered client, `aud`/`azp` are its id and the AGS and NRPS claims only offer the scopes it
 * registered. The link's `custom` parameters are the custom claim; its `url`, if any, the target.
 */
export function buildLaunchClaims(
  state: PlatformState,
  launch: {
    userId: string;
    resourceLinkId: string;
    contextId?: string;
    clientId?: string;
    deploymentId?: string;
    nonce: string;
  },
): JwtClaims {
  const client = state.clientFor(launch);
  const link = state.findResourceLink(launch.resourceLinkId);
  if (!link) throw new PlatformInputError(`unknown resource link "${launch.resourceLinkId}"`);
  const course = state.getCourse(launch.contextId ?? link.contextId);
  const lineItem = link.lineItemId ? course.lineItems.get(link.lineItemId) : undefined;
  const claims = buildCommonClaims(state, {
    client,
    contextId: course.context.id,
    userId: launch.userId,
    deploymentId: launch.deploymentId,
    nonce: launch.nonce,
    messageType: MESSAGE_TYPE.resourceLink,
    targetLinkUri: link.url ?? client.targetLinkUri,
  });
  claims[CLAIM.resourceLink] = { id: link.id, title: link.title };
  claims[CLAIM.custom] = { ...link.custom };
  const ags = claims[CLAIM.ags] as Record<string, unknown> | undefined;
  if (ags && lineItem) ags.lineitem = state.lineItemUrl(lineItem);
  return claims;
}

/**
 * What every launch from this platform carries, whatever its message type: identity, LTI
 * version, context, roles, platform, presentation, an empty custom claim, AGS (`lineitems` and
 * the scopes the client may use, no `lineitem`) and NRPS.
 */
export function buildCommonClaims(
  state: PlatformState,
  launch: {
    client: LaunchClient;
    contextId: string;
    userId: string;
    deploymentId?: string;
    nonce: string;
    messageType: string;
    targetLinkUri: string;
  },
): JwtClaims {
  const { config } = state;
  const { client } = launch;
  const course = state.getCourse(launch.contextId);
  const user = course.members.get(launch.userId);
  if (!user) throw new PlatformInputError(`user "${launch.userId}" is not a member`);
  const now = Math.floor(Date.now() / 1000);
  const offers = (scope: string) => client.scopes === null || client.scopes.includes(scope);
  const agsScopes = [SCOPE.lineItem, SCOPE.lineItemReadonly, SCOPE.resultReadonly, SCOPE.score].filter(
    // The built-in client keeps the claim it always had: lineitem, result.readonly, score.
    (scope) => (client.scopes === null ? scope !== SCOPE.lineItemReadonly : offers(scope)),
  );

  const claims: JwtClaims = {
    iss: config.baseUrl,
    aud: client.clientId,
    azp: client.clientId,
    sub: user.sub,
    exp: now + ID_TOKEN_LIFETIME_S,
    iat: now,
    nonce: launch.nonce,
    [CLAIM.deploymentId]: launch.deploymentId ?? client.deploymentId,
    [CLAIM.messageType]: launch.messageType,
    [CLAIM.version]: '1.3.0',
    [CLAIM.targetLinkUri]: launch.targetLinkUri,
    [CLAIM.roles]: [...user.roles],
    [CLAIM.context]: { ...course.context, type: [CONTEXT_TYPE_COURSE_OFFERING] },
    [CLAIM.toolPlatform]: {
      guid: `inkwell-demo-lms-${config.flavour}`,
      name: 'Inkwell Demo LMS',
      product_family_code: config.flavour,
    },
    [CLAIM.launchPresentation]: {
      document_target: 'iframe',
      return_url: `${config.baseUrl}/return`,
    },
    [CLAIM.custom]: {},
  };
  if (agsScopes.length > 0) {
    claims[CLAIM.ags] = { scope: agsScopes, lineitems: state.lineItemsUrl(course.context.id) };
  }
  if (offers(SCOPE.nrps)) {
    claims[CLAIM.nrps] = {
      context_memberships_url: state.membershipsUrl(course.context.id),
      service_versions: ['2.0'],
    };
  }
  if (user.name !== undefined) claims.name = user.name;
  if (user.givenName !== undefined) claims.given_name = user.givenName;
  if (user.familyName !== undefined) claims.family_name = user.familyName;
  if (user.email !== undefined) claims.email = user.email;
  return claims;
}

/**
 * The claims of an LtiDeepLinkingRequest for a recorded deep linking request, before any
 * tampering: the common claims (no resource link; AGS with `lineitems` only) plus the deep
 * linking settings and, for Canvas, the placement.
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-request-message
 */
export function buildDeepLinkingClaims(
  state: PlatformState,
  launch: { deepLinkingRequestId: string; nonce: string },
): JwtClaims {
  const request = state.deepLinkingRequests.get(launch.deepLinkingRequestId);
  if (!request) {
    throw new PlatformInputError(`unknown deep linking request "${launch.deepLinkingRequestId}"`);
  }
  const client = state.clientFor(request);
  const claims = buildCommonClaims(state, {
    client,
    contextId: request.contextId,
    userId: request.userId,
    deploymentId: request.deploymentId,
    nonce: launch.nonce,
    messageType: MESSAGE_TYPE.deepLinking,
    targetLinkUri: client.deepLinkingUrl,
  });
  claims[CLAIM.deepLinkingSettings] = structuredClone(request.settings);
  if (request.placement !== undefined) claims[CLAIM.canvasPlacement] = request.placement;
  return claims;
}

function checkAuthRequest(
  state: PlatformState,
  params: Record<string, string>,
): { pending: PendingLaunch } | { error: string } {
  const expect: Array<[string, string]> = [
    ['scope', 'openid'],
    ['response_type', 'id_token'],
    ['response_mode', 'form_post'],
    ['prompt', 'none'],
  ];
  for (const [name, value] of expect) {
    if (params[name] === undefined) return { error: `missing ${name}` };
    // scope is a space-separated list; it must contain openid.
    const ok =
      name === 'scope' ? params[name].split(/\s+/).includes(value) : params[name] === value;
    if (!ok) return { error: `${name} must be "${value}", got "${params[name]}"` };
  }
  for (const name of ['client_id', 'redirect_uri']) {
    if (params[name] === undefined) return { error: `missing ${name}` };
  }
  const client = state.findClient(params.client_id!);
  if (!client) {
    const known = state.registrations.size > 0 ? ' or a registered client' : '';
    return {
      error: `client_id must be "${state.config.clientId}"${known}, got "${params.client_id}"`,
    };
  }
  if (!client.redirectUris.includes(params.redirect_uri!)) {
    const expected =
      client.redirectUris.length === 1
        ? `"${client.redirectUris[0]}"`
        : `one of ${client.redirectUris.map((uri) => `"${uri}"`).join(', ')}`;
    return { error: `redirect_uri must be ${expected}, got "${params.redirect_uri}"` };
  }
  for (const name of ['nonce', 'state', 'login_hint', 'lti_message_hint']) {
    if (!params[name]) return { error: `missing ${name}` };
  }
  state.purgeExpired();
  const pending = state.pendingLaunches.get(params.lti_message_hint!);
  if (!pending) return { error: 'lti_message_hint does not match a pending launch' };
  if (pending.loginHint !== params.login_hint) {
    return { error: 'login_hint does not match the pending launch' };
  }
  if (pending.clientId !== client.clientId) {
    return { error: `client_id "${client.clientId}" does not match the pending launch` };
  }
  if (client.status !== 'active') {
    return {
      error: `the tool "${client.clientId}" is pending: an administrator must activate it before it can be launched`,
    };
  }
  return { pending };
}

/** GET or POST /auth: the OIDC authorization endpoint, answering with form_post. */
export async function handleAuth(
  state: PlatformState,
  keys: PlatformKeys,
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
): Promise<void> {
  let params: Record<string, string>;
  if (req.method === 'POST') {
    if (!isFormBody(req)) {
      refuse(state, res, 'the authorization request must be form-encoded');
      return;
    }
    params = parseForm(await readBody(req));
  } else {
    params = Object.fromEntries(url.searchParams);
  }
  const checked = checkAuthRequest(state, params);
  if ('error' in checked) {
    refuse(state, res, checked.error);
    return;
  }
  const { pending } = checked;
  // One id_token per login: a replayed authorization request is refused.
  state.pendingLaunches.delete(pending.messageHint);

  const nonce = params.nonce!;
  const { deepLinkingRequestId } = pending;
  const claims =
    deepLinkingRequestId === undefined
      ? buildLaunchClaims(state, { ...pending, nonce })
      : buildDeepLinkingClaims(state, { deepLinkingRequestId, nonce });
  const header: JwtHeader = { alg: 'RS256', typ: 'JWT', kid: keys.kid };
  const tampered = state.launchTamper
    ? await state.launchTamper(structuredClone(claims), { ...header })
    : { claims, header, signWith: 'platform' as SignWith };
  const idToken = await signJwt(keys, tampered.claims, tampered.header, tampered.signWith);
  state.issuedIdTokens.push({
    idToken,
    state: params.state!,
    redirectUri: params.redirect_uri!,
    header: tampered.header,
    claims: tampered.claims,
    userId: pending.userId,
    resourceLinkId: pending.resourceLinkId,
    clientId: pending.clientId,
    deploymentId: pending.deploymentId,
    messageType: deepLinkingRequestId === undefined ? MESSAGE_TYPE.resourceLink : MESSAGE_TYPE.deepLinking,
    ...(deepLinkingRequestId === undefined ? {} : { deepLinkingRequestId }),
  });
  sendHtml(
    res,
    200,
    renderAutoSubmitForm({
      title: 'Signing you in to Inkwell…',
      message: 'The demo LMS is passing your launch to the tool.',
      action: params.redirect_uri!,
      fields: { id_token: idToken, state: params.state! },
    }),
  );
}

function refuse(state: PlatformState, res: ServerResponse, reason: string): void {
  state.authErrors.push(reason);
  sendHtml(res, 400, renderErrorPage('Launch refused by the demo LMS', reason));
}
