/**
 * Where Inkwell keeps data about people and courses: one line per collection,
 * read by the privacy requests (services/privacy.ts: export, erasure, course
 * purge, retention) and described in docs/PRIVACY.md.
 *
 * A new collection that holds anything about a student or a course adds ONE
 * line to `PERSONAL_DATA` below, with the helper that says how its documents
 * are keyed:
 *
 *   bySubmission('inline_comments', 'comments on a student's essay')           // field submissionId, an ObjectId
 *   bySubmission('writing_stats', 'writing statistics', { field: '_id' })      // keyed by the submission's _id
 *   byAssignmentAndUser('anonymous_numbers', '…', { form: 'hex' })             // assignmentId (hex string) + userId
 *   byPerson('some_person_setting', '…', { contextField: 'contextId' })      // platformIssuer + userId fields
 *   byAssignment('some_course_setting', '…')                                   // course data, no person's
 *
 * A collection that holds nothing about a person or a course goes in `NOT_PERSONAL_DATA`
 * instead, with the reason; services/personal-data.test.ts fails on a collection the code
 * uses that is in neither list.
 *
 * Erasure and purge delete in the order of this list, keys last (`submissions`,
 * then `assignments`), so a request cut short can simply be run again.
 */
import type { Document, Filter, ObjectId } from 'mongodb';
import { deleteBankDocuments, findBankDocumentsOf } from '../models/comment-bank';
import { deleteDocuments, findAssignmentCourses, findDocuments, removeArrayEntries } from '../models/personal-data';

/** One person, as the LMS names them, with the keys of their data. */
export interface PersonScope {
  issuer: string;
  userId: string;
  /** Every assignment of the person's platform (a person is known per platform, not per course). */
  assignmentIds: ObjectId[];
  /** The person's own submissions. */
  submissionIds: ObjectId[];
}

/** One course (an LMS context on one platform), with the keys of its data. */
export interface CourseScope {
  issuer: string;
  contextId: string;
  assignmentIds: ObjectId[];
  /** Every submission to the course's assignments. */
  submissionIds: ObjectId[];
}

/** How a collection stores an id that is an ObjectId elsewhere: as an ObjectId or as its hex string. */
export type IdForm = 'objectId' | 'hex';

export interface PersonalDataSource {
  collection: string;
  /** The export's name for this part, when it is not the collection's name (two parts of one collection). */
  part?: string;
  /** What the documents are, in plain words (the export names each part with it). */
  holds: string;
  /** The person's documents, or null when this collection holds nothing of one person. */
  personFilter(person: PersonScope): Filter<Document> | null;
  /** The course's documents, or null when this collection holds nothing of courses. */
  courseFilter(course: CourseScope): Filter<Document> | null;
  /** Overrides reading the person's documents (for documents shared with other people). */
  exportPerson?(person: PersonScope): Promise<Document[]>;
  /** Overrides erasing the person's documents; 'keep' leaves them (they belong to someone else's record). */
  erasePerson?: ((person: PersonScope) => Promise<number>) | 'keep';
}

const idsIn = (ids: ObjectId[], form: IdForm): (ObjectId | string)[] => (form === 'hex' ? ids.map((id) => id.toHexString()) : ids);

/** Documents about one submission (and so one student), found by a field holding the submission's id. */
export function bySubmission(collection: string, holds: string, options: { field?: string; form?: IdForm } = {}): PersonalDataSource {
  const field = options.field ?? 'submissionId';
  const form = options.form ?? 'objectId';
  return {
    collection,
    holds,
    personFilter: (person) => ({ [field]: { $in: idsIn(person.submissionIds, form) } }),
    courseFilter: (course) => ({ [field]: { $in: idsIn(course.submissionIds, form) } }),
  };
}

/** Course data about no one in particular, found by a field holding the assignment's id. */
export function byAssignment(collection: string, holds: string, options: { field?: string; form?: IdForm } = {}): PersonalDataSource {
  const field = options.field ?? 'assignmentId';
  const form = options.form ?? 'objectId';
  return {
    collection,
    holds,
    personFilter: () => null,
    courseFilter: (course) => ({ [field]: { $in: idsIn(course.assignmentIds, form) } }),
  };
}

