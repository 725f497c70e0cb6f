/**
 * Admin sign-out: forgets the session cookie in this browser; with
 * `everywhere=1` (and a valid session) it also ends every other admin session.
 */
import { ADMIN_COOKIE, signOutEverywhere } from '../../../services/admin-auth';
import { backToAdmin, foreignOrigin, fromOwnOrigin, hasAdminSession, notSignedIn, readForm, usesHttps } from '../_lib/admin-route';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  if (!fromOwnOrigin(request)) return foreignOrigin();
  const everywhere = (await readForm(request))?.everywhere === '1';
  if (everywhere) {
    if (!(await hasAdminSession())) return notSignedIn();
    await signOutEverywhere();
  }
  const response = backToAdmin({ notice: everywhere ? 'Every admin session has ended, in every browser.' : 'You are signed out.' });
  response.cookies.set(ADMIN_COOKIE, '', { httpOnly: true, sameSite: 'strict', secure: usesHttps(), path: '/', maxAge: 0 });
  return response;
}
