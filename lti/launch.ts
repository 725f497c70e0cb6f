/**
 * Turns the id_token that ltijs validated into a LaunchContext: the plain facts
 * Inkwell needs about who launched, from where. Nothing here decides what the
 * person may do; that is for services/.
 * @see https://www.imsglobal.org/spec/lti/v1p3/#resource-link-launch-request-message
 */
import type { LtijsToken } from 'ltijs';
import { MESSAGE_DEEP_LINKING, MESSAGE_RESOURCE_LINK, SCOPE_AGS_LINEITEM, SCOPE_AGS_SCORE } from './claims';
import { toDeepLinkingSettings, type DeepLinkingSettings } from './deep-linking';
import { LtiLaunchError } from './errors';
import { inkwellRoleOf, type InkwellRole } from './roles';

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
  /** `product_family_code` (e.g. `canvas`, `moodle`): quirks depend on it. */
  platformFamily?: string;
  contextId: string;
  contextTitle?: string;
  resourceLinkId: string;
  resourceLinkTitle?: string;
  userId: string;
  userName?: string;
  userEmail?: string;
  role: InkwellRole;
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

export function displayNameOf(info: LtijsToken['userInfo']): string | undefined {
  const name = nonEmptyString(info?.name);
  if (name) return name;
  const parts = [nonEmptyString(info?.given_name), nonEmptyString(info?.family_name)].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

export function toLaunchContext(token: LtijsToken): LaunchContext {
  const ctx = token.platformContext;
  const messageType = nonEmptyString(ctx?.messageType) ?? '';
  const resourceLinkId = nonEmptyString(ctx?.resource?.id);
  const deepLinking = messageType === MESSAGE_DEEP_LINKING ? toDeepLinkingSettings(ctx?.deepLinkingSettings) : null;
  if (messageType === MESSAGE_DEEP_LINKING && !deepLinking) {
    throw new LtiLaunchError('DEEP_LINKING_SETTINGS_MISSING', 'The deep linking request has no deep_link_return_url.');
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
    role: inkwellRoleOf(ctx?.roles),
    ags,
    membershipsUrl: nonEmptyString(ctx?.namesRoles?.context_memberships_url),
    custom,
    returnUrl: nonEmptyString(ctx?.launchPresentation?.return_url),
    ...(deepLinking ? { deepLinking } : {}),
  };
}

/** Whether the platform granted what Inkwell needs to post scores. */
export function canPostScores(ags: AgsEndpoint | undefined): boolean {
  if (!ags) return false;
  return ags.scopes.includes(SCOPE_AGS_SCORE) && (Boolean(ags.lineItemUrl) || ags.scopes.includes(SCOPE_AGS_LINEITEM));
}
