/** Parsing the edges of an API request: the session and a JSON body checked by a schema. */
import type { z } from 'zod';
import { InvalidInputError } from '../../domain/errors';
import { bearerTokenOf, readSession, type Session } from '../../services/sessions';

export async function sessionOf(request: Request): Promise<Session> {
  return readSession(bearerTokenOf(request.headers.get('authorization')));
}

/** Request bodies above this are refused before parsing (essays are capped far below it). */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export async function parseJsonBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_BODY_BYTES) throw new InvalidInputError('This request is too large.');
  let raw: unknown;
  try {
    raw = await request.json();
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
