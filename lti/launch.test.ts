import type { LtijsToken } from 'ltijs';
import { describe, expect, it } from 'vitest';
import { SCOPE_AGS_LINEITEM, SCOPE_AGS_SCORE } from './claims';
import { LtiLaunchError } from './errors';
import { canPostScores, toLaunchContext } from './launch';

function token(overrides: Partial<LtijsToken['platformContext']> = {}, top: Partial<LtijsToken> = {}): LtijsToken {
  return {
    iss: 'https://lms.example',
    user: 'user-1',
    clientId: 'client-1',
    deploymentId: 'dep-1',
    userInfo: { given_name: 'Ada', family_name: 'Lovelace' },
    platformInfo: { product_family_code: 'Canvas', name: 'Example LMS' },
    platformContext: {
      contextId: 'ctx',
      user: 'user-1',
      messageType: 'LtiResourceLinkRequest',
      resource: { id: 'rl-1', title: 'Essay' },
      context: { id: 'course-1', title: 'History' },
      roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
      endpoint: { scope: [SCOPE_AGS_SCORE], lineitem: 'https://lms.example/li/1' },
      custom: { due: '2026-12-01', count: 3, nested: { no: true } } as Record<string, unknown>,
      ...overrides,
    },
    ...top,
  };
}

describe('toLaunchContext', () => {
  it('maps the claims Inkwell uses', () => {
    const ctx = toLaunchContext(token());
    expect(ctx).toMatchObject({
      platformIssuer: 'https://lms.example',
      clientId: 'client-1',
      deploymentId: 'dep-1',
      platformFamily: 'canvas',
      contextId: 'course-1',
      contextTitle: 'History',
      resourceLinkId: 'rl-1',
      userId: 'user-1',
      userName: 'Ada Lovelace',
      role: 'student',
      ags: { lineItemUrl: 'https://lms.example/li/1', scopes: [SCOPE_AGS_SCORE] },
      custom: { due: '2026-12-01', count: '3' },
    });
  });

  it('accepts a launch with no context, no name and no email', () => {
    const ctx = toLaunchContext(token({ context: undefined }, { userInfo: undefined }));
    expect(ctx.contextId).toBe('');
    expect(ctx.userName).toBeUndefined();
    expect(ctx.userEmail).toBeUndefined();
  });

  it('refuses a resource link launch without a resource link id', () => {
    expect(() => toLaunchContext(token({ resource: undefined }))).toThrow(LtiLaunchError);
  });

  it('has no AGS endpoint when the platform sends none', () => {
    expect(toLaunchContext(token({ endpoint: undefined })).ags).toBeUndefined();
  });
});

describe('canPostScores', () => {
  it.each([
    [{ scopes: [SCOPE_AGS_SCORE], lineItemUrl: 'x' }, true],
    [{ scopes: [SCOPE_AGS_SCORE, SCOPE_AGS_LINEITEM], lineItemsUrl: 'x' }, true],
    [{ scopes: [SCOPE_AGS_SCORE], lineItemsUrl: 'x' }, false],
    [{ scopes: [SCOPE_AGS_LINEITEM], lineItemUrl: 'x' }, false],
    [undefined, false],
  ])('%j → %s', (ags, expected) => {
    expect(canPostScores(ags)).toBe(expected);
  });

  describe('URLs from the platform (issue #11, item 5)', () => {
    const production = { requireHttps: true, allowHttpLoopback: false };
    const deepLinking = (url: string) =>
      token({ messageType: 'LtiDeepLinkingRequest', resource: undefined, deepLinkingSettings: { deep_link_return_url: url } } as Partial<
        LtijsToken['platformContext']
      >);

    it.each(['javascript:alert(document.domain)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', 'ftp://lms.example/x'])(
      'refuses a deep linking request whose deep_link_return_url is %j',
      (url) => {
        expect(() => toLaunchContext(deepLinking(url))).toThrow(LtiLaunchError);
      },
    );

    it('refuses an http deep_link_return_url in production, and keeps an https one', () => {
      expect(() => toLaunchContext(deepLinking('http://lms.example/return'), production)).toThrow(LtiLaunchError);
      expect(toLaunchContext(deepLinking('https://lms.example/return'), production).deepLinking?.returnUrl).toBe('https://lms.example/return');
    });

    it('drops a return_url that is not http(s) (https in production)', () => {
      const withReturn = (url: string) => token({ launchPresentation: { return_url: url } } as Partial<LtijsToken['platformContext']>);
      expect(toLaunchContext(withReturn('javascript:alert(1)')).returnUrl).toBeUndefined();
      expect(toLaunchContext(withReturn('http://lms.example/back'), production).returnUrl).toBeUndefined();
      expect(toLaunchContext(withReturn('https://lms.example/back'), production).returnUrl).toBe('https://lms.example/back');
    });
  });
});
