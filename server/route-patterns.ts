/**
 * Route patterns for metrics and logs ("/api/grading/submissions/[submissionId]/grade",
 * never the raw URL), so the number of label values stays bounded whatever
 * addresses clients send. Express routes name themselves; Next's come from
 * its build's routes manifest.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Request } from 'express';
import { PROJECT_ROOT } from '../config/project-root';

interface ManifestRoute {
  page: string;
  regex: string;
}

/** Inkwell's own LTI routes and ltijs's fixed ones under /lti. */
const LTI_ROUTES = new Set(['/lti/login', '/lti/launch', '/lti/launch/storage', '/lti/keys', '/lti/register', '/lti/canvas.json']);
const OWN_ROUTES = new Set(['/metrics', '/api/health/live', '/api/health/ready']);

let nextRoutes: { exact: Set<string>; dynamic: { page: string; pattern: RegExp }[] } | undefined;

function loadNextRoutes(): NonNullable<typeof nextRoutes> {
  if (nextRoutes) return nextRoutes;
  nextRoutes = { exact: new Set(), dynamic: [] };
  try {
    const manifest = JSON.parse(readFileSync(resolve(PROJECT_ROOT, '.next', 'routes-manifest.json'), 'utf8')) as {
      staticRoutes?: ManifestRoute[];
      dynamicRoutes?: ManifestRoute[];
    };
    for (const route of manifest.staticRoutes ?? []) nextRoutes.exact.add(route.page);
    for (const route of manifest.dynamicRoutes ?? []) nextRoutes.dynamic.push({ page: route.page, pattern: new RegExp(route.regex) });
  } catch {
    // Development server without a build: every Next page counts as "next".
  }
  return nextRoutes;
}

export function routePatternOf(path: string, status: number): string {
  if (status === 404) return 'unmatched';
  if (path.startsWith('/_next/')) return '/_next/*';
  if (OWN_ROUTES.has(path) || LTI_ROUTES.has(path)) return path;
  if (path.startsWith('/lti/')) return '/lti/*';
  const routes = loadNextRoutes();
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (routes.exact.has(trimmed)) return trimmed;
  return routes.dynamic.find((route) => route.pattern.test(trimmed))?.page ?? 'other';
}

export function routeOf(req: Request, status: number): string {
  return routePatternOf(req.originalUrl.split('?', 1)[0] ?? '/', status);
}
