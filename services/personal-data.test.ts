import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BSON, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import {
  byAssignment,
  byAssignmentAndUser,
  byPerson,
  bySubmission,
  NOT_PERSONAL_DATA,
  PERSONAL_DATA,
  type CourseScope,
  type PersonScope,
} from './personal-data';
import { personHash, toPlainJson } from './privacy';

const submission = new ObjectId('aaaaaaaaaaaaaaaaaaaaaaaa');
const assignment = new ObjectId('bbbbbbbbbbbbbbbbbbbbbbbb');
const person: PersonScope = { issuer: 'https://lms.example', userId: 'u-1', assignmentIds: [assignment], submissionIds: [submission] };
const course: CourseScope = { issuer: 'https://lms.example', contextId: 'c-1', assignmentIds: [assignment], submissionIds: [submission] };

describe('personal data sources', () => {
  it('find a submission’s documents by its id in the form the collection stores it', () => {
    expect(bySubmission('x', 'x').personFilter(person)).toEqual({ submissionId: { $in: [submission] } });
    expect(bySubmission('x', 'x', { form: 'hex' }).courseFilter(course)).toEqual({ submissionId: { $in: [submission.toHexString()] } });
    expect(bySubmission('x', 'x', { field: '_id' }).personFilter(person)).toEqual({ _id: { $in: [submission] } });
  });

  it('course data holds nothing of one person; person data is found by platform and user', () => {
    expect(byAssignment('x', 'x').personFilter(person)).toBeNull();
    expect(byAssignment('x', 'x', { form: 'hex' }).courseFilter(course)).toEqual({ assignmentId: { $in: [assignment.toHexString()] } });
    expect(byAssignmentAndUser('x', 'x').personFilter(person)).toEqual({ assignmentId: { $in: [assignment] }, userId: 'u-1' });
    expect(byPerson('x', 'x').personFilter(person)).toEqual({ platformIssuer: 'https://lms.example', userId: 'u-1' });
    expect(byPerson('x', 'x').courseFilter(course)).toBeNull();
    expect(byPerson('x', 'x', { contextField: 'contextId' }).courseFilter(course)).toEqual({ platformIssuer: 'https://lms.example', contextId: 'c-1' });
  });

  it('erase keys last: submissions, then assignments', () => {
    const names = PERSONAL_DATA.map((source) => source.collection);
    expect(names.slice(-2)).toEqual(['submissions', 'assignments']);
    expect(new Set(PERSONAL_DATA.map((source) => source.part ?? source.collection)).size).toBe(PERSONAL_DATA.length);
  });
});

/** Every collection name the code under models/ opens with `collection('…')` or `collection<T>('…')`. */
function collectionsInModels(): Map<string, string> {
  const dir = resolve(import.meta.dirname, '..', 'models');
  const found = new Map<string, string>();
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const source = readFileSync(join(dir, file), 'utf8');
    for (const match of source.matchAll(/\.collection(?:<[^>]*>)?\(\s*['"]([\w-]+)['"]/g)) found.set(match[1]!, `models/${file}`);
  }
  return found;
}

describe('the registry', () => {
  it('names every collection the models use, as personal data or not, with a reason', () => {
    const registered = new Set([...PERSONAL_DATA.map((source) => source.collection), ...Object.keys(NOT_PERSONAL_DATA)]);
    const used = collectionsInModels();
    // The scan itself works: it finds collections of both kinds.
    expect(used.has('submissions')).toBe(true);
    expect(used.has('comment_bank')).toBe(true);
    expect(used.has('daily_jobs')).toBe(true);
    const missing = [...used].filter(([name]) => !registered.has(name)).map(([name, file]) => `${name} (${file})`);
    expect(missing, 'collections to add to PERSONAL_DATA or NOT_PERSONAL_DATA in services/personal-data.ts').toEqual([]);
  });

  it('lists no collection twice, and none that the models no longer use', () => {
    const personal = new Set(PERSONAL_DATA.map((source) => source.collection));
    expect(Object.keys(NOT_PERSONAL_DATA).filter((name) => personal.has(name))).toEqual([]);
    const used = collectionsInModels();
    expect(Object.keys(NOT_PERSONAL_DATA).filter((name) => !used.has(name))).toEqual([]);
    for (const reason of Object.values(NOT_PERSONAL_DATA)) expect(reason.length).toBeGreaterThan(10);
  });

  it('finds an instructor’s comment bank by platform and user, and a course’s by platform and course', () => {
    const bank = PERSONAL_DATA.find((source) => source.collection === 'comment_bank')!;
    expect(bank.personFilter(person)).toEqual({ platformIssuer: 'https://lms.example', userId: 'u-1' });
    expect(bank.courseFilter(course)).toEqual({ platformIssuer: 'https://lms.example', contextId: 'c-1' });
    expect(bank.erasePerson).not.toBe('keep');
  });
});

describe('exports', () => {
  it('are plain JSON: ids as hex, dates as ISO 8601, binary as base64', () => {
    const at = new Date('2026-11-30T04:00:00Z');
    expect(toPlainJson({ _id: submission, at, list: [assignment], data: new BSON.Binary(Buffer.from('hi')), n: 3, none: null })).toEqual({
      _id: submission.toHexString(),
      at: '2026-11-30T04:00:00.000Z',
      list: [assignment.toHexString()],
      data: Buffer.from('hi').toString('base64'),
      n: 3,
      none: null,
    });
  });

  it('name a person in the audit by a hash of platform and user id only', () => {
    const hash = personHash({ issuer: 'https://lms.example', userId: 'u-1' });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toBe(personHash({ issuer: 'https://lms.example', userId: 'u-2' }));
  });
});
