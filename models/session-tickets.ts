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

/**
 * Copies of the tickets this process issued, so that the first page a launch redirects to,
 * when the same process serves it, needs no read to find its ticket. A ticket never changes
 * after its insert (it is only read, then deleted), so the copy is the stored record; the
 * database's delete still decides whether it is unused. Kept on globalThis: the launch (the
 * custom server) and the page (Next's own module graph) each load this module.
 */
const COPIES_KEY = Symbol.for('inkwell.session-ticket-copies');
type GlobalWithCopies = typeof globalThis & { [COPIES_KEY]?: Map<string, SessionTicket> };
/** Tickets that are never redeemed must not pile up: the oldest copies go first (they are only copies). */
const MAX_COPIES = 5_000;

function copies(): Map<string, SessionTicket> {
  const g = globalThis as GlobalWithCopies;
  return (g[COPIES_KEY] ??= new Map());
}

function keepCopy(ticket: SessionTicket, now: Date): void {
  const kept = copies();
  // Insertion order is expiry order (every ticket lives as long): drop the expired from the front.
  for (const [id, copy] of kept) {
    if (copy.expiresAt > now && kept.size < MAX_COPIES) break;
    kept.delete(id);
  }
  kept.set(ticket._id, structuredClone(ticket));
}

export async function insertSessionTicket(ticket: SessionTicket): Promise<void> {
  await (await sessionTickets()).insertOne(ticket);
  keepCopy(ticket, new Date());
}

/** Uses a ticket up: the record for the one caller that removed it while it was still valid, else null. */
export async function claimSessionTicket(id: string, now = new Date()): Promise<SessionTicket | null> {
  const collection = await sessionTickets();
  const copy = copies().get(id);
  copies().delete(id);
  const record = copy ?? (await collection.findOne({ _id: id }));
  if (!record) return null;
  const removed = await collection.deleteOne({ _id: id });
  if (removed.deletedCount !== 1) return null;
  return record.expiresAt > now ? record : null;
}

export async function deleteExpiredSessionTickets(now = new Date()): Promise<number> {
  const result = await (await sessionTickets()).deleteMany({ expiresAt: { $lt: now } });
  return result.deletedCount;
}
