/**
 * A small keep-alive HTTP/1.1 client for the load generator (node:http, no redirects followed,
 * bodies read as text). Lighter than fetch, so the load process takes less of the 2 cores.
 * Every URL must be on loopback.
 */
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';

const LOOPBACK = /^(127\.0\.0\.1|localhost|\[::1\])$/;

export const agent = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 256 });

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Time from sending the request to the end of the response body. */
  ms: number;
}

export interface HttpOptions {
  headers?: Record<string, string>;
  body?: string;
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
}

export function send(method: string, url: string, options: HttpOptions = {}): Promise<HttpResponse> {
  const target = new URL(url);
  if (!LOOPBACK.test(target.hostname)) return Promise.reject(new Error(`refusing a non-loopback target: ${target.host}`));
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      target,
      { method, headers, agent, timeout: options.timeoutMs ?? 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${options.timeoutMs ?? 30_000} ms: ${method} ${target.pathname}`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

export function formBody(fields: Record<string, string>): { body: string; headers: Record<string, string> } {
  return { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

/** `name=value; …` from a response's Set-Cookie headers (attributes dropped, as a browser sends them back). */
export function cookiesOf(response: HttpResponse): string {
  return (response.headers['set-cookie'] ?? []).map((cookie) => cookie.split(';')[0]).join('; ');
}
