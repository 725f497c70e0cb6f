/** Enables or disables a platform: a disabled one cannot launch Inkwell or receive grades. */
import { z } from 'zod';
import { setPlatformEnabled } from '../../../../services/platforms';
import { handleAdminPost } from '../../_lib/admin-route';
import { platformKeyFields } from '../../_lib/form-fields';
import { findPlatformOrFail } from '../../_lib/platform-lookup';

export const dynamic = 'force-dynamic';

const statusSchema = z.object({
  ...platformKeyFields,
  enabled: z.enum(['true', 'false'], { error: 'The form did not say whether to enable or disable. Reload the admin page and try again.' }),
});

export async function POST(request: Request): Promise<Response> {
  return handleAdminPost(request, statusSchema, async ({ issuer, clientId, enabled }) => {
    const { name } = await findPlatformOrFail(issuer, clientId);
    await setPlatformEnabled(issuer, clientId, enabled === 'true');
    return {
      notice:
        enabled === 'true'
          ? `“${name}” is enabled: it can launch Inkwell again.`
          : `“${name}” is disabled: its launches are refused until you enable it again.`,
    };
  });
}
