import { describe, expect, it } from 'vitest';
import { inkwellRoleDecision, inkwellRoleOf } from './roles';

const INSTITUTION = 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#';
const SYSTEM = 'http://purl.imsglobal.org/vocab/lis/v2/system/person#';
const MEMBERSHIP = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';

describe('inkwellRoleOf', () => {
  it.each([
    [['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'], 'instructor'],
    [['Instructor'], 'instructor'],
    [['TeachingAssistant'], 'instructor'],
    [['http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper'], 'instructor'],
    [['http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator'], 'instructor'],
    [['http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator'], 'instructor'],
    [['http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant'], 'instructor'],
    [['http://purl.imsglobal.org/vocab/lis/v2/membership/Learner#Learner'], 'student'],
    [['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner', 'Instructor'], 'instructor'],
    [['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'], 'student'],
    [['Learner'], 'student'],
    [['http://example.com/roles#Wizard'], 'student'],
    [[], 'student'],
    [undefined, 'student'],
    [[42, null], 'student'],
    // Course roles decide: institution and system roles never make a course member staff (issue #11, item 1).
    [[`${MEMBERSHIP}Learner`, `${INSTITUTION}Instructor`], 'student'],
    [['Learner', `${INSTITUTION}Instructor`], 'student'],
    [[`${MEMBERSHIP}Learner`, `${INSTITUTION}Administrator`], 'student'],
    [[`${MEMBERSHIP}Learner`, `${SYSTEM}Administrator`], 'student'],
    [[`${MEMBERSHIP}Mentor`, `${INSTITUTION}Administrator`], 'student'],
    [[`${INSTITUTION}Instructor`], 'student'],
    [[`${INSTITUTION}Faculty`], 'student'],
    [[`${SYSTEM}SysAdmin`], 'student'],
    [[`${MEMBERSHIP}TeachingAssistant`], 'instructor'],
    [['Instructor#TeachingAssistant'], 'instructor'],
    [[`${MEMBERSHIP}Administrator`], 'instructor'],
    [['ContentDeveloper'], 'instructor'],
    [['Administrator'], 'instructor'],
    [['http://purl.imsglobal.org/vocab/lis/v2/membership/Learner#Instructor'], 'student'],
    [['urn:lti:role:ims/lis/Instructor'], 'student'],
    [[''], 'student'],
  ])('maps %j to %s', (roles, expected) => {
    expect(inkwellRoleOf(roles as unknown[] | undefined)).toBe(expected);
  });
});

describe('inkwellRoleDecision', () => {
  it('says when an LMS administrator without a course role acts as instructor', () => {
    expect(inkwellRoleDecision([`${INSTITUTION}Administrator`])).toEqual({ role: 'instructor', basis: 'administrator-without-membership' });
    expect(inkwellRoleDecision([`${SYSTEM}Administrator`, 'http://example.com/roles#Wizard'])).toEqual({
      role: 'instructor',
      basis: 'administrator-without-membership',
    });
    expect(inkwellRoleDecision([`${MEMBERSHIP}Instructor`, `${INSTITUTION}Administrator`])).toEqual({ role: 'instructor', basis: 'membership' });
    expect(inkwellRoleDecision([`${MEMBERSHIP}Learner`, `${INSTITUTION}Administrator`])).toEqual({ role: 'student', basis: 'default' });
  });
});
