/**
 * 1EdTech LTI 1.3 core certification, valid launches: unusual but valid
 * id_tokens must open Inkwell, for an instructor and for a learner alike.
 * Roles decide the page: staff roles open grading, anything else the essay.
 * @see https://www.imsglobal.org/spec/lti/v1p3/cert#valid-teacher-launches
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { CLAIM, ROLE } from '../../emulator';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';
import { INSTRUCTOR, STUDENT, expectAccepted, tamperedLaunch } from './certification';

let inkwell: RunningInkwell;

beforeAll(async () => {
  inkwell = await startInkwell();
});

afterAll(async () => {
  await inkwell?.stop();
});

const people = [
  { who: 'instructor', userId: INSTRUCTOR, role: 'instructor' as const, fullRole: ROLE.instructor, shortRole: 'Instructor' },
  { who: 'learner', userId: STUDENT, role: 'student' as const, fullRole: ROLE.learner, shortRole: 'Learner' },
];

describe.each(people)('valid launches as $who', ({ userId, role, fullRole, shortRole }) => {
  it('accepts "multiple roles"', async () => {
    const result = await tamperedLaunch(
      inkwell,
      (claims) => {
        claims[CLAIM.roles] = [fullRole, 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student', 'http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor'];
      },
      userId,
    );
    expectAccepted(result, role);
  });

  it('accepts "short role names"', async () => {
    const result = await tamperedLaunch(
      inkwell,
      (claims) => {
        claims[CLAIM.roles] = [shortRole];
      },
      userId,
    );
    expectAccepted(result, role);
  });

  it('accepts "unknown roles" next to a known one', async () => {
    const result = await tamperedLaunch(
      inkwell,
      (claims) => {
        claims[CLAIM.roles] = ['http://example.edu/roles#Wizard', fullRole, 'Unheard-of'];
      },
      userId,
    );
    expectAccepted(result, role);
  });

  it('accepts "unknown roles" only, as a student (least privilege)', async () => {
    const result = await tamperedLaunch(
      inkwell,
      (claims) => {
        claims[CLAIM.roles] = ['http://example.edu/roles#Wizard'];
      },
      userId,
    );
    expectAccepted(result, 'student');
  });

  it('accepts "empty roles", as a student (least privilege)', async () => {
    const result = await tamperedLaunch(
      inkwell,
      (claims) => {
        claims[CLAIM.roles] = [];
      },
      userId,
    );
    expectAccepted(result, 'student');
  });

  it('accepts "no name and no email"', async () => {
    const result = await tamperedLaunch(
      inkwell,
      (claims) => {
        for (const key of ['name', 'given_name', 'family_name', 'middle_name', 'email', 'picture']) delete claims[key];
      },
      userId,
    );
    expectAccepted(result, role);
  });

  it('accepts "email only" (no name)', async () => {
    const result = await tamperedLaunch(
      inkwell,
      (claims) => {
        for (const key of ['name', 'given_name', 'family_name']) delete claims[key];
      },
      userId,
    );
    expectAccepted(result, role);
  });

  it('accepts "no context claim at all"', async () => {
    const result = await tamperedLaunch(
      inkwell,
      (claims) => {
        delete claims[CLAIM.context];
      },
      userId,
    );
    expectAccepted(result, role);
  });
});
