/**
 * In-memory state of the emulated LMS: courses, members, resource links, line items, the
 * gradebook and the records tests assert on. No HTTP here; handlers read and change this.
 */
import { randomBytes } from 'node:crypto';
import { ROLE } from './constants';
import type {
  Context,
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
  resourceLinkId: string;
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
  launchTamper: LaunchTamper | null = null;
  /** Clients created by dynamic registration, by client id, in registration order. */
  readonly registrations = new Map<string, ToolRegistration>();
  readonly registrationTokens = new Map<string, RegistrationToken>();
  readonly registrationRequests: RegistrationRequestRecord[] = [];
  openidConfigurationOverride: OpenIdConfigurationOverride | null = null;
  /** How many times a tool JWKS was downloaded (any client). */
  toolJwksFetchCount = 0;
  private nextLineItemId = 1;
  private registrationSerial = 0;

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

  addResourceLink(
    contextId: string,
    link: { id: string; title: string; withLineItem: boolean; scoreMaximum?: number },
  ): ResourceLink {
    const course = this.getCourse(contextId);
    const resourceLink: ResourceLink = { id: link.id, title: link.title, contextId };
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
    return {
      clientId: registration.clientId,
      deploymentId: registration.deploymentId,
      loginUrl: registration.initiateLoginUri,
      targetLinkUri: registration.targetLinkUri,
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
   * Forget grades and logs (not courses, links, line items or registered tools) between tests.
   */
  clearRecords(): void {
    this.gradebook.clear();
    this.receivedScores.length = 0;
    this.requestLog.length = 0;
    this.issuedIdTokens.length = 0;
    this.authErrors.length = 0;
    this.registrationRequests.length = 0;
    this.tokenRequestCount = 0;
    this.toolJwksFetchCount = 0;
  }
}
