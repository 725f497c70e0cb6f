/**
 * The process's life for load balancers: liveness, readiness, and a graceful
 * shutdown on SIGTERM (or SIGINT).
 *
 * - `/api/health/live` is 200 while the process runs.
 * - `/api/health/ready` is 503 while starting, while shutting down, and when
 *   the database does not answer; 200 otherwise.
 * - On SIGTERM: readiness turns 503, the listener closes (no new connections),
 *   requests arriving on kept-alive connections get a 503 with
 *   `Connection: close`, requests in flight finish, grade deliveries in flight
 *   finish and unused delivery slots are handed back, then the database
 *   connection closes and the process exits 0.
 */
import type { Server } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { closeDb, pingDb } from '../models/db';
import { log } from '../services/logger';

type Phase = 'starting' | 'ready' | 'stopping';
let phase: Phase = 'starting';

export function markReady(): void {
  if (phase === 'starting') phase = 'ready';
}

export function liveness(_req: Request, res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
  res.status(200).json({ status: 'alive' });
}

export async function readiness(_req: Request, res: Response): Promise<void> {
  res.setHeader('Cache-Control', 'no-store');
  if (phase !== 'ready') {
    res.status(503).json({ status: phase });
    return;
  }
  const database = await pingDb();
  res.status(database ? 200 : 503).json({ status: database ? 'ready' : 'database-down' });
}

/** While shutting down, requests that still arrive on open connections are turned away politely. */
export function refuseWhileStopping(req: Request, res: Response, next: NextFunction): void {
  if (phase !== 'stopping') {
    next();
    return;
  }
  res.setHeader('Connection', 'close');
  res.setHeader('Retry-After', '1');
  res.status(503).type('text').send('Inkwell is restarting. Please try again in a moment.');
  req.socket.unref();
}

export interface ShutdownParts {
  server: Server;
  /** Stops background work and waits for it (at most the grace time). */
  stopWork(graceMs: number): Promise<void>;
  graceMs: number;
}

export function installGracefulShutdown({ server, stopWork, graceMs }: ShutdownParts): void {
  const shutdown = (signal: NodeJS.Signals) => {
    if (phase === 'stopping') return;
    phase = 'stopping';
    log().info({ signal }, '[inkwell] shutting down: finishing requests in flight');
    const deadline = Date.now() + graceMs;
    const closed = new Promise<void>((done) => server.close(() => done()));
    // Kept-alive connections with no request in flight are closed now and as they fall idle.
    server.closeIdleConnections();
    const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
    const timeLeft = () => Math.max(0, deadline - Date.now());
    const graceOver = () => new Promise<void>((done) => setTimeout(done, timeLeft()).unref());
    void (async () => {
      try {
        await Promise.all([stopWork(timeLeft()), Promise.race([closed, graceOver()])]);
      } catch (error) {
        log().warn({ error: error instanceof Error ? error.message : String(error) }, '[inkwell] shutdown: background work did not stop cleanly');
      }
      clearInterval(idleSweep);
      server.closeAllConnections();
      await closeDb().catch(() => undefined);
      log().info('[inkwell] stopped');
      process.exit(0);
    })();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
