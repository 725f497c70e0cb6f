/**
 * The students of an assignment's course, from the LMS roster (NRPS), so the
 * instructor also sees who has not started. Fetched again after a few minutes; when the
 * LMS does not answer, the last roster (or none) is used and the page says so.
 */
import { fetchMembers } from '../lti/nrps';
import { accessTokenSource } from '../lti/provider';
import type { Assignment } from '../models/assignments';
import { rosterFetchedAt, saveRoster, type RosterMember } from '../models/rosters';
import { toObjectId } from '../models/db';
import { log } from './logger';

const FRESH_FOR_MS = 5 * 60_000;
const FETCH_TIMEOUT_MS = 4_000;

/**
 * Fetches the course roster from the LMS and stores it when the stored one is missing or older
 * than FRESH_FOR_MS. Called before the class list reads its data: storing a roster writes the
 * class's change token (models/rosters.ts), so a roster stored after the read would leave the
 * next list to read everything again. Says whether it stored one, and gives a note for the page
 * when the LMS did not answer.
 * @param keptFetchedAt When the roster this process keeps for the class was fetched (null: it
 *   keeps none), so the stored one is only looked at once that one is old.
 */
export async function refreshRosterIfStale(
  assignment: Assignment,
  keptFetchedAt: Date | null,
  now = new Date(),
  fetchStudents: (assignment: Assignment) => Promise<RosterMember[]> = studentsFromLms,
): Promise<{ note?: string; stored?: true }> {
  const assignmentId = toObjectId(assignment.id);
  if (!assignment.membershipsUrl || !assignmentId) return {};
  const fresh = (fetchedAt: Date | null | undefined) => Boolean(fetchedAt && now.getTime() - fetchedAt.getTime() < FRESH_FOR_MS);
  if (fresh(keptFetchedAt) || fresh(await rosterFetchedAt(assignmentId))) return {};
  try {
    await saveRoster(assignmentId, { members: await fetchStudents(assignment), fetchedAt: now });
    return { stored: true };
  } catch (error) {
    log().warn({ error: error instanceof Error ? error.message : String(error) }, '[roster] course roster not refreshed');
    return { note: 'The course roster could not be loaded from the LMS, so students who have not opened the assignment may be missing.' };
  }
}

/** The course's active students, from the LMS's roster service (NRPS). */
async function studentsFromLms(assignment: Assignment): Promise<RosterMember[]> {
  const members = await fetchMembers(
    accessTokenSource(assignment.platformIssuer, assignment.clientId),
    assignment.membershipsUrl!,
    FETCH_TIMEOUT_MS,
  );
  return members
    .filter((m) => m.role === 'student' && m.status === 'Active')
    .map((m) => ({ userId: m.userId, name: m.name, email: m.email }));
}
