/** Whether a platform's launches from deployments not seen before are accepted (and remembered). */
import { z } from 'zod';
import { setAutoAcceptDeployments } from '../../../../services/platforms';
import { handleAdminPost } from '../../_lib/admin-route';
import { checkbox, platformKeyFields } from '../../_lib/form-fields';
import { findPlatformOrFail } from '../../_lib/platform-lookup';

export const dynamic = 'force-dynamic';

const autoAcceptSchema = z.object({ ...platformKeyFields, autoAcceptDeployments: checkbox });

export async function POST(request: Request): Promise<Response> {
  return handleAdminPost(request, autoAcceptSchema, async ({ issuer, clientId, autoAcceptDeployments }) => {
    const { name } = await findPlatformOrFail(issuer, clientId);
    await setAutoAcceptDeployments(issuer, clientId, autoAcceptDeployments);
    return {
      notice: autoAcceptDeployments
        ? `“${name}” now accepts new deployments automatically.`
        : `“${name}” now accepts only the deployments listed for it.`,
    };
  });
}
