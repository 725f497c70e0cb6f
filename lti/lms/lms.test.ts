import { describe, expect, it } from 'vitest';
import { MESSAGE_DEEP_LINKING, MESSAGE_RESOURCE_LINK } from '../claims';
import { TOOL_CONFIGURATION, clientRegistration, toolDescription, toolUrls } from '../tool-configuration';
import { CUSTOM_DUE_AT, CUSTOM_LOCK_AT, GENERIC_PROFILE, PROFILES, canvasDeveloperKey, lmsProfile, lmsProfileOfOrigin, type LmsProfile } from '.';

const ALL: LmsProfile[] = [...PROFILES, GENERIC_PROFILE];
const SUBMISSION = { newSubmission: true, text: 'My essay.', submittedAt: '2026-03-01T10:00:00.000Z' };
const GRADE = { newSubmission: false, submittedAt: '2026-03-01T10:00:00.000Z' };

describe('picking an LMS profile', () => {
  it('by product family code, in any case', () => {
    expect(lmsProfile('canvas').productFamily).toBe('canvas');
    expect(lmsProfile('Canvas').productFamily).toBe('canvas');
    expect(lmsProfile('moodle').productFamily).toBe('moodle');
    expect(lmsProfile(' MOODLE ').productFamily).toBe('moodle');
  });

  it('falls back to generic for an unknown or missing family', () => {
    expect(lmsProfile('sakai')).toBe(GENERIC_PROFILE);
    expect(lmsProfile('')).toBe(GENERIC_PROFILE);
    expect(lmsProfile(undefined)).toBe(GENERIC_PROFILE);
    expect(lmsProfile(null)).toBe(GENERIC_PROFILE);
    // "generic" is the fallback's name, not a family an LMS can claim to get something else.
    expect(lmsProfile('generic')).toBe(GENERIC_PROFILE);
  });

  it('by hosted origin where only an address is known', () => {
    expect(lmsProfileOfOrigin('https://canvas.instructure.com').productFamily).toBe('canvas');
    expect(lmsProfileOfOrigin('https://school.instructure.com').productFamily).toBe('canvas');
    expect(lmsProfileOfOrigin('https://school.beta.instructure.com').productFamily).toBe('canvas');
    // Only https, and only Instructure's own domain.
    expect(lmsProfileOfOrigin('http://school.instructure.com')).toBe(GENERIC_PROFILE);
    expect(lmsProfileOfOrigin('https://instructure.com.evil.example')).toBe(GENERIC_PROFILE);
    expect(lmsProfileOfOrigin('https://notinstructure.com')).toBe(GENERIC_PROFILE);
    expect(lmsProfileOfOrigin('https://moodle.school.example')).toBe(GENERIC_PROFILE);
  });

  it('answers the same on every call (no stateful pattern)', () => {
    for (let i = 0; i < 3; i++) expect(lmsProfileOfOrigin('https://school.instructure.com').productFamily).toBe('canvas');
  });
});

