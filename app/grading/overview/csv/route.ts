import { getClassOverview } from '../../../../services/class-overview';
import { redeemTicket, SessionInvalidError, TICKET_PARAMETER, type Session } from '../../../../services/sessions';
import { safeFileName, toCsv } from '../../../_lib/csv';
import { errorResponse } from '../../../_lib/http-errors';
import { sessionOf } from '../../../_lib/request';
import { classCsvRows } from '../class-csv';

export const dynamic = 'force-dynamic';

/**
 * The session of a download: the "Download CSV" link is followed with a one-time ticket like
 * any Inkwell page (a browser cannot add a bearer header to a download); API clients send the
 * bearer token.
 */
async function sessionOfDownload(request: Request): Promise<Session> {
  const ticket = new URL(request.url).searchParams.get(TICKET_PARAMETER);
  if (ticket === null) return sessionOf(request);
  const redeemed = await redeemTicket(ticket);
  if (!redeemed) throw new SessionInvalidError('download ticket used, expired or unknown');
  return redeemed.session;
}

/** The class as CSV, one row per student (instructors only). */
export async function GET(request: Request): Promise<Response> {
  try {
    const overview = await getClassOverview(await sessionOfDownload(request));
    const title = overview.assignment.resourceLinkTitle ?? overview.assignment.unit.title;
    const fileName = safeFileName(`${title} class`, 'csv');
    return new Response(toCsv(classCsvRows(overview)), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${fileName}"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
