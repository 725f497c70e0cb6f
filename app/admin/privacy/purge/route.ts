/** Deletes all data of one course, once the admin has typed ERASE. */
import { z } from 'zod';
import { purgeCourse } from '../../../../services/privacy';
import { handleAdminPost } from '../../_lib/admin-route';
import { confirmedBy, courseFields, ERASE_WORD, reasonField } from '../../_lib/privacy-fields';

export const dynamic = 'force-dynamic';

const NOT_CONFIRMED = `Nothing was deleted: type ${ERASE_WORD} in capitals to confirm deleting the course's data.`;

const purgeSchema = z.object({ ...courseFields, reason: reasonField, confirm: confirmedBy(ERASE_WORD, NOT_CONFIRMED) });

export async function POST(request: Request): Promise<Response> {
  return handleAdminPost(request, purgeSchema, async ({ issuer, contextId, reason }) => {
    const entry = await purgeCourse({ issuer, contextId }, { by: 'admin page', reason });
    const total = Object.values(entry.counts).reduce((sum, n) => sum + n, 0);
    return { notice: `Deleted ${total} record(s) of course “${contextId}” on ${issuer}. The privacy audit records the purge.` };
  });
}
