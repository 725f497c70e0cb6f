/** Admin sign-out: forgets the session cookie in this browser. */
import { ADMIN_COOKIE } from '../../../services/admin-auth';
import { backToAdmin, foreignOrigin, fromOwnOrigin, usesHttps } from '../_lib/admin-route';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  if (!fromOwnOrigin(request)) return foreignOrigin();
  const response = backToAdmin({ notice: 'You are signed out.' });
  response.cookies.set(ADMIN_COOKIE, '', { httpOnly: true, sameSite: 'strict', secure: usesHttps(), path: '/', maxAge: 0 });
  return response;
}
