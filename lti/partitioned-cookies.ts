/**
 * Express middleware that makes every cookie set below it a partitioned
 * third-party cookie (CHIPS: `Secure; SameSite=None; Partitioned`).
 *
 * Why: Chromium (Debian's 156 included) and Safari block unpartitioned
 * third-party cookies by default, so ltijs's OIDC state cookie, set inside the
 * LMS iframe, never comes back and the launch fails with
 * MISSING_VALIDATION_COOKIE. Partitioned cookies are kept per top-level site
 * and do come back. ltijs 5.9.9 cannot set the attribute itself.
 * @see https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/Privacy_sandbox/Partitioned_cookies
 */
import type { CookieOptions, NextFunction, Request, Response } from 'express';

export function partitionedCookies(_req: Request, res: Response, next: NextFunction): void {
  const setCookie = res.cookie.bind(res) as (name: string, value: unknown, options: CookieOptions) => Response;
  res.cookie = ((name: string, value: unknown, options: CookieOptions = {}) =>
    setCookie(name, value, {
      ...options,
      secure: true,
      sameSite: 'none',
      partitioned: true,
    })) as Response['cookie'];
  next();
}
