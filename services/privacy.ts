/**
 * Privacy requests an admin answers (FERPA, GDPR): see and export everything
 * Inkwell holds about one person, erase it, purge a course, and delete the
 * data of courses inactive for longer than INKWELL_RETENTION_DAYS (a daily job
 * in every process, run once a day by whichever claims the day first).
 * Which collections hold what is declared in services/personal-data.ts. Every
 * action leaves an entry in `privacy_audit`, without the content.
 *
 * Not the LMS's data: grades already in the LMS gradebook stay there (the
 * LMS's business); erasure does not tell the LMS anything.
 */
import { noteClassChanged } from '../models/class-changes';
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { BSON, ObjectId, type Document } from 'mongodb';
import { environment } from '../config/environment';
import { claimDailyJob, finishDailyJob, pruneDailyJobs } from '../models/daily-jobs';
import {
  countDocuments,
  findAssignmentIds,
  findSubmissionIds,
  listCourseActivity,
  type CourseActivity,
} from '../models/personal-data';
import { listPrivacyActions, recordPrivacyAction, type PrivacyAuditEntry } from '../models/privacy-audit';
import {
  erasePersonalData,
  PERSONAL_DATA,
  purgeCourseData,
  readPersonalData,
  type CourseScope,
  type PersonScope,
} from './personal-data';

export type { PrivacyAuditEntry } from '../models/privacy-audit';

/** Who asked for a privacy action, and their note (a request reference). */
export interface Requester {
  by: string;
  reason?: string;
}

export interface PersonKey {
  issuer: string;
  userId: string;
}

export interface CourseKey {
  issuer: string;
  contextId: string;
}

/** A person as the audit names them: a hash, so the audit keeps no identifier in the clear. */
export function personHash(person: PersonKey): string {
  return createHash('sha256').update(`${person.issuer}\n${person.userId}`).digest('hex');
}

const partName = (source: { part?: string; collection: string }) => source.part ?? source.collection;

async function personScope(person: PersonKey): Promise<PersonScope> {
  const assignmentIds = await findAssignmentIds(person.issuer);
  const submissionIds = await findSubmissionIds(assignmentIds, person.userId);
  return { ...person, assignmentIds, submissionIds };
}

async function courseScope(course: CourseKey): Promise<CourseScope> {
  const assignmentIds = await findAssignmentIds(course.issuer, course.contextId);
  const submissionIds = await findSubmissionIds(assignmentIds);
  return { ...course, assignmentIds, submissionIds };
}

/** How many documents of each kind Inkwell holds about a person (what an erasure would delete, and what stays). */
export async function summarizePerson(person: PersonKey): Promise<{ part: string; holds: string; count: number; erased: boolean }[]> {
  const scope = await personScope(person);
  const summary = [];
  for (const source of PERSONAL_DATA) {
    const count = source.exportPerson ? (await source.exportPerson(scope)).length : await countFor(source.collection, source.personFilter(scope));
    if (count > 0) summary.push({ part: partName(source), holds: source.holds, count, erased: source.erasePerson !== 'keep' });
  }
  return summary;
}

async function countFor(collection: string, filter: Document | null): Promise<number> {
  return filter ? countDocuments(collection, filter) : 0;
}

/** BSON values as plain JSON a person can read: ObjectIds as hex, dates as ISO 8601, binary as base64. */
export function toPlainJson(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof ObjectId) return value.toHexString();
  if (value instanceof BSON.Binary) return value.toString('base64');
  if (Array.isArray(value)) return value.map(toPlainJson);
  if (typeof value === 'object') {
    const bsonType = (value as { _bsontype?: string })._bsontype;
    if (bsonType) return String(value);
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, toPlainJson(inner)]));
  }
  return value;
}

export interface PersonExport {
  format: 'inkwell-person-export';
  version: 1;
  exportedAt: string;
  person: { platform: string; userId: string };
  about: string;
  parts: { name: string; holds: string; documents: unknown[] }[];
}

/** Everything Inkwell holds about one person, as one JSON document; the export is recorded in the audit. */
export async function exportPerson(person: PersonKey, requester: Requester, now = new Date()): Promise<PersonExport> {
  const scope = await personScope(person);
  const parts: PersonExport['parts'] = [];
  const counts: Record<string, number> = {};
  for (const source of PERSONAL_DATA) {
    const documents = await readPersonalData(source, scope);
    if (documents.length === 0) continue;
    parts.push({ name: partName(source), holds: source.holds, documents: documents.map(toPlainJson) });
    counts[partName(source)] = documents.length;
  }
  await recordPrivacyAction({ action: 'export-person', at: now, by: requester.by, reason: requester.reason, subject: { personHash: personHash(person) }, counts });
  return {
    format: 'inkwell-person-export',
    version: 1,
    exportedAt: now.toISOString(),
    person: { platform: person.issuer, userId: person.userId },
    about:
      'Everything this Inkwell installation holds about this person, by the LMS user id and platform above. Grades in the LMS gradebook are held by the LMS. Inkwell keeps no log of launches: a submission records when the first launch created it and when it last changed.',
    parts,
  };
}

