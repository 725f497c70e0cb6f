/**
 * OAuth 2 client-credentials token endpoint with a JWT client assertion signed by the tool, and
 * the bearer-token check every service endpoint uses. Access tokens are opaque and in memory.
 * @see https://www.imsglobal.org/spec/security/v1p0/#using-json-web-tokens-with-oauth-2-0-client-credentials-grant
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { CLIENT_ASSERTION_TYPE, SUPPORTED_SCOPES } from './constants';
import { isFormBody, parseForm, readBody, sendJson, type Problem } from './http';
import { randomToken, type PlatformState } from './state';

const ACCESS_TOKEN_LIFETIME_S = 3600;
const CLOCK_TOLERANCE_S = 5;

export type ToolJwks = ReturnType<typeof createRemoteJWKSet>;

export function createToolJwks(state: PlatformState): ToolJwks {
  // cooldownDuration 0: a tool that rotates keys is re-fetched on the first unknown kid.
  return createRemoteJWKSet(new URL(`${state.config.toolBaseUrl}/lti/keys`), {
    cooldownDuration: 0,
    cacheMaxAge: 60_000,
  });
}

function oauthError(res: ServerResponse, status: number, error: string, description: string) {
  sendJson(res, status, { error, error_description: description });
}

export function tokenEndpointUrl(state: PlatformState): string {
  return `${state.config.baseUrl}/token`;
}

/** POST /token */
export async function handleToken(
  state: PlatformState,
  toolJwks: ToolJwks,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  state.tokenRequestCount++;
  if (!isFormBody(req)) {
    oauthError(res, 400, 'invalid_request', 'body must be application/x-www-form-urlencoded');
    return;
  }
  const form = parseForm(await readBody(req));
  if (form.grant_type !== 'client_credentials') {
    oauthError(res, 400, 'unsupported_grant_type', 'grant_type must be client_credentials');
    return;
  }
  if (form.client_assertion_type !== CLIENT_ASSERTION_TYPE) {
    oauthError(res, 400, 'invalid_request', `client_assertion_type must be ${CLIENT_ASSERTION_TYPE}`);
    return;
  }
  if (!form.client_assertion) {
    oauthError(res, 400, 'invalid_request', 'missing client_assertion');
    return;
  }
  const requested = (form.scope ?? '').split(/\s+/).filter(Boolean);
  const granted = requested.filter((scope) => SUPPORTED_SCOPES.includes(scope));
  if (granted.length === 0) {
    oauthError(res, 400, 'invalid_scope', 'none of the requested scopes is available');
    return;
  }

  const { clientId } = state.config;
  let jti: string;
  let exp: number;
  try {
    const { payload } = await jwtVerify(form.client_assertion, toolJwks, {
      algorithms: ['RS256'],
      issuer: clientId,
      subject: clientId,
      // jose accepts `aud` as a string or an array that contains this value.
      audience: tokenEndpointUrl(state),
      requiredClaims: ['exp', 'jti'],
      clockTolerance: CLOCK_TOLERANCE_S,
    });
    jti = String(payload.jti);
    exp = payload.exp!;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    oauthError(res, 401, 'invalid_client', `client assertion rejected: ${reason}`);
    return;
  }
  state.purgeExpired();
  if (state.usedJtis.has(jti)) {
    oauthError(res, 401, 'invalid_client', 'client assertion jti was already used');
    return;
  }
  state.usedJtis.set(jti, (exp + CLOCK_TOLERANCE_S) * 1000);

  const accessToken = randomToken(32);
  state.accessTokens.set(accessToken, {
    scopes: granted,
    expiresAt: Date.now() + ACCESS_TOKEN_LIFETIME_S * 1000,
  });
  sendJson(res, 200, {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_LIFETIME_S,
    scope: granted.join(' '),
  });
}

/**
 * Check `Authorization: Bearer …` carries a live token with one of `anyOfScopes`. Insufficient
 * scope is 401 too, as Canvas answers.
 */
export function checkBearer(
  state: PlatformState,
  req: IncomingMessage,
  anyOfScopes: readonly string[],
): Problem | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  const token = match ? state.accessTokens.get(match[1]!) : undefined;
  const live = token !== undefined && token.expiresAt > Date.now();
  if (live && token.scopes.some((scope) => anyOfScopes.includes(scope))) return null;
  const error = live ? 'insufficient_scope' : 'invalid_token';
  return {
    status: 401,
    message: live
      ? `token lacks scope: one of ${anyOfScopes.join(', ')}`
      : 'missing, unknown or expired bearer token',
    headers: { 'www-authenticate': `Bearer error="${error}"` },
  };
}
