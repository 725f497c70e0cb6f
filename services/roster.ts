/**
 * The students of an assignment's course, from the LMS roster (NRPS), so the
 * instructor also sees who has not started. Cached for a few minutes; when the
 * LMS does not answer, the last roster (or none) is used and the page says so.
 */
import { fetchMembers } from '../lti/nrps';
import { accessTokenSource } from '../lti/provider';
import type { Assignment } from '../models/assignments';
import { findRoster, saveRoster, type Roster, type RosterMember } from '../models/rosters';
import { toObjectId } from '../models/db';
import { log } from './logger';

const FRESH_FOR_MS = 5 * 60_000;
const FETCH_TIMEOUT_MS = 4_000;

export interface CourseStudents {
  students: RosterMember[] | null;
  /** Set when the roster could not be refreshed. */
  note?: string;
}

/**
 * @param stored The roster as stored, when the caller has read it already (services/class-data.ts).
 */
export async function studentsOfCourse(assignment: Assignment, now = new Date(), stored?: Roster | null): Promise<CourseStudents> {
  const assignmentId = toObjectId(assignment.id);
  if (!assignment.membershipsUrl || !assignmentId) return { students: null };
  const cached = stored === undefined ? await findRoster(assignmentId) : stored;
  if (cached && now.getTime() - cached.fetchedAt.getTime() < FRESH_FOR_MS) return { students: cached.members };
  try {
    const members = await fetchMembers(
      accessTokenSource(assignment.platformIssuer, assignment.clientId),
      assignment.membershipsUrl,
      FETCH_TIMEOUT_MS,
    );
    const roster: Roster = {
      members: members
        .filter((m) => m.role === 'student' && m.status === 'Active')
        .map((m) => ({ userId: m.userId, name: m.name, email: m.email })),
      fetchedAt: now,
    };
    await saveRoster(assignmentId, roster);
    return { students: roster.members };
  } catch (error) {
    log().warn({ error: error instanceof Error ? error.message : String(error) }, '[roster] course roster not refreshed');
    return {
      students: cached?.members ?? null,
      note: 'The course roster could not be loaded from the LMS, so students who have not opened the assignment may be missing.',
    };
  }
}
