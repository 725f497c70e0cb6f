/**
 * Deep Linking 2.0, tool side: read the request's settings and sign the
 * response that hands content items (here: one LTI resource link with a
 * gradebook column) back to the platform.
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0
 */
import { createPrivateKey, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { CLAIM_DEPLOYMENT_ID, CLAIM_MESSAGE_TYPE, CLAIM_VERSION } from './claims';
import { isAcceptableLmsUrl, type LmsNetworkPolicy } from './lms-network';

export const CLAIM_DEEP_LINKING_SETTINGS = 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings';
export const CLAIM_CONTENT_ITEMS = 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items';
export const CLAIM_DEEP_LINKING_DATA = 'https://purl.imsglobal.org/spec/lti-dl/claim/data';
export const CLAIM_DEEP_LINKING_MESSAGE = 'https://purl.imsglobal.org/spec/lti-dl/claim/msg';
export const MESSAGE_DEEP_LINKING_RESPONSE = 'LtiDeepLinkingResponse';

export interface DeepLinkingSettings {
  returnUrl: string;
  /** Opaque value the response must echo exactly. */
  data?: string;
  acceptTypes: string[];
  acceptMultiple: boolean;
  title?: string;
  text?: string;
}

/** @see https://www.imsglobal.org/spec/lti-dl/v2p0#lti-resource-link */
export interface ResourceLinkItem {
  type: 'ltiResourceLink';
  title: string;
  text?: string;
  url?: string;
  custom?: Record<string, string>;
  lineItem?: { scoreMaximum: number; label: string; resourceId?: string; tag?: string };
}

/** URL checks for what a platform sends: http(s) only by default; https when the caller's policy says so. */
export type UrlPolicy = Pick<LmsNetworkPolicy, 'requireHttps' | 'allowHttpLoopback'>;
export const HTTP_OR_HTTPS: UrlPolicy = { requireHttps: false, allowHttpLoopback: true };

/**
 * The request's settings, or null when there is no usable `deep_link_return_url`. Inkwell posts its
 * answer to that URL from a page on its own origin, so anything but http(s) (a `javascript:` URL
 * would run there) is refused like a missing one.
 */
export function toDeepLinkingSettings(raw: unknown, urlPolicy: UrlPolicy = HTTP_OR_HTTPS): DeepLinkingSettings | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.deep_link_return_url !== 'string' || r.deep_link_return_url === '') return null;
  if (!isAcceptableLmsUrl(r.deep_link_return_url, urlPolicy)) return null;
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  return {
    returnUrl: r.deep_link_return_url,
    data: typeof r.data === 'string' ? r.data : undefined,
    acceptTypes: strings(r.accept_types),
    acceptMultiple: r.accept_multiple === true,
    title: typeof r.title === 'string' ? r.title : undefined,
    text: typeof r.text === 'string' ? r.text : undefined,
  };
}

export function acceptsResourceLinks(settings: DeepLinkingSettings): boolean {
  return settings.acceptTypes.length === 0 || settings.acceptTypes.includes('ltiResourceLink');
}

export interface DeepLinkingResponseInput {
  platformIssuer: string;
  clientId: string;
  deploymentId: string;
  settings: DeepLinkingSettings;
  items: ResourceLinkItem[];
  /** The tool's private key for this platform (PEM) and its kid, as published at /lti/keys. */
  privateKeyPem: string;
  kid: string;
  message?: string;
}

/** Signs the LtiDeepLinkingResponse JWT: iss = our client id, aud = the platform. */
export async function signDeepLinkingResponse(input: DeepLinkingResponseInput): Promise<string> {
  const items = input.settings.acceptMultiple ? input.items : input.items.slice(0, 1);
  const claims: Record<string, unknown> = {
    nonce: randomBytes(16).toString('hex'),
    [CLAIM_DEPLOYMENT_ID]: input.deploymentId,
    [CLAIM_MESSAGE_TYPE]: MESSAGE_DEEP_LINKING_RESPONSE,
    [CLAIM_VERSION]: '1.3.0',
    [CLAIM_CONTENT_ITEMS]: items,
  };
  if (input.settings.data !== undefined) claims[CLAIM_DEEP_LINKING_DATA] = input.settings.data;
  if (input.message) claims[CLAIM_DEEP_LINKING_MESSAGE] = input.message;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: input.kid, typ: 'JWT' })
    .setIssuer(input.clientId)
    .setAudience(input.platformIssuer)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(createPrivateKey(input.privateKeyPem));
}
