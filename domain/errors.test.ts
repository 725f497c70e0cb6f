import { describe, it, expect } from 'vitest';
import {
  EditConflictError,
  EssayIncompleteError,
  EssayTooLongError,
  ForbiddenError,
  GradeConflictError,
  GradeIncompleteError,
  InkwellError,
  InvalidInputError,
  NotFoundError,
  RubricMismatchError,
  SubmissionClosedError,
  isInkwellError,
} from './errors';

describe('InkwellError subclasses', () => {
  it.each([
    { error: new EssayIncompleteError(), name: 'EssayIncompleteError', code: 'ESSAY_INCOMPLETE', status: 422 },
    { error: new EssayTooLongError(), name: 'EssayTooLongError', code: 'ESSAY_TOO_LONG', status: 413 },
    { error: new SubmissionClosedError(), name: 'SubmissionClosedError', code: 'SUBMISSION_CLOSED', status: 409 },
    { error: new EditConflictError(7), name: 'EditConflictError', code: 'EDIT_CONFLICT', status: 409 },
    { error: new GradeConflictError(null), name: 'GradeConflictError', code: 'GRADE_CONFLICT', status: 409 },
    { error: new RubricMismatchError(), name: 'RubricMismatchError', code: 'RUBRIC_MISMATCH', status: 422 },
    { error: new GradeIncompleteError(['c-thesis']), name: 'GradeIncompleteError', code: 'GRADE_INCOMPLETE', status: 422 },
    { error: new NotFoundError(), name: 'NotFoundError', code: 'NOT_FOUND', status: 404 },
    { error: new ForbiddenError(), name: 'ForbiddenError', code: 'FORBIDDEN', status: 403 },
    { error: new InvalidInputError(), name: 'InvalidInputError', code: 'INVALID_INPUT', status: 422 },
  ])('$name carries $code with status $status and is exposed', ({ error, name, code, status }) => {
    expect(error).toBeInstanceOf(InkwellError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.expose).toBe(true);
    expect(error.message.length).toBeGreaterThan(0);
  });

  it('uses the message it is given and keeps detail and cause for the logs', () => {
    const cause = new Error('driver said no');
    const error = new NotFoundError('That essay could not be found.', { detail: 'essayId=abc', cause });
    expect(error.message).toBe('That essay could not be found.');
    expect(error.detail).toBe('essayId=abc');
    expect(error.cause).toBe(cause);
  });

  it('leaves detail undefined when none is given', () => {
    expect(new ForbiddenError().detail).toBeUndefined();
  });

  it('does not expose server-side failures', () => {
    const error = new InkwellError('AGS_REQUEST_FAILED', 'The gradebook is not answering right now.');
    expect(error.status).toBe(502);
    expect(error.expose).toBe(false);
    expect(error.code).toBe('AGS_REQUEST_FAILED');
  });

  it('tells the client which revision it conflicted with', () => {
    expect(new EditConflictError(12).currentRevision).toBe(12);
  });

  it('lists the criteria a grade is missing, unaffected by later changes to the caller array', () => {
    const missing = ['c-thesis', 'c-evidence'];
    const error = new GradeIncompleteError(missing);
    missing.push('c-accuracy');
    expect(error.missingCriterionIds).toEqual(['c-thesis', 'c-evidence']);
  });

  it('carries field errors for the form when given them', () => {
    const error = new InvalidInputError('Fix the highlighted fields.', { fieldErrors: { overallComment: 'Too long.' } });
    expect(error.fieldErrors).toEqual({ overallComment: 'Too long.' });
    expect(new InvalidInputError().fieldErrors).toBeUndefined();
  });
});

describe('isInkwellError', () => {
  it.each([
    ['a domain error', new SubmissionClosedError(), true],
    ['the base class', new InkwellError('LAUNCH_INVALID', 'Please open Inkwell again from your course.'), true],
    ['a plain Error', new Error('boom'), false],
    ['a TypeError', new TypeError('bug'), false],
    ['a look-alike object', { code: 'NOT_FOUND', status: 404, message: 'nope' }, false],
    ['null', null, false],
    ['a string', 'NOT_FOUND', false],
  ])('recognises %s: %s', (_label, value, expected) => {
    expect(isInkwellError(value)).toBe(expected);
  });

  it('recognises an error from another copy of this module by its brand', () => {
    const fromOtherCopy = Object.assign(new Error('Not found'), { code: 'NOT_FOUND', status: 404, expose: true });
    Object.defineProperty(fromOtherCopy, Symbol.for('inkwell.error'), { value: true });
    expect(isInkwellError(fromOtherCopy)).toBe(true);
  });
});
