/**
 * A loopback TCP proxy in front of FerretDB that watches the MongoDB wire protocol (OP_MSG):
 * which commands each server sends, on which collection, with which filter fields, and how long
 * the database takes to answer. On this stack the database is the usual bottleneck, and the Node
 * CPU profile cannot see it; this can. Bytes are forwarded untouched; parsing happens beside.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { deserialize, type Document } from 'bson';

const OP_MSG = 2013;

export interface CommandStat {
  command: string;
  count: number;
  totalMs: number;
  maxMs: number;
}

/** Field names of a filter, e.g. `{assignmentId,userId}`. */
function shape(filter: unknown): string {
  if (!filter || typeof filter !== 'object') return '';
  const keys = Object.keys(filter as object);
  return keys.length ? `{${keys.join(',')}}` : '{}';
}

function describe(doc: Document): string {
  const [name] = Object.keys(doc);
  if (!name) return '?';
  const collection = typeof doc[name] === 'string' ? doc[name] : '';
  if (name === 'getMore') return `getMore ${String(doc.collection ?? '')}`;
  if (!collection) return name;
  let filter = '';
  if (name === 'find' || name === 'count') filter = shape(doc.filter ?? doc.query);
  else if (name === 'update') filter = shape(doc.updates?.[0]?.q);
  else if (name === 'delete') filter = shape(doc.deletes?.[0]?.q);
  else if (name === 'findAndModify') filter = shape(doc.query);
  else if (name === 'aggregate') filter = shape(doc.pipeline?.[0]?.$match);
  return `${name} ${collection}${filter ? ` ${filter}` : ''}`;
}

/** Reads whole wire messages out of a byte stream. */
class MessageReader {
  private buffer: Buffer = Buffer.alloc(0);
  constructor(private readonly onMessage: (message: Buffer) => void) {}
  push(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    while (this.buffer.length >= 16) {
      const length = this.buffer.readInt32LE(0);
      if (length < 16 || this.buffer.length < length) break;
      this.onMessage(this.buffer.subarray(0, length));
      this.buffer = this.buffer.subarray(length);
    }
  }
}

export class DbProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private stats = new Map<string, CommandStat>();
  /** Commands are decoded and timed only while recording. */
  recording = false;
  uri = '';
  /** Commands sent and not yet answered (heartbeats excluded). */
  private inFlight = 0;
  /** Each connection's unanswered commands, to name them when the database seems stuck. */
  private readonly pendingByConnection = new Set<Map<number, { command: string | null; name: string; at: number }>>();

  constructor(private readonly targetUri: string) {}

  async start(): Promise<string> {
    const target = new URL(this.targetUri);
    this.server = createServer((client) => {
      const upstream = connect(Number(target.port), target.hostname);
      this.sockets.add(client).add(upstream);
      const pending = new Map<number, { command: string | null; name: string; at: number }>();
      this.pendingByConnection.add(pending);
      const requests = new MessageReader((message) => {
        if (message.readInt32LE(12) !== OP_MSG || message[20] !== 0) return;
        // Monitoring heartbeats are not the tool's work: leave them out of the in-flight count.
        const end = message.indexOf(0, 26);
        const name = message.toString('latin1', 26, end);
        if (name === 'hello' || name === 'isMaster' || name === 'ismaster') return;
        let command: string | null = null;
        if (this.recording) {
          try {
            command = describe(deserialize(message.subarray(21, 21 + message.readInt32LE(21))));
          } catch {
            command = name;
          }
        }
        pending.set(message.readInt32LE(4), { command, name, at: performance.now() });
        this.inFlight++;
      });
      const replies = new MessageReader((message) => {
        const id = message.readInt32LE(8);
        const request = pending.get(id);
        if (!request) return;
        pending.delete(id);
        this.inFlight--;
        if (!request.command || !this.recording) return;
        const ms = performance.now() - request.at;
        const stat = this.stats.get(request.command) ?? { command: request.command, count: 0, totalMs: 0, maxMs: 0 };
        stat.count++;
        stat.totalMs += ms;
        stat.maxMs = Math.max(stat.maxMs, ms);
        this.stats.set(request.command, stat);
      });
      client.on('data', (chunk: Buffer) => {
        upstream.write(chunk);
        requests.push(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        client.write(chunk);
        replies.push(chunk);
      });
      const close = () => {
        this.inFlight -= pending.size;
        pending.clear();
        this.pendingByConnection.delete(pending);
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('close', close).on('error', close);
      upstream.on('close', close).on('error', close);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const uri = new URL(this.targetUri);
    uri.host = `127.0.0.1:${port}`;
    this.uri = uri.href;
    return this.uri;
  }

  /**
   * Waits (at most `maxMs`) until the tool has no database command waiting for an answer, so
   * that work queued by one scenario (e.g. launches whose clients gave up) does not load the next.
   */
  async waitForIdle(maxMs = 30_000): Promise<boolean> {
    const deadline = performance.now() + maxMs;
    while (performance.now() < deadline) {
      if (this.inFlight <= 0) return true;
      await new Promise((r) => setTimeout(r, 20));
    }
    return false;
  }

  /** The commands still waiting for an answer, oldest first: `find submissions 12034 ms`. */
  unanswered(limit = 20): string[] {
    const now = performance.now();
    const waiting = [...this.pendingByConnection].flatMap((pending) => [...pending.values()]);
    return waiting
      .sort((a, b) => a.at - b.at)
      .slice(0, limit)
      .map((p) => `${p.command ?? p.name} ${Math.round(now - p.at)} ms`);
  }

  /** Starts a fresh recording. */
  record(): void {
    this.stats = new Map();
    this.recording = true;
  }

  /** Stops recording; returns the commands seen, most total time first. */
  take(): CommandStat[] {
    this.recording = false;
    return [...this.stats.values()].sort((a, b) => b.totalMs - a.totalMs);
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