/** Deletes one person's essays, their history, grades, comments and statistics; records that it happened, not what. */
export async function erasePerson(person: PersonKey, requester: Requester, now = new Date()): Promise<PrivacyAuditEntry> {
  const scope = await personScope(person);
  const counts: Record<string, number> = {};
  for (const source of PERSONAL_DATA) {
    const erased = await erasePersonalData(source, scope);
    if (erased > 0) counts[partName(source)] = erased;
  }
  // The person leaves their classes' lists (each process keeps a copy, models/class-changes.ts).
  await Promise.all(scope.assignmentIds.map((id) => noteClassChanged(id)));
  return recordPrivacyAction({ action: 'erase-person', at: now, by: requester.by, reason: requester.reason, subject: { personHash: personHash(person) }, counts });
}

/** How many documents of each kind a course purge would delete. */
export async function summarizeCourse(course: CourseKey): Promise<{ part: string; holds: string; count: number }[]> {
  const scope = await courseScope(course);
  const summary = [];
  for (const source of PERSONAL_DATA) {
    const count = await countFor(source.collection, source.courseFilter(scope));
    if (count > 0) summary.push({ part: partName(source), holds: source.holds, count });
  }
  return summary;
}

async function deleteCourse(scope: CourseScope): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const source of PERSONAL_DATA) {
    const purged = await purgeCourseData(source, scope);
    if (purged > 0) counts[partName(source)] = (counts[partName(source)] ?? 0) + purged;
  }
  await Promise.all(scope.assignmentIds.map((id) => noteClassChanged(id)));
  return counts;
}

/** Deletes all data of one course: its assignments and everything of every student in them. */
export async function purgeCourse(course: CourseKey, requester: Requester, now = new Date()): Promise<PrivacyAuditEntry> {
  const counts = await deleteCourse(await courseScope(course));
  return recordPrivacyAction({ action: 'purge-course', at: now, by: requester.by, reason: requester.reason, subject: { ...course }, counts });
}

// ---- retention -------------------------------------------------------------------------------------

/** INKWELL_RETENTION_DAYS: whole days, at least 1; unset (or 0) keeps data until an admin deletes it. */
export function retentionDays(): number | null {
  const raw = environment.retentionDays();
  if (!raw || raw === '0') return null;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1) {
    throw new Error(`INKWELL_RETENTION_DAYS must be a whole number of days (1 or more), or 0 to keep data; got "${raw}".`);
  }
  return days;
}

export interface ExpiredCourse {
  issuer: string;
  contextId: string;
  contextTitle?: string;
  assignments: number;
  lastActivityAt: Date;
}

function toExpired(course: CourseActivity): ExpiredCourse {
  return {
    issuer: course.issuer,
    contextId: course.contextId,
    contextTitle: course.contextTitle,
    assignments: course.assignmentIds.length,
    lastActivityAt: course.lastActivityAt,
  };
}

/** Courses whose latest activity is more than `days` days before `now`, oldest first. */
export async function coursesPastRetention(days: number, now = new Date()): Promise<ExpiredCourse[]> {
  const cutoff = now.getTime() - days * 86_400_000;
  const courses = await listCourseActivity();
  return courses
    .filter((course) => course.lastActivityAt.getTime() < cutoff)
    .sort((a, b) => a.lastActivityAt.getTime() - b.lastActivityAt.getTime())
    .map(toExpired);
}

export interface RetentionOutcome {
  days: number;
  dryRun: boolean;
  courses: ExpiredCourse[];
  /** Documents deleted per collection (empty for a dry run). */
  counts: Record<string, number>;
}

/**
 * Deletes (or, as a dry run, lists) the courses past retention as of `now`. Each course is
 * deleted the way a course purge does it; one audit entry per deleted course.
 */
export async function applyRetention(options: { days: number; now?: Date; dryRun: boolean; requester: Requester }): Promise<RetentionOutcome> {
  const now = options.now ?? new Date();
  const courses = await coursesPastRetention(options.days, now);
  const counts: Record<string, number> = {};
  if (!options.dryRun) {
    for (const course of courses) {
      const courseCounts = await deleteCourse(await courseScope(course));
      for (const [part, count] of Object.entries(courseCounts)) counts[part] = (counts[part] ?? 0) + count;
      await recordPrivacyAction({
        action: 'retention',
        at: now,
        by: options.requester.by,
        reason: `no activity since ${course.lastActivityAt.toISOString()} (INKWELL_RETENTION_DAYS=${options.days})`,
        subject: { issuer: course.issuer, contextId: course.contextId },
        counts: courseCounts,
      });
    }
  }
  return { days: options.days, dryRun: options.dryRun, courses, counts };
}

const RETENTION_JOB = 'retention';

/**
 * The daily retention run: does nothing without INKWELL_RETENTION_DAYS, and runs at most once
 * per UTC day across all processes (the day is claimed by a unique insert).
 */
export async function runDailyRetention(now = new Date()): Promise<RetentionOutcome | 'off' | 'done-today'> {
  const days = retentionDays();
  if (days === null) return 'off';
  if (!(await claimDailyJob(RETENTION_JOB, now, `${hostname()}:${process.pid}`))) return 'done-today';
  try {
    const outcome = await applyRetention({ days, now, dryRun: false, requester: { by: 'daily retention job' } });
    await finishDailyJob(RETENTION_JOB, now, `deleted ${outcome.courses.length} course(s)`);
    await pruneDailyJobs(now);
    return outcome;
  } catch (error) {
    await finishDailyJob(RETENTION_JOB, now, `failed: ${error instanceof Error ? error.message : String(error)}`).catch(() => {});
    throw error;
  }
}

export function recentPrivacyActions(limit = 20): Promise<PrivacyAuditEntry[]> {
  return listPrivacyActions(limit);
}
