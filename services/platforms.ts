/**
 * Registered LMS platforms and their deployments: registering (manual or
 * dynamic), listing, disabling, removing, and the deployment check every
 * launch goes through.
 */
import type { LtijsPlatform } from 'ltijs';
import type { LaunchContext } from '../lti/launch';
import type { RegisteredPlatform } from '../lti/launch-validation';
import { isAcceptableLmsUrl } from '../lti/lms-network';
import { getLtiProvider } from '../lti/provider';
import { InkwellError, NotFoundError } from '../domain/errors';
import {
  addDeployment,
  deletePlatformSettings,
  findDeployment,
  findPlatformSettings,
  listDeployments,
  listPlatformSettings,
  notePlatformsChanged,
  platformsChangeToken,
  savePlatformSettings,
  updatePlatformSettings,
  type Deployment,
  type PlatformSettings,
  type RegisteredVia,
} from '../models/platforms';
import { lmsNetworkPolicy } from './config';

export interface PlatformInput {
  issuer: string;
  clientId: string;
  name?: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUrl: string;
  /** Audience for client assertions when it is not the token endpoint (Canvas). */
  authorizationServer?: string;
  deploymentIds: string[];
  productFamily?: string;
  autoAcceptDeployments?: boolean;
  registeredVia: RegisteredVia;
}

/** A launch from a platform or deployment Inkwell does not accept; the message says who can fix it. */
export class LaunchRefusedError extends InkwellError {
  override name = 'LaunchRefusedError';
  constructor(message: string, detail: string) {
    super('LAUNCH_INVALID', message, { detail });
  }
}

export async function registerPlatform(input: PlatformInput, now = new Date()): Promise<void> {
  // The authorization endpoint becomes a redirect (and a link on the login page): http(s) only, https in production.
  const policy = lmsNetworkPolicy();
  for (const [what, url] of [
    ['The issuer', input.issuer],
    ['The authorization endpoint', input.authorizationEndpoint],
    ['The token endpoint', input.tokenEndpoint],
    ['The keyset URL', input.jwksUrl],
  ] as const) {
    if (!isAcceptableLmsUrl(url, policy)) {
      throw new InkwellError('INVALID_INPUT', `${what} must be an ${policy.requireHttps ? 'https' : 'http(s)'} URL.`);
    }
  }
  const name = input.name?.trim() || new URL(input.issuer).host;
  await getLtiProvider().registerPlatform({
    url: input.issuer,
    name,
    clientId: input.clientId,
    authenticationEndpoint: input.authorizationEndpoint,
    accesstokenEndpoint: input.tokenEndpoint,
    authorizationServer: input.authorizationServer,
    authConfig: { method: 'JWK_SET', key: input.jwksUrl },
  });
  const existing = await findPlatformSettings(input.issuer, input.clientId);
  await savePlatformSettings({
    issuer: input.issuer,
    clientId: input.clientId,
    name,
    productFamily: input.productFamily ?? existing?.productFamily,
    status: existing?.status ?? 'active',
    registeredVia: existing?.registeredVia ?? input.registeredVia,
    registeredAt: existing?.registeredAt ?? now,
    autoAcceptDeployments: input.autoAcceptDeployments ?? existing?.autoAcceptDeployments ?? false,
    lastLaunchAt: existing?.lastLaunchAt,
  });
  for (const deploymentId of input.deploymentIds) {
    await addDeployment({
      issuer: input.issuer,
      clientId: input.clientId,
      deploymentId,
      addedAt: now,
      source: input.registeredVia === 'dynamic' ? 'registration' : 'manual',
    });
  }
  await notePlatformsChanged();
}

export interface PlatformOverview extends PlatformSettings {
  deployments: Deployment[];
}

export async function listPlatforms(): Promise<PlatformOverview[]> {
  const [platforms, deployments] = await Promise.all([listPlatformSettings(), listDeployments()]);
  return platforms.map((p) => ({
    ...p,
    deployments: deployments.filter((d) => d.issuer === p.issuer && d.clientId === p.clientId),
  }));
}

async function ltijsPlatform(issuer: string, clientId: string) {
  const platform = await getLtiProvider().getPlatform(issuer, clientId);
  if (!platform) throw new NotFoundError('That platform is not registered.');
  return platform;
}

/** A disabled platform cannot launch or receive grades until it is enabled again. */
export async function setPlatformEnabled(issuer: string, clientId: string, enabled: boolean): Promise<void> {
  await (await ltijsPlatform(issuer, clientId)).platformActive(enabled);
  await updatePlatformSettings(issuer, clientId, { status: enabled ? 'active' : 'disabled' });
  await notePlatformsChanged();
}

export async function removePlatform(issuer: string, clientId: string): Promise<void> {
  await getLtiProvider().deletePlatform(issuer, clientId);
  await deletePlatformSettings(issuer, clientId);
  await notePlatformsChanged();
}

export async function setAutoAcceptDeployments(issuer: string, clientId: string, value: boolean): Promise<void> {
  if (!(await updatePlatformSettings(issuer, clientId, { autoAcceptDeployments: value }))) {
    throw new NotFoundError('That platform is not registered.');
  }
  await notePlatformsChanged();
}

/** Accepts a deployment; false when it was accepted already. */
export async function addDeploymentManually(issuer: string, clientId: string, deploymentId: string): Promise<boolean> {
  if (!(await findPlatformSettings(issuer, clientId))) throw new NotFoundError('That platform is not registered.');
  const added = await addDeployment({ issuer, clientId, deploymentId, addedAt: new Date(), source: 'manual' });
  await notePlatformsChanged();
  return added;
}

/** A platform as the login and launch need it: ltijs's record, with its endpoints. */
export interface LaunchPlatform extends RegisteredPlatform {
  authorizationEndpoint: string;
}

