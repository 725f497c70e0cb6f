/**
 * LTI Deep Linking 2.0, platform side: the instructor's "add an activity" that launches the tool
 * with an LtiDeepLinkingRequest, and the return endpoint where the tool posts its signed
 * LtiDeepLinkingResponse. Accepted `ltiResourceLink` items become resource links of the course;
 * a line item is created only for items that carry `lineItem` (Moodle's rule, and Canvas's when
 * it sent `accept_lineitem`). The id_token claims themselves are built in oidc.ts.
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { compactVerify, decodeJwt } from 'jose';
import { CLAIM, DEFAULT_CONTEXT_ID, MESSAGE_TYPE } from './constants';
import { escapeHtml, renderAutoSubmitForm, renderErrorPage, renderPage } from './html';
import { isFormBody, parseForm, readBody, sendHtml } from './http';
import { loginFields } from './oidc';
import {
  DEEP_LINKING_REQUEST_TTL_MS,
  PlatformInputError,
  randomToken,
  type LaunchClient,
  type PlatformState,
} from './state';
import type { ToolJwksCache } from './tool-jwks';
import type {
  DeepLinkingLaunchRequest,
  DeepLinkingPlacement,
  DeepLinkingRequestRecord,
  DeepLinkingSettings,
  DeepLinkResponseRecord,
  JwtClaims,
  LoginInitiation,
} from './types';

export const DEEP_LINKING_LAUNCH_PATH = '/deep_linking_launch';
export const DEEP_LINK_RETURN_PATH = '/deep_link_return';

const PLACEMENTS: readonly DeepLinkingPlacement[] = ['assignment_selection', 'link_selection'];
const RESOURCE_LINK_TYPE = 'ltiResourceLink';
/** Allowed clock difference for `iat`, as the brief for this platform sets it. */
const IAT_SKEW_S = 60;

// ---- the request --------------------------------------------------------------------------------

/** The course, user, client and placement a deep linking launch names, checked. */
function resolve(state: PlatformState, request: DeepLinkingLaunchRequest) {
  const client = state.clientFor(request);
  const contextId = request.contextId ?? DEFAULT_CONTEXT_ID;
  const course = state.getCourse(contextId);
  if (!course.members.has(request.userId)) {
    throw new PlatformInputError(`user "${request.userId}" is not a member of "${contextId}"`);
  }
  if (request.placement !== undefined && !PLACEMENTS.includes(request.placement)) {
    throw new PlatformInputError(
      `placement must be one of ${PLACEMENTS.join(', ')}, got "${String(request.placement)}"`,
    );
  }
  // Moodle has no placements; Canvas always says where the launch comes from.
  const placement =
    state.config.flavour === 'canvas' ? (request.placement ?? 'assignment_selection') : undefined;
  return { client, contextId, placement };
}

/** A platform URL that starts a deep linking launch in a browser (like `launchUrl`). */
export function deepLinkingLaunchUrl(state: PlatformState, request: DeepLinkingLaunchRequest): string {
  resolve(state, request); // fail in the test that asked, not later inside the browser
  const params = new URLSearchParams({ user_id: request.userId });
  if (request.contextId !== undefined) params.set('context_id', request.contextId);
  if (request.placement !== undefined) params.set('placement', request.placement);
  if (request.clientId !== undefined) params.set('client_id', request.clientId);
  if (request.deploymentId !== undefined) params.set('deployment_id', request.deploymentId);
  if (request.acceptMultiple !== undefined) params.set('accept_multiple', String(request.acceptMultiple));
  if (request.title !== undefined) params.set('title', request.title);
  if (request.text !== undefined) params.set('text', request.text);
  return `${state.config.baseUrl}${DEEP_LINKING_LAUNCH_PATH}?${params.toString()}`;
}

/**
 * Record a new deep linking request (its return URL, settings and opaque `data`) and a pending
 * login for it; return what the LMS posts to the tool's login initiation URL.
 */
