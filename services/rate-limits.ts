/**
 * Rate limits for launches and autosave: in-process token buckets, one per
 * key (client IP, or platform + user). Per process: with several Inkwell
 * processes behind a load balancer each keeps its own buckets, so the
 * effective limit is the per-process limit times the number of processes.
 * A whole class behind one school NAT shares an IP, so the per-IP buckets are
 * generous and the per-user ones strict.
 *
 * Tunable with INKWELL_RATE_LIMIT_SCALE (a multiplier; `0` turns limits off,
 * e.g. for load tests).
 */
import { environment } from '../config/environment';

interface BucketSpec {
  /** Tokens a key may spend at once. */
  capacity: number;
  /** Tokens regained per second. */
  refillPerSecond: number;
}

export const RATE_LIMITS = {
  /**
   * Logins and launches from one IP address. A year group of 1,000 behind one school NAT
   * launching in the same minute spends two tokens each (login + launch).
   */
  launchPerIp: { capacity: 2_500, refillPerSecond: 40 },
  /** Launches by one user of one platform. */
  launchPerUser: { capacity: 20, refillPerSecond: 1 / 6 },
  /** Autosaves from one IP address: 1,000 students behind one NAT saving every 10 s is 100/s. */
  autosavePerIp: { capacity: 3_000, refillPerSecond: 250 },
  /** Autosaves by one student (the editor saves every few seconds). */
  autosavePerUser: { capacity: 60, refillPerSecond: 1 },
  /** Open Dynamic Registration (INKWELL_OPEN_REGISTRATION=1) from one IP address: 5 at once, then one every 2 minutes. */
  registrationPerIp: { capacity: 5, refillPerSecond: 1 / 120 },
} satisfies Record<string, BucketSpec>;

const MAX_KEYS = 50_000;

function scale(): number {
  return environment.rateLimitScale();
}

class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly spec: BucketSpec) {}

  /** Takes one token; returns the seconds to wait when there is none (0 = allowed). */
  take(key: string, now = Date.now()): number {
    const factor = scale();
    if (factor === 0) return 0;
    const capacity = this.spec.capacity * factor;
    const refill = this.spec.refillPerSecond * factor;
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * refill);
    bucket.at = now;
    if (this.buckets.size >= MAX_KEYS && !this.buckets.has(key)) this.sweep(now, capacity, refill);
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return Math.ceil((1 - bucket.tokens) / refill);
    bucket.tokens -= 1;
    return 0;
  }

  /** Forgets full buckets (they would be full again anyway) so memory stays bounded. */
  private sweep(now: number, capacity: number, refill: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * refill >= capacity) this.buckets.delete(key);
    }
    if (this.buckets.size >= MAX_KEYS) this.buckets.clear();
  }
}

const launchIp = new TokenBuckets(RATE_LIMITS.launchPerIp);
const launchUser = new TokenBuckets(RATE_LIMITS.launchPerUser);
const autosaveIp = new TokenBuckets(RATE_LIMITS.autosavePerIp);
const autosaveUser = new TokenBuckets(RATE_LIMITS.autosavePerUser);
const registrationIp = new TokenBuckets(RATE_LIMITS.registrationPerIp);

/** One open Dynamic Registration attempt from an IP address. Returns seconds to wait, 0 when allowed. */
export function takeRegistrationToken(ip: string): number {
  return registrationIp.take(ip);
}

/** One login or launch from an IP address. Returns seconds to wait, 0 when allowed. */
export function takeLaunchTokenForIp(ip: string): number {
  return launchIp.take(ip);
}

/** One launch by a user of a platform. Returns seconds to wait, 0 when allowed. */
export function takeLaunchTokenForUser(issuer: string, userId: string): number {
  return launchUser.take(JSON.stringify([issuer, userId]));
}

/** One autosave by a user from an IP. Returns seconds to wait, 0 when allowed. */
export function takeAutosaveToken(userKey: string, ip: string | null): number {
  const byUser = autosaveUser.take(userKey);
  if (byUser > 0) return byUser;
  return ip ? autosaveIp.take(ip) : 0;
}
