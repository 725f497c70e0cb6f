/** Finds the platform a card's form names, so messages can use its name. */
import { NotFoundError } from '../../../domain/errors';
import { listPlatforms, type PlatformOverview } from '../../../services/platforms';

export async function findPlatformOrFail(issuer: string, clientId: string): Promise<PlatformOverview> {
  const platform = (await listPlatforms()).find((p) => p.issuer === issuer && p.clientId === clientId);
  if (!platform) throw new NotFoundError('That platform is not registered. It may have been removed in another window.');
  return platform;
}
