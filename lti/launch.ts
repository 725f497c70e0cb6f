/**
 * Turns the id_token that Inkwell validated (lti/launch-validation.ts) into a LaunchContext: the plain facts
 * Inkwell needs about who launched, from where. Nothing here decides what the
 * person may do; that is for services/.
 * @see https://www.imsglobal.org/spec/lti/v1p3/#resource-link-launch-request-message
 */
import type { LtijsToken } from 'ltijs';
import { MESSAGE_DEEP_LINKING, MESSAGE_RESOURCE_LINK, SCOPE_AGS_LINEITEM, SCOPE_AGS_SCORE } from './claims';
import { HTTP_OR_HTTPS, toDeepLinkingSettings, type DeepLinkingSettings, type UrlPolicy } from './deep-linking';
import { isAcceptableLmsUrl } from './lms-network';
import { LtiLaunchError } from './errors';
import { inkwellRoleDecision, type InkwellRole, type RoleBasis } from './roles';

export interface AgsEndpoint {
  /** The line item (gradebook column) of this resource link, when the platform made one. */
  lineItemUrl?: string;
  /** The line items container, to find or create the column ourselves. */
  lineItemsUrl?: string;
  scopes: string[];
}

export interface LaunchContext {
  messageType: string;
  platformIssuer: string;
  clientId: string;
  deploymentId: string;
  platformName?: string;
  /** `product_family_code` (e.g. `canvas`, `moodle`), lower case: picks the LMS profile (lti/lms/). */
  platformFamily?: string;
  contextId: string;
  contextTitle?: string;
  resourceLinkId: string;
  resourceLinkTitle?: string;
  userId: string;
  userName?: string;
  userEmail?: string;
  role: InkwellRole;
  /** Why `role` was given; `administrator-without-membership` is worth a log line. */
  roleBasis: RoleBasis;
  ags?: AgsEndpoint;
  membershipsUrl?: string;
  custom: Record<string, string>;
  returnUrl?: string;
  /** Present on LtiDeepLinkingRequest launches. */
  deepLinking?: DeepLinkingSettings;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function acceptableUrl(value: unknown, urlPolicy: UrlPolicy): string | undefined {
  const url = nonEmptyString(value);
  return url && isAcceptableLmsUrl(url, urlPolicy) ? url : undefined;
}

export function displayNameOf(info: LtijsToken['userInfo']): string | undefined {
  const name = nonEmptyString(info?.name);
  if (name) return name;
  const parts = [nonEmptyString(info?.given_name), nonEmptyString(info?.family_name)].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/**
 * `urlPolicy` decides which URLs from the platform are kept: never anything but http(s), and https
 * only when the caller says so (production). A bad `deep_link_return_url` refuses the launch; a bad
 * `return_url` is dropped.
 */
export function toLaunchContext(token: LtijsToken, urlPolicy: UrlPolicy = HTTP_OR_HTTPS): LaunchContext {
  const ctx = token.platformContext;
  const messageType = nonEmptyString(ctx?.messageType) ?? '';
  const resourceLinkId = nonEmptyString(ctx?.resource?.id);
  const deepLinking = messageType === MESSAGE_DEEP_LINKING ? toDeepLinkingSettings(ctx?.deepLinkingSettings, urlPolicy) : null;
  if (messageType === MESSAGE_DEEP_LINKING && !deepLinking) {
    throw new LtiLaunchError(
      'DEEP_LINKING_SETTINGS_MISSING',
      'The deep linking request has no usable deep_link_return_url (missing, or not an allowed http(s) URL).',
    );
  }
  if (messageType === MESSAGE_RESOURCE_LINK && !resourceLinkId) {
    throw new LtiLaunchError('RESOURCE_LINK_MISSING', 'The launch has no resource_link id.');
  }
  const userId = nonEmptyString(token.user);
  if (!userId) throw new LtiLaunchError('SUBJECT_MISSING', 'The launch has no sub claim.');

  const endpoint = ctx?.endpoint;
  const scopes = Array.isArray(endpoint?.scope) ? endpoint.scope.filter((s): s is string => typeof s === 'string') : [];
  const ags: AgsEndpoint | undefined =
    endpoint && (endpoint.lineitem || endpoint.lineitems)
      ? {
          lineItemUrl: nonEmptyString(endpoint.lineitem),
          lineItemsUrl: nonEmptyString(endpoint.lineitems),
          scopes,
        }
      : undefined;

  const custom: Record<string, string> = {};
  for (const [key, value] of Object.entries(ctx?.custom ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') custom[key] = String(value);
  }

  const { role, basis: roleBasis } = inkwellRoleDecision(ctx?.roles);
  return {
    messageType,
    platformIssuer: token.iss,
    clientId: token.clientId,
    deploymentId: token.deploymentId,
    platformName: nonEmptyString(token.platformInfo?.name),
    platformFamily: nonEmptyString(token.platformInfo?.product_family_code)?.toLowerCase(),
    contextId: nonEmptyString(ctx?.context?.id) ?? '',
    contextTitle: nonEmptyString(ctx?.context?.title) ?? nonEmptyString(ctx?.context?.label),
    resourceLinkId: resourceLinkId ?? '',
    resourceLinkTitle: nonEmptyString(ctx?.resource?.title),
    userId,
    userName: displayNameOf(token.userInfo),
    userEmail: nonEmptyString(token.userInfo?.email),
    role,
    roleBasis,
    ags,
    membershipsUrl: nonEmptyString(ctx?.namesRoles?.context_memberships_url),
    custom,
    returnUrl: acceptableUrl(ctx?.launchPresentation?.return_url, urlPolicy),
    ...(deepLinking ? { deepLinking } : {}),
  };
}

/** Whether the platform granted what Inkwell needs to post scores. */
export function canPostScores(ags: AgsEndpoint | undefined): boolean {
  if (!ags) return false;
  return ags.scopes.includes(SCOPE_AGS_SCORE) && (Boolean(ags.lineItemUrl) || ags.scopes.includes(SCOPE_AGS_LINEITEM));
}
