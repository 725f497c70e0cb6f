import { describe, expect, it } from 'vitest';
import { AgsRequestError } from '../lti/errors';
import { describePassbackFailure } from './passback';

describe('describePassbackFailure', () => {
  it.each([
    [new AgsRequestError('x', { status: 400, retryable: false }), 'failed', /still enrolled as a student/],
    [new AgsRequestError('x', { status: 422, retryable: false }), 'failed', /still enrolled as a student/],
    [new AgsRequestError('x', { status: 401, retryable: true }), 'failed', /LMS administrator/],
    [new AgsRequestError('x', { status: 404, retryable: false }), 'failed', /no longer exists/],
    [new AgsRequestError('x', { status: 409, retryable: false }), 'failed', /newer grade/],
    [new AgsRequestError('x', { status: 503, retryable: true }), 'failed', /error 503.*saved in Inkwell/],
    [new AgsRequestError('The LMS grade service timed out.', { retryable: true }), 'failed', /timed out.*saved in Inkwell/],
    [new Error('boom'), 'failed', /saved; try again later/],
  ])('explains %s in plain words', (error, status, message) => {
    const outcome = describePassbackFailure(error);
    expect(outcome.status).toBe(status);
    expect(outcome.message).toMatch(message);
    expect(outcome.message).not.toContain('boom');
  });
});
