/**
 * LTI Dynamic Registration, platform side: the OpenID configuration, registration tokens and the
 * registration endpoint, with Moodle's or Canvas's rules chosen by `flavour`. A registration
 * creates a client that launches and `/token` then accept like the built-in one.
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0
 */
import { KeyObject, randomBytes, randomUUID, sign } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CANVAS_PRIVACY_LEVELS,
  MESSAGE_TYPE,
  OPENID_SCOPES_SUPPORTED,
  REGISTRATION,
} from './constants';
import { isJsonBody, readBody, sendJson } from './http';
import type { PlatformKeys } from './keys';
import { randomToken, type PlatformState } from './state';
import { authorizationServer, tokenEndpointUrl } from './token';
import type {
  ClientRegistrationRequest,
  Flavour,
  LtiMessageConfiguration,
  OpenIdConfiguration,
  RegistrationRequestRecord,
  RegistrationTokenOptions,
  ToolRegistration,
} from './types';

const TOOL_CONFIG = REGISTRATION.toolConfiguration;
const DEFAULT_TOKEN_TTL_S = 60 * 60;

/** Claims the emulator puts in id_tokens, as advertised in `claims_supported`. */
const CLAIMS_SUPPORTED = [
  'iss',
  'sub',
  'aud',
  'azp',
  'exp',
  'iat',
  'nonce',
  'name',
  'given_name',
  'family_name',
  'email',
];

const PRODUCT_VERSION: Record<Flavour, string> = { moodle: '4.5', canvas: 'cloud' };

/** Moodle refuses a bad registration with 400, Canvas with 422. */
const METADATA_ERROR_STATUS: Record<Flavour, number> = { moodle: 400, canvas: 422 };

export function openidConfigurationUrl(state: PlatformState): string {
  return `${state.config.baseUrl}${REGISTRATION.wellKnownPath}`;
}

export function registrationEndpointUrl(state: PlatformState): string {
  return `${state.config.baseUrl}${REGISTRATION.endpointPath}`;
}

/** The configuration as the platform really is, before any test override. */
export function openidConfiguration(state: PlatformState): OpenIdConfiguration {
  const { baseUrl, flavour } = state.config;
  const server = authorizationServer(state);
  return {
    issuer: baseUrl,
    authorization_endpoint: `${baseUrl}/auth`,
    token_endpoint: tokenEndpointUrl(state),
    jwks_uri: `${baseUrl}/jwks`,
    registration_endpoint: registrationEndpointUrl(state),
    scopes_supported: [...OPENID_SCOPES_SUPPORTED],
    response_types_supported: ['id_token'],
    subject_types_supported: ['public', 'pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256'],
    claims_supported: [...CLAIMS_SUPPORTED],
    ...(server ? { authorization_server: server } : {}),
    [REGISTRATION.platformConfiguration]: {
      product_family_code: flavour,
      version: PRODUCT_VERSION[flavour],
      messages_supported: [{ type: MESSAGE_TYPE.resourceLink }, { type: MESSAGE_TYPE.deepLinking }],
    },
  };
}

/** What GET /.well-known/openid-configuration serves: the real one with the override on top. */
export function servedOpenidConfiguration(state: PlatformState): Record<string, unknown> {
  const served: Record<string, unknown> = {
    ...openidConfiguration(state),
    ...(state.openidConfigurationOverride ?? {}),
  };
  for (const [key, value] of Object.entries(served)) {
    if (value === undefined) delete served[key];
  }
  return served;
}

export function handleOpenidConfiguration(state: PlatformState, res: ServerResponse): void {
  sendJson(res, 200, servedOpenidConfiguration(state));
}

// ---- registration tokens --------------------------------------------------------------------------

/**
 * A new single-use registration token. Moodle's is a JWT signed by the site key (scope `reg`);
 * Canvas's is opaque here. Tools must treat both as opaque.
 */
