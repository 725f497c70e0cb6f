import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeError, ERROR_CATALOGUE, GENERIC_FAILURE_MESSAGE, InkwellError, reasonForLog, type InkwellErrorCode } from './catalogue';

const ROOT = join(import.meta.dirname, '..');
const codes = Object.keys(ERROR_CATALOGUE) as InkwellErrorCode[];

describe('the error catalogue', () => {
  // Codes are a contract with clients, tests and logs: adding one is fine, renaming or removing one is not.
  it('keeps every code it has ever answered with', () => {
    expect(codes.sort()).toEqual(
      [
        'AGS_COLUMN_MISSING',
        'AGS_REQUEST_FAILED',
        'AGS_UNAVAILABLE',
        'DEEP_LINKING_SETTINGS_MISSING',
        'DEEP_LINK_ALREADY_ANSWERED',
        'DEEP_LINK_PLACEMENT_UNSUPPORTED',
        'DEEP_LINK_RETURN_URL_REFUSED',
        'EDIT_CONFLICT',
        'ESSAY_INCOMPLETE',
        'ESSAY_TOO_LONG',
        'FORBIDDEN',
        'GRADE_CONFLICT',
        'GRADE_INCOMPLETE',
        'INTERNAL',
        'INVALID_INPUT',
        'LAUNCH_FROM_OTHER_SITE',
        'LAUNCH_INVALID',
        'LAUNCH_REQUEST_MALFORMED',
        'LAUNCH_STATE_INVALID',
        'LMS_URL_REFUSED',
        'NAMES_HIDDEN',
        'NOT_FOUND',
        'PLATFORM_INACTIVE',
        'PLATFORM_UNKNOWN',
        'RATE_LIMITED',
        'REGISTRATION_FAILED',
        'REQUEST_TOO_LARGE',
        'RESOURCE_LINK_MISSING',
        'RUBRIC_MISMATCH',
        'SESSION_INVALID',
        'SUBJECT_MISSING',
        'SUBMISSION_CLOSED',
        'TOKEN_INVALID',
        'UNSUPPORTED_MESSAGE_TYPE',
      ].sort(),
    );
  });

  it.each(codes)('%s has a SCREAMING_SNAKE code, an error status and a sentence for a person', (code) => {
    const entry = ERROR_CATALOGUE[code];
    expect(code).toMatch(/^[A-Z][A-Z_]*[A-Z]$/);
    expect(Number.isInteger(entry.status)).toBe(true);
    expect(entry.status).toBeGreaterThanOrEqual(400);
    expect(entry.status).toBeLessThan(600);
    // A sentence: starts with a capital, ends with a full stop, and no codes, ids or markup in it.
    expect(entry.message).toMatch(/^[A-Z].{10,}\.$/);
    expect(entry.message).not.toMatch(/[A-Z]{2,}_[A-Z]|[<>{}]|undefined|null|Error\b/);
  });

  it('never shows its own words for a server-side failure', () => {
    for (const code of codes) if (ERROR_CATALOGUE[code].status >= 500) expect(ERROR_CATALOGUE[code].expose, code).toBe(false);
  });

  it('answers anything that is not an InkwellError as INTERNAL with the generic sentence', () => {
    for (const thrown of [new Error('E11000 duplicate key { email: "ada@example.edu" }'), new TypeError('x is undefined'), 'a string', null]) {
      expect(describeError(thrown)).toEqual({ code: 'INTERNAL', status: 500, message: GENERIC_FAILURE_MESSAGE, expose: false, expected: false });
    }
  });

  it.each(codes.filter((code) => !ERROR_CATALOGUE[code].expose))('%s shows only the catalogue sentence; its words go to the log', (code) => {
    const described = describeError(new InkwellError(code, 'SECRET-MESSAGE from the LMS', { detail: 'SECRET-DETAIL id_token=eyJ' }));
    expect(described).toMatchObject({ code, status: ERROR_CATALOGUE[code].status, message: ERROR_CATALOGUE[code].message, expose: false });
    expect(described.message).not.toContain('SECRET');
    expect(described.logDetail).toContain('SECRET-MESSAGE');
    expect(described.logDetail).toContain('SECRET-DETAIL');
  });

  it.each(codes.filter((code) => ERROR_CATALOGUE[code].expose))('%s shows its own sentence, or the catalogue one by default', (code) => {
    expect(describeError(new InkwellError(code)).message).toBe(ERROR_CATALOGUE[code].message);
    const precise = describeError(new InkwellError(code, 'A more precise sentence.', { detail: 'for the log' }));
    expect(precise).toMatchObject({ code, status: ERROR_CATALOGUE[code].status, message: 'A more precise sentence.', expose: true, logDetail: 'for the log' });
  });

  it('gives the log the detail, or the error’s own words, never a stack', () => {
    expect(reasonForLog(new InkwellError('TOKEN_INVALID', 'exp: expired', { detail: 'iss=https://lms.example' }))).toBe('iss=https://lms.example');
    expect(reasonForLog(new InkwellError('TOKEN_INVALID', 'exp: expired'))).toBe('exp: expired');
    expect(reasonForLog(new Error('boom'))).toBe('boom');
  });
});

/** Inkwell's own source (no tests, no emulator): where catalogue codes are thrown or answered. */
function sourceFiles(): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) files.push({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') });
    }
  };
  for (const dir of ['app', 'domain', 'lti', 'models', 'server', 'services']) walk(join(ROOT, dir));
  files.push({ path: 'server.ts', text: readFileSync(join(ROOT, 'server.ts'), 'utf8') });
  return files;
}

describe('every code in the catalogue is used', () => {
  const files = sourceFiles();
  const all = files.map((f) => f.text).join('\n');
  // Classes that fix a code in their constructor: `class X extends InkwellError { … super('CODE' … }`.
  const classesByCode = new Map<string, string[]>();
  for (const { text } of files) {
    for (const match of text.matchAll(/class (\w+) extends InkwellError \{([\s\S]*?)\n\}/g)) {
      const code = /super\('([A-Z_]+)'/.exec(match[2]!)?.[1];
      if (code) classesByCode.set(code, [...(classesByCode.get(code) ?? []), match[1]!]);
    }
  }

  it.each(codes.filter((code) => code !== 'INTERNAL'))('%s is thrown or answered somewhere in the source', (code) => {
    const direct = new RegExp(`(new (InkwellError|LtiLaunchError)\\(|refuse\\(\\s*res,\\s*)'${code}'`).test(all);
    const throughClass = (classesByCode.get(code) ?? []).some((name) => new RegExp(`new ${name}\\(`).test(all));
    expect(direct || throughClass, `${code}: no \`new InkwellError('${code}'\`, refusal, or \`new\` of a class fixing it`).toBe(true);
  });
});
