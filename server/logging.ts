/**
 * Every request gets an id: taken from the proxy's X-Request-Id when it is a
 * short safe token, otherwise made here. It is echoed in the response, stamped
 * on every log line written while the request is handled, and the request is
 * logged once when its answer is finished (method, path without credentials,
 * status, duration, route pattern).
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { log, runWithRequestId } from '../services/logger';
import { observeHttpRequest } from '../services/metrics';
import { routeOf } from './route-patterns';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

export function requestIdOf(req: Request): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

export function requestLogging(req: Request, res: Response, next: NextFunction): void {
  const requestId = requestIdOf(req);
  res.setHeader('X-Request-Id', requestId);
  const started = process.hrtime.bigint();
  runWithRequestId(requestId, () => {
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req, res.statusCode);
      observeHttpRequest(req.method, route, res.statusCode, seconds);
      // Health probes and metric scrapes come every few seconds: debug only.
      const level = route.startsWith('/api/health') || route === '/metrics' ? 'debug' : 'info';
      log()[level](
        {
          method: req.method,
          url: req.originalUrl,
          route,
          status: res.statusCode,
          ms: Math.round(seconds * 1000),
          ip: req.ip,
          protocol: req.protocol,
        },
        'request',
      );
    });
    next();
  });
}
