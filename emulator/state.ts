/**
 * In-memory state of the emulated LMS: courses, members, resource links, line items, the
 * gradebook and the records tests assert on. No HTTP here; handlers read and change this.
 */
import { randomBytes } from 'node:crypto';
import { MESSAGE_TYPE, REGISTRATION, ROLE } from './constants';
import type {
  Context,
  DeepLinkingRequestRecord,
  DeepLinkResponseRecord,
  FailureMode,
  Flavour,
  GradebookEntry,
  IssuedIdToken,
  LaunchTamper,
  LineItem,
  OpenIdConfigurationOverride,
  PlatformUser,
  ReceivedScore,
  RegistrationRequestRecord,
  RegistrationStatus,
  RequestLogEntry,
  ResourceLink,
  ToolRegistration,
} from './types';

export interface PlatformConfig {
  baseUrl: string;
  toolBaseUrl: string;
  clientId: string;
  deploymentId: string;
  flavour: Flavour;
  latencyMs: number;
  demo: boolean;
  /** Offer LTI Platform Storage (`lti_storage_target`) in login initiations. */
  platformStorage: boolean;
}

export interface Course {
  context: Context;
  /** Insertion-ordered so NRPS and the gradebook list people in a stable order. */
  members: Map<string, PlatformUser>;
  resourceLinks: Map<string, ResourceLink>;
  lineItems: Map<string, LineItem>;
}

export interface PendingLaunch {
  loginHint: string;
  messageHint: string;
  userId: string;
  /** `''` for a deep linking request. */
  resourceLinkId: string;
  /** Set for a deep linking request (an `LtiDeepLinkingRequest` instead of a resource link launch). */
  deepLinkingRequestId?: string;
  contextId: string;
  clientId: string;
  deploymentId: string;
  expiresAt: number;
}

/**
 * What a launch or a token request needs to know about a client: the built-in one (URLs derived
 * from `toolBaseUrl`) or one created by dynamic registration.
 */
export interface LaunchClient {
  clientId: string;
  /** The deployment launches use unless the test names another. */
  deploymentId: string;
  loginUrl: string;
  targetLinkUri: string;
  /** Where deep linking requests go: the registered `LtiDeepLinkingRequest` message's URL, else `targetLinkUri`. */
  deepLinkingUrl: string;
  redirectUris: readonly string[];
  jwksUri: string;
  /** Scopes this client may be granted; `null` = every supported scope (the built-in client). */
  scopes: readonly string[] | null;
  status: RegistrationStatus;
}

export interface RegistrationToken {
  expiresAt: number;
  used: boolean;
}

export interface AccessToken {
  scopes: string[];
  expiresAt: number;
}

/** Thrown for launches or fixtures that cannot exist on this platform (unknown user, link, …). */
export class PlatformInputError extends Error {
  override name = 'PlatformInputError';
}

export const PENDING_LAUNCH_TTL_MS = 10 * 60 * 1000;

/** How long an instructor may spend in the tool's picker before the return URL stops working. */
export const DEEP_LINKING_REQUEST_TTL_MS = 60 * 60 * 1000;

/** What a resource link fixture may carry besides its id and title. */
export interface ResourceLinkFields {
  id: string;
  title: string;
  withLineItem: boolean;
  scoreMaximum?: number;
  custom?: Record<string, string>;
  url?: string;
  text?: string;
}

export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export function isLearner(user: PlatformUser): boolean {
  // Short role names are legal in LTI 1.3, so accept both spellings.
  return user.roles.some((role) => role === ROLE.learner || role === 'Learner');
}