/** Documents about one person in one assignment: an assignment id field and an LMS user id field. */
export function byAssignmentAndUser(
  collection: string,
  holds: string,
  options: { assignmentField?: string; userField?: string; form?: IdForm } = {},
): PersonalDataSource {
  const assignmentField = options.assignmentField ?? 'assignmentId';
  const userField = options.userField ?? 'userId';
  const form = options.form ?? 'objectId';
  return {
    collection,
    holds,
    personFilter: (person) => ({ [assignmentField]: { $in: idsIn(person.assignmentIds, form) }, [userField]: person.userId }),
    courseFilter: (course) => ({ [assignmentField]: { $in: idsIn(course.assignmentIds, form) } }),
  };
}

/** Documents naming the platform and the person directly (and, for a course purge, the context). */
export function byPerson(
  collection: string,
  holds: string,
  options: { issuerField?: string; userField?: string; contextField?: string } = {},
): PersonalDataSource {
  const issuerField = options.issuerField ?? 'platformIssuer';
  const userField = options.userField ?? 'userId';
  const contextField = options.contextField;
  return {
    collection,
    holds,
    personFilter: (person) => ({ [issuerField]: person.issuer, [userField]: person.userId }),
    courseFilter: (course) => (contextField ? { [issuerField]: course.issuer, [contextField]: course.contextId } : null),
  };
}

/** A course roster holds the whole class: a person's export shows only their entry, erasure removes only it. */
const rosters: PersonalDataSource = {
  collection: 'rosters',
  holds: 'the course roster last fetched from the LMS (names and email addresses)',
  personFilter: (person) => ({ _id: { $in: person.assignmentIds }, 'members.userId': person.userId }),
  courseFilter: (course) => ({ _id: { $in: course.assignmentIds } }),
  async exportPerson(person) {
    const docs = await findDocuments('rosters', { _id: { $in: person.assignmentIds }, 'members.userId': person.userId });
    return docs.map((doc) => ({
      assignmentId: doc._id,
      fetchedAt: doc.fetchedAt,
      entry: (doc.members as { userId: string }[]).find((member) => member.userId === person.userId),
    }));
  },
  erasePerson: (person) => removeArrayEntries('rosters', { _id: { $in: person.assignmentIds } }, 'members', 'userId', person.userId),
};

/** Grades an instructor gave are the students' records: exported to the instructor (who, when), never erased with them. */
const gradesGiven: PersonalDataSource = {
  collection: 'grade_versions',
  part: 'grades_given',
  holds: 'grades this person gave as a grader (only who and when; the grade is the student’s record and is kept)',
  personFilter: (person) => ({ assignmentId: { $in: person.assignmentIds }, gradedBy: person.userId }),
  courseFilter: () => null,
  async exportPerson(person) {
    const docs = await findDocuments('grade_versions', { assignmentId: { $in: person.assignmentIds }, gradedBy: person.userId });
    return docs.map((doc) => ({ submissionId: doc.submissionId, version: doc.version, gradedAt: doc.gradedAt, gradedBy: doc.gradedBy, gradedByName: doc.gradedByName }));
  },
  erasePerson: 'keep',
};

/** Session tickets live two minutes; a person's or course's pending ones go too. */
const sessionTickets: PersonalDataSource = {
  collection: 'session_tickets',
  holds: 'one-time links into Inkwell pages (two minutes), with the launch’s session',
  personFilter: (person) => ({ 'claims.platformIssuer': person.issuer, 'claims.userId': person.userId }),
  courseFilter: (course) => ({ 'claims.platformIssuer': course.issuer, 'claims.contextId': course.contextId }),
};

/**
 * An instructor's comment bank: one per course, stored under a hash of platform, deployment,
 * course and user ids. The documents name their owner in plain fields too; the keys, computed
 * for each course of the person's platform, also find entries saved before those fields were.
 */
const commentBank: PersonalDataSource = {
  collection: 'comment_bank',
  holds: 'an instructor’s saved comments for a course (their comment bank)',
  personFilter: (person) => ({ platformIssuer: person.issuer, userId: person.userId }),
  courseFilter: (course) => ({ platformIssuer: course.issuer, contextId: course.contextId }),
  async exportPerson(person) {
    const byFields = await findDocuments('comment_bank', { platformIssuer: person.issuer, userId: person.userId });
    const courses = await findAssignmentCourses(person.assignmentIds);
    const byKeys = await findBankDocumentsOf(courses.map((course) => ({ platformIssuer: person.issuer, userId: person.userId, ...course })));
    const all = new Map([...byFields, ...byKeys].map((doc) => [String(doc._id), doc]));
    return [...all.values()];
  },
  async erasePerson(person) {
    return deleteBankDocuments((await commentBank.exportPerson!(person)).map((doc) => String(doc._id)));
  },
};

