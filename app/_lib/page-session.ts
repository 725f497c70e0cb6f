/**
 * Reads the Inkwell session a page was opened with, for server components:
 * the page URL carries a one-time ticket (`?ticket=`), never the session
 * itself. Redeeming it uses it up and gives the page a fresh token, which the
 * page hands to its client code (app/_components/session-start.tsx).
 */
import { redeemTicket, TICKET_PARAMETER, type IssuedSession, type Session } from '../../services/sessions';

export type PageSearchParams = Promise<Record<string, string | string[] | undefined>>;

export interface PageSession {
  session: Session;
  issued: IssuedSession;
}

/** The session named by the page's ticket, or null (no ticket, or used, expired or unknown). */
export async function sessionFromSearchParams(searchParams: PageSearchParams): Promise<PageSession | null> {
  const raw = (await searchParams)[TICKET_PARAMETER];
  if (typeof raw !== 'string') return null;
  try {
    return await redeemTicket(raw);
  } catch {
    return null;
  }
}
