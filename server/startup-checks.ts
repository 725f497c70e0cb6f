/**
 * What must hold before Inkwell serves anyone. In production it refuses to
 * start without INKWELL_SECRET or with a plain-http public URL (other than
 * loopback, which nothing outside the machine reaches); anywhere it
 * refuses to start without a database it can reach. Each refusal is one plain
 * sentence for the operator (server.ts writes it to stderr and exits 1).
 */
import { getDb, mongoUri } from '../models/db';
import { environment } from '../config/environment';
import { isProduction, publicBaseUrl } from '../services/config';

export class StartupRefusal extends Error {}

export function checkProductionSettings(): void {
  if (!isProduction()) return;
  if (!environment.secret()) {
    throw new StartupRefusal('INKWELL_SECRET is not set, and production needs it (at least 32 random characters; see README, "Running in production").');
  }
  const url = publicBaseUrl();
  if (!url.toLowerCase().startsWith('https://') && !isLoopbackUrl(url)) {
    throw new StartupRefusal(`INKWELL_PUBLIC_URL must be an https:// address in production, not ${url}.`);
  }
}

/**
 * http://localhost (or 127.x, [::1]) is reachable from this machine only, and browsers treat it as a
 * secure context: a production build tried out locally (and the tests) may use it.
 */
function isLoopbackUrl(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' && (hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname));
  } catch {
    return false;
  }
}

/** The database hosts named in a connection string, without user name or password. */
export function databaseHosts(uri: string): string {
  return /^[a-z+]+:\/\/(?:[^@/]*@)?([^/?]+)/i.exec(uri)?.[1] ?? 'the address in MONGODB_URI';
}

export async function connectDatabase(): Promise<void> {
  try {
    await getDb();
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n', 1)[0] ?? '') : String(error);
    throw new StartupRefusal(`Inkwell cannot reach its database at ${databaseHosts(mongoUri())} (MONGODB_URI): ${reason.replace(/\.$/, '')}.`);
  }
}
