/**
 * Assignment and Grade Services on the platform side. Terms: a line item is a gradebook column,
 * a result is one cell of it, a score is what the tool posts to change a cell. Canvas and Moodle
 * refuse scores differently; the statuses below follow LTI_NOTES.md per flavour.
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ACTIVITY_PROGRESS, GRADING_PROGRESS, MEDIA_TYPE, SCOPE } from './constants';
import {
  isJsonBody,
  readBody,
  sendEmpty,
  sendJson,
  sendProblem,
  sleep,
  type Problem,
} from './http';
import { checkServiceRequest } from './service-checks';
import { isLearner, type Course, type PlatformState } from './state';
import type {
  ActivityProgress,
  GradebookEntry,
  GradingProgress,
  LineItem,
  ReceivedScore,
} from './types';

export interface AgsRoute {
  contextId: string;
  lineItemId?: string;
  sub?: 'scores' | 'results';
}

const READ_LINE_ITEMS = [SCOPE.lineItem, SCOPE.lineItemReadonly];
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(raw: string): { value: unknown } | Problem {
  try {
    return { value: JSON.parse(raw) as unknown };
  } catch {
    return { status: 400, message: 'body is not valid JSON' };
  }
}

export function lineItemJson(state: PlatformState, lineItem: LineItem): Record<string, unknown> {
  const { id: _id, contextId: _contextId, ...fields } = lineItem;
  return { id: state.lineItemUrl(lineItem), ...fields };
}

export async function routeAgs(
  state: PlatformState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  route: AgsRoute,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (route.sub === 'scores') {
    if (method !== 'POST') return sendProblem(res, { status: 405, message: 'use POST' });
    return handleScore(state, req, res, url, route);
  }
  const anyOfScopes =
    route.sub === 'results'
      ? [SCOPE.resultReadonly]
      : method === 'GET'
        ? READ_LINE_ITEMS
        : [SCOPE.lineItem];
  const problem =
    checkServiceRequest(state, req, url, { anyOfScopes, requireMoodleTypeId: true }) ??
    findTarget(state, route);
  if (problem) return sendProblem(res, problem);
  const course = state.courses.get(route.contextId)!;
  const lineItem = route.lineItemId ? course.lineItems.get(route.lineItemId) : undefined;

  if (route.sub === 'results') {
    if (method !== 'GET') return sendProblem(res, { status: 405, message: 'use GET' });
    return sendResults(state, res, url, lineItem!);
  }
  if (!lineItem) {
    if (method === 'GET') return sendLineItems(state, res, url, course);
    if (method === 'POST') return createLineItem(state, req, res, course);
    return sendProblem(res, { status: 405, message: 'use GET or POST' });
  }
  if (method === 'GET') return sendJson(res, 200, lineItemJson(state, lineItem), MEDIA_TYPE.lineItem);
  if (method === 'PUT') return updateLineItem(state, req, res, course, lineItem);
  if (method === 'DELETE') {
    state.deleteLineItem(course.context.id, lineItem.id);
    return sendEmpty(res, 204);
  }
  return sendProblem(res, { status: 405, message: 'use GET, PUT or DELETE' });
}

function findTarget(state: PlatformState, route: AgsRoute): Problem | null {
  const course = state.courses.get(route.contextId);
  if (!course) return { status: 404, message: `no course "${route.contextId}"` };
  if (route.lineItemId !== undefined && !course.lineItems.has(route.lineItemId)) {
    return { status: 404, message: `no line item "${route.lineItemId}"` };
  }
  return null;
}

function sendLineItems(state: PlatformState, res: ServerResponse, url: URL, course: Course): void {
  const filters: Array<[string, keyof LineItem]> = [
    ['resource_link_id', 'resourceLinkId'],
    ['resource_id', 'resourceId'],
    ['tag', 'tag'],
  ];
  // Some platforms answer with every line item of the course whatever the query asks for.
  const items = [...course.lineItems.values()].filter((item) =>
    state.lineItemFiltersIgnored || filters.every(([param, field]) => {
      const wanted = url.searchParams.get(param);
      return wanted === null || item[field] === wanted;
    }),
  );
  sendJson(
    res,
    200,
    items.map((item) => lineItemJson(state, item)),
    MEDIA_TYPE.lineItemContainer,
  );
}

type LineItemFields = Omit<LineItem, 'id' | 'contextId'>;

function readLineItemFields(
  body: unknown,
  course: Course,
  existing?: LineItem,
): { fields: LineItemFields } | Problem {
  if (!isRecord(body)) return { status: 400, message: 'line item must be a JSON object' };
  const { label, scoreMaximum, resourceLinkId, resourceId, tag, startDateTime, endDateTime } = body;
  if (typeof label !== 'string' || !label.trim()) {
    return { status: 400, message: 'label is required' };
  }
  if (typeof scoreMaximum !== 'number' || !Number.isFinite(scoreMaximum) || scoreMaximum <= 0) {
    return { status: 400, message: 'scoreMaximum must be a number greater than 0' };
  }
  const optional = { resourceLinkId, resourceId, tag, startDateTime, endDateTime };
  for (const [name, value] of Object.entries(optional)) {
    if (value !== undefined && typeof value !== 'string') {
      return { status: 400, message: `${name} must be a string` };
    }
  }
  for (const [name, value] of Object.entries({ startDateTime, endDateTime })) {
    if (typeof value === 'string' && !ISO_8601.test(value)) {
      return { status: 400, message: `${name} must be an ISO 8601 date-time` };
    }
  }
  if (typeof resourceLinkId === 'string' && !course.resourceLinks.has(resourceLinkId)) {
    return { status: 400, message: `unknown resourceLinkId "${resourceLinkId}"` };
  }
  if (existing && resourceLinkId !== undefined && resourceLinkId !== existing.resourceLinkId) {
    return { status: 400, message: 'resourceLinkId cannot be changed' };
  }
  const fields: LineItemFields = { label, scoreMaximum };
  const link = (resourceLinkId as string | undefined) ?? existing?.resourceLinkId;
  if (link !== undefined) fields.resourceLinkId = link;
  if (typeof resourceId === 'string') fields.resourceId = resourceId;
  if (typeof tag === 'string') fields.tag = tag;
  if (typeof startDateTime === 'string') fields.startDateTime = startDateTime;
  if (typeof endDateTime === 'string') fields.endDateTime = endDateTime;
  return { fields };
}

async function createLineItem(
  state: PlatformState,
  req: IncomingMessage,
  res: ServerResponse,
  course: Course,
): Promise<void> {
  const parsed = parseJson(await readBody(req));
  if ('status' in parsed) return sendProblem(res, parsed);
  const read = readLineItemFields(parsed.value, course);
  if ('status' in read) return sendProblem(res, read);
  const lineItem = state.createLineItem(course.context.id, read.fields);
  sendJson(res, 201, lineItemJson(state, lineItem), MEDIA_TYPE.lineItem);
}

async function updateLineItem(
  state: PlatformState,
  req: IncomingMessage,
  res: ServerResponse,
  course: Course,
  lineItem: LineItem,
): Promise<void> {
  const parsed = parseJson(await readBody(req));
  if ('status' in parsed) return sendProblem(res, parsed);
  const read = readLineItemFields(parsed.value, course, lineItem);
  if ('status' in read) return sendProblem(res, read);
  const updated: LineItem = { ...read.fields, id: lineItem.id, contextId: lineItem.contextId };
  course.lineItems.set(lineItem.id, updated);
  sendJson(res, 200, lineItemJson(state, updated), MEDIA_TYPE.lineItem);
}

function sendResults(state: PlatformState, res: ServerResponse, url: URL, lineItem: LineItem): void {
  const cells = state.gradebook.get(lineItem.id) ?? new Map<string, GradebookEntry>();
  const onlyUser = url.searchParams.get('user_id');
  const itemPath = `${state.config.baseUrl}${state.lineItemPath(lineItem)}`;
  const results = [...cells.entries()]
    .filter(([userId]) => onlyUser === null || userId === onlyUser)
    .map(([userId, entry]) => ({
      id: `${itemPath}/results/${encodeURIComponent(userId)}${state.serviceQuery}`,
      scoreOf: state.lineItemUrl(lineItem),
      userId,
      resultScore: entry.scoreGiven,
      resultMaximum: entry.scoreMaximum,
      comment: entry.comment,
    }));
  sendJson(res, 200, results, MEDIA_TYPE.resultContainer);
}

/** POST …/line_items/:id/scores — recorded first, whatever happens next. */
async function handleScore(
  state: PlatformState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  route: AgsRoute,
): Promise<void> {
  const rawBody = await readBody(req);
  const record: ReceivedScore = {
    contextId: route.contextId,
    lineItemId: route.lineItemId ?? '',
    path: url.pathname + url.search,
    headers: { ...req.headers },
    rawBody,
    receivedAt: new Date(),
    status: 0,
    accepted: false,
  };
  state.receivedScores.push(record);
  res.on('finish', () => {
    record.status = res.statusCode;
  });
  const refuse = (problem: Problem): void => {
    record.reason = problem.message;
    sendProblem(res, problem);
  };

  const problem =
    checkServiceRequest(state, req, url, { anyOfScopes: [SCOPE.score], requireMoodleTypeId: true }) ??
    findTarget(state, route);
  if (problem) return refuse(problem);

  const failure = state.failureMode;
  if (failure) {
    if (failure.delayMs) await sleep(failure.delayMs);
    const failing = failure.status !== undefined || failure.retryAfterSeconds !== undefined;
    const rate = failure.rate ?? (failing ? 1 : 0);
    if (Math.random() < rate) {
      const headers: Record<string, string> = {};
      if (failure.retryAfterSeconds !== undefined) {
        headers['retry-after'] = String(failure.retryAfterSeconds);
      }
      return refuse({ status: failure.status ?? 500, message: 'injected failure', headers });
    }
  }

  if (req.headers['content-type'] !== undefined && !isJsonBody(req)) {
    return refuse({ status: 415, message: `send ${MEDIA_TYPE.score}` });
  }
  const parsed = parseJson(rawBody);
  if ('status' in parsed) return refuse(parsed);
  record.body = parsed.value;

  const course = state.courses.get(route.contextId)!;
  const lineItem = course.lineItems.get(route.lineItemId!)!;
  const outcome = evaluateScore(state, course, lineItem, parsed.value);
  if ('status' in outcome) return refuse(outcome);

  let cells = state.gradebook.get(lineItem.id);
  if (!cells) {
    cells = new Map();
    state.gradebook.set(lineItem.id, cells);
  }
  cells.set(outcome.userId, outcome.entry);
  record.accepted = true;
  const itemPath = `${state.config.baseUrl}${state.lineItemPath(lineItem)}`;
  sendJson(res, 200, {
    resultUrl: `${itemPath}/results/${encodeURIComponent(outcome.userId)}${state.serviceQuery}`,
  });
}

