/**
 * What a launch becomes once Inkwell has validated its id_token (server/oidc-routes.ts with
 * lti/launch-validation.ts): an Inkwell session and a redirect into the app. Every refusal becomes
 * the friendly page with a reference, while the precise reason goes to the log; each refusal names
 * a code of the error catalogue (errors/catalogue.ts), which decides its status and whether the
 * error's own words may be shown. ltijs's own callbacks are wired here too, as a safety net.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { LtijsProvider, LtijsToken } from 'ltijs';
import { toLaunchContext, type LaunchContext } from '../lti/launch';
import { describeError, ERROR_CATALOGUE, reasonForLog, type InkwellErrorCode } from '../errors/catalogue';
import { lmsNetworkPolicy } from '../services/config';
import { startDeepLinking } from '../services/deep-linking';
import { learnFrameOrigin } from '../services/frame-ancestors';
import { recordLaunch } from '../services/launches';
import { checkLaunchDeployment } from '../services/platforms';
import { reportProblem } from '../services/problems';
import { launchRefusedPage, simplePage } from './pages';
import { log } from '../services/logger';
import { countLaunchAccepted, countLaunchRefused } from '../services/metrics';

/** Logs the reason with a reference and returns the reference; the page shows only the reference. */
export function logRefusal(status: number, reason: string, issuer?: string): string {
  const reference = randomUUID().slice(0, 8);
  log().warn({ status, reference }, `[launch] refused (${status}) ref=${reference}: ${reason}`);
  countLaunchRefused(reason);
  reportProblem({ kind: 'launch', message: reason, reference, issuer });
  return reference;
}

/** Answers the refusal page with the code's status; `explanation` replaces the generic sentences when given. */
export function refuse(res: Response, code: InkwellErrorCode, reason: string, explanation?: string, issuer?: string, extraHtml?: string): void {
  const { status } = ERROR_CATALOGUE[code];
  const reference = logRefusal(status, reason, issuer);
  res.status(status).type('html').send(launchRefusedPage(reference, explanation, extraHtml));
}

/**
 * A launch that failed with an error: its catalogue entry decides the status and whether its
 * message is shown; an unexpected error (a bug, the database) is logged with `context`.
 */
function refuseWithError(res: Response, error: unknown, context: string, issuer?: string): void {
  const described = describeError(error);
  const reason = described.expected ? reasonForLog(error) : `${context}: ${reasonForLog(error)}`;
  refuse(res, described.code, reason, described.expose ? described.message : undefined, issuer);
}

/** ltijs puts its reason in res.locals.err.details.message. */
function ltijsReason(res: Response): string {
  const err = res.locals.err as { details?: { message?: string; description?: string } } | undefined;
  return err?.details?.message ?? err?.details?.description ?? 'unknown';
}

/**
 * Checks an OIDC login initiation before ltijs sees it: ltijs answers a
 * malformed one with bare JSON, which a student would see in the iframe.
 * @see https://www.imsglobal.org/spec/security/v1p0/#step-1-third-party-initiated-login
 */
export function loginInitiationGuard(req: Request, res: Response, next: () => void): void {
  const params = { ...(req.query as Record<string, unknown>), ...((req.body ?? {}) as Record<string, unknown>) };
  const missing = ['iss', 'login_hint', 'target_link_uri'].filter((name) => typeof params[name] !== 'string' || params[name] === '');
  if (missing.length > 0) {
    refuse(res, 'LAUNCH_REQUEST_MALFORMED', `login initiation without ${missing.join(', ')}`);
    return;
  }
  next();
}

/** An LMS administrator with no role in the course acts as instructor (lti/roles.ts): leave a trace of it. */
function logRoleBasis(launch: LaunchContext): void {
  if (launch.roleBasis !== 'administrator-without-membership') return;
  log().info(
    `[launch] administrator without a course role acts as instructor: iss=${launch.platformIssuer} context=${launch.contextId || '(none)'} user=${launch.userId}`,
  );
}

/** Where a successful launch sends the browser: a 303 normally, JSON for the platform-storage page's fetch. */
export type GoTo = (path: string) => void;

function redirectTo(res: Response): GoTo {
  return (path) => res.redirect(303, path);
}

/** A launch whose id_token was validated: check the deployment, record it, send the browser into the app. */
export async function handleResourceLinkLaunch(
  token: LtijsToken,
  res: Response,
  goTo: GoTo = redirectTo(res),
  checkDeployment: (launch: LaunchContext) => Promise<void> = checkLaunchDeployment,
): Promise<void> {
  try {
    const launch = toLaunchContext(token, lmsNetworkPolicy());
    await checkDeployment(launch);
    await learnFrameOrigin(launch);
    logRoleBasis(launch);
    const outcome = await recordLaunch(launch);
    countLaunchAccepted('resource_link');
    goTo(outcome.redirectPath);
  } catch (error) {
    refuseWithError(res, error, 'launch could not be recorded', token.iss);
  }
}

/** A validated LtiDeepLinkingRequest: keep its settings and send the instructor to the picker. */
export async function handleDeepLinkingLaunch(
  token: LtijsToken,
  res: Response,
  goTo: GoTo = redirectTo(res),
  checkDeployment: (launch: LaunchContext) => Promise<void> = checkLaunchDeployment,
): Promise<void> {
  try {
    const launch = toLaunchContext(token, lmsNetworkPolicy());
    await checkDeployment(launch);
    await learnFrameOrigin({ ...launch, deepLinkReturnUrl: launch.deepLinking?.returnUrl });
    logRoleBasis(launch);
    const { redirectPath } = await startDeepLinking(launch);
    countLaunchAccepted('deep_linking');
    goTo(redirectPath);
  } catch (error) {
    const described = describeError(error);
    // A refused platform or deployment gets the refusal page (with a reference for the admin).
    if (described.expose && described.code !== 'LAUNCH_INVALID') {
      // A student in the content picker, or a placement that cannot hold a link: say so kindly.
      res.status(described.status).type('html').send(simplePage({ title: 'Inkwell cannot be added here', paragraphs: [described.message] }));
    } else {
      refuseWithError(res, error, 'deep linking request failed', token.iss);
    }
  }
}

/**
 * ltijs's own callbacks. Logins and launches are handled by server/oidc-routes.ts before
 * ltijs sees them; these stay as a safety net for any request that still reaches ltijs.
 */
export function registerLaunchCallbacks(lti: LtijsProvider): void {
  lti.onConnect(async (token, _req: Request, res: Response) => handleResourceLinkLaunch(token, res));
  lti.onDeepLinking(async (token, _req: Request, res: Response) => handleDeepLinkingLaunch(token, res));

  lti.onInvalidToken(async (_req: Request, res: Response) => refuse(res, 'TOKEN_INVALID', `invalid launch: ${ltijsReason(res)}`));
  lti.onSessionTimeout(async (_req: Request, res: Response) => refuse(res, 'LAUNCH_STATE_INVALID', `session timeout: ${ltijsReason(res)}`));
  lti.onUnregisteredPlatform(async (req: Request, res: Response) =>
    refuse(res, 'PLATFORM_UNKNOWN', `unregistered platform: iss=${String(req.body?.iss ?? req.query.iss ?? '')}`),
  );
  lti.onInactivePlatform(async (req: Request, res: Response) =>
    refuse(res, 'PLATFORM_INACTIVE', `inactive platform: iss=${String(req.body?.iss ?? req.query.iss ?? '')}`),
  );
}
