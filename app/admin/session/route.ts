/**
 * Admin sign-in: one password, then a signed session cookie for this site only.
 * Throttled per client address and for everyone (services/admin-auth.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ADMIN_COOKIE,
  ADMIN_SESSION_SECONDS,
  adminPassword,
  attemptAdminSignIn,
  issueAdminSession,
} from '../../../services/admin-auth';
import { clientIpOf } from '../../_lib/request';
import { backToAdmin, foreignOrigin, fromOwnOrigin, readForm, usesHttps } from '../_lib/admin-route';
import { log } from '../../../services/logger';

export const dynamic = 'force-dynamic';

/** Every wrong password also costs this long before the answer. */
const WRONG_PASSWORD_DELAY_MS = 500;

export async function POST(request: Request): Promise<Response> {
  if (!fromOwnOrigin(request)) return foreignOrigin();
  // The page itself explains that the admin page is off.
  if (!adminPassword()) return backToAdmin({ error: 'The admin page is off.' });
  const password = (await readForm(request))?.password ?? '';
  const address = clientIpOf(request) ?? 'unknown';
  const verdict = attemptAdminSignIn(password, address);
  if (!verdict.ok && verdict.reason === 'throttled') {
    log().warn(`[admin] sign-in refused while backing off (${address})`);
    return backToAdmin({ error: `Too many sign-in attempts. Please wait ${verdict.retryAfterSeconds} second(s) and try again.` });
  }
  if (!verdict.ok) {
    log().warn(`[admin] wrong password (${address})`);
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
