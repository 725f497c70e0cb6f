/**
 * LTI Dynamic Registration, tool side: read the platform's OpenID
 * configuration, check it, and register Inkwell as a client. Storing the
 * result is the caller's business.
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0
 */
import { PLATFORM_CONFIGURATION, TOOL_CONFIGURATION, clientRegistration, type ToolUrls } from './tool-configuration';
import { USER_AGENT } from './service-http';

export class RegistrationError extends Error {
  /** What the LMS administrator can do about it, in plain words. */
  readonly advice: string;
  constructor(message: string, advice: string) {
    super(message);
    this.name = 'RegistrationError';
    this.advice = advice;
  }
}

export interface PlatformConfiguration {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  registrationEndpoint: string;
  /** Audience for client assertions when it differs from the token endpoint (Canvas). */
  authorizationServer?: string;
  scopesSupported: string[];
  productFamily?: string;
}

export interface RegisteredClient {
  clientId: string;
  deploymentId?: string;
}

const TIMEOUT_MS = 10_000;

/** Loopback http is allowed so the emulator and local LMSs work; anything else must be https. */
function assertSafeUrl(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new RegistrationError(`${what} is missing`, 'The LMS sent an incomplete configuration.');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RegistrationError(`${what} is not a URL`, 'The LMS sent an invalid configuration.');
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new RegistrationError(`${what} must use https`, 'Your LMS must be reachable over HTTPS to register Inkwell.');
  }
  return url.toString();
}

async function fetchJson(url: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { Accept: 'application/json', 'User-Agent': USER_AGENT, ...(init.headers ?? {}) },
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error',
    });
  } catch {
    throw new RegistrationError(`could not reach ${new URL(url).origin}`, 'Inkwell could not reach your LMS. Check that it is reachable from the Inkwell server, then try again.');
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text.slice(0, 500);
  }
  return { status: response.status, body };
}

/** Fetches and checks the platform configuration; its issuer must be the configuration URL's origin. */
export async function fetchPlatformConfiguration(configurationUrl: string): Promise<PlatformConfiguration> {
  const url = assertSafeUrl(configurationUrl, 'openid_configuration');
  const { status, body } = await fetchJson(url);
  if (status !== 200 || !body || typeof body !== 'object') {
    throw new RegistrationError(`openid_configuration answered ${status}`, 'The LMS did not provide its configuration. Start the registration again from the LMS.');
  }
  const config = body as Record<string, unknown>;
  const issuer = assertSafeUrl(config.issuer, 'issuer');
  // @see https://www.imsglobal.org/spec/lti-dr/v1p0#issuer-and-openid-configuration-url-match
  if (new URL(issuer).origin !== new URL(url).origin) {
    throw new RegistrationError(
      `issuer ${issuer} does not match the configuration URL ${new URL(url).origin}`,
      'The LMS configuration names a different site than the one it came from, so Inkwell did not trust it.',
    );
  }
  const platform = (config[PLATFORM_CONFIGURATION] ?? {}) as Record<string, unknown>;
  return {
    issuer: issuer.replace(/\/$/, ''),
    authorizationEndpoint: assertSafeUrl(config.authorization_endpoint, 'authorization_endpoint'),
    tokenEndpoint: assertSafeUrl(config.token_endpoint, 'token_endpoint'),
    jwksUri: assertSafeUrl(config.jwks_uri, 'jwks_uri'),
    registrationEndpoint: assertSafeUrl(config.registration_endpoint, 'registration_endpoint'),
    authorizationServer: typeof config.authorization_server === 'string' ? config.authorization_server : undefined,
    scopesSupported: Array.isArray(config.scopes_supported)
      ? config.scopes_supported.filter((s): s is string => typeof s === 'string')
      : [],
    productFamily: typeof platform.product_family_code === 'string' ? platform.product_family_code.toLowerCase() : undefined,
  };
}

/** POSTs Inkwell's client registration with the platform's one-time registration token. */
export async function registerClient(
  config: PlatformConfiguration,
  urls: ToolUrls,
  registrationToken: string | undefined,
): Promise<RegisteredClient> {
  const registration = clientRegistration(urls, {
    scopesSupported: config.scopesSupported.length > 0 ? config.scopesSupported : undefined,
    productFamily: config.productFamily,
  });
  const { status, body } = await fetchJson(config.registrationEndpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(registrationToken ? { Authorization: `Bearer ${registrationToken}` } : {}),
    },
    body: JSON.stringify(registration),
  });
  if (status < 200 || status >= 300 || !body || typeof body !== 'object') {
    const detail = body && typeof body === 'object' ? JSON.stringify(body).slice(0, 300) : String(body ?? '');
    const advice =
      status === 401 || status === 403
        ? 'The registration link from the LMS has expired or was already used. Start the registration again from the LMS.'
        : 'The LMS refused the registration. The details below help its administrator.';
    throw new RegistrationError(`registration endpoint answered ${status}: ${detail}`, advice);
  }
  const answer = body as Record<string, unknown>;
  if (typeof answer.client_id !== 'string' || answer.client_id === '') {
    throw new RegistrationError('registration response has no client_id', 'The LMS did not return a client id.');
  }
  const toolConfiguration = (answer[TOOL_CONFIGURATION] ?? {}) as Record<string, unknown>;
  const deploymentId = toolConfiguration.deployment_id;
  return {
    clientId: answer.client_id,
    deploymentId: typeof deploymentId === 'string' || typeof deploymentId === 'number' ? String(deploymentId) : undefined,
  };
}
