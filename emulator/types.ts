/**
 * Public types of the LTI 1.3 platform emulator. Field names follow the specs (AGS, NRPS,
 * OIDC) so tests read like the wire format.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ACTIVITY_PROGRESS, GRADING_PROGRESS } from './constants';

export type Flavour = 'canvas' | 'moodle';

export interface PlatformUser {
  sub: string;
  name?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  /** Full LIS role URIs, e.g. `http://purl.imsglobal.org/vocab/lis/v2/membership#Learner`. */
  roles: string[];
}

export interface StartPlatformOptions {
  /** The tool's origin, e.g. `http://localhost:3000` (endpoints /lti/login, /lti/launch, /lti/keys). */
  toolBaseUrl: string;
  /** Interface to bind; must be a loopback address. Default `127.0.0.1`. */
  host?: string;
  /** Default 0 = a random free port. */
  port?: number;
  /** Host name used in URLs and the issuer. Default = host. */
  publicHost?: string;
  /** Default `inkwell-demo-client`. */
  clientId?: string;
  /** Default `deployment-1`. */
  deploymentId?: string;
  /** Which LMS's AGS and dynamic-registration rules to emulate. Default `moodle`. */
  flavour?: Flavour;
  /** Artificial latency on AGS / NRPS / token endpoints. */
  latencyMs?: number;
  /** Serve the demo course page at `/`. */
  demo?: boolean;
  /**
   * Offer LTI Platform Storage: login initiations carry `lti_storage_target`
   * (`post_message_forwarding`) and the demo page holds that frame. Default false.
   */
  platformStorage?: boolean;
}

export interface Context {
  id: string;
  label: string;
  title: string;
}

export interface ResourceLink {
  id: string;
  title: string;
  contextId: string;
  /** Short id of the line item the launch's AGS claim points at, if any. */
  lineItemId?: string;
  /** Sent as the `https://purl.imsglobal.org/spec/lti/claim/custom` claim of its launches. */
  custom?: Record<string, string>;
  /** The tool URL this link launches (login `target_link_uri` and claim); default: the client's. */
  url?: string;
  /** Description shown on the course page (a deep-linked content item's `text`). */
  text?: string;
  /** The deep linking response that created it, if any. */
  deepLinkingRequestId?: string;
}

export interface LineItem {
  /** Short id (path segment); the wire `id` is the full URL from `platform.lineItemUrl()`. */
  id: string;
  contextId: string;
  label: string;
  scoreMaximum: number;
  resourceLinkId?: string;
  resourceId?: string;
  tag?: string;
  startDateTime?: string;
  endDateTime?: string;
}

export type ActivityProgress = (typeof ACTIVITY_PROGRESS)[number];
export type GradingProgress = (typeof GRADING_PROGRESS)[number];

/** One gradebook cell, i.e. the platform's view of the last accepted Score. */
export interface GradebookEntry {
  scoreGiven?: number;
  scoreMaximum?: number;
  comment?: string;
  activityProgress: ActivityProgress;
  gradingProgress: GradingProgress;
  timestamp: string;
}

/** Every POST to a scores endpoint, accepted or not, exactly as received. */
export interface ReceivedScore {
  contextId: string;
  lineItemId: string;
  /** Request path plus query string. */
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** Parsed body, when it was JSON. */
  body?: unknown;
  receivedAt: Date;
  status: number;
  accepted: boolean;
  /** Why the platform refused it (absent when accepted). */
  reason?: string;
}

export interface RequestLogEntry {
  method: string;
  /** Path plus query string. */
  path: string;
  status: number;
  at: Date;
}

/**
 * Fault injection on AGS score POSTs. `rate` defaults to 1 when `status` or `retryAfterSeconds`
 * is given and to 0 otherwise, so `{ delayMs }` alone only slows responses down.
 */
export interface FailureMode {
  rate?: number;
  status?: number;
  retryAfterSeconds?: number;
  delayMs?: number;
}

export type SignWith = 'platform' | 'other-key' | 'none';
export type JwtHeader = { alg?: string; kid?: string; typ?: string } & Record<string, unknown>;
export type JwtClaims = Record<string, unknown>;

