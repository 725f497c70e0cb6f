/**
 * Adding Inkwell to a course from the LMS's content picker (Deep Linking):
 * the instructor picks the built-in unit, an edited copy, or one of the
 * course's assignments; Inkwell answers the platform with one resource link
 * that names that assignment in a custom parameter and carries a gradebook
 * column (Moodle makes a grade item only when `lineItem` is present).
 */
import { randomBytes } from 'node:crypto';
import { maxPoints } from '../domain/rubric';
import { builtInRubric } from '../domain/rubric';
import { builtInUnit } from '../domain/unit';
import { ForbiddenError, InkwellError, NotFoundError } from '../domain/errors';
import { acceptsResourceLinks, signDeepLinkingResponse, type ResourceLinkItem } from '../lti/deep-linking';
import type { LaunchContext } from '../lti/launch';
import { platformSigningKey } from '../lti/provider';
import { toolUrls } from '../lti/tool-configuration';
import { findAssignmentById, insertPlacement, listAssignmentsOfCourse, type Assignment } from '../models/assignments';
import { claimDeepLinkRequest, findDeepLinkRequest, insertDeepLinkRequest, type DeepLinkRequest } from '../models/deep-link-requests';
import { isAcceptableLmsUrl } from '../lti/lms-network';
import { lmsNetworkPolicy, publicBaseUrl } from './config';
import { CUSTOM_ASSIGNMENT_PARAMETER } from './launches';
import { issueLaunchTicket, sameCourse, withTicket, type Session } from './sessions';

export const LINE_ITEM_TAG = 'inkwell-essay';

/** Records the request and sends the instructor to the picker; students get a polite refusal. */
export async function startDeepLinking(launch: LaunchContext): Promise<{ redirectPath: string }> {
  if (launch.role !== 'instructor') {
    throw new ForbiddenError('Only instructors can add Inkwell assignments to a course. Please open the assignment your teacher shared.');
  }
  if (!launch.deepLinking) throw new InkwellError('DEEP_LINKING_SETTINGS_MISSING', undefined, { detail: 'deep linking launch without its settings' });
  if (!acceptsResourceLinks(launch.deepLinking)) {
    throw new InkwellError('DEEP_LINK_PLACEMENT_UNSUPPORTED');
  }
  const request: DeepLinkRequest = {
    id: randomBytes(16).toString('hex'),
    platformIssuer: launch.platformIssuer,
    clientId: launch.clientId,
    deploymentId: launch.deploymentId,
    contextId: launch.contextId,
    contextTitle: launch.contextTitle,
    userId: launch.userId,
    settings: launch.deepLinking,
    createdAt: new Date(),
  };
  await insertDeepLinkRequest(request);
  const ticket = await issueLaunchTicket({
    platformIssuer: launch.platformIssuer,
    deploymentId: launch.deploymentId,
    contextId: launch.contextId,
    resourceLinkId: '',
    assignmentId: '',
    userId: launch.userId,
    userName: launch.userName,
    role: 'instructor',
    deepLinkRequestId: request.id,
  });
  return { redirectPath: withTicket('/deep-link', ticket) };
}

async function requestOf(session: Session): Promise<DeepLinkRequest> {
  if (session.role !== 'instructor' || !session.deepLinkRequestId) throw new ForbiddenError('Only instructors can add Inkwell assignments.');
  const request = await findDeepLinkRequest(session.deepLinkRequestId);
  if (!request || request.userId !== session.userId) throw new NotFoundError('This request has expired. Open the LMS content picker again.');
  return request;
}

/** What the picker offers: the built-in unit and the assignments already in this course. */
export async function getPicker(session: Session): Promise<{ request: DeepLinkRequest; courseAssignments: Assignment[] }> {
  const request = await requestOf(session);
  const all = await listAssignmentsOfCourse({
    platformIssuer: request.platformIssuer,
    deploymentId: request.deploymentId,
    contextId: request.contextId,
  });
  // One entry per distinct piece of content: placements and the links copied from them look alike.
  const courseAssignments = all.filter((a) => !a.placement);
  return { request, courseAssignments };
}

/**
 * A new placement (an assignment not yet tied to a link) from the built-in unit or from
 * one of this course's assignments; the instructor may edit it before adding it.
 * @throws {NotFoundError} when the source is not an assignment of this course
 */
export async function createPlacement(session: Session, source: 'builtin' | string): Promise<Assignment> {
  const request = await requestOf(session);
  let content = { unit: builtInUnit, rubric: builtInRubric, sourceAssignmentId: undefined as string | undefined };
  if (source !== 'builtin') {
    const from = await findAssignmentById(source);
    if (!from || !sameCourse(session, from)) throw new NotFoundError('That assignment is not in this course.');
    content = { unit: from.unit, rubric: from.rubric, sourceAssignmentId: from.id };
  }
  return insertPlacement({
    platformIssuer: request.platformIssuer,
    deploymentId: request.deploymentId,
    contextId: request.contextId,
    clientId: request.clientId,
    unit: content.unit,
    rubric: content.rubric,
    sourceAssignmentId: content.sourceAssignmentId,
    title: content.unit.title,
  });
}

export interface DeepLinkAnswer {
  returnUrl: string;
  jwt: string;
}

/** The resource link that places an assignment: custom parameter to find it again, and its gradebook column. */
export function contentItemFor(placement: Assignment): ResourceLinkItem {
  const title = placement.unit.title;
  return {
    type: 'ltiResourceLink',
    title,
    text: placement.unit.subtitle,
    url: toolUrls(publicBaseUrl()).launch,
    custom: { [CUSTOM_ASSIGNMENT_PARAMETER]: placement.id },
    lineItem: { scoreMaximum: maxPoints(placement.rubric), label: title, resourceId: placement.id, tag: LINE_ITEM_TAG },
  };
}

/**
 * Signs the answer to the LMS for this placement. A request is answered once.
 * @throws {NotFoundError} / {ForbiddenError} / {InkwellError} DEEP_LINK_RETURN_URL_REFUSED or DEEP_LINK_ALREADY_ANSWERED
 */
export async function completeDeepLink(session: Session, placementId: string): Promise<DeepLinkAnswer> {
  const request = await requestOf(session);
  // Checked at launch too; checked again here because the answer is posted from a page on Inkwell's origin.
  if (!isAcceptableLmsUrl(request.settings.returnUrl, lmsNetworkPolicy())) {
    throw new InkwellError('DEEP_LINK_RETURN_URL_REFUSED', undefined, { detail: `deep_link_return_url not allowed: ${request.settings.returnUrl}` });
  }
  const placement = await findAssignmentById(placementId);
  if (!placement || !placement.placement || !sameCourse(session, placement)) {
    throw new NotFoundError('That assignment could not be found. Open the LMS content picker again.');
  }
  if (!(await claimDeepLinkRequest(request.id, new Date()))) {
    throw new InkwellError('DEEP_LINK_ALREADY_ANSWERED');
  }
  const key = await platformSigningKey(request.platformIssuer, request.clientId);
  const jwt = await signDeepLinkingResponse({
    platformIssuer: request.platformIssuer,
    clientId: request.clientId,
    deploymentId: request.deploymentId,
    settings: request.settings,
    items: [contentItemFor(placement)],
    privateKeyPem: key.privateKeyPem,
    kid: key.kid,
    message: `Added “${placement.unit.title}”.`,
  });
  return { returnUrl: request.settings.returnUrl, jwt };
}
