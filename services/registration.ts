/**
 * Installing Inkwell in an LMS by LTI Dynamic Registration. Registration is
 * closed to the world: it needs a one-time link created by an Inkwell admin,
 * unless the operator explicitly opens it (INKWELL_OPEN_REGISTRATION=1). A
 * link allows a few attempts, then is spent; open registration is rate-limited
 * per client address. What Inkwell connects to is decided by
 * `lmsNetworkPolicy()` (services/config.ts).
 */
import { randomBytes } from 'node:crypto';
import { environment } from '../config/environment';
import { reasonForLog } from '../errors/catalogue';
import { fetchPlatformConfiguration, registerClient, RegistrationError } from '../lti/dynamic-registration';
import { toolUrls } from '../lti/tool-configuration';
import {
  claimRegistrationAttempt,
  claimRegistrationLink,
  findRegistrationLink,
  insertRegistrationLink,
  releaseRegistrationLink,
} from '../models/registration-links';
import { recordProblem } from '../models/problems';
import { lmsNetworkPolicy, publicBaseUrl } from './config';
import { registerPlatform } from './platforms';
import { takeRegistrationToken } from './rate-limits';

export { RegistrationError } from '../lti/dynamic-registration';

export const DEFAULT_LINK_TTL_HOURS = 7 * 24;
/** Registrations a link allows before it is spent: enough to correct a mistake, too few to probe a network. */
export const MAX_ATTEMPTS_PER_LINK = 5;

export function openRegistrationAllowed(): boolean {
  return environment.openRegistration();
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
  /** The client's address, for the open-registration rate limit. */
  clientAddress?: string;
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
  if (!usesLink) {
    const wait = takeRegistrationToken(request.clientAddress ?? 'unknown');
    if (wait > 0) {
      throw new RegistrationError(
        `open registration rate limit for ${request.clientAddress ?? 'unknown'}`,
        `Too many registration attempts from here. Please wait ${Math.ceil(wait / 60)} minute(s) and try again.`,
      );
    }
  }
  if (usesLink) {
    const link = request.linkToken ? await findRegistrationLink(request.linkToken) : null;
    if (!link) {
      throw new RegistrationError('registration without a valid link', 'This registration URL is not valid. Ask the Inkwell administrator for a new registration link.');
    }
    if (link.usedAt) throw new RegistrationError('registration link already used', 'This registration link was already used. Ask the Inkwell administrator for a new one.');
    if (link.expiresAt.getTime() < now.getTime()) {
      throw new RegistrationError('registration link expired', 'This registration link has expired. Ask the Inkwell administrator for a new one.');
    }
    if (!(await claimRegistrationAttempt(request.linkToken!, MAX_ATTEMPTS_PER_LINK, now))) {
      throw new RegistrationError(
        'registration link spent: too many attempts',
        'This registration link was tried too many times and can no longer be used. Ask the Inkwell administrator for a new one.',
      );
    }
    if (!(await claimRegistrationLink(request.linkToken!, request.openidConfigurationUrl, now))) {
      throw new RegistrationError('registration link already used', 'This registration link was already used. Ask the Inkwell administrator for a new one.');
    }
  }
  try {
    const policy = lmsNetworkPolicy();
    const config = await fetchPlatformConfiguration(request.openidConfigurationUrl, policy);
    const client = await registerClient(config, toolUrls(publicBaseUrl()), request.registrationToken, policy);
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
      message: reasonForLog(error),
    }).catch(() => {});
    throw error;
  }
}

export { listRegistrationLinks } from '../models/registration-links';
