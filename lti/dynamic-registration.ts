/**
 * LTI Dynamic Registration, tool side: read the platform's OpenID
 * configuration, check it, and register Inkwell as a client. Storing the
 * result is the caller's business.
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0
 */
import { InkwellError } from '../errors/catalogue';
import { PLATFORM_CONFIGURATION, TOOL_CONFIGURATION, clientRegistration, type ToolUrls } from './tool-configuration';
import { lmsProfileOfOrigin } from './lms';
import { checkLmsUrl, LmsUrlRefusedError, requestLmsJson, type LmsNetworkPolicy, type LmsResponse } from './lms-network';

/** Registration failed: `advice` (the message people see) says what the LMS administrator can do. */
export class RegistrationError extends InkwellError {
  override name = 'RegistrationError';
  /** `reason` is for the log (it may quote the LMS's answer); `advice` is shown, in plain words. */
  constructor(reason: string, advice: string) {
    super('REGISTRATION_FAILED', advice, { detail: reason });
  }

  /** What the LMS administrator can do about it. */
  get advice(): string {
    return this.message;
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

/** What Inkwell will connect to while registering, and which hosts besides the issuer's may serve the platform's endpoints. */
export interface RegistrationPolicy extends LmsNetworkPolicy {
  /** Host names (optionally `host:port`) an admin allowed for an LMS's endpoints besides the issuer's own origin. */
  allowedHosts: readonly string[];
}

const UNSAFE_URL_ADVICE = 'Your LMS must be reachable over HTTPS to register Inkwell.';

function privateAddressAdvice(): string {
  return 'Inkwell does not connect to addresses on its own network. If your LMS runs on your school’s internal network, ask the Inkwell administrator to set INKWELL_ALLOW_PRIVATE_LMS=1.';
}

/** An LMS URL as a RegistrationError the admin can act on. */
function safeUrl(value: unknown, what: string, policy: RegistrationPolicy): URL {
  try {
    return checkLmsUrl(value, what, policy);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (value === undefined || value === null || value === '') {
      throw new RegistrationError(message, 'The LMS sent an incomplete configuration.');
    }
    throw new RegistrationError(message, /not a URL|http\(s\) URL/.test(message) ? 'The LMS sent an invalid configuration.' : UNSAFE_URL_ADVICE);
  }
}

/**
 * An endpoint must be on the issuer's origin, on a host the admin allowed, or on one the LMS is known to
 * serve that issuer's endpoints from (Canvas Cloud, recognised by the issuer's address: lti/lms/canvas.ts).
 */
function endpointUrl(value: unknown, what: string, issuer: URL, policy: RegistrationPolicy): string {
  const url = safeUrl(value, what, policy);
  const allowed = new Set(policy.allowedHosts.map((h) => h.toLowerCase()));
  for (const host of lmsProfileOfOrigin(issuer.origin).registration.endpointHostsOf(issuer.origin)) allowed.add(host);
  if (url.origin === issuer.origin || allowed.has(url.host.toLowerCase()) || allowed.has(url.hostname.toLowerCase())) return url.toString();
  throw new RegistrationError(
    `${what} ${url.origin} is not on the issuer's origin ${issuer.origin}`,
    `The LMS configuration points to another site (${url.host}) than the LMS itself, so Inkwell did not trust it. If that site belongs to your LMS, ask the Inkwell administrator to add it to INKWELL_LMS_HOSTS.`,
  );
}

async function fetchJson(url: string, policy: RegistrationPolicy, init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {}): Promise<LmsResponse> {
  try {
    return await requestLmsJson(url, policy, { ...init, timeoutMs: TIMEOUT_MS });
  } catch (error) {
    if (error instanceof LmsUrlRefusedError) {
      throw new RegistrationError(error.message, error.reason === 'private-address' ? privateAddressAdvice() : UNSAFE_URL_ADVICE);
    }
    throw new RegistrationError(
      `could not reach ${new URL(url).origin}: ${error instanceof Error ? error.message : String(error)}`,
      'Inkwell could not reach your LMS. Check that it is reachable from the Inkwell server, then try again.',
    );
  }
}

/** Fetches and checks the platform configuration; its issuer must be the configuration URL's origin. */
export async function fetchPlatformConfiguration(configurationUrl: string, policy: RegistrationPolicy): Promise<PlatformConfiguration> {
  const url = safeUrl(configurationUrl, 'openid_configuration', policy).toString();
  const { status, json: body } = await fetchJson(url, policy);
  if (status !== 200 || !body || typeof body !== 'object') {
    throw new RegistrationError(`openid_configuration answered ${status}`, 'The LMS did not provide its configuration. Start the registration again from the LMS.');
  }
  const config = body as Record<string, unknown>;
  const issuerUrl = safeUrl(config.issuer, 'issuer', policy);
  const issuer = issuerUrl.toString();
  // @see https://www.imsglobal.org/spec/lti-dr/v1p0#issuer-and-openid-configuration-url-match
  if (issuerUrl.origin !== new URL(url).origin) {
    throw new RegistrationError(
      `issuer ${issuer} does not match the configuration URL ${new URL(url).origin}`,
      'The LMS configuration names a different site than the one it came from, so Inkwell did not trust it.',
    );
  }
  const platform = (config[PLATFORM_CONFIGURATION] ?? {}) as Record<string, unknown>;
  return {
    issuer: issuer.replace(/\/$/, ''),
    authorizationEndpoint: endpointUrl(config.authorization_endpoint, 'authorization_endpoint', issuerUrl, policy),
    tokenEndpoint: endpointUrl(config.token_endpoint, 'token_endpoint', issuerUrl, policy),
    jwksUri: endpointUrl(config.jwks_uri, 'jwks_uri', issuerUrl, policy),
    registrationEndpoint: endpointUrl(config.registration_endpoint, 'registration_endpoint', issuerUrl, policy),
    // Canvas's client-assertion audience: an identifier, never fetched or shown.
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
  policy: RegistrationPolicy,
): Promise<RegisteredClient> {
  const registration = clientRegistration(urls, {
    scopesSupported: config.scopesSupported.length > 0 ? config.scopesSupported : undefined,
    productFamily: config.productFamily,
  });
  const { status, json: body, excerpt } = await fetchJson(config.registrationEndpoint, policy, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(registrationToken ? { Authorization: `Bearer ${registrationToken}` } : {}),
    },
    body: JSON.stringify(registration),
  });
  if (status < 200 || status >= 300 || !body || typeof body !== 'object') {
    // The LMS's answer goes to the log only: a page never shows what a remote server said.
    const advice =
      status === 401 || status === 403
        ? 'The registration link from the LMS has expired or was already used. Start the registration again from the LMS.'
        : 'The LMS refused the registration. Inkwell’s log has its answer, for the Inkwell administrator.';
    throw new RegistrationError(`registration endpoint answered ${status}: ${excerpt}`, advice);
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
