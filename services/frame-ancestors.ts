/**
 * Who may embed Inkwell in a frame: the Content-Security-Policy
 * `frame-ancestors` sources. Only origins Inkwell has actually seen a
 * registered platform use are listed: the origin of each launch's signed
 * `launch_presentation.return_url` (for Canvas that is the school's own
 * Canvas host, never every `*.instructure.com` tenant), or the issuer's
 * origin when a launch has no return URL. Operators can add origins in
 * INKWELL_FRAME_ANCESTORS (space-separated).
 *
 * The list is cached in the process, refreshed periodically by server.ts
 * (so a removed platform's origins drop out), and updated at once by the
 * launch that teaches a new origin. Before a platform's first launch the
 * login and launch steps may also be framed by the page that sent them
 * (server/oidc-routes.ts), which shows nothing but "Opening Inkwell…".
 */
import { environment } from '../config/environment';

import type { LaunchContext } from '../lti/launch';
import { listFrameOrigins, recordFrameOrigin } from '../models/frame-origins';
import { listPlatformSettings } from '../models/platforms';
import { log } from './logger';

interface Cache {
  /** Learned origins per platform issuer. */
  byIssuer: Map<string, Set<string>>;
  all: string[];
}

let cached: Cache = { byIssuer: new Map(), all: [] };

/** The origin of an http(s) URL, or null. */
export function originOf(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

function operatorOrigins(): string[] {
  return environment
    .frameAncestors()
    .filter((value) => /^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d+)?$/i.test(value));
}

function rebuild(byIssuer: Map<string, Set<string>>): Cache {
  const all = new Set<string>(operatorOrigins());
  for (const origins of byIssuer.values()) for (const origin of origins) all.add(origin);
  return { byIssuer, all: [...all].sort() };
}

/** Reloads the learned origins of the platforms still registered. */
export async function refreshFrameAncestors(): Promise<string[]> {
  const [platforms, learned] = await Promise.all([listPlatformSettings(), listFrameOrigins()]);
  const registered = new Set(platforms.map((p) => p.issuer));
  const byIssuer = new Map<string, Set<string>>();
  for (const { issuer, origin } of learned) {
    if (!registered.has(issuer)) continue;
    if (!byIssuer.has(issuer)) byIssuer.set(issuer, new Set());
    byIssuer.get(issuer)!.add(origin);
  }
  cached = rebuild(byIssuer);
  return cached.all;
}

/**
 * Remembers where a validated launch came from: the origin of its signed return URL
 * (the LMS page the person is on), else the platform's issuer.
 */
export async function learnFrameOrigin(launch: Pick<LaunchContext, 'platformIssuer' | 'returnUrl'> & { deepLinkReturnUrl?: string }): Promise<void> {
  const origin = originOf(launch.returnUrl) ?? originOf(launch.deepLinkReturnUrl) ?? originOf(launch.platformIssuer);
  if (!origin || cached.byIssuer.get(launch.platformIssuer)?.has(origin)) return;
  await recordFrameOrigin(launch.platformIssuer, origin);
  const byIssuer = new Map(cached.byIssuer);
  byIssuer.set(launch.platformIssuer, new Set([...(byIssuer.get(launch.platformIssuer) ?? []), origin]));
  cached = rebuild(byIssuer);
  log().info(`[headers] ${origin} may now frame Inkwell (seen in a launch from ${launch.platformIssuer})`);
}

/** `frame-ancestors` sources for pages any registered platform may frame. */
export function frameAncestorSources(extra: (string | null | undefined)[] = []): string {
  const origins = new Set(cached.all);
  for (const origin of extra) if (origin) origins.add(origin);
  return ["'self'", ...[...origins].sort()].join(' ');
}