describe.each(ALL.map((profile) => [profile.productFamily, profile] as const))('the %s profile provides every part', (family, profile) => {
  it('a lower-case family code of its own, which finds it', () => {
    expect(family).toMatch(/^[a-z0-9_-]+$/);
    expect(ALL.filter((p) => p.productFamily === family)).toHaveLength(1);
    if (profile !== GENERIC_PROFILE) expect(lmsProfile(family)).toBe(profile);
  });

  it('hosted origins as a pattern without state, or none', () => {
    if (profile.hostedOrigin === null) return;
    expect(profile.hostedOrigin).toBeInstanceOf(RegExp);
    expect(profile.hostedOrigin.global || profile.hostedOrigin.sticky).toBe(false);
    expect(profile.hostedOrigin.source.startsWith('^')).toBe(true);
    expect(profile.hostedOrigin.source.endsWith('$')).toBe(true);
  });

  it('what the registration must contain', () => {
    const { registration } = profile;
    for (const [messageType, placements] of Object.entries(registration.messagePlacements)) {
      expect([MESSAGE_DEEP_LINKING, MESSAGE_RESOURCE_LINK]).toContain(messageType);
      expect(placements.length).toBeGreaterThan(0);
      for (const placement of placements) expect(placement).toMatch(/^\S+$/);
    }
    // Extensions of the tool configuration are named by URL, so they never clash with the spec's fields.
    for (const key of Object.keys(registration.toolConfiguration)) expect(key).toMatch(/^https:\/\//);
    expect(registration.endpointHostsOf('https://lms.example')).toEqual([]);
    expect(registration.nextStep.length).toBeGreaterThan(20);
    for (const source of registration.dialogFrameAncestors) expect(source).toMatch(/^https:\/\/(\*\.)?[a-z0-9.-]+$/);
  });

  it('what a score carries besides the spec’s fields', () => {
    for (const submission of [SUBMISSION, GRADE]) {
      const extensions = profile.gradebook.scoreExtensions(submission);
      for (const key of Object.keys(extensions)) expect(key).toMatch(/^https:\/\//);
    }
  });

  it('which custom parameters to ask for', () => {
    for (const [name, variable] of Object.entries(profile.customParameters)) {
      expect(name).toMatch(/^[a-z_]+$/);
      expect(variable).toMatch(/^\$/);
    }
  });

  it('a registration that keeps the spec’s own fields', () => {
    const body = clientRegistration(toolUrls('https://inkwell.example'), { productFamily: family });
    const toolConfiguration = body[TOOL_CONFIGURATION] as Record<string, unknown>;
    expect(toolConfiguration).toMatchObject({ domain: 'inkwell.example', target_link_uri: 'https://inkwell.example/lti/launch' });
    const messages = toolConfiguration.messages as { type: string; placements?: string[] }[];
    expect(messages.map((m) => m.type)).toEqual([MESSAGE_DEEP_LINKING, MESSAGE_RESOURCE_LINK]);
    for (const message of messages) expect(message.placements).toEqual(profile.registration.messagePlacements[message.type]);
  });
});

describe('Canvas', () => {
  const canvas = lmsProfile('canvas');

  it('registers with placements and its privacy level', () => {
    const body = clientRegistration(toolUrls('https://inkwell.example'), { productFamily: 'canvas' });
    const toolConfiguration = body[TOOL_CONFIGURATION] as Record<string, unknown>;
    expect(toolConfiguration['https://canvas.instructure.com/lti/privacy_level']).toBe('public');
    expect(toolConfiguration.messages).toEqual([
      expect.objectContaining({ type: MESSAGE_DEEP_LINKING, placements: ['assignment_selection', 'link_selection'] }),
      expect.objectContaining({ type: MESSAGE_RESOURCE_LINK, placements: ['link_selection'] }),
    ]);
  });

  it('trusts Canvas Cloud’s SSO host for its endpoints, and nothing for a self-hosted Canvas', () => {
    expect(canvas.registration.endpointHostsOf('https://canvas.instructure.com')).toEqual(['sso.canvaslms.com']);
    expect(canvas.registration.endpointHostsOf('https://canvas.beta.instructure.com')).toEqual(['sso.beta.canvaslms.com']);
    expect(canvas.registration.endpointHostsOf('https://canvas.test.instructure.com')).toEqual(['sso.test.canvaslms.com']);
    expect(canvas.registration.endpointHostsOf('https://school.instructure.com')).toEqual([]);
    expect(canvas.registration.endpointHostsOf('https://canvas.school.example')).toEqual([]);
  });

  it('lets any *.instructure.com host frame the registration dialog whose opener is unknown', () => {
    expect(canvas.registration.dialogFrameAncestors).toEqual(['https://*.instructure.com']);
  });

  it('sends the submission extension: the text with a new submission, only its time with a grade', () => {
    expect(canvas.gradebook.scoreExtensions(SUBMISSION)).toEqual({
      'https://canvas.instructure.com/lti/submission': {
        new_submission: true,
        submission_type: 'online_text_entry',
        submission_data: 'My essay.',
        submitted_at: '2026-03-01T10:00:00.000Z',
      },
    });
    expect(canvas.gradebook.scoreExtensions(GRADE)).toEqual({
      'https://canvas.instructure.com/lti/submission': {
        new_submission: false,
        submission_type: 'online_text_entry',
        submitted_at: '2026-03-01T10:00:00.000Z',
      },
    });
  });

  it('asks for the assignment’s due and lock dates, in the developer key too', () => {
    expect(canvas.customParameters).toEqual({
      [CUSTOM_DUE_AT]: '$Canvas.assignment.dueAt.iso8601',
      [CUSTOM_LOCK_AT]: '$Canvas.assignment.lockAt.iso8601',
    });
    const key = canvasDeveloperKey(toolDescription(toolUrls('https://inkwell.example/')));
    expect(key.custom_fields).toEqual(canvas.customParameters);
    expect(key).toMatchObject({ oidc_initiation_url: 'https://inkwell.example/lti/login', public_jwk_url: 'https://inkwell.example/lti/keys' });
  });
});

describe('Moodle and any other LMS', () => {
  it.each(['moodle', 'sakai', undefined])('get no Canvas extensions (%s)', (family) => {
    const profile = lmsProfile(family);
    const body = clientRegistration(toolUrls('https://inkwell.example'), { productFamily: family });
    expect(JSON.stringify(body)).not.toContain('instructure');
    expect(profile.gradebook.scoreExtensions(SUBMISSION)).toEqual({});
    expect(profile.customParameters).toEqual({});
    expect(profile.registration.dialogFrameAncestors).toEqual([]);
  });

  it('tells a Moodle admin to activate the tool, anyone else to finish in their LMS', () => {
    expect(lmsProfile('moodle').registration.nextStep).toMatch(/activate the new tool/);
    expect(GENERIC_PROFILE.registration.nextStep).toMatch(/^Finish in your LMS/);
  });
});