/**
 * Decide whether a Score is accepted and what the gradebook cell becomes.
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#score-publish-service
 */
function evaluateScore(
  state: PlatformState,
  course: Course,
  lineItem: LineItem,
  body: unknown,
): { userId: string; entry: GradebookEntry } | Problem {
  const canvas = state.config.flavour === 'canvas';
  if (!isRecord(body)) return { status: 400, message: 'score must be a JSON object' };
  const { userId, activityProgress, gradingProgress, timestamp, scoreGiven, scoreMaximum, comment } =
    body;
  if (typeof userId !== 'string' || !userId) return { status: 400, message: 'userId is required' };
  if (!ACTIVITY_PROGRESS.includes(activityProgress as ActivityProgress)) {
    return { status: 400, message: `activityProgress must be one of ${ACTIVITY_PROGRESS.join(', ')}` };
  }
  if (!GRADING_PROGRESS.includes(gradingProgress as GradingProgress)) {
    return { status: 400, message: `gradingProgress must be one of ${GRADING_PROGRESS.join(', ')}` };
  }
  if (typeof timestamp !== 'string' || !ISO_8601.test(timestamp) || Number.isNaN(Date.parse(timestamp))) {
    return { status: 400, message: 'timestamp must be an ISO 8601 date-time with a time zone' };
  }
  if (scoreGiven !== undefined && (typeof scoreGiven !== 'number' || !(scoreGiven >= 0))) {
    return { status: 400, message: 'scoreGiven must be a number >= 0' };
  }
  if (scoreMaximum !== undefined && (typeof scoreMaximum !== 'number' || !(scoreMaximum > 0))) {
    return { status: 400, message: 'scoreMaximum must be a number > 0' };
  }
  if (scoreGiven !== undefined && scoreMaximum === undefined) {
    return { status: canvas ? 422 : 400, message: 'scoreGiven requires scoreMaximum' };
  }
  if (comment !== undefined && typeof comment !== 'string') {
    return { status: 400, message: 'comment must be a string' };
  }
  const member = course.members.get(userId);
  if (!member || !isLearner(member)) {
    return { status: canvas ? 422 : 400, message: `user "${userId}" is not enrolled as a learner` };
  }

  const previous = state.gradebook.get(lineItem.id)?.get(userId);
  if (previous) {
    const before = Date.parse(previous.timestamp);
    const now = Date.parse(timestamp);
    if (canvas && now < before) {
      return { status: 400, message: 'timestamp is older than the last score for this user' };
    }
    // Moodle stores seconds, so two scores in the same second collide.
    if (!canvas && Math.floor(now / 1000) <= Math.floor(before / 1000)) {
      return { status: 409, message: 'timestamp must be newer than the last score (to the second)' };
    }
  }

  const entry: GradebookEntry = {
    activityProgress: activityProgress as ActivityProgress,
    gradingProgress: gradingProgress as GradingProgress,
    timestamp,
  };
  if (typeof comment === 'string') entry.comment = comment;
  const graded = gradingProgress === 'FullyGraded' || gradingProgress === 'PendingManual';
  if (canvas && !graded) {
    // Canvas ignores the grade of Pending / NotReady / Failed scores; the cell keeps its old one.
    if (previous?.scoreGiven !== undefined) entry.scoreGiven = previous.scoreGiven;
    if (previous?.scoreMaximum !== undefined) entry.scoreMaximum = previous.scoreMaximum;
  } else if (!canvas && gradingProgress !== 'FullyGraded') {
    // Moodle drops scoreGiven unless FullyGraded, which clears the grade.
  } else if (typeof scoreGiven === 'number' && typeof scoreMaximum === 'number') {
    entry.scoreGiven = scoreGiven;
    entry.scoreMaximum = scoreMaximum;
  }
  return { userId, entry };
}
