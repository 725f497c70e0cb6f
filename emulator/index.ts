/**
 * A real-crypto LTI 1.3 platform (the LMS side) for Inkwell's integration tests, browser tests
 * and demo. It signs launches with its own RSA key, verifies the tool's client assertions against
 * the tool's JWKS, and records every grade the tool sends back. It is not a conformant LMS: only
 * what Inkwell talks to is implemented, with Canvas or Moodle quirks chosen by `flavour`. It also
 * plays the LMS in LTI Dynamic Registration and launches the clients registered that way.
 *
 * @example
 * const platform = await startPlatform({ toolBaseUrl: 'http://localhost:3000' });
 * const url = platform.launchUrl({ userId: 'student-ada', resourceLinkId: 'rl-essay-1' });
 * // … drive a browser to `url`, then:
 * platform.gradeFor('rl-essay-1', 'student-ada'); // { scoreGiven: 24, scoreMaximum: 32, … }
 *
 * // Dynamic registration: open this in the browser, let the tool register, then launch with it.
 * const registerUrl = platform.registrationLaunchUrl('http://localhost:3000/lti/register');
 * const { clientId } = platform.registrations.at(-1)!;
 * platform.activateTool(clientId); // Moodle flavour only: new tools start pending
 * platform.launchUrl({ userId: 'student-ada', resourceLinkId: 'rl-essay-1', clientId });
 *
 * // Deep linking: the instructor adds an activity; the tool posts its answer to the return URL.
 * const addUrl = platform.deepLinkingLaunchUrl({ userId: 'teacher-rivera' });
 * // … the tool posts its signed LtiDeepLinkingResponse, then:
 * const [link] = platform.deepLinkResponses.at(-1)!.resourceLinks; // e.g. rl-dl-1
 * await platform.close();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { routeAgs } from './ags';
import { DEFAULT_CONTEXT_ID, REGISTRATION, ROLE } from './constants';
import {
  DEEP_LINK_RETURN_PATH,
  DEEP_LINKING_LAUNCH_PATH,
  deepLinkingLaunchUrl,
  handleDeepLinkingLaunchPage,
  handleDeepLinkReturn,
  startDeepLinkingLogin,
} from './deep-linking';
import {
  renderDemoPage,
  renderFramePlaceholder,
  renderGradebookFragment,
  renderGradebookPage,
  renderReturnPage,
} from './demo-page';
import { renderErrorPage } from './html';
import { HttpError, sendHtml, sendJson, sendProblem, sleep } from './http';
import { createPlatformKeys, publicJwks, signJwt, type PlatformKeys } from './keys';
import { handleMemberships } from './nrps';
import { buildLaunchClaims, handleAuth, handleLaunchPage, launchUrl, startLogin } from './oidc';
import {
  createRegistrationToken,
  handleOpenidConfiguration,
  handleRegistration,
  openidConfigurationUrl,
  registrationEndpointUrl,
  registrationLaunchUrl,
  servedOpenidConfiguration,
} from './registration';
import { PLATFORM_STORAGE_PATH, renderStorageFrame } from './platform-storage';
import { REGISTRATION_DIALOG_PATH, registrationDialogUrl, renderRegistrationDialog } from './registration-dialog';
import { PlatformInputError, PlatformState } from './state';
import { authorizationServer, handleToken, tokenEndpointUrl } from './token';
import { ToolJwksCache } from './tool-jwks';
import type {
  Context,
  DeepLinkingLaunchRequest,
  DeepLinkingRequestRecord,
  DeepLinkResponseRecord,
  FailureMode,
  Flavour,
  GradebookEntry,
  IssuedIdToken,
  JwtClaims,
  LaunchRequest,
  LaunchTamper,
  LineItem,
  LoginInitiation,
  OpenIdConfigurationOverride,
  PlatformUser,
  ReceivedScore,
  RegistrationRequestRecord,
  RegistrationTokenOptions,
  RequestLogEntry,
  ResourceLink,
  StartPlatformOptions,
  ToolRegistration,
} from './types';

export { CLAIM, MEDIA_TYPE, MESSAGE_TYPE, REGISTRATION, ROLE, SCOPE } from './constants';
export { validateRegistration } from './registration';
export { escapeHtml, parseAutoSubmitForm, type ParsedForm } from './html';
export { PlatformInputError } from './state';
export type * from './types';

export const DEFAULT_COURSE: Context = {
  id: DEFAULT_CONTEXT_ID,
  label: 'HIST 101',
  title: 'World History: Modern Europe',
};

export const DEFAULT_RESOURCE_LINK = {
  id: 'rl-essay-1',
  title: 'Unit essay: The Rise of Totalitarianism in Russia',
  scoreMaximum: 32,
} as const;

export const DEFAULT_MEMBERS: readonly PlatformUser[] = [
  {
    sub: 'student-ada',
    name: 'Ada Lovelace',
    givenName: 'Ada',
    familyName: 'Lovelace',
    email: 'ada.lovelace@example.edu',
    roles: [ROLE.learner],
  },
  {
    sub: 'student-ben',
    name: 'Ben Okafor',
    givenName: 'Ben',
    familyName: 'Okafor',
    email: 'ben.okafor@example.edu',
    roles: [ROLE.learner],
  },
  {
    sub: 'student-chen',
    name: 'Chen Wei',
    givenName: 'Wei',
    familyName: 'Chen',
    email: 'chen.wei@example.edu',
    roles: [ROLE.learner],
  },
  {
    sub: 'teacher-rivera',
    name: 'Maria Rivera',
    givenName: 'Maria',
    familyName: 'Rivera',
    email: 'maria.rivera@example.edu',
    roles: [ROLE.instructor],
  },
];

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/;

export class Platform {
  readonly issuer: string;
  readonly baseUrl: string;
  readonly clientId: string;
  readonly deploymentId: string;
  readonly flavour: Flavour;
  readonly toolBaseUrl: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly jwksUrl: string;
  /** `GET` serves the platform's OpenID configuration (dynamic registration step 1). */
  readonly openidConfigurationUrl: string;
  /** `POST` a client registration here with the registration token as Bearer. */
  readonly registrationEndpoint: string;
  /** Canvas flavour: the alternative client-assertion `aud` its configuration advertises. */
  readonly authorizationServer: string | undefined;
  /** kid of the published signing key. */
  readonly kid: string;
  readonly course: Context;

  /** @internal Use `startPlatform()`. */
  constructor(
    private readonly state: PlatformState,
    private readonly keys: PlatformKeys,
    private readonly server: Server,
  ) {
    const { config } = state;
    this.issuer = config.baseUrl;
    this.baseUrl = config.baseUrl;
    this.clientId = config.clientId;
    this.deploymentId = config.deploymentId;
    this.flavour = config.flavour;
    this.toolBaseUrl = config.toolBaseUrl;
    this.authorizationEndpoint = `${config.baseUrl}/auth`;
    this.tokenEndpoint = tokenEndpointUrl(state);
    this.jwksUrl = `${config.baseUrl}/jwks`;
    this.openidConfigurationUrl = openidConfigurationUrl(state);
    this.registrationEndpoint = registrationEndpointUrl(state);
    this.authorizationServer = authorizationServer(state);
    this.kid = keys.kid;
    this.course = state.getCourse(DEFAULT_CONTEXT_ID).context;
  }
  /** Arguments for Inkwell's operator CLI that register this platform as an admin would. */
  cliRegistrationArgs(name: string): string[] {
    return [
      'platform',
      'add',
      '--issuer',
      this.issuer,
      '--client-id',
      this.clientId,
      '--auth-endpoint',
      this.authorizationEndpoint,
      '--token-endpoint',
      this.tokenEndpoint,
      '--jwks-url',
      this.jwksUrl,
      '--name',
      name,
      '--deployment-id',
      this.deploymentId,
    ];
  }


  // ---- fixtures -------------------------------------------------------------------------

  /**
   * Add a resource link to a course (default: the demo course); `withLineItem` gives it a column.
   * `custom` becomes its launches' custom claim; `url` their target link URI (default: the
   * client's launch URL).
   */
  addResourceLink(link: {
    id: string;
    title: string;
    withLineItem: boolean;
    scoreMaximum?: number;
    contextId?: string;
    custom?: Record<string, string>;
    url?: string;
    text?: string;
  }): ResourceLink {
    return this.state.addResourceLink(link.contextId ?? DEFAULT_CONTEXT_ID, link);
  }

  /**
   * An LMS course copy: a new course with the same members, each resource link under a new id
   * (`rl-copy-N`; same title and custom parameters) and a new line item wherever the original
   * had one (same label, scoreMaximum, resourceId, tag). Grades stay behind.
   */
  copyCourse(fromContextId: string, toContext: Context): Context {
    return this.state.copyCourse(fromContextId, toContext).context;
  }

  /** Enrol (or re-enrol with new roles) a user in a course (default: the demo course). */
  addMember(user: PlatformUser, contextId: string = DEFAULT_CONTEXT_ID): PlatformUser {
    return this.state.addMember(contextId, user);
  }

  /** Create another course (context) with no members or links. */
  addCourse(context: Context): Context {
    return this.state.addCourse(context).context;
  }

  members(contextId: string = DEFAULT_CONTEXT_ID): PlatformUser[] {
    return [...this.state.getCourse(contextId).members.values()];
  }

  resourceLink(resourceLinkId: string): ResourceLink | undefined {
    return this.state.findResourceLink(resourceLinkId);
  }

  /** The course's resource links in the order they were added (live objects). */
  resourceLinks(contextId: string = DEFAULT_CONTEXT_ID): ResourceLink[] {
    return [...this.state.getCourse(contextId).resourceLinks.values()];
  }

  /** The line item the launch claim names for this link, if it has one. */
  lineItemFor(resourceLinkId: string): LineItem | undefined {
    const link = this.state.findResourceLink(resourceLinkId);
    if (!link?.lineItemId) return undefined;
    return this.state.getCourse(link.contextId).lineItems.get(link.lineItemId);
  }

  /**
   * A gradebook column made in the LMS itself (default: the demo course), e.g. one an instructor
   * added by hand (no `resourceLinkId`) or one another tool created (`tag`, `resourceId`).
   */
  addLineItem(
    fields: { label: string; scoreMaximum: number; resourceLinkId?: string; resourceId?: string; tag?: string },
    contextId: string = DEFAULT_CONTEXT_ID,
  ): LineItem {
    return this.state.createLineItem(contextId, { ...fields });
  }

  /**
   * Answer line item list requests with the whole container, ignoring the `resource_link_id`,
   * `resource_id` and `tag` filters (as some platforms do); `false` filters again.
   */
  setLineItemFiltersIgnored(ignored: boolean): void {
    this.state.lineItemFiltersIgnored = ignored;
  }

  lineItems(contextId: string = DEFAULT_CONTEXT_ID): LineItem[] {
    return [...this.state.getCourse(contextId).lineItems.values()];
  }

  /** The line item's URL as the platform hands it out (with `?type_id=1` for Moodle). */
  lineItemUrl(lineItem: Pick<LineItem, 'id' | 'contextId'>): string {
    return this.state.lineItemUrl(lineItem);
  }

  lineItemsUrl(contextId: string = DEFAULT_CONTEXT_ID): string {
    return this.state.lineItemsUrl(contextId);
  }

  /** The scores endpoint: `<line item path>/scores<same query>`. */
  scoresUrl(lineItem: Pick<LineItem, 'id' | 'contextId'>): string {
    return `${this.baseUrl}${this.state.lineItemPath(lineItem)}/scores${this.state.serviceQuery}`;
  }

  membershipsUrl(contextId: string = DEFAULT_CONTEXT_ID): string {
    return this.state.membershipsUrl(contextId);
  }

  // ---- launches -------------------------------------------------------------------------

  /**
   * A platform URL that starts a launch in a browser (auto-posts to the tool's login URL). Name a
   * registered `clientId` to launch as that client, and any `deploymentId` to override its own.
   */
  launchUrl(request: LaunchRequest): string {
    return launchUrl(this.state, request);
  }

  /**
   * Register a pending launch and return what the LMS would post to the tool's login URL (the
   * built-in client's `/lti/login`, or the registered client's `initiate_login_uri`).
   */
  startLogin(request: LaunchRequest): LoginInitiation {
    return startLogin(this.state, request);
  }

  /** The untampered id_token claims for a launch (handy as a base for `signIdToken`). */
  buildLaunchClaims(launch: LaunchRequest & { nonce: string }): JwtClaims {
    return buildLaunchClaims(this.state, launch);
  }

  /**
   * A platform URL that starts a deep linking launch in a browser (an LtiDeepLinkingRequest,
   * e.g. the instructor's "Add Inkwell assignment"). Default course: the demo course.
   */
  deepLinkingLaunchUrl(request: DeepLinkingLaunchRequest): string {
    return deepLinkingLaunchUrl(this.state, request);
  }

  /**
   * Record a new deep linking request (see `deepLinkingRequests`) and return what the LMS would
   * post to the tool's login URL, like `startLogin`.
   */
  startDeepLinkingLogin(request: DeepLinkingLaunchRequest): LoginInitiation {
    return startDeepLinkingLogin(this.state, request);
  }

  /** Deep linking requests started so far, oldest first (live objects). */
  get deepLinkingRequests(): readonly DeepLinkingRequestRecord[] {
    return [...this.state.deepLinkingRequests.values()];
  }

  /** Every POST to `/deep_link_return`, accepted or refused, oldest first. */
  get deepLinkResponses(): readonly DeepLinkResponseRecord[] {
    return this.state.deepLinkResponses;
  }

  /**
   * Change (or with `null`, stop changing) every following id_token before it is signed,
   * deep linking requests included.
   */
  setLaunchTamper(tamper: LaunchTamper | null): void {
    this.state.launchTamper = tamper;
  }

  /**
   * Offer (or stop offering) LTI Platform Storage: following login initiations carry
   * `lti_storage_target` and the demo page holds the `post_message_forwarding` frame.
   */
  setPlatformStorage(enabled: boolean): void {
    this.state.platformStorage = enabled;
  }

  /**
   * Sign arbitrary claims as the platform. `kid` defaults to the published kid; pass `null` to
   * omit it. `key: 'other'` signs with a key that is not in the JWKS.
   */
  signIdToken(
    claims: JwtClaims,
    options: { kid?: string | null; key?: 'platform' | 'other' } = {},
  ): Promise<string> {
    const kid = options.kid === undefined ? this.keys.kid : options.kid;
    const header = kid === null ? { alg: 'RS256', typ: 'JWT' } : { alg: 'RS256', typ: 'JWT', kid };
    return signJwt(this.keys, claims, header, options.key === 'other' ? 'other-key' : 'platform');
  }

  /** id_tokens handed out by /auth, oldest first. */
  get issuedIdTokens(): readonly IssuedIdToken[] {
    return this.state.issuedIdTokens;
  }

  /** Reasons /auth refused requests, oldest first. */
  get authErrors(): readonly string[] {
    return this.state.authErrors;
  }

  // ---- dynamic registration -----------------------------------------------------------------

  /** The OpenID configuration as currently served (override included). */
  openidConfiguration(): Record<string, unknown> {
    return servedOpenidConfiguration(this.state);
  }

  /**
   * Serve a tampered configuration: these keys replace the real ones (`undefined` drops a key).
   * `null` serves the real configuration again.
   */
  setOpenidConfigurationOverride(override: OpenIdConfigurationOverride | null): void {
    this.state.openidConfigurationOverride = override ? { ...override } : null;
  }

  /**
   * A new single-use registration token, valid for an hour (or `ttlSeconds`; 0 or less gives an
   * expired one). Moodle flavour: a JWT signed by the platform; Canvas: an opaque string.
   */
  createRegistrationToken(options: RegistrationTokenOptions = {}): string {
    return createRegistrationToken(this.state, this.keys, options);
  }

  /**
   * The URL the LMS opens in its iframe to start registration: the tool's URL (its query kept)
   * plus `openid_configuration` and `registration_token` (a new token unless one is given).
   */
  registrationLaunchUrl(toolRegistrationUrl: string, registrationToken?: string): string {
    const token = registrationToken ?? this.createRegistrationToken();
    return registrationLaunchUrl(this.state, toolRegistrationUrl, token);
  }

  /**
   * The LMS admin page ("Manage tools") that opens `registrationLaunchUrl(...)` in a dialog frame on
   * the platform's own origin and records the messages the tool posts (`window.receivedMessages`).
   */
  registrationDialogUrl(registrationLaunchUrl: string): string {
    return registrationDialogUrl(this.baseUrl, registrationLaunchUrl);
  }

  /** Tools registered through /registration, oldest first (live objects). */
  get registrations(): readonly ToolRegistration[] {
    return [...this.state.registrations.values()];
  }

  registration(clientId: string): ToolRegistration | undefined {
    return this.state.registrations.get(clientId);
  }

  /** The Moodle admin's "activate" on a pending tool (Canvas tools are active already). */
  activateTool(clientId: string): ToolRegistration {
    const registration = this.state.registrations.get(clientId);
    if (!registration) throw new PlatformInputError(`unknown client "${clientId}"`);
    if (registration.status !== 'active') {
      registration.status = 'active';
      registration.activatedAt = new Date();
    }
    return registration;
  }

  /** Every request to /registration, accepted or refused, oldest first. */
  get registrationRequests(): readonly RegistrationRequestRecord[] {
    return this.state.registrationRequests;
  }

  /** Downloads of any tool JWKS; a set is kept until an assertion names a kid it lacks. */
  get toolJwksFetchCount(): number {
    return this.state.toolJwksFetchCount;
  }

  // ---- services and records ---------------------------------------------------------------

  /** Every POST to a scores endpoint, accepted or refused, oldest first. */
  get receivedScores(): readonly ReceivedScore[] {
    return this.state.receivedScores;
  }

  /** Line item id → user id → last accepted score. */
  get gradebook(): Map<string, Map<string, GradebookEntry>> {
    return this.state.gradebook;
  }

  gradeFor(resourceLinkId: string, userId: string): GradebookEntry | undefined {
    const lineItem = this.lineItemFor(resourceLinkId);
    return lineItem ? this.state.gradebook.get(lineItem.id)?.get(userId) : undefined;
  }

  /** Token, AGS and NRPS requests with their response status, oldest first. */
  get requestLog(): readonly RequestLogEntry[] {
    return this.state.requestLog;
  }

  get tokenRequestCount(): number {
    return this.state.tokenRequestCount;
  }

  /** Inject failures or delay into AGS score POSTs; `null` turns it off. */
  setFailureMode(mode: FailureMode | null): void {
    if (mode?.rate !== undefined && !(mode.rate >= 0 && mode.rate <= 1)) {
      throw new RangeError('failure rate must be between 0 and 1');
    }
    this.state.failureMode = mode ? { ...mode } : null;
  }

  /**
   * Forget grades, received scores, logs (registration requests and deep linking responses too)
   * and counters; courses, links, line items, registered tools and deep linking requests stay.
   */
  clearRecords(): void {
    this.state.clearRecords();
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      // Keep-alive sockets from fetch/browsers would otherwise hold close() open.
      this.server.closeAllConnections();
    });
  }
}