export class PlatformState {
  readonly courses = new Map<string, Course>();
  readonly gradebook = new Map<string, Map<string, GradebookEntry>>();
  readonly receivedScores: ReceivedScore[] = [];
  readonly requestLog: RequestLogEntry[] = [];
  readonly issuedIdTokens: IssuedIdToken[] = [];
  readonly authErrors: string[] = [];
  readonly pendingLaunches = new Map<string, PendingLaunch>();
  readonly accessTokens = new Map<string, AccessToken>();
  /** jti → expiry (ms), to refuse replayed client assertions. */
  readonly usedJtis = new Map<string, number>();
  tokenRequestCount = 0;
  failureMode: FailureMode | null = null;
  /** Serve the whole line items container whatever `resource_link_id` / `resource_id` / `tag` ask for. */
  lineItemFiltersIgnored = false;
  launchTamper: LaunchTamper | null = null;
  /** Whether login initiations carry `lti_storage_target` (see platform-storage.ts); starts as configured. */
  platformStorage = false;
  /** Clients created by dynamic registration, by client id, in registration order. */
  readonly registrations = new Map<string, ToolRegistration>();
  readonly registrationTokens = new Map<string, RegistrationToken>();
  readonly registrationRequests: RegistrationRequestRecord[] = [];
  openidConfigurationOverride: OpenIdConfigurationOverride | null = null;
  /** How many times a tool JWKS was downloaded (any client). */
  toolJwksFetchCount = 0;
  /** Deep linking requests by id (the return URL's `request`), oldest first. */
  readonly deepLinkingRequests = new Map<string, DeepLinkingRequestRecord>();
  readonly deepLinkResponses: DeepLinkResponseRecord[] = [];
  private nextLineItemId = 1;
  private registrationSerial = 0;
  private deepLinkSerial = 0;
  private copySerial = 0;

  constructor(readonly config: PlatformConfig) {}

  addCourse(context: Context): Course {
    const course: Course = {
      context: { ...context },
      members: new Map(),
      resourceLinks: new Map(),
      lineItems: new Map(),
    };
    this.courses.set(context.id, course);
    return course;
  }

  getCourse(contextId: string): Course {
    const course = this.courses.get(contextId);
    if (!course) throw new PlatformInputError(`unknown context "${contextId}"`);
    return course;
  }

  addMember(contextId: string, user: PlatformUser): PlatformUser {
    if (!user.sub) throw new PlatformInputError('a member needs a sub');
    const copy: PlatformUser = { ...user, roles: [...user.roles] };
    this.getCourse(contextId).members.set(user.sub, copy);
    return copy;
  }

  addResourceLink(contextId: string, link: ResourceLinkFields): ResourceLink {
    const course = this.getCourse(contextId);
    const resourceLink: ResourceLink = { id: link.id, title: link.title, contextId };
    if (link.custom !== undefined) resourceLink.custom = { ...link.custom };
    if (link.url !== undefined) resourceLink.url = link.url;
    if (link.text !== undefined) resourceLink.text = link.text;
    course.resourceLinks.set(link.id, resourceLink);
    if (link.withLineItem) {
      this.createLineItem(contextId, {
        label: link.title,
        scoreMaximum: link.scoreMaximum ?? 100,
        resourceLinkId: link.id,
      });
    }
    return resourceLink;
  }

  createLineItem(contextId: string, fields: Omit<LineItem, 'id' | 'contextId'>): LineItem {
    const course = this.getCourse(contextId);
    const lineItem: LineItem = { ...fields, id: String(this.nextLineItemId++), contextId };
    course.lineItems.set(lineItem.id, lineItem);
    // The launch claim's `lineitem` names the link's first line item, as Canvas and Moodle do.
    const link = fields.resourceLinkId ? course.resourceLinks.get(fields.resourceLinkId) : undefined;
    if (link && link.lineItemId === undefined) link.lineItemId = lineItem.id;
    return lineItem;
  }

  deleteLineItem(contextId: string, lineItemId: string): void {
    const course = this.getCourse(contextId);
    course.lineItems.delete(lineItemId);
    this.gradebook.delete(lineItemId);
    for (const link of course.resourceLinks.values()) {
      if (link.lineItemId === lineItemId) delete link.lineItemId;
    }
  }

  /** A resource link id no course uses yet: `<prefix>1`, `<prefix>2`, … */
  newResourceLinkId(prefix: 'rl-dl-' | 'rl-copy-'): string {
    let id: string;
    do {
      const serial = prefix === 'rl-dl-' ? ++this.deepLinkSerial : ++this.copySerial;
      id = `${prefix}${serial}`;
    } while (this.findResourceLink(id));
    return id;
  }

