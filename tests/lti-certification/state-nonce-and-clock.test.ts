/**
 * The OIDC half of certification: state and nonce are single-use and belong
 * to the login that issued them, an id_token cannot ride on another
 * platform's login, and real clocks (a minute off) still work.
 * @see https://www.imsglobal.org/spec/security/v1p0/#authentication-response-validation
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../emulator';
import { launch, loginAndAuthorize, postIdToken } from '../support/lti-client';
import { registerPlatformWithCli, startInkwell, type RunningInkwell } from '../support/inkwell-server';
import { INSTRUCTOR, LINK, STUDENT, expectAccepted, expectRefused, nowSeconds, tamperedLaunch } from './certification';

let inkwell: RunningInkwell;
let platformB: Platform;

beforeAll(async () => {
  inkwell = await startInkwell();
  platformB = await startPlatform({ toolBaseUrl: inkwell.baseUrl, host: '127.0.0.1', clientId: 'inkwell-at-b' });
  registerPlatformWithCli(inkwell.env, platformB);
});

afterAll(async () => {
  await platformB?.close();
  await inkwell?.stop();
});

describe('state', () => {
  it('refuses a launch with no state', async () => {
    const { cookie, form } = await loginAndAuthorize(inkwell.platform, { userId: STUDENT, resourceLinkId: LINK });
    const result = await postIdToken(form.action, { id_token: form.fields.id_token! }, cookie);
    await expectRefused(inkwell, result, 401, /state missing/);
  });

  it('refuses a launch with a wrong state', async () => {
    const { cookie, form } = await loginAndAuthorize(inkwell.platform, { userId: STUDENT, resourceLinkId: LINK });
    const result = await postIdToken(form.action, { ...form.fields, state: 'f'.repeat(64) }, cookie);
    await expectRefused(inkwell, result, 401, /unknown, expired or already used state/);
  });

  it('refuses a state whose browser binding (the state cookie) never came back', async () => {
    const { form } = await loginAndAuthorize(inkwell.platform, { userId: STUDENT, resourceLinkId: LINK });
    const result = await postIdToken(form.action, form.fields, '');
    await expectRefused(inkwell, result, 401, /state cookie missing/);
    // Not a bare error: the student is offered a new window.
    expect(result.body).toContain('Open Inkwell in a new window');
  });

  it('refuses a state presented with the cookie of another login (bound to the login that issued it)', async () => {
    const first = await loginAndAuthorize(inkwell.platform, { userId: STUDENT, resourceLinkId: LINK });
    const second = await loginAndAuthorize(inkwell.platform, { userId: STUDENT, resourceLinkId: LINK });
    const otherCookie = second.cookie.replace(/inkwell_state_[0-9a-f]+=/, `inkwell_state_${first.form.fields.state}=`);
    const result = await postIdToken(first.form.action, first.form.fields, otherCookie);
    await expectRefused(inkwell, result, 401, /state does not belong to this browser/);
  });

  it('uses a state once: the same launch posted twice is refused the second time (replayed launch)', async () => {
    const { cookie, form } = await loginAndAuthorize(inkwell.platform, { userId: STUDENT, resourceLinkId: LINK });
    expectAccepted(await postIdToken(form.action, form.fields, cookie), 'student');
    const replay = await postIdToken(form.action, form.fields, cookie);
    await expectRefused(inkwell, replay, 401, /unknown, expired or already used state/);
  });

  it('refuses "an id_token from platform A presented with platform B\'s state"', async () => {
    const fromB = await loginAndAuthorize(platformB, { userId: STUDENT, resourceLinkId: LINK });
    const fromA = await loginAndAuthorize(inkwell.platform, { userId: STUDENT, resourceLinkId: LINK });
    const result = await postIdToken(fromB.form.action, { id_token: fromA.form.fields.id_token!, state: fromB.form.fields.state! }, fromB.cookie);
    await expectRefused(inkwell, result, 401, /iss: the id_token is from .* but the state was issued for a login from/);
  });

  it('still launches from platform B with its own state', async () => {
    expectAccepted(await launch(platformB, { userId: STUDENT, resourceLinkId: LINK }), 'student');
  });
});

describe('nonce', () => {
  it('refuses "a reused nonce": an accepted id_token replayed on a fresh login', async () => {
    expectAccepted(await launch(inkwell.platform, { userId: STUDENT, resourceLinkId: LINK }), 'student');
    const used = inkwell.platform.issuedIdTokens.at(-1)!;
    const fresh = await loginAndAuthorize(inkwell.platform, { userId: STUDENT, resourceLinkId: LINK });
    const result = await postIdToken(fresh.form.action, { id_token: used.idToken, state: fresh.form.fields.state! }, fresh.cookie);
    await expectRefused(inkwell, result, 401, /nonce: does not match the login/);
  });

  it('refuses a nonce that is not the one its login sent', async () => {
    const result = await tamperedLaunch(inkwell, (claims) => {
      claims.nonce = 'a-nonce-chosen-by-an-attacker';
    });
    await expectRefused(inkwell, result, 401, /nonce: does not match the login/);
  });

  it('refuses a missing nonce', async () => {
    const result = await tamperedLaunch(inkwell, (claims) => {
      delete claims.nonce;
    });
    await expectRefused(inkwell, result, 401, /nonce: missing/);
  });
});

describe('clock skew', () => {
  it('accepts a platform clock a minute ahead (iat 60 s in our future)', async () => {
    const result = await tamperedLaunch(inkwell, (claims) => {
      claims.iat = nowSeconds() + 60;
      claims.exp = nowSeconds() + 60 + 300;
    });
    expectAccepted(result, 'student');
  });

  it('accepts a platform clock a minute behind', async () => {
    const result = await tamperedLaunch(
      inkwell,
      (claims) => {
        claims.iat = nowSeconds() - 60;
        claims.exp = nowSeconds() - 60 + 300;
      },
      INSTRUCTOR,
    );
    expectAccepted(result, 'instructor');
  });

  it('accepts a platform clock a minute behind with a 60-second id_token lifetime (Moodle issues exp = iat + 60)', async () => {
    const result = await tamperedLaunch(inkwell, (claims) => {
      claims.iat = nowSeconds() - 61;
      claims.exp = nowSeconds() - 1;
    });
    expectAccepted(result, 'student');
  });
});
