/**
 * Who may embed Inkwell in a frame: the Content-Security-Policy
 * `frame-ancestors` list, computed from the registered platforms (the origins
 * of their issuer, authorization, token and key URLs), plus any origins the
 * operator adds in INKWELL_FRAME_ANCESTORS (space-separated, e.g. a Canvas
 * school's own domain when it differs from those). Canvas platforms
 * (issuer `*.instructure.com`) also allow `https://*.instructure.com`, where
 * Canvas courses live.
 *
 * The list is cached in the process and refreshed periodically by server.ts,
 * and at once when a login comes from a platform that is not in it yet.
 */
import { getLtiProvider } from '../lti/provider';
import { listPlatformSettings } from '../models/platforms';

let cached: { origins: string[]; header: string; at: number } = { origins: [], header: buildHeader([]), at: 0 };

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** Origins as CSP source expressions; anything that is not a plain origin is dropped. */
function buildHeader(origins: string[]): string {
  const sources = ["'self'", ...origins].join(' ');
  return `frame-ancestors ${sources}; base-uri 'self'; object-src 'none'`;
}

function operatorOrigins(): string[] {
  return (process.env.INKWELL_FRAME_ANCESTORS ?? '')
    .split(/\s+/)
    .filter((value) => /^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d+)?$/i.test(value));
}

export async function refreshFrameAncestors(now = Date.now()): Promise<string[]> {
  const lti = getLtiProvider();
  const platforms = await listPlatformSettings();
  const origins = new Set<string>(operatorOrigins());
  await Promise.all(
    platforms.map(async (settings) => {
      const issuer = originOf(settings.issuer);
      if (issuer) origins.add(issuer);
      if (issuer && /(^|\.)instructure\.com$/.test(new URL(issuer).hostname)) origins.add('https://*.instructure.com');
      const platform = await lti.getPlatform(settings.issuer, settings.clientId);
      if (!platform) return;
      const [auth, token, authConfig] = await Promise.all([
        platform.platformAuthEndpoint(),
        platform.platformAccessTokenEndpoint(),
        platform.platformAuthConfig(),
      ]);
      for (const url of [auth, token, authConfig.method === 'JWK_SET' ? authConfig.key : undefined]) {
        const origin = originOf(url);
        if (origin) origins.add(origin);
      }
    }),
  );
  const sorted = [...origins].sort();
  cached = { origins: sorted, header: buildHeader(sorted), at: now };
  return sorted;
}

/** The current Content-Security-Policy value for pages LMSs embed. */
export function frameAncestorsPolicy(): string {
  return cached.header;
}

/** Refreshes the list when `origin` is missing from it (a platform registered a moment ago). */
export async function ensureFrameAncestor(origin: string): Promise<void> {
  if (cached.origins.includes(origin)) return;
  await refreshFrameAncestors();
}
