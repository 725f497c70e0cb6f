/**
 * Names and Role Provisioning Services 2.0: the course roster, as Members.
 * Follows `Link: <…>; rel="next"` pages up to a bound.
 * @see https://www.imsglobal.org/spec/lti-nrps/v2p0
 */
import type { AccessTokenSource } from './ags';
import { MEDIA_NRPS_MEMBERSHIPS, SCOPE_NRPS } from './claims';
import { inkwellRoleOf, type InkwellRole } from './roles';
import { serviceFetch } from './service-http';

export interface Member {
  userId: string;
  name?: string;
  email?: string;
  status: 'Active' | 'Inactive' | 'Deleted';
  roles: string[];
  role: InkwellRole;
}

const MAX_PAGES = 20;

function nextPageOf(link: string | null): string | null {
  for (const part of (link ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
    if (match?.[1]) return match[1];
  }
  return null;
}

function toMember(raw: unknown): Member | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.user_id !== 'string' || r.user_id === '') return null;
  const roles = Array.isArray(r.roles) ? r.roles.filter((x): x is string => typeof x === 'string') : [];
  const parts = [r.given_name, r.family_name].filter((x): x is string => typeof x === 'string' && x !== '');
  const name = typeof r.name === 'string' && r.name !== '' ? r.name : parts.length > 0 ? parts.join(' ') : undefined;
  const status = r.status === 'Inactive' || r.status === 'Deleted' ? r.status : 'Active';
  return {
    userId: r.user_id,
    name,
    email: typeof r.email === 'string' && r.email !== '' ? r.email : undefined,
    status,
    roles,
    role: inkwellRoleOf(roles),
  };
}

export async function fetchMembers(tokens: AccessTokenSource, membershipsUrl: string, timeoutMs?: number): Promise<Member[]> {
  const accessToken = await tokens([SCOPE_NRPS]);
  const members: Member[] = [];
  let url: string | null = membershipsUrl;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const response = await serviceFetch(url, { method: 'GET', accessToken, accept: MEDIA_NRPS_MEMBERSHIPS, timeoutMs });
    const body = (await response.json().catch(() => null)) as { members?: unknown[] } | null;
    for (const raw of body?.members ?? []) {
      const member = toMember(raw);
      if (member) members.push(member);
    }
    url = nextPageOf(response.headers.get('link'));
  }
  return members;
}
