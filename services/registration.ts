/**
 * Installing Inkwell in an LMS by LTI Dynamic Registration. Registration is
 * closed to the world: it needs a one-time link created by an Inkwell admin,
 * unless the operator explicitly opens it (INKWELL_OPEN_REGISTRATION=1).
 */
import { randomBytes } from 'node:crypto';
import { fetchPlatformConfiguration, registerClient, RegistrationError } from '../lti/dynamic-registration';
import { toolUrls } from '../lti/tool-configuration';
import {
  claimRegistrationLink,
  findRegistrationLink,
  insertRegistrationLink,
  releaseRegistrationLink,
} from '../models/registration-links';
import { recordProblem } from '../models/problems';
import { publicBaseUrl } from './config';
import { registerPlatform } from './platforms';

export { RegistrationError } from '../lti/dynamic-registration';

export const DEFAULT_LINK_TTL_HOURS = 7 * 24;

export function openRegistrationAllowed(): boolean {
  return process.env.INKWELL_OPEN_REGISTRATION === '1' || process.env.INKWELL_OPEN_REGISTRATION === 'true';
}

/** A one-time registration URL for an LMS admin to paste into the LMS. */
export async function createRegistrationLink(options: { ttlHours?: number; note?: string } = {}, now = new Date()) {
  const ttlHours = Math.min(Math.max(options.ttlHours ?? DEFAULT_LINK_TTL_HOURS, 1), 90 * 24);
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000);
  await insertRegistrationLink(token, { createdAt: now, expiresAt, note: options.note?.slice(0, 200) });
  return { url: `${toolUrls(publicBaseUrl()).register}?link=${token}`, expiresAt };
}

export interface RegistrationRequest {
  linkToken?: string;
  openidConfigurationUrl?: string;
  registrationToken?: string;
}

export interface RegistrationOutcome {
  issuer: string;
  clientId: string;
  deploymentId?: string;
  productFamily?: string;
}

/**
 * Runs a dynamic registration from the LMS's request.
 * @throws {RegistrationError} with advice for the LMS admin
 */
export async function registerWithPlatform(request: RegistrationRequest, now = new Date()): Promise<RegistrationOutcome> {
  if (!request.openidConfigurationUrl) {
    throw new RegistrationError(
      'openid_configuration missing',
      'Open this registration URL from your LMS (Moodle: Manage tools → Tool URL; Canvas: Developer Keys → LTI Registration), not directly in a browser.',
    );
  }
  const usesLink = !openRegistrationAllowed() || Boolean(request.linkToken);
  if (usesLink) {
    const link = request.linkToken ? await findRegistrationLink(request.linkToken) : null;
    if (!link) {
      throw new RegistrationError('registration without a valid link', 'This registration URL is not valid. Ask the Inkwell administrator for a new registration link.');
    }
    if (link.usedAt) throw new RegistrationError('registration link already used', 'This registration link was already used. Ask the Inkwell administrator for a new one.');
    if (link.expiresAt.getTime() < now.getTime()) {
      throw new RegistrationError('registration link expired', 'This registration link has expired. Ask the Inkwell administrator for a new one.');
    }
    if (!(await claimRegistrationLink(request.linkToken!, request.openidConfigurationUrl, now))) {
      throw new RegistrationError('registration link already used', 'This registration link was already used. Ask the Inkwell administrator for a new one.');
    }
  }
  try {
    const config = await fetchPlatformConfiguration(request.openidConfigurationUrl);
    const client = await registerClient(config, toolUrls(publicBaseUrl()), request.registrationToken);
    await registerPlatform({
      issuer: config.issuer,
      clientId: client.clientId,
      name: `${config.productFamily ? `${config.productFamily[0]!.toUpperCase()}${config.productFamily.slice(1)} at ` : ''}${new URL(config.issuer).host}`,
      authorizationEndpoint: config.authorizationEndpoint,
      tokenEndpoint: config.tokenEndpoint,
      jwksUrl: config.jwksUri,
      authorizationServer: config.authorizationServer,
      deploymentIds: client.deploymentId ? [client.deploymentId] : [],
      productFamily: config.productFamily,
      // Canvas creates a deployment per install; without one in the answer, learn them on first launch.
      autoAcceptDeployments: !client.deploymentId,
      registeredVia: 'dynamic',
    });
    return { issuer: config.issuer, clientId: client.clientId, deploymentId: client.deploymentId, productFamily: config.productFamily };
  } catch (error) {
    if (usesLink && request.linkToken) await releaseRegistrationLink(request.linkToken);
    await recordProblem({
      at: now,
      kind: 'registration',
      message: error instanceof Error ? error.message : String(error),
    }).catch(() => {});
    throw error;
  }
}

export { listRegistrationLinks } from '../models/registration-links';
