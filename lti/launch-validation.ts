/**
 * Checks an LTI 1.3 launch id_token the way the 1EdTech certification suite
 * expects, in place of ltijs's own check (which takes `alg` from the token
 * header, keeps nonces 10 s without binding them to a login, lets `iat` lie in
 * the future, and cannot tolerate clock skew on `exp`).
 *
 * In: the raw id_token, the login it must answer (issuer, client, nonce), and a
 * way to find the registered platform. Out: the claims, or an LtiLaunchError
 * whose message names the failed check (for logs, never for the student).
 * Not here: state and its browser binding (server/oidc-routes.ts), deployments
 * and platform status (services/platforms.ts), sessions.
 * @see https://www.imsglobal.org/spec/security/v1p0/#authentication-response-validation
 * @see https://www.imsglobal.org/spec/lti/v1p3/#required-message-claims
 */
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { LtijsToken } from 'ltijs';
import {
  CLAIM_CONTEXT,
  CLAIM_CUSTOM,
  CLAIM_DEPLOYMENT_ID,
  CLAIM_MESSAGE_TYPE,
  CLAIM_RESOURCE_LINK,
  CLAIM_ROLES,
  CLAIM_TOOL_PLATFORM,
  CLAIM_VERSION,
  CLAIM_AGS_ENDPOINT,
  CLAIM_NRPS,
  MESSAGE_DEEP_LINKING,
  MESSAGE_RESOURCE_LINK,
} from './claims';
import { LtiLaunchError } from './errors';

/** How far a platform's clock may be off ours (both ways). Real LMS clocks drift by tens of seconds. */
export const CLOCK_SKEW_SECONDS = 300;
/** How old an id_token may be when it arrives (plus the skew allowance). */
export const ID_TOKEN_MAX_AGE_SECONDS = 120;

const CLAIM_TARGET_LINK_URI = 'https://purl.imsglobal.org/spec/lti/claim/target_link_uri';
const CLAIM_LAUNCH_PRESENTATION = 'https://purl.imsglobal.org/spec/lti/claim/launch_presentation';
const CLAIM_DEEP_LINKING_SETTINGS = 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings';

export interface RegisteredPlatform {
  issuer: string;
  clientId: string;
  jwksUrl: string;
  active: boolean;
}

/** What the login that issued the state expects of the id_token. */
export interface ExpectedLogin {
  issuer: string;
  clientId: string;
  nonce: string;
}

export type PlatformLookup = (issuer: string, clientId: string) => Promise<RegisteredPlatform | null>;