  /**
   * An LMS course copy: a new course with the same members, every resource link under a new id
   * (same title, custom parameters, URL and text) and every line item as a new one (bound to the
   * copied link when the original was bound to a link). Grades are not copied.
   */
  copyCourse(fromContextId: string, toContext: Context): Course {
    const from = this.getCourse(fromContextId);
    if (this.courses.has(toContext.id)) {
      throw new PlatformInputError(`context "${toContext.id}" already exists`);
    }
    const to = this.addCourse(toContext);
    for (const member of from.members.values()) this.addMember(to.context.id, member);
    const linkIds = new Map<string, string>();
    for (const link of from.resourceLinks.values()) {
      const copy: ResourceLink = {
        id: this.newResourceLinkId('rl-copy-'),
        title: link.title,
        contextId: to.context.id,
      };
      if (link.custom !== undefined) copy.custom = { ...link.custom };
      if (link.url !== undefined) copy.url = link.url;
      if (link.text !== undefined) copy.text = link.text;
      to.resourceLinks.set(copy.id, copy);
      linkIds.set(link.id, copy.id);
    }
    for (const item of from.lineItems.values()) {
      const { id: _id, contextId: _contextId, resourceLinkId, ...fields } = item;
      const newLinkId = resourceLinkId === undefined ? undefined : linkIds.get(resourceLinkId);
      const copy: LineItem = {
        ...fields,
        ...(newLinkId === undefined ? {} : { resourceLinkId: newLinkId }),
        id: String(this.nextLineItemId++),
        contextId: to.context.id,
      };
      to.lineItems.set(copy.id, copy);
      // The copied link's launches name the copy of the line item the original's named.
      for (const link of from.resourceLinks.values()) {
        const copiedLink = to.resourceLinks.get(linkIds.get(link.id)!)!;
        if (link.lineItemId === item.id) copiedLink.lineItemId = copy.id;
      }
    }
    return to;
  }

  findResourceLink(resourceLinkId: string): ResourceLink | undefined {
    for (const course of this.courses.values()) {
      const link = course.resourceLinks.get(resourceLinkId);
      if (link) return link;
    }
    return undefined;
  }

  /** Moodle's service URLs identify the tool type in the query string; tools must keep it. */
  get serviceQuery(): string {
    return this.config.flavour === 'moodle' ? '?type_id=1' : '';
  }

  lineItemsPath(contextId: string): string {
    return `/api/lti/courses/${encodeURIComponent(contextId)}/line_items`;
  }

  lineItemsUrl(contextId: string): string {
    return `${this.config.baseUrl}${this.lineItemsPath(contextId)}${this.serviceQuery}`;
  }

  lineItemPath(lineItem: Pick<LineItem, 'id' | 'contextId'>): string {
    return `${this.lineItemsPath(lineItem.contextId)}/${encodeURIComponent(lineItem.id)}`;
  }

  lineItemUrl(lineItem: Pick<LineItem, 'id' | 'contextId'>): string {
    return `${this.config.baseUrl}${this.lineItemPath(lineItem)}${this.serviceQuery}`;
  }

  membershipsUrl(contextId: string): string {
    return `${this.config.baseUrl}/api/lti/courses/${encodeURIComponent(contextId)}/names_and_roles`;
  }

  /** Sequence number for ids of registered clients and deployments (1, 2, …). */
  nextRegistrationSerial(): number {
    return ++this.registrationSerial;
  }

  builtInClient(): LaunchClient {
    const { toolBaseUrl, clientId, deploymentId } = this.config;
    return {
      clientId,
      deploymentId,
      loginUrl: `${toolBaseUrl}/lti/login`,
      targetLinkUri: `${toolBaseUrl}/lti/launch`,
      deepLinkingUrl: `${toolBaseUrl}/lti/launch`,
      redirectUris: [`${toolBaseUrl}/lti/launch`],
      jwksUri: `${toolBaseUrl}/lti/keys`,
      scopes: null,
      status: 'active',
    };
  }