export function createRegistrationToken(
  state: PlatformState,
  keys: PlatformKeys,
  options: RegistrationTokenOptions = {},
): string {
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_TOKEN_TTL_S;
  const now = Math.floor(Date.now() / 1000);
  const token =
    state.config.flavour === 'moodle'
      ? signSync(keys, {
          iss: state.config.baseUrl,
          sub: randomUUID(),
          scope: 'reg',
          iat: now,
          exp: now + ttlSeconds,
        })
      : randomToken(32);
  state.registrationTokens.set(token, { expiresAt: Date.now() + ttlSeconds * 1000, used: false });
  return token;
}

/** RS256 compact JWS, synchronously (jose only signs asynchronously). */
function signSync(keys: PlatformKeys, claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'RS256', typ: 'JWT', kid: keys.kid })}.${encode(claims)}`;
  const signature = sign('sha256', Buffer.from(input), KeyObject.from(keys.privateKey));
  return `${input}.${signature.toString('base64url')}`;
}

/** The tool's registration URL with the two parameters the LMS adds, keeping its own query. */
export function registrationLaunchUrl(
  state: PlatformState,
  toolRegistrationUrl: string,
  registrationToken: string,
): string {
  const url = new URL(toolRegistrationUrl);
  url.searchParams.set('openid_configuration', openidConfigurationUrl(state));
  url.searchParams.set('registration_token', registrationToken);
  return url.toString();
}

function checkRegistrationToken(state: PlatformState, req: IncomingMessage): string | { error: string } {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match) return { error: 'missing Authorization: Bearer <registration token>' };
  const token = match[1]!;
  const entry = state.registrationTokens.get(token);
  if (!entry) return { error: 'unknown registration token' };
  if (entry.used) return { error: 'the registration token was already used' };
  if (entry.expiresAt <= Date.now()) return { error: 'the registration token has expired' };
  return token;
}

// ---- validation -----------------------------------------------------------------------------------

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function httpUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

const quote = (value: unknown) => JSON.stringify(value) ?? 'undefined';

/** Rules both LMSs (and the spec) apply to the OpenID client metadata. */
function checkClientMetadata(body: Json, problems: string[]): void {
  if (body.application_type !== 'web') {
    problems.push(`application_type must be "web", got ${quote(body.application_type)}`);
  }
  if (!isStringArray(body.response_types) || !body.response_types.includes('id_token')) {
    problems.push('response_types must include "id_token"');
  }
  const grants = isStringArray(body.grant_types) ? body.grant_types : [];
  const missingGrants = ['implicit', 'client_credentials'].filter((grant) => !grants.includes(grant));
  if (missingGrants.length > 0) {
    problems.push(`grant_types must include ${missingGrants.map(quote).join(' and ')}`);
  }
  if (!httpUrl(body.initiate_login_uri)) problems.push('initiate_login_uri must be an http(s) URL');
  if (
    !Array.isArray(body.redirect_uris) ||
    body.redirect_uris.length === 0 ||
    !body.redirect_uris.every((uri) => httpUrl(uri))
  ) {
    problems.push('redirect_uris must be a non-empty array of http(s) URLs');
  }
  if (!httpUrl(body.jwks_uri)) problems.push('jwks_uri must be an http(s) URL');
  if (!isNonEmptyString(body.client_name)) problems.push('client_name is required');
  if (body.token_endpoint_auth_method !== 'private_key_jwt') {
    problems.push(
      `token_endpoint_auth_method must be "private_key_jwt", got ${quote(body.token_endpoint_auth_method)}`,
    );
  }
  if (typeof body.scope !== 'string') {
    problems.push('scope must be a space-separated string of scopes');
  } else {
    const unsupported = body.scope.split(/\s+/).filter((scope) => scope && !OPENID_SCOPES_SUPPORTED.includes(scope));
    if (unsupported.length > 0) problems.push(`scope has unsupported scopes: ${unsupported.join(' ')}`);
  }
}

/** The LTI tool configuration object, common rules; returns it when it is there at all. */
function checkToolConfiguration(body: Json, problems: string[]): Json | undefined {
  const config = body[TOOL_CONFIG];
  if (!isObject(config)) {
    problems.push(`${TOOL_CONFIG} is required (an object)`);
    return undefined;
  }
  if (!isNonEmptyString(config.domain)) {
    problems.push(`${TOOL_CONFIG}.domain is required`);
  } else if (/[/\s]/.test(config.domain)) {
    problems.push(`${TOOL_CONFIG}.domain must be a host name (with an optional port), not a URL`);
  }
  if (!httpUrl(config.target_link_uri)) {
    problems.push(`${TOOL_CONFIG}.target_link_uri must be an http(s) URL`);
  }
  if (config.claims !== undefined && !isStringArray(config.claims)) {
    problems.push(`${TOOL_CONFIG}.claims must be an array of claim names`);
  }
  if (config.messages !== undefined) {
    if (!Array.isArray(config.messages)) {
      problems.push(`${TOOL_CONFIG}.messages must be an array`);
    } else {
      config.messages.forEach((message: unknown, index) => {
        if (!isObject(message) || !isNonEmptyString(message.type)) {
          problems.push(`${TOOL_CONFIG}.messages[${index}] needs a type`);
        } else if (message.target_link_uri !== undefined && !httpUrl(message.target_link_uri)) {
          problems.push(`${TOOL_CONFIG}.messages[${index}].target_link_uri must be an http(s) URL`);
        }
      });
    }
  }
  return config;
}

/** Moodle: every URL must be on the tool's domain, and the domain is target_link_uri's host. */
function checkMoodle(body: Json, config: Json, problems: string[]): void {
  const domain = isNonEmptyString(config.domain) ? config.domain.toLowerCase() : undefined;
  const target = httpUrl(config.target_link_uri);
  if (!domain || !target) return;
  if (target.host !== domain) {
    problems.push(
      `${TOOL_CONFIG}.domain "${config.domain}" does not match the host of target_link_uri ("${target.host}")`,
    );
    return;
  }
  const uris: Array<[string, unknown]> = [['initiate_login_uri', body.initiate_login_uri]];
  if (Array.isArray(body.redirect_uris)) {
    body.redirect_uris.forEach((uri: unknown, index) => uris.push([`redirect_uris[${index}]`, uri]));
  }
  for (const [name, uri] of uris) {
    const url = httpUrl(uri);
    if (url && url.host !== domain) {
      problems.push(`${name} "${String(uri)}" is not on the tool's domain "${config.domain}"`);
    }
  }
}

