import { afterEach, describe, expect, it, vi } from 'vitest';
import { ERROR_CATALOGUE, GENERIC_FAILURE_MESSAGE, InkwellError, type InkwellErrorCode } from '../../errors/catalogue';
import { EditConflictError, InvalidInputError, RateLimitedError } from '../../domain/errors';
import { log } from '../../services/logger';
import { errorResponse, toErrorBody } from './http-errors';

const codes = Object.keys(ERROR_CATALOGUE) as InkwellErrorCode[];

describe('toErrorBody', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(codes.filter((code) => !ERROR_CATALOGUE[code].expose))('answers %s with its status and the catalogue sentence only', (code) => {
    const logged: string[] = [];
    for (const level of ['info', 'warn', 'error'] as const) {
      vi.spyOn(log(), level).mockImplementation(((...args: unknown[]) => void logged.push(args.map(String).join(' '))) as never);
    }
    const { status, body } = toErrorBody(new InkwellError(code, 'SECRET-MESSAGE', { detail: 'SECRET-DETAIL' }));
    expect(status).toBe(ERROR_CATALOGUE[code].status);
    expect(body).toEqual({ code, message: ERROR_CATALOGUE[code].message, reference: expect.stringMatching(/^[0-9a-f]{8}$/) });
    expect(JSON.stringify(body)).not.toContain('SECRET');
    // The words are kept for whoever follows the reference up.
    expect(logged.join('\n')).toContain(`ref=${body.reference}`);
    expect(logged.join('\n')).toContain('SECRET-DETAIL');
  });

  it('answers an exposed error with its own sentence and the context a form needs', () => {
    vi.spyOn(log(), 'info').mockImplementation((() => {}) as never);
    expect(toErrorBody(new EditConflictError(7))).toEqual({
      status: 409,
      body: { code: 'EDIT_CONFLICT', message: ERROR_CATALOGUE.EDIT_CONFLICT.message, currentRevision: 7 },
    });
    expect(toErrorBody(new InvalidInputError('Fix the title.', { fieldErrors: { title: 'Required.' }, detail: 'title empty' }))).toEqual({
      status: 422,
      body: { code: 'INVALID_INPUT', message: 'Fix the title.', fieldErrors: { title: 'Required.' } },
    });
  });

  it('answers anything unexpected as a calm 500 without the error’s words', () => {
    vi.spyOn(log(), 'error').mockImplementation((() => {}) as never);
    const { status, body } = toErrorBody(new Error('E11000 duplicate key { email: "ada@example.edu" }'));
    expect(status).toBe(500);
    expect(body).toMatchObject({ code: 'INTERNAL', message: GENERIC_FAILURE_MESSAGE });
    expect(JSON.stringify(body)).not.toContain('ada@example.edu');
  });

  it('tells a rate-limited client when to come back', () => {
    const response = errorResponse(new RateLimitedError(12));
    expect(response.status).toBe(429);
    expect(response.headers.get('Retry-After')).toBe('12');
  });
});
