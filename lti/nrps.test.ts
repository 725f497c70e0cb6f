import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMembers } from './nrps';

let server: Server;
let base: string;
const seen: { auth?: string; ua?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ auth: req.headers.authorization, ua: req.headers['user-agent'] });
    const page = new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? '1';
    res.setHeader('Content-Type', 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json');
    if (page === '1') {
      res.setHeader('Link', `<${base}/members?page=2>; rel="next"`);
      res.end(JSON.stringify({ members: [{ user_id: 'a', given_name: 'Ada', family_name: 'L', roles: ['Learner'] }, { name: 'no id' }] }));
    } else {
      res.end(JSON.stringify({ members: [{ user_id: 't', name: 'Teacher', roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'], status: 'Inactive' }] }));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('fetchMembers', () => {
  it('follows next links, skips members without an id and maps roles', async () => {
    const members = await fetchMembers(async () => 'token-1', `${base}/members?page=1`);
    expect(members).toEqual([
      { userId: 'a', name: 'Ada L', email: undefined, status: 'Active', roles: ['Learner'], role: 'student' },
      {
        userId: 't',
        name: 'Teacher',
        email: undefined,
        status: 'Inactive',
        roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'],
        role: 'instructor',
      },
    ]);
    expect(seen.every((s) => s.auth === 'Bearer token-1' && /Inkwell/.test(s.ua ?? ''))).toBe(true);
  });
});
