/**
 * What happens after a valid LTI launch: make sure the resource link has an
 * assignment (the built-in unit on first launch), make sure a student has a
 * submission, and issue the Inkwell session that the pages use.
 * It does not validate the launch (ltijs and lti/launch.ts did).
 */
import type { LaunchContext } from '../lti/launch';
import { builtInRubric } from '../domain/rubric';
import { builtInUnit } from '../domain/unit';
import { upsertAssignmentOnLaunch } from '../models/assignments';
import { upsertSubmissionOnLaunch } from '../models/submissions';
import { issueSession } from './sessions';

export interface LaunchOutcome {
  /** Where to send the browser: the student's essay or the instructor's overview. */
  redirectPath: string;
  sessionToken: string;
}

export async function recordLaunch(launch: LaunchContext): Promise<LaunchOutcome> {
  const assignment = await upsertAssignmentOnLaunch(
    {
      platformIssuer: launch.platformIssuer,
      deploymentId: launch.deploymentId,
      contextId: launch.contextId,
      resourceLinkId: launch.resourceLinkId,
      clientId: launch.clientId,
      unit: builtInUnit,
      rubric: builtInRubric,
    },
    {
      platformFamily: launch.platformFamily,
      contextTitle: launch.contextTitle,
      resourceLinkTitle: launch.resourceLinkTitle,
      membershipsUrl: launch.membershipsUrl,
      gradebook: launch.ags
        ? { lineItemUrl: launch.ags.lineItemUrl, lineItemsUrl: launch.ags.lineItemsUrl, scopes: launch.ags.scopes }
        : undefined,
    },
  );

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
    const sessionToken = await issueSession({ ...base, role: 'instructor' });
    return { sessionToken, redirectPath: `/grading?session=${encodeURIComponent(sessionToken)}` };
  }

  const submission = await upsertSubmissionOnLaunch({
    assignmentId: assignment.id,
    userId: launch.userId,
    userName: launch.userName,
    userEmail: launch.userEmail,
  });
  const sessionToken = await issueSession({ ...base, role: 'student', submissionId: submission.id });
  return { sessionToken, redirectPath: `/essay?session=${encodeURIComponent(sessionToken)}` };
}