export interface TamperResult {
  claims: JwtClaims;
  header: JwtHeader;
  /** `platform` (default) signs with the published key; `other-key` with a key absent from the JWKS. */
  signWith?: SignWith;
}

export type LaunchTamper = (
  claims: JwtClaims,
  header: JwtHeader,
) => TamperResult | Promise<TamperResult>;

export interface LaunchRequest {
  userId: string;
  resourceLinkId: string;
  contextId?: string;
  /** A client created by dynamic registration. Default: the built-in client (`platform.clientId`). */
  clientId?: string;
  /** The `deployment_id` to launch with; any string. Default: the client's own deployment. */
  deploymentId?: string;
}

export interface LoginInitiation {
  /** The tool's OIDC login initiation URL. */
  loginUrl: string;
  formFields: Record<string, string>;
}

/** An id_token handed to the tool via /auth, kept so tests can replay or inspect it. */
export interface IssuedIdToken {
  idToken: string;
  state: string;
  redirectUri: string;
  header: JwtHeader;
  claims: JwtClaims;
  userId: string;
  /** The launched link; `''` for a deep linking request, which has none. */
  resourceLinkId: string;
  clientId: string;
  deploymentId: string;
  /** `LtiResourceLinkRequest` or `LtiDeepLinkingRequest`. */
  messageType: string;
  /** For a deep linking request: its id (see `platform.deepLinkingRequests`). */
  deepLinkingRequestId?: string;
}

// ---- LTI Deep Linking 2.0 ----------------------------------------------------------------------

/** Canvas placements that send an `LtiDeepLinkingRequest`. */
export type DeepLinkingPlacement = 'assignment_selection' | 'link_selection';

/** What starts a deep linking launch (an instructor's "add an activity" in the LMS). */
export interface DeepLinkingLaunchRequest {
  userId: string;
  /** Default: the demo course. */
  contextId?: string;
  /** Canvas flavour only (sent as `https://www.instructure.com/placement`); default `assignment_selection`. */
  placement?: DeepLinkingPlacement;
  /** A client created by dynamic registration. Default: the built-in client. */
  clientId?: string;
  /** The `deployment_id` to launch with. Default: the client's own deployment. */
  deploymentId?: string;
  /** `accept_multiple` in the settings. Default `false`. */
  acceptMultiple?: boolean;
  /** `title` in the settings (left out by default). */
  title?: string;
  /** `text` in the settings (left out by default). */
  text?: string;
}

/** `https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings` as the platform sent it. */
export interface DeepLinkingSettings {
  deep_link_return_url: string;
  accept_types: string[];
  accept_presentation_document_targets: string[];
  accept_multiple: boolean;
  auto_create: boolean;
  /** Canvas flavour only. */
  accept_lineitem?: boolean;
  title?: string;
  text?: string;
  /** Opaque; the tool must echo it in the response's `data` claim. */
  data: string;
}

/**
 * One deep linking request: created when its login starts, used up by the first accepted
 * response (a refused one leaves it open, so the tool can correct itself).
 */
export interface DeepLinkingRequestRecord {
  /** The `request` query parameter of the return URL. */
  id: string;
  clientId: string;
  deploymentId: string;
  userId: string;
  contextId: string;
  /** Canvas flavour only. */
  placement?: DeepLinkingPlacement;
  settings: DeepLinkingSettings;
  createdAt: Date;
  expiresAt: Date;
  /** When an accepted response used it up. */
  usedAt?: Date;
}

/** Every POST to `/deep_link_return`, accepted or refused, oldest first. */
export interface DeepLinkResponseRecord {
  /** The `request` query parameter, as received. */
  requestId: string;
  receivedAt: Date;
  status: number;
  accepted: boolean;
  /** Why the platform refused it (absent when accepted). */
  reason?: string;
  /** The posted `JWT` form field. */
  jwt?: string;
  /** The JWT's payload (unverified when the signature check failed). */
  claims?: JwtClaims;
  /** Resource links created (accepted responses). */
  resourceLinks: ResourceLink[];
  /** Line items created for them (only for content items with `lineItem`). */
  lineItems: LineItem[];
}

