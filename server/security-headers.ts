/**
 * HTTP hardening for every response of the custom server: a
 * Content-Security-Policy whose `frame-ancestors` names exactly the registered
 * platforms (services/frame-ancestors.ts), the usual safe headers, and the
 * client address handed to Next in a header clients cannot set themselves.
 * The admin pages keep their own, stricter policy (`frame-ancestors 'none'`,
 * next.config.js).
 */
import type { NextFunction, Request, Response } from 'express';
import { frameAncestorsPolicy } from '../services/frame-ancestors';
import { publicBaseUrl } from '../services/config';

export const CLIENT_IP_HEADER = 'x-inkwell-client-ip';

export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  // Overwritten on every request: what a client sent under this name is never trusted.
  req.headers[CLIENT_IP_HEADER] = req.ip ?? '';
  const isAdmin = req.path === '/admin' || req.path.startsWith('/admin/');
  if (!isAdmin) res.setHeader('Content-Security-Policy', frameAncestorsPolicy());
  res.setHeader('X-Content-Type-Options', 'nosniff');
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
export function apiBodyLimit(req: Request, res: Response, next: NextFunction): void {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (req.path.startsWith('/api/') && declared > MAX_API_BODY_BYTES) {
    res.setHeader('Connection', 'close');
    res.status(413).json({ code: 'INVALID_INPUT', message: 'This request is too large. Nothing was saved; please shorten the text and try again.' });
    return;
  }
  next();
}