function seedDemoCourse(state: PlatformState): void {
  state.addCourse(DEFAULT_COURSE);
  for (const member of DEFAULT_MEMBERS) state.addMember(DEFAULT_CONTEXT_ID, member);
  state.addResourceLink(DEFAULT_CONTEXT_ID, { ...DEFAULT_RESOURCE_LINK, withLineItem: true });
}

const AGS_ROUTE = /^\/api\/lti\/courses\/([^/]+)\/line_items(?:\/([^/]+)(?:\/(scores|results))?)?$/;
const NRPS_ROUTE = /^\/api\/lti\/courses\/([^/]+)\/names_and_roles$/;

async function route(
  state: PlatformState,
  keys: PlatformKeys,
  toolJwks: ToolJwksCache,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', state.config.baseUrl);
  const path = url.pathname;
  const method = req.method ?? 'GET';

  const isService = path === '/token' || path.startsWith('/api/');
  if (isService) {
    res.on('finish', () => {
      state.requestLog.push({ method, path: path + url.search, status: res.statusCode, at: new Date() });
    });
    if (state.config.latencyMs > 0) await sleep(state.config.latencyMs);
  }

  if (path === '/jwks' && method === 'GET') {
    return sendJson(res, 200, publicJwks(keys), 'application/jwk-set+json');
  }
  if (path === REGISTRATION.wellKnownPath && method === 'GET') {
    return handleOpenidConfiguration(state, res);
  }
  if (path === REGISTRATION.endpointPath) return handleRegistration(state, req, res);
  if (path === '/launch' && method === 'GET') return handleLaunchPage(state, url, res);
  if (path === DEEP_LINKING_LAUNCH_PATH && method === 'GET') {
    return handleDeepLinkingLaunchPage(state, url, res);
  }
  if (path === DEEP_LINK_RETURN_PATH) return handleDeepLinkReturn(state, toolJwks, req, url, res);
  if (path === '/auth' && (method === 'GET' || method === 'POST')) {
    return handleAuth(state, keys, req, url, res);
  }
  if (path === '/token') {
    if (method !== 'POST') return sendProblem(res, { status: 405, message: 'use POST' });
    return handleToken(state, toolJwks, req, res);
  }
  const ags = AGS_ROUTE.exec(path);
  if (ags) {
    return routeAgs(state, req, res, url, {
      contextId: decodeURIComponent(ags[1]!),
      lineItemId: ags[2] === undefined ? undefined : decodeURIComponent(ags[2]),
      sub: ags[3] as 'scores' | 'results' | undefined,
    });
  }
  const nrps = NRPS_ROUTE.exec(path);
  if (nrps) return handleMemberships(state, req, res, url, decodeURIComponent(nrps[1]!));
  if (isService) return sendProblem(res, { status: 404, message: 'no such service endpoint' });

  if (method === 'GET') {
    if (path === '/' && state.config.demo) return sendHtml(res, 200, renderDemoPage(state));
    if (path === '/gradebook') {
      const fragment = url.searchParams.get('fragment') === '1';
      return sendHtml(res, 200, fragment ? renderGradebookFragment(state) : renderGradebookPage(state));
    }
    if (path === '/frame-placeholder') return sendHtml(res, 200, renderFramePlaceholder());
    if (path === PLATFORM_STORAGE_PATH) return sendHtml(res, 200, renderStorageFrame());
    if (path === '/return') return sendHtml(res, 200, renderReturnPage(state));
    if (path === REGISTRATION_DIALOG_PATH) {
      const page = renderRegistrationDialog(url.searchParams.get('register'));
      return page ? sendHtml(res, 200, page) : sendHtml(res, 400, renderErrorPage('Bad request', 'register must be an http(s) URL.'));
    }
  }
  sendHtml(res, 404, renderErrorPage('Not found', `Nothing at ${path} on the demo LMS.`));
}

