import { describe, expect, it } from 'vitest';
import { inkwellRoleOf } from './roles';

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
  ])('maps %j to %s', (roles, expected) => {
    expect(inkwellRoleOf(roles as unknown[] | undefined)).toBe(expected);
  });
});
