/** Creates a one-time LTI Dynamic Registration link; its URL is shown once, on the next page view. */
import { z } from 'zod';
import { createRegistrationLink } from '../../../services/registration';
import { formatInUtc } from '../../_lib/date-time-format';
import { handleAdminPost } from '../_lib/admin-route';
import { DEFAULT_LINK_DAYS, MAX_LINK_DAYS, optionalText } from '../_lib/form-fields';

export const dynamic = 'force-dynamic';

const DAYS_MESSAGE = `Enter how many days the link stays valid, as a whole number from 1 to ${MAX_LINK_DAYS}.`;

const linkSchema = z.object({
  note: optionalText('note', 200),
  validDays: z.preprocess(
    (value) => (value === undefined || (typeof value === 'string' && value.trim() === '') ? DEFAULT_LINK_DAYS : Number(value)),
    z.number({ error: DAYS_MESSAGE }).int(DAYS_MESSAGE).min(1, DAYS_MESSAGE).max(MAX_LINK_DAYS, DAYS_MESSAGE),
  ),
});

export async function POST(request: Request): Promise<Response> {
  return handleAdminPost(request, linkSchema, async ({ note, validDays }) => {
    const { url, expiresAt } = await createRegistrationLink({ ttlHours: validDays * 24, note });
    return {
      notice: `Registration link created. Copy it now: Inkwell shows it only this once. It works for one registration, until ${formatInUtc(expiresAt)}.`,
      newLink: url,
    };
  });
}