// Every login and launch looks its platform up (twice per launch); ltijs answers each with two
// queries through mongoose. Cached per process, and dropped as soon as any process changes a
// platform (the change token), so disabling a platform still stops the very next launch.
const launchPlatforms = new Map<string, { token: string; platform: LaunchPlatform }>();

async function loadLaunchPlatform(issuer: string, clientId: string | undefined): Promise<LaunchPlatform | null> {
  const lti = getLtiProvider();
  let platform: LtijsPlatform | false | undefined;
  if (clientId) {
    platform = await lti.getPlatform(issuer, clientId);
  } else {
    // Without client_id, an issuer with exactly one registration is unambiguous.
    const all = await lti.getPlatform(issuer);
    platform = Array.isArray(all) && all.length === 1 ? all[0] : false;
  }
  if (!platform) return null;
  const [id, active, authConfig, authorizationEndpoint] = await Promise.all([
    platform.platformClientId(),
    platform.platformActive(),
    platform.platformAuthConfig(),
    platform.platformAuthEndpoint(),
  ]);
  return {
    issuer,
    clientId: id,
    active,
    jwksUrl: authConfig.method === 'JWK_SET' ? authConfig.key : '',
    authorizationEndpoint,
  };
}

/** Reads the platforms' change token; a launch passes one that reads it once for all its look-ups. */
type ChangeTokenSource = () => Promise<string>;

/** The registered platform a login or launch comes from, or null. */
export async function findLaunchPlatform(
  issuer: string,
  clientId: string | undefined,
  changeToken: ChangeTokenSource = platformsChangeToken,
): Promise<LaunchPlatform | null> {
  const key = JSON.stringify([issuer, clientId ?? null]);
  const token = await changeToken();
  const cached = launchPlatforms.get(key);
  if (cached && cached.token === token) return cached.platform;
  const platform = await loadLaunchPlatform(issuer, clientId);
  // Unknown platforms are not remembered: one registered a moment ago must work at once.
  if (platform) launchPlatforms.set(key, { token, platform });
  else launchPlatforms.delete(key);
  return platform;
}

// Launch storms repeat the same few deployments: remember the ones known to be good until a
// platform changes anywhere (the change token), and for a minute at most (the last launch time).
const KNOWN_FOR_MS = 60_000;
const knownDeployments = new Map<string, { token: string; until: number }>();
// The first launches of a storm all miss `knownDeployments` at once: they share one check
// (and one `lastLaunchAt` write) instead of each reading the settings and writing them.
const deploymentChecks = new Map<string, Promise<void>>();

/**
 * Refuses a launch from a disabled platform or an unknown deployment (unless
 * the platform accepts new deployments automatically, which records it).
 * @throws {LaunchRefusedError}
 */
export async function checkLaunchDeployment(
  launch: LaunchContext,
  now = new Date(),
  changeToken: ChangeTokenSource = platformsChangeToken,
): Promise<void> {
  const key = JSON.stringify([launch.platformIssuer, launch.clientId, launch.deploymentId]);
  const token = await changeToken();
  const known = knownDeployments.get(key);
  if (known && known.token === token && known.until > now.getTime()) return;
  const checkKey = JSON.stringify([key, token]);
  let check = deploymentChecks.get(checkKey);
  if (!check) {
    check = verifyDeployment(launch, key, token, now).finally(() => deploymentChecks.delete(checkKey));
    deploymentChecks.set(checkKey, check);
  }
  await check;
}

async function verifyDeployment(launch: LaunchContext, key: string, token: string, now: Date): Promise<void> {
  const settings = await findPlatformSettings(launch.platformIssuer, launch.clientId);
  if (!settings || settings.status !== 'active') {
    throw new LaunchRefusedError(
      'Inkwell is not enabled for this LMS. Please ask your LMS administrator to contact the Inkwell administrator.',
      `platform ${launch.platformIssuer} / ${launch.clientId} is ${settings ? settings.status : 'unknown to Inkwell'}`,
    );
  }
  const deployment = await findDeployment(launch.platformIssuer, launch.clientId, launch.deploymentId);
  if (!deployment) {
    if (!settings.autoAcceptDeployments) {
      throw new LaunchRefusedError(
        `This installation of Inkwell (deployment “${launch.deploymentId}”) is not registered. LMS administrator: ask the Inkwell administrator to add this deployment ID, or to accept new deployments from your LMS automatically.`,
        `unknown deployment_id ${launch.deploymentId} for ${launch.platformIssuer} / ${launch.clientId}`,
      );
    }
    await addDeployment({
      issuer: launch.platformIssuer,
      clientId: launch.clientId,
      deploymentId: launch.deploymentId,
      addedAt: now,
      source: 'automatic',
    });
  }
  // Written at most once a minute per deployment, off the launch's critical path.
  void updatePlatformSettings(launch.platformIssuer, launch.clientId, { lastLaunchAt: now }).catch(() => {});
  knownDeployments.set(key, { token, until: now.getTime() + KNOWN_FOR_MS });
}

/**
 * The platform look-ups of one launch (the platform that signed the id_token, then its
 * deployment): the change token is read once and serves both, instead of once each.
 */
export function platformLookupsForLaunch(): {
  findPlatform: (issuer: string, clientId: string | undefined) => Promise<LaunchPlatform | null>;
  checkDeployment: (launch: LaunchContext) => Promise<void>;
} {
  let token: Promise<string> | undefined;
  const changeToken = () => (token ??= platformsChangeToken());
  return {
    findPlatform: (issuer, clientId) => findLaunchPlatform(issuer, clientId, changeToken),
    checkDeployment: (launch) => checkLaunchDeployment(launch, new Date(), changeToken),
  };
}
