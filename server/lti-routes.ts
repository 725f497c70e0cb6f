/**
 * Wires ltijs's callbacks to Inkwell: a valid launch becomes an Inkwell
 * session and a redirect into the app; every refusal becomes the friendly
 * page with a reference, while the precise reason goes to the log.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { LtijsProvider, LtijsToken } from 'ltijs';
import { toLaunchContext, type LaunchContext } from '../lti/launch';
import { isInkwellError } from '../domain/errors';
import { lmsNetworkPolicy } from '../services/config';
import { startDeepLinking } from '../services/deep-linking';
import { learnFrameOrigin } from '../services/frame-ancestors';
import { recordLaunch } from '../services/launches';
import { checkLaunchDeployment, LaunchRefusedError } from '../services/platforms';
import { reportProblem } from '../services/problems';
import { launchRefusedPage, simplePage } from './pages';

/** Logs the reason with a reference and returns the reference; the page shows only the reference. */
export function logRefusal(status: number, reason: string, issuer?: string): string {
  const reference = randomUUID().slice(0, 8);
  console.warn(`[launch] refused (${status}) ref=${reference}: ${reason}`);
  reportProblem({ kind: 'launch', message: reason, reference, issuer });
  return reference;
}

export function refuse(res: Response, status: number, reason: string, explanation?: string, issuer?: string, extraHtml?: string): void {
  const reference = logRefusal(status, reason, issuer);
  res.status(status).type('html').send(launchRefusedPage(reference, explanation, extraHtml));
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
    refuse(res, 400, `login initiation without ${missing.join(', ')}`);
    return;
  }
  next();
}

/** An LMS administrator with no role in the course acts as instructor (lti/roles.ts): leave a trace of it. */
function logRoleBasis(launch: LaunchContext): void {
  if (launch.roleBasis !== 'administrator-without-membership') return;
  console.info(
    `[launch] administrator without a course role acts as instructor: iss=${launch.platformIssuer} context=${launch.contextId || '(none)'} user=${launch.userId}`,
  );
}

/** Where a successful launch sends the browser: a 303 normally, JSON for the platform-storage page's fetch. */
export type GoTo = (path: string) => void;

function redirectTo(res: Response): GoTo {
  return (path) => res.redirect(303, path);
}

/** A launch whose id_token was validated: check the deployment, record it, send the browser into the app. */
export async function handleResourceLinkLaunch(token: LtijsToken, res: Response, goTo: GoTo = redirectTo(res)): Promise<void> {
  try {
    const launch = toLaunchContext(token, lmsNetworkPolicy());
    await checkLaunchDeployment(launch);
    await learnFrameOrigin(launch);
    logRoleBasis(launch);
    const outcome = await recordLaunch(launch);
    goTo(outcome.redirectPath);
  } catch (error) {
    if (error instanceof LaunchRefusedError) {
      refuse(res, error.status, error.detail ?? error.message, error.message, token.iss);
      return;
    }
    refuse(res, 400, `launch could not be recorded: ${error instanceof Error ? error.message : String(error)}`, undefined, token.iss);
  }
}

/** A validated LtiDeepLinkingRequest: keep its settings and send the instructor to the picker. */
export async function handleDeepLinkingLaunch(token: LtijsToken, res: Response, goTo: GoTo = redirectTo(res)): Promise<void> {
  try {
    const launch = toLaunchContext(token, lmsNetworkPolicy());
    await checkLaunchDeployment(launch);
    await learnFrameOrigin({ ...launch, deepLinkReturnUrl: launch.deepLinking?.returnUrl });
    logRoleBasis(launch);
    const { redirectPath } = await startDeepLinking(launch);
    goTo(redirectPath);
  } catch (error) {
    if (error instanceof LaunchRefusedError) {
      refuse(res, error.status, error.detail ?? error.message, error.message, token.iss);
    } else if (isInkwellError(error) && error.expose) {
      // A student in the content picker, or a placement that cannot hold a link: say so kindly.
      res.status(error.status).type('html').send(simplePage({ title: 'Inkwell cannot be added here', paragraphs: [error.message] }));
    } else {
      refuse(res, 400, `deep linking request failed: ${error instanceof Error ? error.message : String(error)}`, undefined, token.iss);
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

  lti.onInvalidToken(async (_req: Request, res: Response) => refuse(res, 401, `invalid launch: ${ltijsReason(res)}`));
  lti.onSessionTimeout(async (_req: Request, res: Response) => refuse(res, 401, `session timeout: ${ltijsReason(res)}`));
  lti.onUnregisteredPlatform(async (req: Request, res: Response) =>
    refuse(res, 401, `unregistered platform: iss=${String(req.body?.iss ?? req.query.iss ?? '')}`),
  );
  lti.onInactivePlatform(async (req: Request, res: Response) =>
    refuse(res, 401, `inactive platform: iss=${String(req.body?.iss ?? req.query.iss ?? '')}`),
  );
}
