import { describe, expect, it } from 'vitest';
import { CLAIM_CONTEXT, CLAIM_DEPLOYMENT_ID, CLAIM_MESSAGE_TYPE, CLAIM_RESOURCE_LINK, CLAIM_ROLES, CLAIM_VERSION } from './claims';
import { checkLtiClaims, toLtijsToken } from './launch-validation';

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = {
    iss: 'https://lms.example',
    sub: 'u1',
    aud: 'client-1',
    [CLAIM_VERSION]: '1.3.0',
    [CLAIM_MESSAGE_TYPE]: 'LtiResourceLinkRequest',
    [CLAIM_DEPLOYMENT_ID]: 'd1',
    [CLAIM_ROLES]: [],
    [CLAIM_RESOURCE_LINK]: { id: 'rl1' },
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete base[key];
    else base[key] = value;
  }
  return base;
}

describe('checkLtiClaims', () => {
  it('accepts a minimal resource link launch with an empty role list', () => {
    expect(() => checkLtiClaims(claims())).not.toThrow();
  });

  it.each([
    ['version missing', { [CLAIM_VERSION]: undefined }, /version: the LTI version claim is missing/],
    ['version 1.1', { [CLAIM_VERSION]: '1.1' }, /is not 1\.3\.0/],
    ['message_type missing', { [CLAIM_MESSAGE_TYPE]: undefined }, /message_type: missing/],
    ['message_type unknown', { [CLAIM_MESSAGE_TYPE]: 'LtiSubmissionReviewRequest' }, /is not supported/],
    ['not LTI at all', { [CLAIM_VERSION]: undefined, [CLAIM_MESSAGE_TYPE]: undefined }, /not an LTI message/],
    ['sub empty', { sub: ' ' }, /sub: missing/],
    ['deployment missing', { [CLAIM_DEPLOYMENT_ID]: undefined }, /deployment_id: missing/],
    ['roles not an array', { [CLAIM_ROLES]: 'Learner' }, /roles: the roles claim is missing/],
    ['resource link without id', { [CLAIM_RESOURCE_LINK]: { title: 'x' } }, /resource_link\.id: missing/],
  ])('refuses %s', (_name, overrides, reason) => {
    expect(() => checkLtiClaims(claims(overrides))).toThrow(reason);
  });

  it('does not ask a deep linking request for a resource link', () => {
    expect(() => checkLtiClaims(claims({ [CLAIM_MESSAGE_TYPE]: 'LtiDeepLinkingRequest', [CLAIM_RESOURCE_LINK]: undefined }))).not.toThrow();
  });
});

describe('toLtijsToken', () => {
  it('keeps only the personal data Inkwell uses', () => {
    const token = toLtijsToken(
      claims({ name: 'Ada', email: 'ada@example.edu', picture: 'https://x/p.png', phone_number: '123', [CLAIM_CONTEXT]: { id: 'c1' } }),
      'client-1',
    );
    expect(token.userInfo).toEqual({ name: 'Ada', email: 'ada@example.edu', given_name: undefined, family_name: undefined });
    expect(JSON.stringify(token)).not.toContain('phone');
    expect(JSON.stringify(token)).not.toContain('p.png');
    expect(token.platformContext.context).toEqual({ id: 'c1' });
  });
});