  /** The built-in client or a registered one; `undefined` for an unknown id. */
  findClient(clientId: string): LaunchClient | undefined {
    if (clientId === this.config.clientId) return this.builtInClient();
    const registration = this.registrations.get(clientId);
    if (!registration) return undefined;
    const deepLinkingMessage = registration.body[REGISTRATION.toolConfiguration].messages?.find(
      (message) => message.type === MESSAGE_TYPE.deepLinking && typeof message.target_link_uri === 'string',
    );
    return {
      clientId: registration.clientId,
      deploymentId: registration.deploymentId,
      loginUrl: registration.initiateLoginUri,
      targetLinkUri: registration.targetLinkUri,
      deepLinkingUrl: deepLinkingMessage?.target_link_uri ?? registration.targetLinkUri,
      redirectUris: registration.redirectUris,
      jwksUri: registration.jwksUri,
      scopes: registration.scopes,
      status: registration.status,
    };
  }

  /** The client a launch request names (default: built-in), or a PlatformInputError. */
  clientFor(request: { clientId?: string }): LaunchClient {
    if (request.clientId === undefined) return this.builtInClient();
    const client = this.findClient(request.clientId);
    if (!client) throw new PlatformInputError(`unknown client "${request.clientId}"`);
    return client;
  }

  createPendingLaunch(request: {
    userId: string;
    resourceLinkId: string;
    contextId?: string;
    clientId?: string;
    deploymentId?: string;
  }): PendingLaunch {
    const client = this.clientFor(request);
    const link = this.findResourceLink(request.resourceLinkId);
    if (!link) throw new PlatformInputError(`unknown resource link "${request.resourceLinkId}"`);
    const contextId = request.contextId ?? link.contextId;
    const course = this.getCourse(contextId);
    if (!course.resourceLinks.has(link.id)) {
      throw new PlatformInputError(`resource link "${link.id}" is not in context "${contextId}"`);
    }
    if (!course.members.has(request.userId)) {
      throw new PlatformInputError(`user "${request.userId}" is not a member of "${contextId}"`);
    }
    this.purgeExpired();
    const pending: PendingLaunch = {
      loginHint: randomToken(12),
      messageHint: randomToken(18),
      userId: request.userId,
      resourceLinkId: link.id,
      contextId,
      clientId: client.clientId,
      deploymentId: request.deploymentId ?? client.deploymentId,
      expiresAt: Date.now() + PENDING_LAUNCH_TTL_MS,
    };
    this.pendingLaunches.set(pending.messageHint, pending);
    return pending;
  }

  /** A pending login for a deep linking request already recorded in `deepLinkingRequests`. */
  createPendingDeepLinkingLaunch(request: DeepLinkingRequestRecord): PendingLaunch {
    this.purgeExpired();
    const pending: PendingLaunch = {
      loginHint: randomToken(12),
      messageHint: randomToken(18),
      userId: request.userId,
      resourceLinkId: '',
      deepLinkingRequestId: request.id,
      contextId: request.contextId,
      clientId: request.clientId,
      deploymentId: request.deploymentId,
      expiresAt: Date.now() + PENDING_LAUNCH_TTL_MS,
    };
    this.pendingLaunches.set(pending.messageHint, pending);
    return pending;
  }

  purgeExpired(now = Date.now()): void {
    for (const [key, pending] of this.pendingLaunches) {
      if (pending.expiresAt <= now) this.pendingLaunches.delete(key);
    }
    for (const [key, token] of this.accessTokens) {
      if (token.expiresAt <= now) this.accessTokens.delete(key);
    }
    for (const [jti, expiresAt] of this.usedJtis) {
      if (expiresAt <= now) this.usedJtis.delete(jti);
    }
  }

  /**
   * Forget grades and logs (not courses, links, line items, registered tools or deep linking
   * requests) between tests.
   */
  clearRecords(): void {
    this.gradebook.clear();
    this.receivedScores.length = 0;
    this.requestLog.length = 0;
    this.issuedIdTokens.length = 0;
    this.authErrors.length = 0;
    this.registrationRequests.length = 0;
    this.deepLinkResponses.length = 0;
    this.tokenRequestCount = 0;
    this.toolJwksFetchCount = 0;
  }
}