export function startDeepLinkingLogin(
  state: PlatformState,
  request: DeepLinkingLaunchRequest,
): LoginInitiation {
  const { client, contextId, placement } = resolve(state, request);
  const id = randomToken(12);
  const canvas = state.config.flavour === 'canvas';
  const settings: DeepLinkingSettings = {
    deep_link_return_url: `${state.config.baseUrl}${DEEP_LINK_RETURN_PATH}?request=${encodeURIComponent(id)}`,
    accept_types: [RESOURCE_LINK_TYPE],
    accept_presentation_document_targets: ['iframe', 'window'],
    accept_multiple: request.acceptMultiple ?? false,
    auto_create: true,
    ...(canvas ? { accept_lineitem: true } : {}),
    ...(request.title !== undefined ? { title: request.title } : {}),
    ...(request.text !== undefined ? { text: request.text } : {}),
    data: randomToken(24),
  };
  const now = Date.now();
  const record: DeepLinkingRequestRecord = {
    id,
    clientId: client.clientId,
    deploymentId: request.deploymentId ?? client.deploymentId,
    userId: request.userId,
    contextId,
    ...(placement !== undefined ? { placement } : {}),
    settings,
    createdAt: new Date(now),
    expiresAt: new Date(now + DEEP_LINKING_REQUEST_TTL_MS),
  };
  state.deepLinkingRequests.set(id, record);
  const pending = state.createPendingDeepLinkingLaunch(record);
  return {
    loginUrl: client.loginUrl,
    formFields: loginFields(state, client, pending, client.deepLinkingUrl),
  };
}

/** GET /deep_linking_launch: the instructor's "Add Inkwell assignment" in the LMS. */
export function handleDeepLinkingLaunchPage(state: PlatformState, url: URL, res: ServerResponse): void {
  const param = (name: string) => url.searchParams.get(name) ?? undefined;
  const acceptMultiple = param('accept_multiple');
  let login: LoginInitiation;
  try {
    login = startDeepLinkingLogin(state, {
      userId: param('user_id') ?? '',
      contextId: param('context_id'),
      placement: param('placement') as DeepLinkingPlacement | undefined,
      clientId: param('client_id'),
      deploymentId: param('deployment_id'),
      acceptMultiple: acceptMultiple === undefined ? undefined : acceptMultiple === 'true',
      title: param('title'),
      text: param('text'),
    });
  } catch (error) {
    if (!(error instanceof PlatformInputError)) throw error;
    sendHtml(res, 400, renderErrorPage('Cannot add an activity', error.message));
    return;
  }
  sendHtml(
    res,
    200,
    renderAutoSubmitForm({
      title: 'Opening Inkwell…',
      message: 'The demo LMS is asking Inkwell for an activity to add to the course.',
      action: login.loginUrl,
      fields: login.formFields,
    }),
  );
}

// ---- the response -------------------------------------------------------------------------------

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const quote = (value: unknown) => JSON.stringify(value) ?? 'nothing';

/** An `ltiResourceLink` content item, checked. */
interface ResourceLinkItem {
  title?: string;
  text?: string;
  url?: string;
  custom?: Record<string, string>;
  lineItem?: { scoreMaximum: number; label?: string; resourceId?: string; tag?: string };
}

/** The claims every response must get right, in the order they are checked. */
function checkClaims(
  state: PlatformState,
  request: DeepLinkingRequestRecord,
  client: LaunchClient,
  claims: Json,
): string | null {
  const issuer = state.config.baseUrl;
  const now = Math.floor(Date.now() / 1000);
  if (claims.iss !== client.clientId) {
    return `iss must be the tool's client id "${client.clientId}", got ${quote(claims.iss)}`;
  }
  const { aud } = claims;
  if (!(aud === issuer || (Array.isArray(aud) && aud.includes(issuer)))) {
    return `aud must be the platform issuer "${issuer}" (or an array containing it), got ${quote(aud)}`;
  }
  if (typeof claims.exp !== 'number') return 'exp is missing (a NumericDate is required)';
  if (claims.exp <= now) return `the JWT has expired (exp ${claims.exp} is not after now, ${now})`;
  if (typeof claims.iat !== 'number') return 'iat is missing (a NumericDate is required)';
  if (claims.iat > now + IAT_SKEW_S) {
    return `iat is in the future (iat ${claims.iat}, now ${now}, allowed skew ${IAT_SKEW_S} s)`;
  }
  if (typeof claims.nonce !== 'string' || claims.nonce === '') return 'nonce is missing';
  const deployment = claims[CLAIM.deploymentId];
  if (deployment !== request.deploymentId) {
    return `deployment_id must be the request's "${request.deploymentId}", got ${quote(deployment)}`;
  }
  const messageType = claims[CLAIM.messageType];
  if (messageType !== MESSAGE_TYPE.deepLinkingResponse) {
    return `message_type must be "${MESSAGE_TYPE.deepLinkingResponse}", got ${quote(messageType)}`;
  }
  if (claims[CLAIM.version] !== '1.3.0') {
    return `version must be "1.3.0", got ${quote(claims[CLAIM.version])}`;
  }
  if (claims[CLAIM.data] !== request.settings.data) {
    return `data must echo the request's data exactly, got ${quote(claims[CLAIM.data])}`;
  }
  return null;
}

