/**
 * OAuth 2 client-credentials token endpoint with a JWT client assertion signed by the tool, and
 * the bearer-token check every service endpoint uses. Access tokens are opaque and in memory.
 * The assertion's `iss` names the client: the built-in one or one created by dynamic
 * registration, each checked against its own JWKS.
 * @see https://www.imsglobal.org/spec/security/v1p0/#using-json-web-tokens-with-oauth-2-0-client-credentials-grant
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeJwt, jwtVerify } from 'jose';
import { CLIENT_ASSERTION_TYPE, SUPPORTED_SCOPES } from './constants';
import { isFormBody, parseForm, readBody, sendJson, type Problem } from './http';
import { randomToken, type PlatformState } from './state';
import type { ToolJwksCache } from './tool-jwks';

const ACCESS_TOKEN_LIFETIME_S = 3600;
const CLOCK_TOLERANCE_S = 5;

function oauthError(res: ServerResponse, status: number, error: string, description: string) {
  sendJson(res, status, { error, error_description: description });
}

export function tokenEndpointUrl(state: PlatformState): string {
  return `${state.config.baseUrl}/token`;
}

/** Canvas flavour: the `authorization_server` its OpenID configuration advertises. */
export function authorizationServer(state: PlatformState): string | undefined {
  return state.config.flavour === 'canvas' ? `${state.config.baseUrl}/login/oauth2/token` : undefined;
}

/** The assertion's unverified `iss`, only to pick the client whose keys will verify it. */
function claimedIssuer(assertion: string): string | undefined {
  try {
    const { iss } = decodeJwt(assertion);
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

/** POST /token */
export async function handleToken(
  state: PlatformState,
  toolJwks: ToolJwksCache,
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
  // Unknown issuers are checked against the built-in client, so the reason names the mismatch.
  const client =
    state.findClient(claimedIssuer(form.client_assertion) ?? state.config.clientId) ??
    state.builtInClient();
  if (client.status !== 'active') {
    oauthError(res, 401, 'invalid_client', `client "${client.clientId}" is pending activation`);
    return;
  }
  const requested = (form.scope ?? '').split(/\s+/).filter(Boolean);
  const allowed = client.scopes ?? SUPPORTED_SCOPES;
  const granted = requested.filter(
    (scope) => SUPPORTED_SCOPES.includes(scope) && allowed.includes(scope),
  );
  if (granted.length === 0) {
    oauthError(res, 400, 'invalid_scope', 'none of the requested scopes is available');
    return;
  }

  const { clientId } = client;
  const audience = [tokenEndpointUrl(state)];
  const alternative = authorizationServer(state);
  if (alternative) audience.push(alternative);
  let jti: string;
  let exp: number;
  try {
    const { payload } = await jwtVerify(form.client_assertion, toolJwks.keyResolver(client.jwksUri), {
      algorithms: ['RS256'],
      issuer: clientId,
      subject: clientId,
      // jose accepts `aud` as a string or an array that contains one of these values.
      audience,
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
