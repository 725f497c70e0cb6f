import { describe, expect, it } from 'vitest';
import { AgsRequestError } from '../lti/errors';
import { GradebookColumnMissing, GradebookUnavailable, judgeFailure, nextDelayMs } from './passback';

describe('judgeFailure', () => {
  it.each([
    [new AgsRequestError('x', { status: 400, retryable: false }), 'failed', /still enrolled as a student/],
    [new AgsRequestError('x', { status: 422, retryable: false }), 'failed', /still enrolled as a student/],
    [new AgsRequestError('x', { status: 401, retryable: true }), 'failed', /LMS administrator/],
    [new AgsRequestError('x', { status: 404, retryable: false }), 'failed', /no longer exists/],
    [new AgsRequestError('x', { status: 409, retryable: false }), 'failed', /newer grade/],
    [new AgsRequestError('x', { status: 503, retryable: true }), 'retry', /error 503.*try again/],
    [new AgsRequestError('x', { status: 429, retryable: true, retryAfterSeconds: 7 }), 'retry', /error 429/],
    [new AgsRequestError('The LMS service timed out.', { retryable: true }), 'retry', /timed out.*try again/],
    [new GradebookUnavailable('This course link does not let Inkwell send grades.'), 'unavailable', /does not let Inkwell/],
    [new GradebookColumnMissing('The LMS has no gradebook column for this assignment.'), 'failed', /no gradebook column/],
    [new Error('boom'), 'retry', /could not send the grade/],
  ])('judges %s as %s, in plain words', (error, kind, message) => {
    const verdict = judgeFailure(error);
    expect(verdict.kind).toBe(kind);
    expect(verdict.message).toMatch(message);
    expect(verdict.message).not.toContain('boom');
  });

  it('keeps the platform’s Retry-After', () => {
    expect(judgeFailure(new AgsRequestError('x', { status: 429, retryable: true, retryAfterSeconds: 7 })).retryAfterSeconds).toBe(7);
  });
});

describe('nextDelayMs', () => {
  it('grows exponentially with jitter between half and one and a half times', () => {
    expect(nextDelayMs(1, undefined, () => 0)).toBe(1_000);
    expect(nextDelayMs(1, undefined, () => 1)).toBe(3_000);
    expect(nextDelayMs(3, undefined, () => 0.5)).toBe(8_000);
  });

  it('never waits more than the maximum, and honours Retry-After', () => {
    expect(nextDelayMs(40, undefined, () => 0.5)).toBe(600_000);
    expect(nextDelayMs(1, 30, () => 0)).toBe(30_000);
  });
});
