/**
 * HTTP hardening for every response of the custom server: a
 * Content-Security-Policy with a fresh script nonce per request (no
 * `unsafe-inline`, no `unsafe-eval` outside `INKWELL_NEXT_DEV`) and a
 * `frame-ancestors` list of the LMS origins Inkwell has seen
 * (services/frame-ancestors.ts; `'none'` for the admin pages), the usual safe
 * headers, and the client address handed to Next in a header clients cannot
 * set themselves. The one place Inkwell sets security headers: every request,
 * Next's pages included, passes through here first.
 *
 * Next reads the nonce from the request's `content-security-policy` header
 * and puts it on every script it renders; Inkwell's own HTML pages take it
 * from `cspNonce(res)` (Express) or the CSP_NONCE_HEADER request header
 * (Next route handlers). A handler that knows better who may frame its answer
 * calls `setContentSecurityPolicy` again; the nonce stays the same.
 */
import { randomBytes } from 'node:crypto';
import { environment } from '../config/environment';
import type { NextFunction, Request, Response } from 'express';
import { ERROR_CATALOGUE } from '../errors/catalogue';
import { frameAncestorSources } from '../services/frame-ancestors';
import { publicBaseUrl } from '../services/config';

export const CLIENT_IP_HEADER = 'x-inkwell-client-ip';
/** The request's script nonce, for Next route handlers that write HTML themselves. */
export const CSP_NONCE_HEADER = 'x-inkwell-csp-nonce';

function isAdminPath(path: string): boolean {
  return path === '/admin' || path.startsWith('/admin/');
}

/** The whole policy for one response. */
export function contentSecurityPolicy(nonce: string, frameAncestors: string): string {
  const scriptSources = [`'nonce-${nonce}'`, "'strict-dynamic'"];
  // Next's development server evaluates its modules; production never does.
  if (environment.nextDev()) scriptSources.push("'unsafe-eval'");
  return [`frame-ancestors ${frameAncestors}`, `script-src ${scriptSources.join(' ')}`, "object-src 'none'", "base-uri 'self'"].join('; ');
}

/** The script nonce of this response (for `<script nonce="…">` in hand-built pages). */
export function cspNonce(res: Response): string {
  return String(res.locals.cspNonce ?? '');
}

/**
 * Sets the response's policy with the given `frame-ancestors` sources (e.g.
 * `"'none'"`, or frameAncestorSources([...])); the request header is set too, for Next.
 */
export function setContentSecurityPolicy(req: Request, res: Response, frameAncestors: string): void {
  const policy = contentSecurityPolicy(cspNonce(res), frameAncestors);
  res.setHeader('Content-Security-Policy', policy);
  req.headers['content-security-policy'] = policy;
}

export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  // Overwritten on every request: what a client sent under these names is never trusted.
  req.headers[CLIENT_IP_HEADER] = req.ip ?? '';
  const nonce = randomBytes(18).toString('base64');
  res.locals.cspNonce = nonce;
  req.headers[CSP_NONCE_HEADER] = nonce;
  const admin = isAdminPath(req.path);
  setContentSecurityPolicy(req, res, admin ? "'none'" : frameAncestorSources());
  // For browsers that predate frame-ancestors: the admin page is first-party only.
  if (admin) res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // Page URLs may carry a one-time ticket for a moment: never send them to other sites.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'unsafe-none');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  if (publicBaseUrl().startsWith('https://')) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
  next();
}

/** JSON API bodies above this are refused before anything reads them (the Next handlers check again while reading). */
export const MAX_API_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Refuses an API request whose declared body is too large, without reading it,
 * and closes the connection so the unread bytes cannot hold up the next request.
 */
/** How much of an oversized body is read (and dropped) so that its sender can read the 413. */
const MAX_DISCARDED_BYTES = 16 * 1024 * 1024;

export function apiBodyLimit(req: Request, res: Response, next: NextFunction): void {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (req.path.startsWith('/api/') && declared > MAX_API_BODY_BYTES) {
    // Answered once the client has sent its body (read and thrown away, never kept): a client still
    // writing when the connection closes sees a broken pipe instead of this message. A body far
    // beyond any real request is cut off instead.
    let discarded = 0;
    req.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > MAX_DISCARDED_BYTES) req.destroy();
    });
    req.once('end', () => {
      res.setHeader('Connection', 'close');
      const { status, message } = ERROR_CATALOGUE.REQUEST_TOO_LARGE;
      res.status(status).json({ code: 'REQUEST_TOO_LARGE', message });
    });
    return;
  }
  next();
}