/** Canvas: messages with placements and claims are required; its extensions are welcome. */
function checkCanvas(config: Json, problems: string[]): void {
  const messages = config.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    problems.push(`${TOOL_CONFIG}.messages is required by Canvas and must not be empty`);
  } else {
    messages.forEach((message: unknown, index) => {
      if (!isObject(message)) return;
      const { placements } = message;
      if (!isStringArray(placements) || placements.length === 0) {
        problems.push(
          `${TOOL_CONFIG}.messages[${index}] (${String(message.type)}) needs placements (a non-empty array)`,
        );
      }
    });
  }
  if (!isStringArray(config.claims)) {
    problems.push(`${TOOL_CONFIG}.claims is required by Canvas (an array of claim names)`);
  }
  const privacyKey = `${REGISTRATION.canvasExtensionPrefix}privacy_level`;
  const privacy = config[privacyKey];
  if (privacy !== undefined && !CANVAS_PRIVACY_LEVELS.includes(privacy as string)) {
    problems.push(`${privacyKey} must be one of ${CANVAS_PRIVACY_LEVELS.join(', ')}`);
  }
}

/** Every problem with a registration request under the flavour's rules (empty = acceptable). */
export function validateRegistration(flavour: Flavour, body: unknown): string[] {
  if (!isObject(body)) return ['the registration must be a JSON object'];
  const problems: string[] = [];
  checkClientMetadata(body, problems);
  const config = checkToolConfiguration(body, problems);
  if (config) {
    if (flavour === 'moodle') checkMoodle(body, config, problems);
    else checkCanvas(config, problems);
  }
  return problems;
}

