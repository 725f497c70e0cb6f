/**
 * /metrics for Prometheus. Not public: it answers only to
 * `Authorization: Bearer $INKWELL_METRICS_TOKEN` (compared in constant time);
 * without the variable it does not exist (404), without the right token 401.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { CommandFailedEvent, CommandSucceededEvent, MongoClient } from 'mongodb';
import { metricsToken } from '../services/config';
import { log } from '../services/logger';
import { metricsText, observeDbCommand } from '../services/metrics';

function sameToken(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the comparison time says nothing about the token.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export async function handleMetrics(req: Request, res: Response): Promise<void> {
  const expected = metricsToken();
  res.setHeader('Cache-Control', 'no-store');
  if (!expected) {
    res.status(404).type('text').send('Not found');
    return;
  }
  const header = req.headers.authorization ?? '';
  const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
  if (!given || !sameToken(given, expected)) {
    res.status(401).setHeader('WWW-Authenticate', 'Bearer realm="inkwell-metrics"').type('text').send('Unauthorized');
    return;
  }
  try {
    const { contentType, body } = await metricsText();
    res.status(200).setHeader('Content-Type', contentType).send(body);
  } catch (error) {
    log().error({ err: error }, '[metrics] scrape failed');
    res.status(500).type('text').send('Metrics are unavailable right now.');
  }
}

/** Times every database command through the driver's command monitoring. */
export function observeDbCommands(client: MongoClient): void {
  const record = (outcome: 'ok' | 'error') => (event: CommandSucceededEvent | CommandFailedEvent) =>
    observeDbCommand(event.commandName, outcome, event.duration / 1000);
  client.on('commandSucceeded', record('ok'));
  client.on('commandFailed', record('error'));
}
