/**
 * Which URLs from an LMS Inkwell will connect to or put into a page, and a
 * small JSON client for the calls made before a platform is trusted (Dynamic
 * Registration). It does not decide the policy: services/config.ts reads it
 * from the environment and passes it in.
 *
 * The address check happens inside the connection's own DNS lookup, so the
 * address that was checked is the address the socket connects to: a second
 * DNS answer (rebinding) cannot slip in between the check and the connection.
 * IP literals skip DNS and are checked before the request starts.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import { InkwellError } from '../errors/catalogue';
import { USER_AGENT } from './service-http';

export interface LmsNetworkPolicy {
  /** Production: every LMS URL must be https (except loopback when `allowHttpLoopback`). */
  requireHttps: boolean;
  /** Plain http to a loopback host (the test emulator, a local LMS in development). */
  allowHttpLoopback: boolean;
  /** Connect to loopback, private, link-local or unique-local addresses (an LMS on the school's own network). */
  allowPrivateAddresses: boolean;
}

/** Refused by policy: a URL that is not http(s), http where https is required, or an address on the tool's own network. */
export class LmsUrlRefusedError extends InkwellError {
  override name = 'LmsUrlRefusedError';
  readonly reason: 'scheme' | 'private-address';
  /** `message` names the URL and why (for the log; people see the catalogue's sentence). */
  constructor(message: string, reason: 'scheme' | 'private-address') {
    super('LMS_URL_REFUSED', message);
    this.reason = reason;
  }
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return LOOPBACK_NAMES.has(host) || host.endsWith('.localhost') || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * A URL from a platform that may be fetched, or rendered into a form action, link or redirect:
 * http(s) only, https when the policy requires it (loopback http only when allowed).
 * @throws {LmsUrlRefusedError}
 */
export function checkLmsUrl(value: unknown, what: string, policy: Pick<LmsNetworkPolicy, 'requireHttps' | 'allowHttpLoopback'>): URL {
  if (typeof value !== 'string' || value === '') throw new LmsUrlRefusedError(`${what} is missing`, 'scheme');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new LmsUrlRefusedError(`${what} is not a URL`, 'scheme');
  }
  if (url.username || url.password) throw new LmsUrlRefusedError(`${what} carries credentials`, 'scheme');
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:') {
    if (!policy.requireHttps) return url;
    if (policy.allowHttpLoopback && isLoopbackHost(url.hostname)) return url;
    throw new LmsUrlRefusedError(`${what} must use https`, 'scheme');
  }
  throw new LmsUrlRefusedError(`${what} must be an http(s) URL, not ${url.protocol}`, 'scheme');
}

/** Whether a URL from a platform may be rendered into a page (see checkLmsUrl), without throwing. */
export function isAcceptableLmsUrl(value: unknown, policy: Pick<LmsNetworkPolicy, 'requireHttps' | 'allowHttpLoopback'>): boolean {
  try {
    checkLmsUrl(value, 'url', policy);
    return true;
  } catch {
    return false;
  }
}

// ---- addresses ---------------------------------------------------------------------------------

/** Addresses that belong to the tool's own host or network, never the public internet. */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services live here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped or NAT64 IPv6 address, if any. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const match = /^(?:::ffff:|64:ff9b::)(.+)$/.exec(lower);
  if (!match) return null;
  const rest = match[1]!;
  if (isIP(rest) === 4) return rest;
  const groups = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(rest);
  if (!groups) return null;
  const high = parseInt(groups[1]!, 16);
  const low = parseInt(groups[2]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Loopback, private, link-local, unique-local and other non-public addresses (IPv4 and IPv6). */
export function isNonPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').split('%')[0]!;
  const family = isIP(bare);
  if (family === 4) return NOT_PUBLIC.check(bare, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(bare);
    if (v4) return NOT_PUBLIC.check(v4, 'ipv4');
    return NOT_PUBLIC.check(bare, 'ipv6');
  }
  return true; // not an address at all: refuse
}

function refusedAddress(host: string, address: string): LmsUrlRefusedError {
  return new LmsUrlRefusedError(`${host} resolves to ${address}, an address on Inkwell's own network`, 'private-address');
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request that resolves once and refuses the connection when any answer is not
 * public; the socket then connects to exactly the answer that was checked.
 */
function checkedLookup(policy: LmsNetworkPolicy) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses) => {
      if (error) return callback(error, '');
      const list = addresses as LookupAddress[];
      if (list.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      if (!policy.allowPrivateAddresses) {
        const bad = list.find((a) => isNonPublicAddress(a.address));
        if (bad) return callback(refusedAddress(hostname, bad.address), '');
      }
      if (options.all) return callback(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

// ---- requests ----------------------------------------------------------------------------------

export interface LmsResponse {
  status: number;
  /** Parsed JSON, or null when the body was empty or not JSON. */
  json: unknown;
  /** The first characters of the body, for the log only (never for a page). */
  excerpt: string;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * One JSON request to a URL the policy allows (checkLmsUrl + address check before connecting).
 * No redirects are followed. Network failures reject with the underlying error;
 * policy refusals reject with LmsUrlRefusedError.
 */
export function requestLmsJson(
  rawUrl: string,
  policy: LmsNetworkPolicy,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; timeoutMs: number },
): Promise<LmsResponse> {
  const url = checkLmsUrl(rawUrl, 'the URL', policy);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!policy.allowPrivateAddresses && isIP(host) && isNonPublicAddress(host)) return Promise.reject(refusedAddress(host, host));
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<LmsResponse>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: init.method ?? 'GET',
        headers: { Accept: 'application/json', 'User-Agent': USER_AGENT, ...(init.headers ?? {}) },
        lookup: checkedLookup(policy) as unknown as typeof dnsLookup,
        timeout: init.timeoutMs,
        // A connection of its own: a pooled socket would skip the address check.
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) {
            request.destroy(new Error('the answer is too large'));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = null;
          try {
            json = text ? (JSON.parse(text) as unknown) : null;
          } catch {
            json = null;
          }
          resolve({ status: response.statusCode ?? 0, json, excerpt: text.slice(0, 300).replace(/[\u0000-\u001f]+/g, ' ') });
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    request.on('error', reject);
    request.end(init.body);
  });
}
