/**
 * How Inkwell describes itself to a platform: its URLs and the LTI tool
 * configuration used by Dynamic Registration, with what its LMS's profile adds
 * (lti/lms/). Pure functions of the public base URL; nothing here talks to a platform.
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0#lti-configuration-0
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
import { lmsProfile, type LmsProfile, type ToolDescription } from './lms';

export const TOOL_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-tool-configuration';
export const PLATFORM_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-platform-configuration';

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

/** What Inkwell says about itself, for an LMS's own configuration format (Canvas's developer key JSON). */
export function toolDescription(urls: ToolUrls): ToolDescription {
  return { title: TOOL_TITLE, description: TOOL_DESCRIPTION, scopes: TOOL_SCOPES, urls };
}

/** The messages Inkwell accepts, with the placements the LMS wants on them (Canvas: to add it to assignments). */
function toolMessages(urls: ToolUrls, lms: LmsProfile) {
  const placements = (type: string) => {
    const names = lms.registration.messagePlacements[type];
    return names ? { placements: [...names] } : {};
  };
  return [
    {
      type: MESSAGE_DEEP_LINKING,
      target_link_uri: urls.launch,
      label: 'Add an Inkwell essay',
      ...placements(MESSAGE_DEEP_LINKING),
    },
    {
      type: MESSAGE_RESOURCE_LINK,
      target_link_uri: urls.launch,
      label: TOOL_TITLE,
      ...placements(MESSAGE_RESOURCE_LINK),
    },
  ];
}

export interface ClientRegistrationOptions {
  /** Only the scopes the platform says it supports are requested. */
  scopesSupported?: string[];
  /** `canvas`, `moodle`, …: picks the LMS profile whose additions are sent (lti/lms/). */
  productFamily?: string;
}

/**
 * The client registration Inkwell POSTs to a platform.
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0#tool-client-registration
 */
export function clientRegistration(urls: ToolUrls, options: ClientRegistrationOptions = {}): Record<string, unknown> {
  const lms = lmsProfile(options.productFamily);
  const scopes = options.scopesSupported ? TOOL_SCOPES.filter((s) => options.scopesSupported!.includes(s)) : TOOL_SCOPES;
  const toolConfiguration: Record<string, unknown> = {
    domain: toolDomain(urls),
    target_link_uri: urls.launch,
    description: TOOL_DESCRIPTION,
    claims: TOOL_CLAIMS,
    messages: toolMessages(urls, lms),
    ...lms.registration.toolConfiguration,
  };
  return {
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
}