const jwksByUrl = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function remoteJwks(url: string): ReturnType<typeof createRemoteJWKSet> {
  let jwks = jwksByUrl.get(url);
  if (!jwks) {
    // Cached keys; an unknown kid triggers one refetch (at most every 30 s), so key rotation works.
    jwks = createRemoteJWKSet(new URL(url), { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
    jwksByUrl.set(url, jwks);
  }
  return jwks;
}

function invalid(message: string): LtiLaunchError {
  return new LtiLaunchError('TOKEN_INVALID', message);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** The unverified header and payload, enough to find the platform; refuses what is not a JWT. */
function peek(idToken: string): { kid?: string; alg?: string; payload: JWTPayload } {
  try {
    const header = decodeProtectedHeader(idToken);
    return { kid: header.kid, alg: header.alg, payload: decodeJwt(idToken) };
  } catch {
    throw invalid('id_token is not a JWT');
  }
}

function audiences(payload: JWTPayload): string[] {
  const aud = payload.aud;
  if (typeof aud === 'string') return aud === '' ? [] : [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired || error instanceof joseErrors.JWTClaimValidationFailed) {
    return `${error.claim}: ${error.message}`;
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'kid: no key with this kid in the platform JWKS';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'signature verification failed';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'alg: only RS256 is accepted';
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) return `platform JWKS unusable: ${(error as Error).message}`;
  return `id_token rejected: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Verifies signature, issuer, audience, times, nonce and the LTI claims.
 * @throws {LtiLaunchError} TOKEN_INVALID (PLATFORM_UNKNOWN / PLATFORM_INACTIVE for the platform itself)
 */
export async function validateIdToken(
  idToken: string,
  expected: ExpectedLogin,
  lookupPlatform: PlatformLookup,
  now: Date = new Date(),
): Promise<JWTPayload> {
  const { kid, alg, payload: unverified } = peek(idToken);
  // The algorithm is ours to choose, never the token's: `none` and HS256 (keyed with the public key) are refused.
  if (alg !== 'RS256') throw invalid(`alg: ${alg ?? 'missing'} is not allowed (RS256 only)`);
  if (!kid) throw invalid('kid: the id_token header has no kid');
  if (!nonEmptyString(unverified.iss)) throw invalid('iss: missing');
  const aud = audiences(unverified);
  if (aud.length === 0) throw invalid('aud: missing');
  if (unverified.iss !== expected.issuer) {
    throw invalid(`iss: the id_token is from ${unverified.iss} but the state was issued for a login from ${expected.issuer}`);
  }
  if (!aud.includes(expected.clientId)) throw invalid(`aud: ${aud.join(' ')} does not include our client_id ${expected.clientId}`);
  if (aud.length > 1 && unverified.azp !== expected.clientId) {
    throw invalid(`azp: ${String(unverified.azp ?? 'missing')} is not our client_id while aud lists several audiences`);
  }
  if (unverified.azp !== undefined && unverified.azp !== expected.clientId) {
    throw invalid(`azp: ${String(unverified.azp)} is not our client_id`);
  }

  const platform = await lookupPlatform(unverified.iss, expected.clientId);
  if (!platform) throw new LtiLaunchError('PLATFORM_UNKNOWN', `unregistered platform: iss=${unverified.iss} client_id=${expected.clientId}`);
  if (!platform.active) throw new LtiLaunchError('PLATFORM_INACTIVE', `inactive platform: iss=${unverified.iss}`);

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, remoteJwks(platform.jwksUrl), {
      algorithms: ['RS256'],
      issuer: platform.issuer,
      audience: expected.clientId,
      clockTolerance: CLOCK_SKEW_SECONDS,
      maxTokenAge: ID_TOKEN_MAX_AGE_SECONDS,
      requiredClaims: ['exp', 'iat'],
      currentDate: now,
    }));
  } catch (error) {
    throw invalid(describeJoseError(error));
  }

  if (!nonEmptyString(payload.nonce)) throw invalid('nonce: missing');
  if (payload.nonce !== expected.nonce) throw invalid('nonce: does not match the login that issued the state (replayed or foreign id_token)');
  checkLtiClaims(payload);
  return payload;
}

/** The LTI 1.3 message claims every launch must carry. */
export function checkLtiClaims(payload: JWTPayload): void {
  const version = payload[CLAIM_VERSION];
  const messageType = payload[CLAIM_MESSAGE_TYPE];
  if (version === undefined && messageType === undefined) throw invalid('not an LTI message: no LTI version or message_type claim');
  if (version === undefined) throw invalid('version: the LTI version claim is missing');
  if (version !== '1.3.0') throw invalid(`version: LTI version ${JSON.stringify(version)} is not 1.3.0`);
  if (messageType === undefined) throw invalid('message_type: missing');
  if (messageType !== MESSAGE_RESOURCE_LINK && messageType !== MESSAGE_DEEP_LINKING) {
    throw new LtiLaunchError('UNSUPPORTED_MESSAGE_TYPE', `message_type: ${JSON.stringify(messageType)} is not supported`);
  }
  if (!nonEmptyString(payload.sub)) throw invalid('sub: missing');
  if (!nonEmptyString(payload[CLAIM_DEPLOYMENT_ID])) throw invalid('deployment_id: missing');
  // An empty role list is valid (anonymous or unusual roles); a missing claim is not.
  if (!Array.isArray(payload[CLAIM_ROLES])) throw invalid('roles: the roles claim is missing');
  if (messageType === MESSAGE_RESOURCE_LINK) {
    const link = payload[CLAIM_RESOURCE_LINK] as { id?: unknown } | undefined;
    if (!link || !nonEmptyString(link.id)) throw invalid('resource_link.id: missing');
  }
}

function objectClaim<T>(payload: JWTPayload, name: string): T | undefined {
  const value = payload[name];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as T) : undefined;
}

/**
 * The validated claims in the shape ltijs hands to its callbacks, so the rest
 * of Inkwell (lti/launch.ts) reads one format. Only what Inkwell uses is kept:
 * name and email, no other personal data.
 */
export function toLtijsToken(payload: JWTPayload, clientId: string): LtijsToken {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const context = objectClaim<LtijsToken['platformContext']['context']>(payload, CLAIM_CONTEXT);
  const resource = objectClaim<LtijsToken['platformContext']['resource']>(payload, CLAIM_RESOURCE_LINK);
  return {
    iss: String(payload.iss),
    user: String(payload.sub),
    userInfo: {
      given_name: str(payload.given_name),
      family_name: str(payload.family_name),
      name: str(payload.name),
      email: str(payload.email),
    },
    platformInfo: objectClaim(payload, CLAIM_TOOL_PLATFORM),
    clientId,
    deploymentId: String(payload[CLAIM_DEPLOYMENT_ID]),
    platformContext: {
      contextId: '',
      user: String(payload.sub),
      context,
      resource,
      messageType: str(payload[CLAIM_MESSAGE_TYPE]),
      version: str(payload[CLAIM_VERSION]),
      roles: payload[CLAIM_ROLES] as unknown[],
      targetLinkUri: str(payload[CLAIM_TARGET_LINK_URI]),
      custom: objectClaim(payload, CLAIM_CUSTOM),
      launchPresentation: objectClaim(payload, CLAIM_LAUNCH_PRESENTATION),
      endpoint: objectClaim(payload, CLAIM_AGS_ENDPOINT),
      namesRoles: objectClaim(payload, CLAIM_NRPS),
      deepLinkingSettings: objectClaim(payload, CLAIM_DEEP_LINKING_SETTINGS),
    },
  };
}
