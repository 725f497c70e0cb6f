/**
 * 1EdTech LTI 1.3 core certification, "known bad payloads": each id_token
 * below must be refused with a 401/403, the friendly page and the precise
 * reason in the log. The emulator signs with its real key unless the case is
 * about the signature.
 * @see https://www.imsglobal.org/spec/lti/v1p3/cert#known-bad-payloads
 */
import { createPublicKey } from 'node:crypto';
import { SignJWT, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { CLAIM } from '../../emulator';
import { loginAndAuthorize, postIdToken } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';
import { LINK, STUDENT, expectRefused, nowSeconds, tamperedLaunch } from './certification';

let inkwell: RunningInkwell;

beforeAll(async () => {
  inkwell = await startInkwell();
});

afterAll(async () => {
  await inkwell?.stop();
});

describe('signature and key', () => {
  it('refuses "No KID Sent in JWT header"', async () => {
    const result = await tamperedLaunch(inkwell, (_claims, header) => {
      delete header.kid;
    });
    await expectRefused(inkwell, result, 401, /kid: the id_token header has no kid/);
  });

  it('refuses "Incorrect KID in JWT header" (a kid the platform JWKS does not have)', async () => {
    const result = await tamperedLaunch(inkwell, (_claims, header) => {
      header.kid = 'no-such-kid';
    });
    await expectRefused(inkwell, result, 401, /kid: no key with this kid/);
  });

  it('refuses "Invalid signature" (signed with a key that is not the platform\'s)', async () => {
    const result = await tamperedLaunch(inkwell, () => ({ signWith: 'other-key' }));
    await expectRefused(inkwell, result, 401, /signature verification failed/);
  });

  it('refuses "alg: none" (an unsigned JWT)', async () => {
    const result = await tamperedLaunch(inkwell, () => ({ signWith: 'none' }));
    await expectRefused(inkwell, result, 401, /alg: none is not allowed/);
  });

  it('refuses "alg: HS256" keyed with the platform\'s public key', async () => {
    const { cookie, form } = await loginAndAuthorize(inkwell.platform, { userId: STUDENT, resourceLinkId: LINK });
    const claims = decodeJwt(form.fields.id_token!);
    const jwks = (await (await fetch(inkwell.platform.jwksUrl)).json()) as { keys: Record<string, unknown>[] };
    const pem = createPublicKey({ key: jwks.keys[0]!, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: inkwell.platform.kid })
      .sign(new TextEncoder().encode(pem));
    const result = await postIdToken(form.action, { ...form.fields, id_token: forged }, cookie);
    await expectRefused(inkwell, result, 401, /alg: HS256 is not allowed/);
  });
});

describe('LTI message', () => {
  it('refuses "Wrong LTI Version"', async () => {
    const result = await tamperedLaunch(inkwell, (claims) => {
      claims[CLAIM.version] = '1.2.0';
    });
    await expectRefused(inkwell, result, 401, /version: LTI version "1.2.0" is not 1.3.0/);
  });

  it('refuses "No LTI Version"', async () => {
    const result = await tamperedLaunch(inkwell, (claims) => {
      delete claims[CLAIM.version];
    });
    await expectRefused(inkwell, result, 401, /version: the LTI version claim is missing/);
  });

  it('refuses "Invalid LTI message" (a JWT that is not an LTI message)', async () => {
    const result = await tamperedLaunch(inkwell, (claims) => {
      for (const key of Object.keys(claims)) {
        if (!['iss', 'aud', 'sub', 'exp', 'iat', 'nonce'].includes(key)) delete claims[key];
      }
    });
    await expectRefused(inkwell, result, 401, /not an LTI message/);
  });

  it('refuses "Missing LTI Claims": no message_type', async () => {
    const result = await tamperedLaunch(inkwell, (claims) => {
      delete claims[CLAIM.messageType];
    });
    await expectRefused(inkwell, result, 401, /message_type: missing/);
  });

  it('refuses "Missing LTI Claims": no roles claim', async () => {
    const result = await tamperedLaunch(inkwell, (claims) => {
      delete claims[CLAIM.roles];
    });
    await expectRefused(inkwell, result, 401, /roles: the roles claim is missing/);
  });

  it('refuses "Missing LTI Claims": no deployment_id', async () => {
    const result = await tamperedLaunch(inkwell, (claims) => {
      delete claims[CLAIM.deploymentId];
    });
    await expectRefused(inkwell, result, 401, /deployment_id: missing/);
  });

  it('refuses "Missing LTI Claims": no resource_link id', async () => {
    const result = await tamperedLaunch(inkwell, (claims) => {
      claims[CLAIM.resourceLink] = { title: 'No id' };
    });
    await expectRefused(inkwell, result, 401, /resource_link\.id: missing/);
  });

  it('refuses "Timestamps Incorrect": an expired exp', async () => {
    const result = await tamperedLaunch(inkwell, (claims) => {
      claims.iat = nowSeconds() - 60;
      claims.exp = nowSeconds() - 3600;
    });
    await expectRefused(inkwell, result, 401, /exp: .*timestamp check failed/);
  });

  it('refuses "Timestamps Incorrect": iat far in the future', async () => {
    const result = await tamperedLaunch(inkwell, (claims) => {
      claims.iat = nowSeconds() + 3600;
      claims.exp = nowSeconds() + 3900;
    });
    await expectRefused(inkwell, result, 401, /iat: .*in the past/);
  });
});

describe('OIDC claims', () => {
  it('refuses "Missing iss"', async () => {
    const result = await tamperedLaunch(inkwell, (claims) => {
      delete claims.iss;
    });
    await expectRefused(inkwell, result, 401, /iss: missing/);
  });

  it('refuses "Missing aud"', async () => {
    const result = await tamperedLaunch(inkwell, (claims) => {
      delete claims.aud;
    });
    await expectRefused(inkwell, result, 401, /aud: missing/);
  });

  it('refuses "Missing sub"', async () => {
    const result = await tamperedLaunch(inkwell, (claims) => {
      delete claims.sub;
    });
    await expectRefused(inkwell, result, 401, /sub: missing/);
  });

  it('refuses an aud that is not our client_id', async () => {
    const result = await tamperedLaunch(inkwell, (claims) => {
      claims.aud = 'some-other-tool';
      claims.azp = 'some-other-tool';
    });
    await expectRefused(inkwell, result, 401, /aud: some-other-tool does not include our client_id/);
  });

  it('refuses an azp that is not our client_id when aud is an array', async () => {
    const result = await tamperedLaunch(inkwell, (claims) => {
      claims.aud = [inkwell.platform.clientId, 'some-other-tool'];
      claims.azp = 'some-other-tool';
    });
    await expectRefused(inkwell, result, 401, /azp: some-other-tool is not our client_id while aud lists several audiences/);
  });

  it('refuses a missing azp when aud is an array', async () => {
    const result = await tamperedLaunch(inkwell, (claims) => {
      claims.aud = [inkwell.platform.clientId, 'some-other-tool'];
      delete claims.azp;
    });
    await expectRefused(inkwell, result, 401, /azp: missing is not our client_id/);
  });
});

describe('deployment', () => {
  it('refuses an unknown deployment_id', async () => {
    const result = await tamperedLaunch(inkwell, (claims) => {
      claims[CLAIM.deploymentId] = 'deployment-nobody-added';
    });
    await expectRefused(inkwell, result, 403, /unknown deployment_id deployment-nobody-added/);
    expectNoSessionLeak(result.body);
  });
});

function expectNoSessionLeak(body: string): void {
  if (body.includes('session=') || body.includes('ticket=')) throw new Error('a refused launch must not carry a session');
}
