/**
 * Assignment and Grade Services 2.0, in the spec's own terms:
 * - line item: a gradebook column;
 * - score: what the tool posts for one user in one line item;
 * - result: the cell the platform keeps (Inkwell does not read results yet).
 * This module speaks HTTP to the platform and nothing else: it does not know
 * about essays, rubrics or retries.
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/
 */
import {
  MEDIA_LINE_ITEM,
  MEDIA_LINE_ITEM_CONTAINER,
  MEDIA_SCORE,
  SCOPE_AGS_LINEITEM,
  SCOPE_AGS_LINEITEM_READONLY,
  SCOPE_AGS_SCORE,
} from './claims';
import { AgsRequestError } from './errors';
import { serviceFetch } from './service-http';

/** Fetches an OAuth2 access token for the given scopes (client credentials). */
export type AccessTokenSource = (scopes: string[]) => Promise<string>;

export interface LineItem {
  id: string;
  label: string;
  scoreMaximum: number;
  resourceLinkId?: string;
  resourceId?: string;
  tag?: string;
}

/** @see https://www.imsglobal.org/spec/lti-ags/v2p0/#score-publish-service */
export interface Score {
  userId: string;
  scoreGiven?: number;
  scoreMaximum?: number;
  comment?: string;
  timestamp: string;
  activityProgress: 'Initialized' | 'Started' | 'InProgress' | 'Submitted' | 'Completed';
  gradingProgress: 'FullyGraded' | 'Pending' | 'PendingManual' | 'Failed' | 'NotReady';
  /** Extensions, named by URL as the spec asks; an LMS's profile says which it wants (lti/lms/). */
  [extension: `https://${string}`]: unknown;
}

/** `<line item>/scores`, keeping the line item's query string (Moodle puts `?type_id=` there). */
export function scoresUrlOf(lineItemUrl: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/scores`;
  return url.toString();
}

function toLineItem(raw: unknown): LineItem | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.id !== 'string') return null;
  return {
    id: r.id,
    label: typeof r.label === 'string' ? r.label : '',
    scoreMaximum: typeof r.scoreMaximum === 'number' ? r.scoreMaximum : 0,
    resourceLinkId: typeof r.resourceLinkId === 'string' ? r.resourceLinkId : undefined,
    resourceId: typeof r.resourceId === 'string' ? r.resourceId : undefined,
    tag: typeof r.tag === 'string' ? r.tag : undefined,
  };
}

/**
 * The container's line items, asking for those of one resource link. The answer is not trusted to
 * be filtered: some platforms ignore `resource_link_id` and list every column of the course, so
 * callers match what they need themselves (see `matchLineItem`).
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#container-request-filters
 */
export async function listLineItems(
  tokens: AccessTokenSource,
  lineItemsUrl: string,
  filter: { resourceLinkId: string },
  /** The scopes to ask a token for: those of the two read scopes the platform granted. */
  scopes: string[] = [SCOPE_AGS_LINEITEM_READONLY, SCOPE_AGS_LINEITEM],
): Promise<LineItem[]> {
  const url = new URL(lineItemsUrl);
  url.searchParams.set('resource_link_id', filter.resourceLinkId);
  const accessToken = await tokens(scopes);
  const response = await serviceFetch(url.toString(), { method: 'GET', accessToken, accept: MEDIA_LINE_ITEM_CONTAINER });
  const body: unknown = await response.json().catch(() => []);
  return Array.isArray(body) ? body.map(toLineItem).filter((i): i is LineItem => i !== null) : [];
}

/** What identifies the tool's own line item of a resource link. */
export interface LineItemIdentity {
  resourceLinkId: string;
  /** The tool's id for the resource, and its tag; used only for line items that name no resource link. */
  resourceId?: string;
  tag?: string;
}

/**
 * The line item that belongs to this resource link, or null: never "the first one". A line item
 * that names another resource link is never it. One that names this link is. One that names no
 * link at all (a column made by hand, or by a platform that does not keep `resourceLinkId`) is it
 * only when it carries the tool's own `resourceId` and `tag`.
 */
export function matchLineItem(items: readonly LineItem[], wanted: LineItemIdentity): LineItem | null {
  const byLink = items.find((i) => i.resourceLinkId === wanted.resourceLinkId);
  if (byLink) return byLink;
  if (!wanted.resourceId || !wanted.tag) return null;
  return items.find((i) => !i.resourceLinkId && i.resourceId === wanted.resourceId && i.tag === wanted.tag) ?? null;
}

export async function createLineItem(
  tokens: AccessTokenSource,
  lineItemsUrl: string,
  item: Omit<LineItem, 'id'>,
): Promise<LineItem> {
  const accessToken = await tokens([SCOPE_AGS_LINEITEM]);
  const response = await serviceFetch(lineItemsUrl, {
    method: 'POST',
    accessToken,
    accept: MEDIA_LINE_ITEM,
    headers: { 'Content-Type': MEDIA_LINE_ITEM },
    body: JSON.stringify(item),
  });
  const created = toLineItem(await response.json().catch(() => null));
  if (!created) throw new AgsRequestError('The LMS did not return the new gradebook column.', { retryable: false });
  return created;
}

/**
 * The line item of a resource link: found in the container (`matchLineItem`), or created there
 * when `mayCreate`; null when there is none and it may not be created. Never another link's.
 */
export async function findOrCreateLineItem(
  tokens: AccessTokenSource,
  lineItemsUrl: string,
  wanted: Omit<LineItem, 'id'> & { resourceLinkId: string },
  options: { mayCreate: boolean; readScopes?: string[] } = { mayCreate: true },
): Promise<LineItem | null> {
  const existing = await listLineItems(tokens, lineItemsUrl, { resourceLinkId: wanted.resourceLinkId }, options.readScopes);
  const match = matchLineItem(existing, wanted);
  if (match) return match;
  return options.mayCreate ? createLineItem(tokens, lineItemsUrl, wanted) : null;
}

export async function postScore(tokens: AccessTokenSource, lineItemUrl: string, score: Score): Promise<void> {
  const accessToken = await tokens([SCOPE_AGS_SCORE]);
  await serviceFetch(scoresUrlOf(lineItemUrl), {
    method: 'POST',
    accessToken,
    headers: { 'Content-Type': MEDIA_SCORE },
    body: JSON.stringify(score),
  });
}

/** Changes a line item (e.g. its scoreMaximum when the rubric total changed), keeping its other fields. */
export async function updateLineItem(
  tokens: AccessTokenSource,
  lineItemUrl: string,
  changes: Partial<Pick<LineItem, 'scoreMaximum' | 'label'>>,
): Promise<LineItem> {
  const accessToken = await tokens([SCOPE_AGS_LINEITEM]);
  const current = (await (await serviceFetch(lineItemUrl, { method: 'GET', accessToken, accept: MEDIA_LINE_ITEM })).json()) as Record<string, unknown>;
  const response = await serviceFetch(lineItemUrl, {
    method: 'PUT',
    accessToken,
    accept: MEDIA_LINE_ITEM,
    headers: { 'Content-Type': MEDIA_LINE_ITEM },
    body: JSON.stringify({ ...current, ...changes }),
  });
  const updated = toLineItem(await response.json().catch(() => null));
  if (!updated) throw new AgsRequestError('The LMS did not return the updated gradebook column.', { retryable: false });
  return updated;
}
