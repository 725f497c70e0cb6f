/**
 * Maps LTI roles to the two kinds of people Inkwell knows.
 * Anything that is not clearly staff, including unknown or missing roles, is a
 * student: the safe default, since students see only their own work.
 * @see https://www.imsglobal.org/spec/lti/v1p3/#lis-vocabulary-for-context-roles
 */
import { ROLE_PREFIX_INSTITUTION, ROLE_PREFIX_MEMBERSHIP, ROLE_PREFIX_SYSTEM } from './claims';

export type InkwellRole = 'student' | 'instructor';

const STAFF_ROLE_NAMES = new Set(['Instructor', 'TeachingAssistant', 'ContentDeveloper', 'Administrator']);

/** The bare role name of a full or short role URI, or null for other vocabularies. */
function roleName(role: string): string | null {
  // Sub-roles name their principal role in the path: membership/Instructor#TeachingAssistant.
  const subRole = /^http:\/\/purl\.imsglobal\.org\/vocab\/lis\/v2\/membership\/([A-Za-z]+)#/.exec(role);
  if (subRole) return subRole[1] ?? null;
  for (const prefix of [ROLE_PREFIX_MEMBERSHIP, ROLE_PREFIX_INSTITUTION, ROLE_PREFIX_SYSTEM]) {
    if (role.startsWith(prefix)) return role.slice(prefix.length).split('#')[0] ?? null;
  }
  // Short names (e.g. `Instructor`) are allowed by the spec for context roles;
  // sub-roles like `Instructor#TeachingAssistant` also count.
  if (!role.includes(':') && !role.includes('/')) return role.split('#')[0] ?? null;
  return null;
}

export function inkwellRoleOf(roles: readonly unknown[] | undefined): InkwellRole {
  for (const role of roles ?? []) {
    if (typeof role !== 'string') continue;
    const name = roleName(role);
    if (name && STAFF_ROLE_NAMES.has(name)) return 'instructor';
  }
  return 'student';
}
