/**
 * A round-robin HTTP load balancer on loopback, for running several Inkwell processes behind one
 * address in the benchmark and the tests: each request (not each connection) goes to the next
 * backend, so a launch's login and its id_token post land on different processes. No sticky
 * sessions, as in the production set-up the README describes. It adds `X-Forwarded-For` and
 * `X-Forwarded-Proto` as a reverse proxy does, and names the backend that answered in
 * `X-Inkwell-Backend` (its index), so a test can check where a request went.
 */
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoadBalancer {
  /** The address clients use, e.g. http://localhost:41234. */
  baseUrl: string;
  port: number;
  /** Requests forwarded to each backend so far (by index in the backend list). */
  readonly served: number[];
  /** Sends requests only to the first `count` backends from now on (e.g. 1 to measure one process). */
  useBackends(count: number): void;
  close(): Promise<void>;
}

export const BACKEND_HEADER = 'x-inkwell-backend';

/**
 * Listens on 127.0.0.1 (`port`, or any free one) and forwards to `backends` (base URLs).
 * @param host The host name in `baseUrl` (default `localhost`).
 */
export async function startLoadBalancer(backends: string[], options: { port?: number; host?: string } = {}): Promise<LoadBalancer> {
  if (backends.length === 0) throw new Error('a load balancer needs at least one backend');
  const targets = backends.map((url) => new URL(url));
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const served = targets.map(() => 0);
  let active = targets.length;
  let next = 0;

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const index = next++ % active;
    served[index]!++;
    const target = targets[index]!;
    const client = req.socket.remoteAddress ?? '127.0.0.1';
    const forwardedFor = req.headers['x-forwarded-for'] ? `${String(req.headers['x-forwarded-for'])}, ${client}` : client;
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        agent,
        headers: { ...req.headers, 'x-forwarded-for': forwardedFor, 'x-forwarded-proto': 'http' },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, [BACKEND_HEADER]: String(index) });
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (res.headersSent) {
        res.destroy(error);
        return;
      }
      res.writeHead(502, { 'content-type': 'text/plain', [BACKEND_HEADER]: String(index) });
      res.end(`backend ${index} did not answer: ${error.message}`);
    });
    req.pipe(upstream);
  };

  const server: Server = createServer(forward);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ready());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://${options.host ?? 'localhost'}:${port}`,
    port,
    served,
    useBackends(count) {
      if (count < 1 || count > targets.length) throw new Error(`between 1 and ${targets.length} backends`);
      active = count;
    },
    close() {
      agent.destroy();
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done()));
    },
  };
}
