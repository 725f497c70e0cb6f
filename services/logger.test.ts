import { describe, expect, it } from 'vitest';
import { safeUrl } from './logger';

describe('safeUrl', () => {
  it('blanks the values of query parameters that carry credentials and keeps the rest', () => {
    expect(safeUrl('/essay?ticket=abc123&view=history')).toBe('/essay?ticket=[Redacted]&view=history');
    expect(safeUrl('/lti/register?link=tok&openid_configuration=https%3A%2F%2Flms&registration_token=rt')).toBe(
      '/lti/register?link=[Redacted]&openid_configuration=https%3A%2F%2Flms&registration_token=[Redacted]',
    );
    // A fragment is dropped: it never reaches a server, and a page may keep a secret in it.
    expect(safeUrl('https://inkwell.example/lti/launch?id_token=x.y.z&state=s#frag')).toBe(
      'https://inkwell.example/lti/launch?id_token=[Redacted]&state=[Redacted]',
    );
  });

  it('matches parameter names without regard to case or encoding', () => {
    expect(safeUrl('/x?TICKET=a&%74oken=b')).toBe('/x?TICKET=[Redacted]&%74oken=[Redacted]');
  });

  it('leaves a URL without a query alone', () => {
    expect(safeUrl('/api/essay/draft')).toBe('/api/essay/draft');
  });
});
