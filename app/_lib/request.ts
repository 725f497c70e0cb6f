/** Parsing the edges of an API request: the session and a JSON body checked by a schema. */
import type { z } from 'zod';
import { InkwellError, InvalidInputError } from '../../domain/errors';
import { bearerTokenOf, readSession, type Session } from '../../services/sessions';

/**
 * The client's address as the custom server saw it (server.ts overwrites this
 * header on every request, so a client cannot choose it).
 */
export function clientIpOf(request: Request): string | null {
  return request.headers.get('x-inkwell-client-ip');
}

export async function sessionOf(request: Request): Promise<Session> {
  return readSession(bearerTokenOf(request.headers.get('authorization')));
}

/** Request bodies above this are refused before parsing (essays are capped far below it). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export function tooLarge(): InkwellError {
  return new InkwellError('REQUEST_TOO_LARGE');
}

/** The body as text, refused once it passes MAX_BODY_BYTES whatever Content-Length claimed. */
async function readLimitedText(request: Request): Promise<string> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function parseJsonBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  return parseJsonText(await readLimitedText(request), schema);
}

/** A body already read (within MAX_BODY_BYTES), parsed as JSON and checked by the schema. */
export function parseJsonText<T>(text: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InvalidInputError('The request body must be JSON.');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.join('.') || 'body'] = issue.message;
    throw new InvalidInputError('Some of the information sent was not valid.', { fieldErrors });
  }
  return parsed.data;
}
