/**
 * Maps LTI roles to the two kinds of people Inkwell knows.
 *
 * Only context (membership) roles decide who is staff in a course:
 * Instructor, TeachingAssistant (also the sub-role
 * `membership/Instructor#TeachingAssistant`), ContentDeveloper and
 * Administrator, as full URIs or the spec's short names. Institution and
 * system roles describe the person elsewhere in the school (Canvas sends
 * `institution/person#Instructor` to anyone who teaches anywhere in the
 * account), so they never make a course Learner — or anyone with a course
 * role — staff. The one exception: a launch with no membership role at all
 * from an institution or system Administrator (an LMS admin opening a course
 * they are not enrolled in) acts as instructor, and says so in `basis` so the
 * caller can log it.
 *
 * Anything else, including unknown or missing roles, is a student: the safe
 * default, since students see only their own work.
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies
 * @see https://www.imsglobal.org/spec/lti/v1p3/#lis-vocabulary-for-context-roles
 */
import { ROLE_PREFIX_INSTITUTION, ROLE_PREFIX_MEMBERSHIP, ROLE_PREFIX_SYSTEM } from './claims';

export type InkwellRole = 'student' | 'instructor';

/** Why a launch got its role: a course role, an LMS administrator without one, or the student default. */
export type RoleBasis = 'membership' | 'administrator-without-membership' | 'default';

const STAFF_CONTEXT_ROLES = new Set(['Instructor', 'TeachingAssistant', 'ContentDeveloper', 'Administrator']);

type Vocabulary = 'membership' | 'institution' | 'system' | 'other';

const MEMBERSHIP_SUB_ROLE = /^http:\/\/purl\.imsglobal\.org\/vocab\/lis\/v2\/membership\/([A-Za-z]+)#([A-Za-z]+)$/;

/** The vocabulary of a role and its principal role's name (a sub-role counts as its principal). */
function parseRole(role: string): { vocabulary: Vocabulary; name: string | null } {
  // Sub-roles name their principal role in the path: membership/Instructor#TeachingAssistant.
  const subRole = MEMBERSHIP_SUB_ROLE.exec(role);
  if (subRole) return { vocabulary: 'membership', name: subRole[1]! };
  const prefixes: [string, Vocabulary][] = [
    [ROLE_PREFIX_MEMBERSHIP, 'membership'],
    [ROLE_PREFIX_INSTITUTION, 'institution'],
    [ROLE_PREFIX_SYSTEM, 'system'],
  ];
  for (const [prefix, vocabulary] of prefixes) {
    if (role.startsWith(prefix)) return { vocabulary, name: role.slice(prefix.length) };
  }
  // Short names (e.g. `Instructor`) are allowed by the spec for context roles only;
  // short sub-roles like `Instructor#TeachingAssistant` count as their principal.
  if (/^[A-Za-z]+(#[A-Za-z]+)?$/.test(role)) return { vocabulary: 'membership', name: role.split('#')[0]! };
  return { vocabulary: 'other', name: null };
}

/** The Inkwell role of a launch's (or a member's) roles, with the reason for it. */
export function inkwellRoleDecision(roles: readonly unknown[] | undefined): { role: InkwellRole; basis: RoleBasis } {
  let hasMembershipRole = false;
  let isAdministratorElsewhere = false;
  for (const role of roles ?? []) {
    if (typeof role !== 'string') continue;
    const { vocabulary, name } = parseRole(role);
    if (vocabulary === 'membership') {
      hasMembershipRole = true;
      if (name && STAFF_CONTEXT_ROLES.has(name)) return { role: 'instructor', basis: 'membership' };
    } else if ((vocabulary === 'institution' || vocabulary === 'system') && name === 'Administrator') {
      isAdministratorElsewhere = true;
    }
  }
  if (!hasMembershipRole && isAdministratorElsewhere) return { role: 'instructor', basis: 'administrator-without-membership' };
  return { role: 'student', basis: 'default' };
}

export function inkwellRoleOf(roles: readonly unknown[] | undefined): InkwellRole {
  return inkwellRoleDecision(roles).role;
}
