/** Admin sign-in: one password, then a signed session cookie for this site only. */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ADMIN_COOKIE,
  ADMIN_SESSION_SECONDS,
  adminPassword,
  checkAdminPassword,
  issueAdminSession,
} from '../../../services/admin-auth';
import { backToAdmin, foreignOrigin, fromOwnOrigin, readForm, usesHttps } from '../_lib/admin-route';

export const dynamic = 'force-dynamic';

/** Every wrong password costs this long, which makes guessing slow. */
const WRONG_PASSWORD_DELAY_MS = 500;

export async function POST(request: Request): Promise<Response> {
  if (!fromOwnOrigin(request)) return foreignOrigin();
  // The page itself explains that the admin page is off.
  if (!adminPassword()) return backToAdmin({ error: 'The admin page is off.' });
  const password = (await readForm(request))?.password ?? '';
  if (!password || !checkAdminPassword(password)) {
    await sleep(WRONG_PASSWORD_DELAY_MS);
    return backToAdmin({ error: 'That password is not right. Please try again.' });
  }
  const response = backToAdmin({ notice: 'You are signed in.' });
  response.cookies.set(ADMIN_COOKIE, await issueAdminSession(), {
    httpOnly: true,
    sameSite: 'strict',
    secure: usesHttps(),
    path: '/',
    maxAge: ADMIN_SESSION_SECONDS,
  });
  return response;
}