/** The content items as resource links to create, or why they are refused. */
function checkContentItems(
  request: DeepLinkingRequestRecord,
  claims: Json,
): { items: ResourceLinkItem[] } | { error: string } {
  // An absent claim is how a tool says "nothing selected" (as is an empty array).
  const raw = claims[CLAIM.contentItems] ?? [];
  if (!Array.isArray(raw)) return { error: 'content_items must be an array' };
  const { settings } = request;
  if (!settings.accept_multiple && raw.length > 1) {
    return {
      error: `the request did not accept multiple items (accept_multiple is false), got ${raw.length}`,
    };
  }
  const items: ResourceLinkItem[] = [];
  for (const [index, item] of raw.entries()) {
    const at = `content_items[${index}]`;
    if (!isObject(item) || typeof item.type !== 'string') return { error: `${at} needs a type` };
    if (!settings.accept_types.includes(item.type)) {
      return {
        error: `${at} has type "${item.type}", which the request did not accept (accept_types: ${settings.accept_types.join(', ')})`,
      };
    }
    const checked = checkResourceLinkItem(item, at);
    if ('error' in checked) return checked;
    items.push(checked.item);
  }
  return { items };
}

function checkResourceLinkItem(item: Json, at: string): { item: ResourceLinkItem } | { error: string } {
  const checked: ResourceLinkItem = {};
  for (const name of ['title', 'text', 'url'] as const) {
    const value = item[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') return { error: `${at}.${name} must be a string` };
    checked[name] = value;
  }
  if (checked.url !== undefined && !/^https?:\/\/[^/\s]/i.test(checked.url)) {
    return { error: `${at}.url must be an http(s) URL` };
  }
  if (item.custom !== undefined) {
    if (!isObject(item.custom)) return { error: `${at}.custom must be an object` };
    const custom: Record<string, string> = {};
    for (const [key, value] of Object.entries(item.custom)) {
      if (typeof value !== 'string') {
        return { error: `${at}.custom values must be strings (custom.${key} is ${quote(value)})` };
      }
      custom[key] = value;
    }
    checked.custom = custom;
  }
  if (item.lineItem !== undefined) {
    const { lineItem } = item;
    if (!isObject(lineItem)) return { error: `${at}.lineItem must be an object` };
    const { scoreMaximum } = lineItem;
    if (typeof scoreMaximum !== 'number' || !Number.isFinite(scoreMaximum) || scoreMaximum <= 0) {
      return { error: `${at}.lineItem.scoreMaximum must be a number greater than 0` };
    }
    checked.lineItem = { scoreMaximum };
    for (const name of ['label', 'resourceId', 'tag'] as const) {
      const value = lineItem[name];
      if (value === undefined) continue;
      if (typeof value !== 'string') return { error: `${at}.lineItem.${name} must be a string` };
      checked.lineItem[name] = value;
    }
  }
  return { item: checked };
}

function unverifiedClaims(jwt: string): JwtClaims | undefined {
  try {
    return decodeJwt(jwt);
  } catch {
    return undefined;
  }
}

/** POST /deep_link_return?request=<id>: the tool's auto-submitted `JWT`. Recorded first. */
export async function handleDeepLinkReturn(
  state: PlatformState,
  toolJwks: ToolJwksCache,
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
): Promise<void> {
  const record: DeepLinkResponseRecord = {
    requestId: url.searchParams.get('request') ?? '',
    receivedAt: new Date(),
    status: 0,
    accepted: false,
    resourceLinks: [],
    lineItems: [],
  };
  state.deepLinkResponses.push(record);
  const refuse = (reason: string): void => {
    record.status = 400;
    record.reason = reason;
    sendHtml(res, 400, renderErrorPage('Content not added', reason));
  };

  if (req.method !== 'POST') return refuse('the tool must POST its response (an auto-submitting form)');
  if (!isFormBody(req)) return refuse('the response must be a form post with a JWT field');
  const jwt = parseForm(await readBody(req)).JWT;
  if (!jwt) return refuse('missing the JWT form field');
  record.jwt = jwt;
  record.claims = unverifiedClaims(jwt);

  if (!record.requestId) return refuse('the return URL has lost its request parameter');
  const request = state.deepLinkingRequests.get(record.requestId);
  if (!request) return refuse(`unknown deep linking request "${record.requestId}"`);
  if (request.usedAt) {
    return refuse('this deep linking request was already used: its return URL accepts one response');
  }
  if (request.expiresAt.getTime() <= Date.now()) return refuse('this deep linking request has expired');
  const client = state.findClient(request.clientId);
  if (!client) return refuse(`the client "${request.clientId}" of this request no longer exists`);

  let claims: unknown;
  try {
    const { payload } = await compactVerify(jwt, toolJwks.keyResolver(client.jwksUri), {
      algorithms: ['RS256'],
    });
    claims = JSON.parse(new TextDecoder().decode(payload)) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return refuse(`the JWT does not verify against the tool's JWKS (${client.jwksUri}): ${reason}`);
  }
  if (!isObject(claims)) return refuse('the JWT payload is not a JSON object');
  record.claims = claims;
  const problem = checkClaims(state, request, client, claims);
  if (problem) return refuse(problem);
  const checked = checkContentItems(request, claims);
  if ('error' in checked) return refuse(checked.error);

  request.usedAt = new Date();
  const createsLineItems = state.config.flavour === 'moodle' || request.settings.accept_lineitem === true;
  for (const item of checked.items) {
    const link = state.addResourceLink(request.contextId, {
      id: state.newResourceLinkId('rl-dl-'),
      title: item.title?.trim() || 'Untitled activity',
      withLineItem: false,
      ...(item.custom !== undefined ? { custom: item.custom } : {}),
      ...(item.url !== undefined ? { url: item.url } : {}),
      ...(item.text !== undefined ? { text: item.text } : {}),
    });
    link.deepLinkingRequestId = request.id;
    record.resourceLinks.push(link);
    // Moodle creates a grade item only for an item with lineItem; Canvas, when it offered one.
    if (item.lineItem && createsLineItems) {
      const { scoreMaximum, label, resourceId, tag } = item.lineItem;
      const lineItem = state.createLineItem(request.contextId, {
        label: label?.trim() || link.title,
        scoreMaximum,
        resourceLinkId: link.id,
        ...(resourceId !== undefined ? { resourceId } : {}),
        ...(tag !== undefined ? { tag } : {}),
      });
      record.lineItems.push(lineItem);
    }
  }
  record.status = 200;
  record.accepted = true;
  sendHtml(res, 200, renderContentAddedPage(state, request, record, claims));
}

function messageClaim(claims: Json, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/** What the instructor sees in the frame once the LMS has taken the tool's answer. */
function renderContentAddedPage(
  state: PlatformState,
  request: DeepLinkingRequestRecord,
  record: DeepLinkResponseRecord,
  claims: Json,
): string {
  const course = state.getCourse(request.contextId);
  const added = record.resourceLinks.length;
  const title = added > 0 ? 'Content added' : 'Nothing added';
  const items = record.resourceLinks
    .map((link) => {
      const lineItem = link.lineItemId ? course.lineItems.get(link.lineItemId) : undefined;
      const grading = lineItem
        ? `graded, out of ${escapeHtml(lineItem.scoreMaximum)} (a gradebook column was created)`
        : 'not graded (no gradebook column)';
      return `<li><strong>${escapeHtml(link.title)}</strong>: ${grading}</li>`;
    })
    .join('\n');
  const summary =
    added > 0
      ? `<p>The demo LMS added ${added === 1 ? 'this activity' : `these ${added} activities`} to ${escapeHtml(course.context.label)}:</p>
<ul>
${items}
</ul>`
      : '<p>The tool returned no content, so the course is unchanged.</p>';
  const msg = messageClaim(claims, CLAIM.msg);
  const errorMsg = messageClaim(claims, CLAIM.errorMsg);
  const notes = [
    msg ? `<p>Message from the tool: ${escapeHtml(msg)}</p>` : '',
    errorMsg ? `<p role="alert">The tool reported an error: ${escapeHtml(errorMsg)}</p>` : '',
  ].join('');
  const back = state.config.demo
    ? '<p><a class="button" href="/" target="_top">Back to the course</a></p>'
    : '';
  return renderPage({
    title: `${title} — Demo LMS`,
    body: `<main id="main">
<h1>${title}</h1>
${notes}${summary}
${back}
</main>`,
  });
}
