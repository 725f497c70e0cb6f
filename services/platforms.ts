/**
 * Registered LMS platforms and their deployments: registering (manual or
 * dynamic), listing, disabling, removing, and the deployment check every
 * launch goes through.
 */
import type { LaunchContext } from '../lti/launch';
import { getLtiProvider } from '../lti/provider';
import { InkwellError } from '../domain/errors';
import {
  addDeployment,
  deletePlatformSettings,
  findDeployment,
  findPlatformSettings,
  listDeployments,
  listPlatformSettings,
  savePlatformSettings,
  updatePlatformSettings,
  type Deployment,
  type PlatformSettings,
  type RegisteredVia,
} from '../models/platforms';

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

export class LaunchRefusedError extends InkwellError {
  constructor(message: string, detail: string) {
    super('LAUNCH_INVALID', 403, message, { detail });
  }
}

export async function registerPlatform(input: PlatformInput, now = new Date()): Promise<void> {
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
  if (!platform) throw new InkwellError('NOT_FOUND', 404, 'That platform is not registered.');
  return platform;
}

/** A disabled platform cannot launch or receive grades until it is enabled again. */
export async function setPlatformEnabled(issuer: string, clientId: string, enabled: boolean): Promise<void> {
  await (await ltijsPlatform(issuer, clientId)).platformActive(enabled);
  await updatePlatformSettings(issuer, clientId, { status: enabled ? 'active' : 'disabled' });
}

export async function removePlatform(issuer: string, clientId: string): Promise<void> {
  await getLtiProvider().deletePlatform(issuer, clientId);
  await deletePlatformSettings(issuer, clientId);
}

export async function setAutoAcceptDeployments(issuer: string, clientId: string, value: boolean): Promise<void> {
  if (!(await updatePlatformSettings(issuer, clientId, { autoAcceptDeployments: value }))) {
    throw new InkwellError('NOT_FOUND', 404, 'That platform is not registered.');
  }
}

/** Accepts a deployment; false when it was accepted already. */
export async function addDeploymentManually(issuer: string, clientId: string, deploymentId: string): Promise<boolean> {
  if (!(await findPlatformSettings(issuer, clientId))) throw new InkwellError('NOT_FOUND', 404, 'That platform is not registered.');
  return addDeployment({ issuer, clientId, deploymentId, addedAt: new Date(), source: 'manual' });
}

// Launch storms repeat the same few deployments: remember the ones known to be good for a while.
const KNOWN_FOR_MS = 60_000;
const knownDeployments = new Map<string, number>();

/**
 * Refuses a launch from a disabled platform or an unknown deployment (unless
 * the platform accepts new deployments automatically, which records it).
 * @throws {LaunchRefusedError}
 */
export async function checkLaunchDeployment(launch: LaunchContext, now = new Date()): Promise<void> {
  const key = JSON.stringify([launch.platformIssuer, launch.clientId, launch.deploymentId]);
  if ((knownDeployments.get(key) ?? 0) > now.getTime()) return;
  const settings = await findPlatformSettings(launch.platformIssuer, launch.clientId);
  if (!settings || settings.status !== 'active') {
    throw new LaunchRefusedError(
      'Inkwell is not enabled for this LMS. Please ask your LMS administrator to contact the Inkwell administrator.',
      `platform ${launch.platformIssuer} / ${launch.clientId} is ${settings ? settings.status : 'unknown to Inkwell'}`,
    );
  }
  const known = await findDeployment(launch.platformIssuer, launch.clientId, launch.deploymentId);
  if (!known) {
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
  knownDeployments.set(key, now.getTime() + KNOWN_FOR_MS);
}

/** Forgets cached deployment checks (after an admin change). */
export function forgetKnownDeployments(): void {
  knownDeployments.clear();
}