function handleError(res: ServerResponse, error: unknown): void {
  const status =
    error instanceof HttpError ? error.status : error instanceof URIError ? 400 : 500;
  if (status >= 500) console.error('[emulator] request failed', error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const reason = status >= 500 ? 'internal error in the platform emulator' : (error as Error).message;
  sendProblem(res, { status, message: reason });
}

/** Start the emulator on a loopback port and seed the demo course. */
export async function startPlatform(options: StartPlatformOptions): Promise<Platform> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.test(host)) {
    throw new TypeError(`the platform emulator only listens on loopback, not "${host}"`);
  }
  const toolBaseUrl = new URL(options.toolBaseUrl).origin;
  const keys = await createPlatformKeys();
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const publicHost = options.publicHost ?? host;
  const hostPart = publicHost.includes(':') ? `[${publicHost}]` : publicHost;

  const state = new PlatformState({
    baseUrl: `http://${hostPart}:${port}`,
    toolBaseUrl,
    clientId: options.clientId ?? 'inkwell-demo-client',
    deploymentId: options.deploymentId ?? 'deployment-1',
    flavour: options.flavour ?? 'moodle',
    latencyMs: options.latencyMs ?? 0,
    demo: options.demo ?? false,
    platformStorage: options.platformStorage ?? false,
  });
  state.platformStorage = state.config.platformStorage;
  seedDemoCourse(state);
  const toolJwks = new ToolJwksCache(state);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    route(state, keys, toolJwks, req, res).catch((error: unknown) => handleError(res, error));
  });
  return new Platform(state, keys, server);
}