/** Every collection with data about a person or a course, in erasure order (keys last). */
export const PERSONAL_DATA: PersonalDataSource[] = [
  bySubmission('essay_revisions', 'the essay’s saved versions (text, word count, time)'),
  bySubmission('kept_revisions', 'copies of essay versions that were graded or returned'),
  bySubmission('essay_returns', 'an instructor’s “return for revision” and its note', { field: '_id' }),
  bySubmission('grade_versions', 'every version of the essay’s grade (rubric choices, comments, score, grader)'),
  bySubmission('grades', 'the essay’s current grade', { field: '_id' }),
  bySubmission('passback_jobs', 'deliveries of the grade to the LMS gradebook', { form: 'hex' }),
  // Issue #14's collections (an absent collection simply holds nothing):
  bySubmission('inline_comments', 'an instructor’s comments on passages of the essay', { form: 'hex' }),
  bySubmission('writing_stats', 'writing-process statistics: time, words and characters of each save (no text)', { field: '_id' }),
  byAssignmentAndUser('anonymous_numbers', 'the number that stands for the student while grading is anonymous', { form: 'hex' }),
  bySubmission('assistant_suggestions', 'the rubric assistant’s suggested levels for the essay (no text)', { form: 'hex' }),
  bySubmission('score_timestamps', 'times of the scores sent to the LMS'),
  gradesGiven,
  rosters,
  sessionTickets,
  commentBank,
  byPerson('deep_link_requests', 'an instructor’s open “add an Inkwell assignment” request', { contextField: 'contextId' }),
  byAssignment('rubric_versions', 'earlier versions of an assignment’s rubric', { form: 'hex' }),
  byAssignment('assignment_contents', 'every version of an assignment’s texts, prompts, fact sheet and rubric', { form: 'hex' }),
  byAssignment('grade_syncs', 'gradebook synchronisation records'),
  bySubmission('submissions', 'the essay’s record: student id, name and email from the LMS, dates, word count, status', { field: '_id' }),
  byAssignment('assignments', 'the assignment: course and link ids and titles, prompts, rubric, dates', { field: '_id' }),
];

/**
 * Every other collection Inkwell writes, and why privacy requests leave it alone (ltijs's own
 * collections — platforms, keys, access tokens — hold the LMS's registration, no person's data).
 */
export const NOT_PERSONAL_DATA: Readonly<Record<string, string>> = {
  admin_sessions: 'the admin sessions’ generation number (no person)',
  change_tokens: 'tokens that change with the platforms and with each class list, so every process sees changes to what it keeps (no person)',
  daily_jobs: 'which daily job ran on which day (no person)',
  deep_link_request_uses: 'used-up deep-link request ids, minutes long (no person)',
  deployments: 'the deployments registered for each platform (no person)',
  frame_origins: 'the LMS origins each platform has framed Inkwell from (no person)',
  login_states: 'OIDC login states, single-use and expiring within minutes',
  passback_leases: 'which process delivers the gradebook jobs right now (no person)',
  passback_due: 'which gradebook jobs are waiting and when each is due next (no person)',
  platform_settings: 'each platform’s settings (no person)',
  privacy_audit: 'the audit of privacy requests itself: a person only as a one-way hash, no content',
  problems: 'refused launches and failed deliveries for the admin, pruned after 30 days (no essay content)',
  registration_links: 'the admin’s registration links (no person)',
  registration_link_uses: 'used-up registration links (no person)',
};

export async function readPersonalData(source: PersonalDataSource, person: PersonScope): Promise<Document[]> {
  if (source.exportPerson) return source.exportPerson(person);
  const filter = source.personFilter(person);
  return filter ? findDocuments(source.collection, filter) : [];
}

export async function erasePersonalData(source: PersonalDataSource, person: PersonScope): Promise<number> {
  if (source.erasePerson === 'keep') return 0;
  if (source.erasePerson) return source.erasePerson(person);
  const filter = source.personFilter(person);
  return filter ? deleteDocuments(source.collection, filter) : 0;
}

export async function purgeCourseData(source: PersonalDataSource, course: CourseScope): Promise<number> {
  const filter = source.courseFilter(course);
  return filter ? deleteDocuments(source.collection, filter) : 0;
}
