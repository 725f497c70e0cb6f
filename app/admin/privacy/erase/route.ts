/** Erases one person's data, once the admin has typed ERASE; the audit records that it happened, not what. */
import { z } from 'zod';
import { erasePerson } from '../../../../services/privacy';
import { handleAdminPost } from '../../_lib/admin-route';
import { confirmedBy, ERASE_WORD, personFields, reasonField } from '../../_lib/privacy-fields';

export const dynamic = 'force-dynamic';

const NOT_CONFIRMED = `Nothing was erased: type ${ERASE_WORD} in capitals to confirm erasing this person's data.`;

const eraseSchema = z.object({ ...personFields, reason: reasonField, confirm: confirmedBy(ERASE_WORD, NOT_CONFIRMED) });

export async function POST(request: Request): Promise<Response> {
  return handleAdminPost(request, eraseSchema, async ({ issuer, userId, reason }) => {
    const entry = await erasePerson({ issuer, userId }, { by: 'admin page', reason });
    const total = Object.values(entry.counts).reduce((sum, n) => sum + n, 0);
    return {
      notice:
        total === 0
          ? `Inkwell held nothing about user “${userId}” on ${issuer}; nothing was erased. The request is recorded in the privacy audit.`
          : `Erased ${total} record(s) about user “${userId}” on ${issuer}. The privacy audit records the erasure (not the data). Grades already in the LMS gradebook stay there.`,
    };
  });
}
