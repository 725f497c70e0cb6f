/** Removes a platform and its deployments, once the admin has typed REMOVE to confirm. */
import { z } from 'zod';
import { removePlatform } from '../../../../services/platforms';
import { handleAdminPost } from '../../_lib/admin-route';
import { platformKeyFields } from '../../_lib/form-fields';
import { findPlatformOrFail } from '../../_lib/platform-lookup';

export const dynamic = 'force-dynamic';

const CONFIRM_WORD = 'REMOVE';
const NOT_CONFIRMED = `Nothing was removed: type ${CONFIRM_WORD} in capitals to confirm removing the platform.`;

const removeSchema = z.object({
  ...platformKeyFields,
  confirm: z.string({ error: NOT_CONFIRMED }).refine((value) => value.trim() === CONFIRM_WORD, NOT_CONFIRMED),
});

export async function POST(request: Request): Promise<Response> {
  return handleAdminPost(request, removeSchema, async ({ issuer, clientId }) => {
    const { name } = await findPlatformOrFail(issuer, clientId);
    await removePlatform(issuer, clientId);
    return { notice: `“${name}” is removed. Its launches are refused until it is registered again.` };
  });
}