// ---- registering ----------------------------------------------------------------------------------

function moodleClientId(): string {
  // Moodle's client ids are 15 random letters and digits.
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(15)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

function newIds(state: PlatformState): { clientId: string; deploymentId: string } {
  const serial = state.nextRegistrationSerial();
  if (state.config.flavour === 'moodle') {
    // Moodle's deployment id is the tool type's numeric id.
    return { clientId: moodleClientId(), deploymentId: String(serial + 1) };
  }
  // Canvas: the developer key's global id, and `<install id>:<context hash>` deployments.
  return {
    clientId: String(10_000_000_000_000 + serial),
    deploymentId: `${serial}:${randomBytes(20).toString('hex')}`,
  };
}

function createRegistration(state: PlatformState, body: ClientRegistrationRequest): ToolRegistration {
  const { flavour } = state.config;
  const config = body[TOOL_CONFIG];
  const messages: LtiMessageConfiguration[] = config.messages ?? [];
  const resourceLinkTarget = messages.find(
    (message) => message.type === MESSAGE_TYPE.resourceLink && typeof message.target_link_uri === 'string',
  )?.target_link_uri;
  const registration: ToolRegistration = {
    ...newIds(state),
    flavour,
    status: flavour === 'moodle' ? 'pending' : 'active',
    receivedAt: new Date(),
    body,
    clientName: body.client_name,
    initiateLoginUri: body.initiate_login_uri,
    redirectUris: [...body.redirect_uris],
    jwksUri: body.jwks_uri,
    targetLinkUri: resourceLinkTarget ?? config.target_link_uri,
    domain: config.domain,
    scopes: body.scope.split(/\s+/).filter(Boolean),
    deepLinking: messages.some((message) => message.type === MESSAGE_TYPE.deepLinking),
  };
  state.registrations.set(registration.clientId, registration);
  return registration;
}

/** POST /registration */
export async function handleRegistration(
  state: PlatformState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const record: RegistrationRequestRecord = {
    method: req.method ?? 'GET',
    headers: { ...req.headers },
    rawBody: '',
    receivedAt: new Date(),
    status: 0,
    accepted: false,
  };
  const refuse = (status: number, error: string, description: string, headers: Record<string, string> = {}) => {
    record.status = status;
    record.reason = description;
    state.registrationRequests.push(record);
    sendJson(res, status, { error, error_description: description }, 'application/json', headers);
  };

  if (req.method !== 'POST') {
    refuse(405, 'invalid_request', 'use POST', { allow: 'POST' });
    return;
  }
  record.rawBody = await readBody(req);
  const token = checkRegistrationToken(state, req);
  if (typeof token !== 'string') {
    refuse(401, 'invalid_token', token.error, { 'www-authenticate': 'Bearer error="invalid_token"' });
    return;
  }
  if (!isJsonBody(req)) {
    refuse(400, 'invalid_client_metadata', 'the registration must be sent as application/json');
    return;
  }
  try {
    record.body = JSON.parse(record.rawBody) as unknown;
  } catch {
    refuse(400, 'invalid_client_metadata', 'the registration is not valid JSON');
    return;
  }
  const { flavour } = state.config;
  const problems = validateRegistration(flavour, record.body);
  if (problems.length > 0) {
    refuse(METADATA_ERROR_STATUS[flavour], 'invalid_client_metadata', problems.join('; '));
    return;
  }

  // Only a successful registration uses the token up, so a tool can correct itself and retry.
  state.registrationTokens.get(token)!.used = true;
  const body = record.body as ClientRegistrationRequest;
  const registration = createRegistration(state, body);
  record.status = 200;
  record.accepted = true;
  record.clientId = registration.clientId;
  state.registrationRequests.push(record);
  sendJson(res, 200, {
    ...body,
    client_id: registration.clientId,
    [TOOL_CONFIG]: { ...body[TOOL_CONFIG], deployment_id: registration.deploymentId },
  });
}
