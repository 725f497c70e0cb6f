/**
 * `PUT /api/essay/draft`, the autosave, served by the custom server itself rather than handed to
 * Next: it is the one request a whole class sends every few seconds, and Next's route-handler
 * machinery (a web Request and streams around Node's, its router and context) cost more CPU per
 * save than the save itself. Everything a student sees stays as it was: the same session check,
 * rate limits, schema (app/api/essay/draft/schema.ts), body limit, service (services/essays.ts
 * `saveDraft`) and error catalogue answers (app/_lib/http-errors.ts); the request still passes
 * the logging, security-header and body-limit middleware first. `GET` stays a Next route.
 */
import type { Request, Response } from 'express';
import { RateLimitedError } from '../domain/errors';
import { draftSchema } from '../app/api/essay/draft/schema';
import { toErrorBody } from '../app/_lib/http-errors';
import { MAX_BODY_BYTES, parseJsonText, tooLarge } from '../app/_lib/request';
import { saveDraft } from '../services/essays';
import { takeAutosaveToken } from '../services/rate-limits';
import { bearerTokenOf, readSession } from '../services/sessions';

export const AUTOSAVE_PATH = '/api/essay/draft';

/** The body as text, refused once it passes MAX_BODY_BYTES whatever Content-Length claimed. */
function readBody(req: Request): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Stop reading; the answer closes the connection, so the unread rest cannot hold up another request.
        req.off('data', onData);
        req.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
    // A client gone before its body ended: nothing more will come (no-op after 'end').
    req.once('close', () => reject(new Error('the client closed the connection before sending the whole body')));
  });
}

/**
 * The answer as JSON, written directly: Express's `res.json` also hashes every body for an ETag,
 * which an answer that is never cached (no-store) has no use for.
 */
function answerJson(res: Response, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}

function answerError(res: Response, error: unknown): void {
  const { status, body } = toErrorBody(error);
  const retryAfter = (error as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  if (status === 429 && typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
  if (body.code === 'REQUEST_TOO_LARGE') res.setHeader('Connection', 'close');
  answerJson(res, status, body);
}

/** Autosave: stores the text if it is based on the latest revision. */
export async function handleAutosave(req: Request, res: Response): Promise<void> {
  try {
    const session = await readSession(bearerTokenOf(req.headers.authorization ?? null));
    const wait = takeAutosaveToken(JSON.stringify([session.platformIssuer, session.userId]), req.ip ?? null);
    if (wait > 0) throw new RateLimitedError(wait);
    const input = parseJsonText(await readBody(req), draftSchema);
    answerJson(res, 200, await saveDraft(session, input));
  } catch (error) {
    answerError(res, error);
  }
}
