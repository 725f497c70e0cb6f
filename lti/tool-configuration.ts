/**
 * How Inkwell describes itself to a platform: its URLs, the LTI tool
 * configuration used by Dynamic Registration, and the Canvas developer key JSON.
 * Pure functions of the public base URL; nothing here talks to a platform.
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0#lti-configuration-0
 * @see https://canvas.instructure.com/doc/api/file.lti_dev_key_config.html
 */
import {
  MESSAGE_DEEP_LINKING,
  MESSAGE_RESOURCE_LINK,
  SCOPE_AGS_LINEITEM,
  SCOPE_AGS_LINEITEM_READONLY,
  SCOPE_AGS_RESULT_READONLY,
  SCOPE_AGS_SCORE,
  SCOPE_NRPS,
} from './claims';

export const TOOL_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-tool-configuration';
export const PLATFORM_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-platform-configuration';
const CANVAS_EXTENSION_PREFIX = 'https://canvas.instructure.com/lti/';

export const TOOL_TITLE = 'Inkwell';
export const TOOL_DESCRIPTION = 'Essay assignments with rubric grading; grades go to the gradebook.';

/** The service scopes Inkwell asks for; a platform may grant fewer. */
export const TOOL_SCOPES = [SCOPE_AGS_LINEITEM, SCOPE_AGS_LINEITEM_READONLY, SCOPE_AGS_RESULT_READONLY, SCOPE_AGS_SCORE, SCOPE_NRPS];

/** Only the identity claims Inkwell uses. */
export const TOOL_CLAIMS = ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'];

export interface ToolUrls {
  base: string;
  login: string;
  launch: string;
  keys: string;
  register: string;
  logo: string;
}

export function toolUrls(baseUrl: string): ToolUrls {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    base,
    login: `${base}/lti/login`,
    launch: `${base}/lti/launch`,
    keys: `${base}/lti/keys`,
    register: `${base}/lti/register`,
    logo: `${base}/icon.svg`,
  };
}

/** host[:port] of the launch URL, exactly as Moodle compares it. */
export function toolDomain(urls: ToolUrls): string {
  return new URL(urls.launch).host;
}

/** The messages Inkwell accepts, with the Canvas placements that add it to assignments. */
function toolMessages(urls: ToolUrls, forCanvas: boolean) {
  const placements = (names: string[]) => (forCanvas ? { placements: names } : {});
  return [
    {
      type: MESSAGE_DEEP_LINKING,
      target_link_uri: urls.launch,
      label: 'Add an Inkwell essay',
      ...placements(['assignment_selection', 'link_selection']),
    },
    {
      type: MESSAGE_RESOURCE_LINK,
      target_link_uri: urls.launch,
      label: TOOL_TITLE,
      ...placements(['link_selection']),
    },
  ];
}

export interface ClientRegistrationOptions {
  /** Only the scopes the platform says it supports are requested. */
  scopesSupported?: string[];
  /** `canvas`, `moodle`, …: Canvas extensions are sent to Canvas only. */
  productFamily?: string;
}

/**
 * The client registration Inkwell POSTs to a platform.
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0#tool-client-registration
 */
export function clientRegistration(urls: ToolUrls, options: ClientRegistrationOptions = {}): Record<string, unknown> {
  const forCanvas = options.productFamily === 'canvas';
  const scopes = options.scopesSupported ? TOOL_SCOPES.filter((s) => options.scopesSupported!.includes(s)) : TOOL_SCOPES;
  const toolConfiguration: Record<string, unknown> = {
    domain: toolDomain(urls),
    target_link_uri: urls.launch,
    description: TOOL_DESCRIPTION,
    claims: TOOL_CLAIMS,
    messages: toolMessages(urls, forCanvas),
  };
  const registration: Record<string, unknown> = {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: urls.login,
    redirect_uris: [urls.launch],
    client_name: TOOL_TITLE,
    logo_uri: urls.logo,
    jwks_uri: urls.keys,
    token_endpoint_auth_method: 'private_key_jwt',
    scope: scopes.join(' '),
    [TOOL_CONFIGURATION]: toolConfiguration,
  };
  if (forCanvas) {
    toolConfiguration[`${CANVAS_EXTENSION_PREFIX}privacy_level`] = 'public';
  }
  return registration;
}

/**
 * The developer key JSON a Canvas admin pastes by URL ("Enter URL") instead of typing fields.
 * Custom fields carry the assignment's due and lock dates, which Inkwell applies on launch.
 */
export function canvasDeveloperKey(urls: ToolUrls): Record<string, unknown> {
  const domain = new URL(urls.base).hostname;
  return {
    title: TOOL_TITLE,
    description: TOOL_DESCRIPTION,
    oidc_initiation_url: urls.login,
    target_link_uri: urls.launch,
    public_jwk_url: urls.keys,
    scopes: TOOL_SCOPES,
    custom_fields: { due_at: '$Canvas.assignment.dueAt.iso8601', lock_at: '$Canvas.assignment.lockAt.iso8601' },
    extensions: [
      {
        platform: 'canvas.instructure.com',
        domain,
        tool_id: 'inkwell',
        privacy_level: 'public',
        settings: {
          text: TOOL_TITLE,
          icon_url: urls.logo,
          placements: [
            { placement: 'assignment_selection', message_type: MESSAGE_DEEP_LINKING, target_link_uri: urls.launch, text: 'Inkwell essay' },
            { placement: 'link_selection', message_type: MESSAGE_DEEP_LINKING, target_link_uri: urls.launch, text: 'Inkwell essay' },
          ],
        },
      },
    ],
  };
}
