/** Downloads everything Inkwell holds about one person as one JSON file (recorded in the privacy audit). */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { exportPerson } from '../../../../services/privacy';
import { backToAdmin, describeIssues, failureMessage, foreignOrigin, fromOwnOrigin, hasAdminSession, notSignedIn, readForm } from '../../_lib/admin-route';
import { personFields, reasonField } from '../../_lib/privacy-fields';

export const dynamic = 'force-dynamic';

const exportSchema = z.object({ ...personFields, reason: reasonField });

export async function POST(request: Request): Promise<Response> {
  if (!fromOwnOrigin(request)) return foreignOrigin();
  if (!(await hasAdminSession())) return notSignedIn();
  const fields = await readForm(request);
  if (!fields) return backToAdmin({ error: 'The form could not be read. Reload the page and try again.' });
  const parsed = exportSchema.safeParse(fields);
  if (!parsed.success) return backToAdmin({ error: describeIssues(parsed.error) });
  try {
    const { issuer, userId, reason } = parsed.data;
    const exported = await exportPerson({ issuer, userId }, { by: 'admin page', reason });
    // The file name says whose export it is without putting an LMS id in the name.
    const tag = createHash('sha256').update(`${issuer}\n${userId}`).digest('hex').slice(0, 10);
    return new Response(`${JSON.stringify(exported, null, 2)}\n`, {
      status: 200,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="inkwell-person-${tag}.json"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    return backToAdmin({ error: failureMessage(error) });
  }
}
