/** Adds a deployment ID a platform may launch from. */
import { z } from 'zod';
import { addDeploymentManually } from '../../../../services/platforms';
import { handleAdminPost } from '../../_lib/admin-route';
import { platformKeyFields, requiredText } from '../../_lib/form-fields';
import { findPlatformOrFail } from '../../_lib/platform-lookup';

export const dynamic = 'force-dynamic';

const deploymentSchema = z.object({ ...platformKeyFields, deploymentId: requiredText('deployment ID') });

export async function POST(request: Request): Promise<Response> {
  return handleAdminPost(request, deploymentSchema, async ({ issuer, clientId, deploymentId }) => {
    const platform = await findPlatformOrFail(issuer, clientId);
    if (platform.deployments.some((d) => d.deploymentId === deploymentId)) {
      return { notice: `Deployment “${deploymentId}” was already on the list for “${platform.name}”.` };
    }
    await addDeploymentManually(issuer, clientId, deploymentId);
    return { notice: `Deployment “${deploymentId}” added to “${platform.name}”.` };
  });
}
