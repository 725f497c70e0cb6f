/**
 * Spec URIs and media types used by the platform emulator, named once so handlers and tests
 * never spell them inline.
 * @see https://www.imsglobal.org/spec/lti/v1p3/
 */

/** The demo course every platform starts with; fixtures default to it. */
export const DEFAULT_CONTEXT_ID = 'course-101';

export const LTI_CLAIM = 'https://purl.imsglobal.org/spec/lti/claim/';
export const LTI_DL_CLAIM = 'https://purl.imsglobal.org/spec/lti-dl/claim/';

export const CLAIM = {
  deploymentId: `${LTI_CLAIM}deployment_id`,
  messageType: `${LTI_CLAIM}message_type`,
  version: `${LTI_CLAIM}version`,
  targetLinkUri: `${LTI_CLAIM}target_link_uri`,
  resourceLink: `${LTI_CLAIM}resource_link`,
  roles: `${LTI_CLAIM}roles`,
  context: `${LTI_CLAIM}context`,
  toolPlatform: `${LTI_CLAIM}tool_platform`,
  launchPresentation: `${LTI_CLAIM}launch_presentation`,
  custom: `${LTI_CLAIM}custom`,
  ags: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
  /** Deep Linking 2.0 (https://www.imsglobal.org/spec/lti-dl/v2p0). */
  deepLinkingSettings: `${LTI_DL_CLAIM}deep_linking_settings`,
  contentItems: `${LTI_DL_CLAIM}content_items`,
  data: `${LTI_DL_CLAIM}data`,
  msg: `${LTI_DL_CLAIM}msg`,
  log: `${LTI_DL_CLAIM}log`,
  errorMsg: `${LTI_DL_CLAIM}errormsg`,
  errorLog: `${LTI_DL_CLAIM}errorlog`,
  /** Canvas: the placement a launch comes from (e.g. `assignment_selection`). */
  canvasPlacement: 'https://www.instructure.com/placement',
} as const;

export const ROLE = {
  learner: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
  instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
} as const;

export const CONTEXT_TYPE_COURSE_OFFERING =
  'http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering';

export const SCOPE = {
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  lineItemReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  resultReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
} as const;

export const SUPPORTED_SCOPES: readonly string[] = Object.values(SCOPE);

export const MEDIA_TYPE = {
  lineItemContainer: 'application/vnd.ims.lis.v2.lineitemcontainer+json',
  lineItem: 'application/vnd.ims.lis.v2.lineitem+json',
  score: 'application/vnd.ims.lis.v1.score+json',
  resultContainer: 'application/vnd.ims.lis.v2.resultcontainer+json',
  membershipContainer: 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json',
} as const;

/** OpenID scope plus every service scope: what the OpenID configuration advertises. */
export const OPENID_SCOPES_SUPPORTED: readonly string[] = ['openid', ...SUPPORTED_SCOPES];

/**
 * LTI Dynamic Registration keys.
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0
 */
export const REGISTRATION = {
  toolConfiguration: 'https://purl.imsglobal.org/spec/lti-tool-configuration',
  platformConfiguration: 'https://purl.imsglobal.org/spec/lti-platform-configuration',
  /** Canvas-only keys in the tool configuration and its messages start with this. */
  canvasExtensionPrefix: 'https://canvas.instructure.com/lti/',
  wellKnownPath: '/.well-known/openid-configuration',
  endpointPath: '/registration',
} as const;

export const MESSAGE_TYPE = {
  resourceLink: 'LtiResourceLinkRequest',
  deepLinking: 'LtiDeepLinkingRequest',
  deepLinkingResponse: 'LtiDeepLinkingResponse',
} as const;

/** Canvas's `https://canvas.instructure.com/lti/privacy_level` values. */
export const CANVAS_PRIVACY_LEVELS: readonly string[] = ['public', 'name_only', 'email_only', 'anonymous'];

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export const ACTIVITY_PROGRESS = [
  'Initialized',
  'Started',
  'InProgress',
  'Submitted',
  'Completed',
] as const;

export const GRADING_PROGRESS = [
  'FullyGraded',
  'Pending',
  'PendingManual',
  'Failed',
  'NotReady',
] as const;
