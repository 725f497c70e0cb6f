/**
 * What happens after a valid LTI launch: make sure the resource link has an
 * assignment (the built-in unit on first launch), make sure a student has a
 * submission, and issue the Inkwell session that the pages use (handed to the
 * first page through a one-time ticket in its URL, see services/sessions.ts).
 * It does not validate the launch (ltijs and lti/launch.ts did).
 */
import type { LaunchContext } from '../lti/launch';
import { CUSTOM_DUE_AT, CUSTOM_LOCK_AT } from '../lti/lms';
import { builtInRubric } from '../domain/rubric';
import { builtInUnit } from '../domain/unit';
import type { Rubric } from '../domain/rubric';
import type { Unit } from '../domain/unit';
import {
  findAssignmentById,
  findLatestCopyInCourse,
  setAssignmentDates,
  upsertAssignmentOnLaunch,
  type Assignment,
} from '../models/assignments';
import { parseIsoDateTime } from '../domain/date-time';
import { studentDatesChange, type StudentDates } from '../domain/essay';
import { upsertSubmissionOnLaunch } from '../models/submissions';
import { forgetClassOrder } from './class-order';
import { issueLaunchTicket, withTicket } from './sessions';
import { log } from './logger';

export interface LaunchOutcome {
  /** Where to send the browser: the student's essay or the instructor's overview, with a one-time ticket. */
  redirectPath: string;
}

/** The custom parameter Inkwell puts on the links it places, naming the assignment to start from. */
export const CUSTOM_ASSIGNMENT_PARAMETER = 'inkwell_assignment';

/**
 * What a resource link's first launch starts from: the assignment named by the
 * link's custom parameter (placed by Deep Linking, or copied with the course),
 * or the built-in unit. Only assignments of the same platform are copied.
 */
async function seedOf(launch: LaunchContext): Promise<{ unit: Unit; rubric: Rubric; sourceAssignmentId?: string }> {
  const sourceId = launch.custom[CUSTOM_ASSIGNMENT_PARAMETER];
  if (sourceId) {
    const source = await findAssignmentById(sourceId);
    if (source && source.platformIssuer === launch.platformIssuer && source.deploymentId === launch.deploymentId) {
      // A copied course should get the assignment as it is now: the placement's link may have been edited since.
      const latest = source.placement ? ((await findLatestCopyInCourse(source)) ?? source) : source;
      return { unit: latest.unit, rubric: latest.rubric, sourceAssignmentId: source.id };
    }
    log().warn(`[launch] custom ${CUSTOM_ASSIGNMENT_PARAMETER}=${sourceId} not usable for ${launch.platformIssuer}; using the built-in unit`);
  }
  return { unit: builtInUnit, rubric: builtInRubric };
}

/**
 * The custom parameters `due_at` and `lock_at`, which an LMS can fill with the assignment's dates
 * (each LMS profile's `customParameters` says how: Canvas's `$Canvas.assignment.dueAt.iso8601`,
 * lti/lms/canvas.ts). Values the LMS could not substitute arrive as the literal variable and are ignored.
 *
 * Canvas substitutes them for the user who launches: a student's launch carries
 * that student's own dates (an extension or a section's date included), an
 * instructor's the assignment's. So only an instructor's launch changes the
 * assignment; a student's changes that student's dates (models/submissions.ts).
 */
function lmsDatesOf(custom: Record<string, string>): StudentDates {
  const iso = (value: string | undefined) => {
    const date = value ? parseIsoDateTime(value) : null;
    return date ? date.toISOString() : undefined;
  };
  const dueAt = iso(custom[CUSTOM_DUE_AT]);
  const cutoffAt = iso(custom[CUSTOM_LOCK_AT]);
  return { ...(dueAt ? { dueAt } : {}), ...(cutoffAt ? { cutoffAt } : {}) };
}

/** An instructor's launch: the LMS's dates become the assignment's. */
async function applyAssignmentDates(assignment: Assignment, dates: StudentDates): Promise<void> {
  const { dueAt, cutoffAt } = dates;
  const rules = assignment.unit.rules;
  // Written only when the LMS changed them, to keep launches free of writes.
  if ((dueAt && dueAt !== rules.dueAt) || (cutoffAt && cutoffAt !== rules.cutoffAt)) {
    await setAssignmentDates(assignment.id, { dueAt, cutoffAt });
  }
}

export async function recordLaunch(launch: LaunchContext): Promise<LaunchOutcome> {
  const key = {
    platformIssuer: launch.platformIssuer,
    deploymentId: launch.deploymentId,
    contextId: launch.contextId,
    resourceLinkId: launch.resourceLinkId,
  };
  // The named source assignment only matters on a link's first launch, so it is looked up only then.
  const named = Boolean(launch.custom[CUSTOM_ASSIGNMENT_PARAMETER]);
  const assignment = await upsertAssignmentOnLaunch(
    { ...key, clientId: launch.clientId, unit: builtInUnit, rubric: builtInRubric },
    {
      platformFamily: launch.platformFamily,
      contextTitle: launch.contextTitle,
      resourceLinkTitle: launch.resourceLinkTitle,
      membershipsUrl: launch.membershipsUrl,
      gradebook: launch.ags
        ? { lineItemUrl: launch.ags.lineItemUrl, lineItemsUrl: launch.ags.lineItemsUrl, scopes: launch.ags.scopes }
        : undefined,
    },
    named ? () => seedOf(launch) : undefined,
  );

  const lmsDates = lmsDatesOf(launch.custom);

  const base = {
    platformIssuer: launch.platformIssuer,
    deploymentId: launch.deploymentId,
    contextId: launch.contextId,
    resourceLinkId: launch.resourceLinkId,
    assignmentId: assignment.id,
    userId: launch.userId,
    userName: launch.userName,
  };

  if (launch.role === 'instructor') {
    await applyAssignmentDates(assignment, lmsDates);
    const ticket = await issueLaunchTicket({ ...base, role: 'instructor' });
    return { redirectPath: withTicket('/grading', ticket) };
  }

  const submission = await upsertSubmissionOnLaunch({
    assignmentId: assignment.id,
    userId: launch.userId,
    userName: launch.userName,
    userEmail: launch.userEmail,
    // The student's own dates never move the assignment's (everyone else's).
    dates: studentDatesChange(assignment.unit.rules, lmsDates),
  });
  if (submission.orderChanged) forgetClassOrder(assignment.id);
  const ticket = await issueLaunchTicket({ ...base, role: 'student', submissionId: submission.id });
  return { redirectPath: withTicket('/essay', ticket) };
}