// ---- LTI Dynamic Registration ------------------------------------------------------------------

export type RegistrationStatus = 'pending' | 'active';

/** One entry of the tool configuration's `messages`. */
export interface LtiMessageConfiguration {
  type: string;
  target_link_uri?: string;
  label?: string;
  icon_uri?: string;
  custom_parameters?: Record<string, string>;
  roles?: string[];
  /** Canvas: where the tool shows up (e.g. `course_navigation`, `assignment_selection`). */
  placements?: string[];
  [key: string]: unknown;
}

/** `https://purl.imsglobal.org/spec/lti-tool-configuration` in a registration request. */
export interface LtiToolConfiguration {
  domain: string;
  target_link_uri: string;
  secondary_domains?: string[];
  deployment_id?: string;
  custom_parameters?: Record<string, string>;
  description?: string;
  claims?: string[];
  messages?: LtiMessageConfiguration[];
  [key: string]: unknown;
}

/** The client registration a tool POSTs to `/registration` (OIDC registration + LTI keys). */
export interface ClientRegistrationRequest {
  application_type: string;
  response_types: string[];
  grant_types: string[];
  initiate_login_uri: string;
  redirect_uris: string[];
  client_name: string;
  jwks_uri: string;
  token_endpoint_auth_method: string;
  scope: string;
  logo_uri?: string;
  contacts?: string[];
  'https://purl.imsglobal.org/spec/lti-tool-configuration': LtiToolConfiguration;
  [key: string]: unknown;
}

/** A tool registered through `/registration`, with the fields launches and `/token` use. */
export interface ToolRegistration {
  clientId: string;
  deploymentId: string;
  flavour: Flavour;
  /** Moodle tools start `pending` until `platform.activateTool()`; Canvas tools are `active`. */
  status: RegistrationStatus;
  receivedAt: Date;
  activatedAt?: Date;
  /** The registration exactly as the tool posted it (parsed JSON). */
  body: ClientRegistrationRequest;
  clientName: string;
  initiateLoginUri: string;
  redirectUris: string[];
  jwksUri: string;
  /** The resource link message's `target_link_uri`, else the tool configuration's. */
  targetLinkUri: string;
  domain: string;
  /** The registered `scope`, split. Launch claims and `/token` grant only these. */
  scopes: string[];
  /** Moodle: whether `messages` had an `LtiDeepLinkingRequest`. */
  deepLinking: boolean;
}

/** Every request to `/registration`, accepted or refused, oldest first. */
export interface RegistrationRequestRecord {
  method: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** Parsed body, when it was JSON. */
  body?: unknown;
  receivedAt: Date;
  status: number;
  accepted: boolean;
  /** Why the platform refused it (absent when accepted). */
  reason?: string;
  /** The new client's id, when accepted. */
  clientId?: string;
}

export interface PlatformConfiguration {
  product_family_code: Flavour;
  version: string;
  messages_supported: Array<{ type: string; placements?: string[] }>;
  [key: string]: unknown;
}

/** What `GET /.well-known/openid-configuration` serves. */
export interface OpenIdConfiguration {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  registration_endpoint: string;
  scopes_supported: string[];
  response_types_supported: string[];
  subject_types_supported: string[];
  id_token_signing_alg_values_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  token_endpoint_auth_signing_alg_values_supported: string[];
  claims_supported: string[];
  /** Canvas only: the `aud` to put in client assertions (the token endpoint is accepted too). */
  authorization_server?: string;
  'https://purl.imsglobal.org/spec/lti-platform-configuration': PlatformConfiguration;
  [key: string]: unknown;
}

/** Keys to replace in the served configuration; a key set to `undefined` is left out. */
export type OpenIdConfigurationOverride = { [K in keyof OpenIdConfiguration]?: unknown };

export interface RegistrationTokenOptions {
  /** Lifetime in seconds (default 3600). 0 or less gives a token that is already expired. */
  ttlSeconds?: number;
}
