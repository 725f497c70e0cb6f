/**
 * One-time tickets that carry an Inkwell session into a page URL (`?ticket=`)
 * instead of the session itself. Only the sha256 of a ticket is stored, under
 * `_id`, with the session's claims; a ticket is used up by deleting it (of two
 * requests racing with the same ticket, only one deletes it) and expires by
 * time. FerretDB has no TTL indexes: expired tickets are removed by the
 * server's periodic cleanup.
 */
import type { Collection } from 'mongodb';
import { getDb } from './db';

export interface SessionTicket {
  /** sha256 (hex) of the ticket; the ticket itself is never stored. */
  _id: string;
  /** The session's claims, as the session token carries them. */
  claims: Record<string, unknown>;
  /** When the launch that started this session happened (the session's absolute limit counts from it). */
  launchedAt: Date;
  createdAt: Date;
  expiresAt: Date;
}

async function sessionTickets(): Promise<Collection<SessionTicket>> {
  return (await getDb()).collection<SessionTicket>('session_tickets');
}

export async function insertSessionTicket(ticket: SessionTicket): Promise<void> {
  await (await sessionTickets()).insertOne(ticket);
}

/** Uses a ticket up: the record for the one caller that removed it while it was still valid, else null. */
export async function claimSessionTicket(id: string, now = new Date()): Promise<SessionTicket | null> {
  const collection = await sessionTickets();
  const record = await collection.findOne({ _id: id });
  if (!record) return null;
  const removed = await collection.deleteOne({ _id: id });
  if (removed.deletedCount !== 1) return null;
  return record.expiresAt > now ? record : null;
}

export async function deleteExpiredSessionTickets(now = new Date()): Promise<number> {
  const result = await (await sessionTickets()).deleteMany({ expiresAt: { $lt: now } });
  return result.deletedCount;
}
