/** Reads the Inkwell session named by a page URL (`?session=`), for server components. */
import { readSession, type Session } from '../../services/sessions';

export type PageSearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function sessionFromSearchParams(
  searchParams: PageSearchParams,
): Promise<{ session: Session; token: string } | null> {
  const raw = (await searchParams).session;
  if (typeof raw !== 'string') return null;
  const token = raw;
  try {
    return { session: await readSession(token), token };
  } catch {
    return null;
  }
}
