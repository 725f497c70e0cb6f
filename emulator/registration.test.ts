/**
 * LTI Dynamic Registration against the emulator, Moodle and Canvas flavours: the test plays the
 * tool (its registration request, its JWKS, its side of the OIDC launch and client-credentials
 * assertions) over real HTTP and real RSA keys.
 */
import { randomUUID } from 'node:crypto';
import {
  createRemoteJWKSet,
  decodeJwt,
  jwtVerify,
  SignJWT,
} from 'jose';
import { makeToolKey, startFakeTool, type FakeTool } from './fake-tool';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLAIM,
  parseAutoSubmitForm,
  REGISTRATION,
  SCOPE,
  startPlatform,
  type ClientRegistrationRequest,
  type Flavour,
  type LtiToolConfiguration,
  type Platform,
} from './index';

const ADA = 'student-ada';
const ESSAY = 'rl-essay-1';
const TOOL_CONFIG = REGISTRATION.toolConfiguration;
const CANVAS = REGISTRATION.canvasExtensionPrefix;

// ---- a fake tool: a JWKS made with jose, and the registration it would send -----------------------





const TOOL_SCOPES = [SCOPE.lineItem, SCOPE.resultReadonly, SCOPE.score, SCOPE.nrps];

/** A registration each flavour accepts, as Inkwell would send it. */
function registrationBody(
  flavour: Flavour,
  config: Partial<LtiToolConfiguration> = {},
  fields: Partial<ClientRegistrationRequest> = {},
): ClientRegistrationRequest {
  const base = tool.baseUrl;
  const canvas = flavour === 'canvas';
  return {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: `${base}/lti/login`,
    redirect_uris: [`${base}/lti/launch`],
    client_name: 'Inkwell',
    jwks_uri: tool.jwksUri,
    logo_uri: `${base}/logo.svg`,
    token_endpoint_auth_method: 'private_key_jwt',
    scope: ['openid', ...TOOL_SCOPES].join(' '),
    [TOOL_CONFIG]: {
      domain: tool.domain,
      target_link_uri: `${base}/lti/launch`,
      description: 'Essay assignments with rubric grading',
      claims: ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'],
      messages: [
        {
          type: 'LtiResourceLinkRequest',
          target_link_uri: `${base}/lti/launch`,
          label: 'Inkwell',
          ...(canvas ? { placements: ['assignment_edit'], [`${CANVAS}display_type`]: 'full_width_in_context' } : {}),
        },
        {
          type: 'LtiDeepLinkingRequest',
          target_link_uri: `${base}/lti/deep-link`,
          label: 'Add an Inkwell essay',
          ...(canvas ? { placements: ['assignment_selection', 'link_selection'] } : {}),
        },
      ],
      ...(canvas ? { [`${CANVAS}privacy_level`]: 'public' } : {}),
      ...config,
    },
    ...fields,
  };
}

function register(platform: Platform, body: unknown, token?: string | null): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const bearer = token === undefined ? platform.createRegistrationToken() : token;
  if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
  return fetch(platform.registrationEndpoint, { method: 'POST', headers, body: JSON.stringify(body) });
}

interface RegistrationResponse extends ClientRegistrationRequest {
  client_id: string;
  [TOOL_CONFIG]: LtiToolConfiguration & { deployment_id: string };
}

async function registerOk(
  platform: Platform,
  body = registrationBody(platform.flavour),
): Promise<RegistrationResponse> {
  const response = await register(platform, body);
  expect(response.status).toBe(200);
  return (await response.json()) as RegistrationResponse;
}

function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The tool's answer to a login initiation: the authorization request it sends to /auth. */
function authParams(login: Record<string, string>, redirectUri: string, extra: Record<string, string> = {}) {
  return {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: login.client_id!,
    redirect_uri: redirectUri,
    login_hint: login.login_hint!,
    lti_message_hint: login.lti_message_hint!,
    nonce: randomUUID(),
    state: randomUUID(),
    ...extra,
  };
}

async function clientAssertion(platform: Platform, clientId: string, aud = platform.tokenEndpoint): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid: tool.key.kid })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(aud)
    .setIssuedAt()
    .setExpirationTime('5m')
    .setJti(randomUUID())
    .sign(tool.key.privateKey);
}

async function tokenRequest(platform: Platform, assertion: string, scope: string): Promise<Response> {
  return postForm(platform.tokenEndpoint, {
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
    scope,
  });
}

let tool: FakeTool;
const platforms: Platform[] = [];

async function platformFor(flavour: Flavour): Promise<Platform> {
  // toolBaseUrl is the built-in client's tool; registered clients bring their own URLs.
  const platform = await startPlatform({ toolBaseUrl: 'http://127.0.0.1:9', flavour });
  platforms.push(platform);
  return platform;
}

beforeAll(async () => {
  tool = await startFakeTool('/.well-known/jwks.json');
});

afterAll(async () => {
  await Promise.all(platforms.map((platform) => platform.close()));
  await tool.close();
});

// ---- OpenID configuration -------------------------------------------------------------------------

describe('OpenID configuration', () => {
  let moodle: Platform;
  let canvas: Platform;
  beforeAll(async () => {
    [moodle, canvas] = await Promise.all([platformFor('moodle'), platformFor('canvas')]);
  });

  it('is served under the issuer at /.well-known/openid-configuration', async () => {
    expect(moodle.openidConfigurationUrl).toBe(`${moodle.issuer}/.well-known/openid-configuration`);
    const response = await fetch(moodle.openidConfigurationUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const config = (await response.json()) as Record<string, unknown>;
    expect(new URL(moodle.openidConfigurationUrl).origin).toBe(config.issuer);
    expect(config).toMatchObject({
      issuer: moodle.issuer,
      authorization_endpoint: moodle.authorizationEndpoint,
      token_endpoint: moodle.tokenEndpoint,
      jwks_uri: moodle.jwksUrl,
      registration_endpoint: `${moodle.issuer}/registration`,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public', 'pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      [REGISTRATION.platformConfiguration]: {
        product_family_code: 'moodle',
        version: expect.any(String),
        messages_supported: [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest' }],
      },
    });
    expect(config.scopes_supported).toEqual([
      'openid',
      SCOPE.lineItem,
      SCOPE.lineItemReadonly,
      SCOPE.resultReadonly,
      SCOPE.score,
      SCOPE.nrps,
    ]);
    expect(config.claims_supported).toEqual(expect.arrayContaining(['iss', 'sub', 'name', 'email']));
    expect(config).not.toHaveProperty('authorization_server');
    expect(moodle.registrationEndpoint).toBe(config.registration_endpoint);
  });

  it('names Canvas and its authorization server in the Canvas flavour', async () => {
    const config = (await (await fetch(canvas.openidConfigurationUrl)).json()) as Record<string, unknown>;
    expect(config[REGISTRATION.platformConfiguration]).toMatchObject({ product_family_code: 'canvas' });
    expect(config.authorization_server).toBe(canvas.authorizationServer);
    expect(typeof config.authorization_server).toBe('string');
  });

  it('serves a tampered configuration on request, and the real one again after null', async () => {
    moodle.setOpenidConfigurationOverride({ issuer: 'https://lms.attacker.example', registration_endpoint: undefined });
    const tampered = (await (await fetch(moodle.openidConfigurationUrl)).json()) as Record<string, unknown>;
    expect(tampered.issuer).toBe('https://lms.attacker.example');
    expect(tampered).not.toHaveProperty('registration_endpoint');
    expect(tampered.token_endpoint).toBe(moodle.tokenEndpoint);
    expect(moodle.openidConfiguration()).toEqual(tampered);

    moodle.setOpenidConfigurationOverride(null);
    const real = (await (await fetch(moodle.openidConfigurationUrl)).json()) as Record<string, unknown>;
    expect(real.issuer).toBe(moodle.issuer);
    expect(real.registration_endpoint).toBe(moodle.registrationEndpoint);
  });
});

// ---- registration tokens --------------------------------------------------------------------------

describe('registration tokens', () => {
  let moodle: Platform;
  let canvas: Platform;
  beforeAll(async () => {
    [moodle, canvas] = await Promise.all([platformFor('moodle'), platformFor('canvas')]);
  });

  it('opens the tool URL with openid_configuration and registration_token, keeping its query', async () => {
    const url = new URL(moodle.registrationLaunchUrl(`${tool.baseUrl}/lti/register?link=abc`));
    expect(`${url.origin}${url.pathname}`).toBe(`${tool.baseUrl}/lti/register`);
    expect(url.searchParams.get('link')).toBe('abc');
    expect(url.searchParams.get('openid_configuration')).toBe(moodle.openidConfigurationUrl);
    const token = url.searchParams.get('registration_token')!;
    expect(token).toBeTruthy();
    expect((await register(moodle, registrationBody('moodle'), token)).status).toBe(200);
  });

  it('gives Moodle a platform-signed JWT and Canvas an opaque token', async () => {
    const moodleToken = moodle.createRegistrationToken();
    const { payload } = await jwtVerify(moodleToken, createRemoteJWKSet(new URL(moodle.jwksUrl)), {
      issuer: moodle.issuer,
    });
    expect(payload).toMatchObject({ scope: 'reg', sub: expect.any(String) });
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(() => decodeJwt(canvas.createRegistrationToken())).toThrow();
  });

  it.each(['moodle', 'canvas'] as const)('%s: a token registers one tool only', async (flavour) => {
    const platform = flavour === 'moodle' ? moodle : canvas;
    const token = platform.createRegistrationToken();
    expect((await register(platform, registrationBody(flavour), token)).status).toBe(200);
    const again = await register(platform, registrationBody(flavour), token);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: 'invalid_token', error_description: /already used/ });
    expect(again.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('refuses a missing, unknown or expired token with 401', async () => {
    const cases: Array<[string | null, RegExp]> = [
      [null, /missing/],
      ['not-a-token', /unknown/],
      [canvas.createRegistrationToken({ ttlSeconds: 0 }), /expired/],
    ];
    for (const [token, reason] of cases) {
      const response = await register(canvas, registrationBody('canvas'), token);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error_description: string }).error_description).toMatch(reason);
      expect(canvas.registrationRequests.at(-1)).toMatchObject({ status: 401, accepted: false, reason });
    }
  });

  it('keeps the token of a refused registration, so the tool can correct itself', async () => {
    const token = moodle.createRegistrationToken();
    const bad = registrationBody('moodle', {}, { token_endpoint_auth_method: 'client_secret_basic' });
    expect((await register(moodle, bad, token)).status).toBe(400);
    expect((await register(moodle, registrationBody('moodle'), token)).status).toBe(200);
  });
});

// ---- validation -----------------------------------------------------------------------------------

async function expectRefusal(platform: Platform, body: unknown, status: number, reason: RegExp): Promise<void> {
  const before = platform.registrations.length;
  const response = await register(platform, body);
  expect(response.status).toBe(status);
  const answer = (await response.json()) as { error: string; error_description: string };
  expect(answer.error).toBe('invalid_client_metadata');
  expect(answer.error_description).toMatch(reason);
  expect(platform.registrations).toHaveLength(before);
  expect(platform.registrationRequests.at(-1)).toMatchObject({
    status,
    accepted: false,
    body: JSON.parse(JSON.stringify(body)) as unknown,
    reason: answer.error_description,
  });
}

describe('registration rules (moodle flavour)', () => {
  let moodle: Platform;
  beforeAll(async () => {
    moodle = await platformFor('moodle');
  });

  it.each([
    ['a domain that is not the host of target_link_uri', () => registrationBody('moodle', { domain: 'inkwell.example' }), /domain "inkwell\.example" does not match/],
    ['a redirect URI on another domain', () => registrationBody('moodle', {}, { redirect_uris: ['https://elsewhere.example/launch'] }), /redirect_uris\[0\].*not on the tool's domain/],
    ['a login URI on another domain', () => registrationBody('moodle', {}, { initiate_login_uri: 'https://elsewhere.example/login' }), /initiate_login_uri.*not on the tool's domain/],
    ['a client secret instead of private_key_jwt', () => registrationBody('moodle', {}, { token_endpoint_auth_method: 'client_secret_basic' }), /token_endpoint_auth_method must be "private_key_jwt"/],
    ['no client_credentials grant', () => registrationBody('moodle', {}, { grant_types: ['implicit'] }), /grant_types must include "client_credentials"/],
    ['a native application', () => registrationBody('moodle', {}, { application_type: 'native' }), /application_type/],
    ['no id_token response type', () => registrationBody('moodle', {}, { response_types: ['code'] }), /response_types/],
    ['empty redirect_uris', () => registrationBody('moodle', {}, { redirect_uris: [] }), /redirect_uris must be a non-empty array/],
    ['no client_name', () => registrationBody('moodle', {}, { client_name: '' }), /client_name/],
    ['a scope the platform does not have', () => registrationBody('moodle', {}, { scope: `openid ${SCOPE.score} https://example.com/scope/admin` }), /unsupported scopes: https:\/\/example\.com\/scope\/admin/],
    ['a scope that is not a string', () => registrationBody('moodle', {}, { scope: [SCOPE.score] as unknown as string }), /scope must be a space-separated string/],
    ['a message without a type', () => registrationBody('moodle', { messages: [{ label: 'x' } as never] }), /messages\[0\] needs a type/],
    ['no tool configuration', () => ({ ...registrationBody('moodle'), [TOOL_CONFIG]: undefined }), /lti-tool-configuration is required/],
    ['a URL as the domain', () => registrationBody('moodle', { domain: 'http://x.example' }), /domain must be a host name/],
  ])('answers 400 to %s', async (_case, makeBody, reason) => {
    await expectRefusal(moodle, makeBody(), 400, reason);
  });

  it('names every problem at once', async () => {
    const body = registrationBody('moodle', { domain: 'inkwell.example' }, { token_endpoint_auth_method: 'none' });
    await expectRefusal(moodle, body, 400, /token_endpoint_auth_method.*; .*domain/);
  });

  it('does not need placements or claims', async () => {
    const body = registrationBody('moodle', { claims: undefined, messages: [{ type: 'LtiResourceLinkRequest' }] });
    await registerOk(moodle, body);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const response = await fetch(moodle.registrationEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${moodle.createRegistrationToken()}` },
      body: '{ not json',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_client_metadata' });
  });

  it('registers a pending tool with a client id and a deployment id', async () => {
    const body = registrationBody('moodle');
    const answer = await registerOk(moodle, body);
    expect(answer.client_id).toMatch(/^[A-Za-z0-9]{15}$/);
    const deploymentId = answer[TOOL_CONFIG].deployment_id;
    expect(deploymentId).toMatch(/^\d+$/);
    expect(answer).toMatchObject({ ...body, [TOOL_CONFIG]: { ...body[TOOL_CONFIG], deployment_id: deploymentId } });

    const registration = moodle.registration(answer.client_id)!;
    expect(registration).toMatchObject({
      clientId: answer.client_id,
      deploymentId,
      flavour: 'moodle',
      status: 'pending',
      body,
      deepLinking: true,
      initiateLoginUri: `${tool.baseUrl}/lti/login`,
      jwksUri: tool.jwksUri,
    });
    expect(registration.receivedAt).toBeInstanceOf(Date);
    expect(moodle.registrations.at(-1)).toBe(registration);
    expect(moodle.registrationRequests.at(-1)).toMatchObject({ status: 200, accepted: true, clientId: answer.client_id });
  });

  it('enables deep linking only when the messages ask for it', async () => {
    const body = registrationBody('moodle', { messages: [{ type: 'LtiResourceLinkRequest' }] });
    const answer = await registerOk(moodle, body);
    expect(moodle.registration(answer.client_id)!.deepLinking).toBe(false);
  });

  it('activates a pending tool on the admin\'s word, and knows no other', async () => {
    const answer = await registerOk(moodle);
    expect(moodle.activateTool(answer.client_id).status).toBe('active');
    expect(moodle.registration(answer.client_id)!.activatedAt).toBeInstanceOf(Date);
    expect(() => moodle.activateTool('nope')).toThrow(/unknown client/);
  });
});

describe('registration rules (canvas flavour)', () => {
  let canvas: Platform;
  beforeAll(async () => {
    canvas = await platformFor('canvas');
  });

  it.each([
    ['a message without placements', () => registrationBody('canvas', { messages: [{ type: 'LtiResourceLinkRequest' }] }), /messages\[0\] \(LtiResourceLinkRequest\) needs placements/],
    ['empty placements', () => registrationBody('canvas', { messages: [{ type: 'LtiResourceLinkRequest', placements: [] }] }), /needs placements/],
    ['no messages', () => registrationBody('canvas', { messages: undefined }), /messages is required by Canvas/],
    ['no claims', () => registrationBody('canvas', { claims: undefined }), /claims is required by Canvas/],
    ['a client secret instead of private_key_jwt', () => registrationBody('canvas', {}, { token_endpoint_auth_method: 'client_secret_post' }), /token_endpoint_auth_method must be "private_key_jwt"/],
    ['an unknown privacy level', () => registrationBody('canvas', { [`${CANVAS}privacy_level`]: 'everything' }), /privacy_level must be one of/],
    ['no domain', () => registrationBody('canvas', { domain: '' }), /domain is required/],
  ])('answers 422 to %s', async (_case, makeBody, reason) => {
    await expectRefusal(canvas, makeBody(), 422, reason);
  });

  it('accepts its extensions and a domain that is not target_link_uri\'s host, and is active at once', async () => {
    const body = registrationBody('canvas', { domain: '127.0.0.1', [`${CANVAS}tool_id`]: 'inkwell' });
    const answer = await registerOk(canvas, body);
    expect(answer.client_id).toMatch(/^\d+$/);
    expect(answer[TOOL_CONFIG]).toMatchObject({
      deployment_id: expect.stringMatching(/^\d+:[0-9a-f]{40}$/),
      [`${CANVAS}privacy_level`]: 'public',
      [`${CANVAS}tool_id`]: 'inkwell',
    });
    expect(canvas.registration(answer.client_id)).toMatchObject({ status: 'active', flavour: 'canvas' });
  });
});

// ---- launching and tokens with a registered client -----------------------------------------------

describe('launching a registered client', () => {
  let moodle: Platform;
  let canvas: Platform;
  let clientId: string;
  let deploymentId: string;
  beforeAll(async () => {
    [moodle, canvas] = await Promise.all([platformFor('moodle'), platformFor('canvas')]);
    const answer = await registerOk(moodle);
    clientId = answer.client_id;
    deploymentId = answer[TOOL_CONFIG].deployment_id;
  });

  it('refuses to launch a pending Moodle tool at /auth until the admin activates it', async () => {
    const { client_id: pendingId } = await registerOk(moodle);
    const login = moodle.startLogin({ userId: ADA, resourceLinkId: ESSAY, clientId: pendingId });
    const refused = await postForm(moodle.authorizationEndpoint, authParams(login.formFields, `${tool.baseUrl}/lti/launch`));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/pending/);
    expect(moodle.authErrors.at(-1)).toMatch(/pending/);

    moodle.activateTool(pendingId);
    const again = moodle.startLogin({ userId: ADA, resourceLinkId: ESSAY, clientId: pendingId });
    const accepted = await postForm(moodle.authorizationEndpoint, authParams(again.formFields, `${tool.baseUrl}/lti/launch`));
    expect(accepted.status).toBe(200);
  });

  it('runs login → /auth with the registered client and deployment', async () => {
    moodle.activateTool(clientId);
    const page = await fetch(moodle.launchUrl({ userId: ADA, resourceLinkId: ESSAY, clientId }));
    expect(page.status).toBe(200);
    const login = parseAutoSubmitForm(await page.text());
    expect(login.action).toBe(`${tool.baseUrl}/lti/login`);
    expect(login.fields).toMatchObject({
      iss: moodle.issuer,
      client_id: clientId,
      lti_deployment_id: deploymentId,
      target_link_uri: `${tool.baseUrl}/lti/launch`,
    });

    const params = authParams(login.fields, `${tool.baseUrl}/lti/launch`);
    const response = await fetch(`${moodle.authorizationEndpoint}?${new URLSearchParams(params).toString()}`);
    expect(response.status).toBe(200);
    const form = parseAutoSubmitForm(await response.text());
    expect(form.action).toBe(`${tool.baseUrl}/lti/launch`);
    expect(form.fields.state).toBe(params.state);
    const { payload } = await jwtVerify(form.fields.id_token!, createRemoteJWKSet(new URL(moodle.jwksUrl)), {
      issuer: moodle.issuer,
      audience: clientId,
    });
    expect(payload).toMatchObject({
      sub: ADA,
      nonce: params.nonce,
      azp: clientId,
      [CLAIM.deploymentId]: deploymentId,
      [CLAIM.targetLinkUri]: `${tool.baseUrl}/lti/launch`,
    });
    expect(moodle.issuedIdTokens.at(-1)).toMatchObject({ clientId, deploymentId, userId: ADA });
  });

  it('launches with any deployment id a test names', async () => {
    const login = moodle.startLogin({ userId: ADA, resourceLinkId: ESSAY, clientId, deploymentId: 'unknown-deployment' });
    expect(login.loginUrl).toBe(`${tool.baseUrl}/lti/login`);
    expect(login.formFields.lti_deployment_id).toBe('unknown-deployment');
    const response = await postForm(moodle.authorizationEndpoint, authParams(login.formFields, `${tool.baseUrl}/lti/launch`));
    const form = parseAutoSubmitForm(await response.text());
    expect(decodeJwt(form.fields.id_token!)[CLAIM.deploymentId]).toBe('unknown-deployment');
  });

  it('requires a redirect_uri the client registered, and the client of the login', async () => {
    const login = moodle.startLogin({ userId: ADA, resourceLinkId: ESSAY, clientId });
    const foreign = await postForm(moodle.authorizationEndpoint, authParams(login.formFields, `${tool.baseUrl}/elsewhere`));
    expect(foreign.status).toBe(400);
    expect(moodle.authErrors.at(-1)).toMatch(/redirect_uri/);

    // The built-in client may not answer a login that was started for the registered one.
    const swapped = authParams(login.formFields, 'http://127.0.0.1:9/lti/launch', { client_id: moodle.clientId });
    expect((await postForm(moodle.authorizationEndpoint, swapped)).status).toBe(400);
    expect(moodle.authErrors.at(-1)).toMatch(/does not match the pending launch/);
  });

  it('refuses a launch for an unknown client before the browser gets there', () => {
    expect(() => moodle.launchUrl({ userId: ADA, resourceLinkId: ESSAY, clientId: 'nope' })).toThrow(/unknown client/);
    expect(() => moodle.startLogin({ userId: ADA, resourceLinkId: ESSAY, clientId: 'nope' })).toThrow(/unknown client/);
  });

  it('offers only the registered services in the launch', async () => {
    const body = registrationBody('canvas', {}, { scope: `openid ${SCOPE.score}` });
    const { client_id: scoreOnly } = await registerOk(canvas, body);
    const login = canvas.startLogin({ userId: ADA, resourceLinkId: ESSAY, clientId: scoreOnly });
    const response = await postForm(canvas.authorizationEndpoint, authParams(login.formFields, `${tool.baseUrl}/lti/launch`));
    const claims = decodeJwt(parseAutoSubmitForm(await response.text()).fields.id_token!);
    expect(claims[CLAIM.ags]).toMatchObject({ scope: [SCOPE.score] });
    expect(claims).not.toHaveProperty(CLAIM.nrps);
  });

  it('issues tokens to the registered client against its own JWKS, fetched once and kept', async () => {
    const before = moodle.toolJwksFetchCount;
    for (let i = 0; i < 2; i++) {
      const response = await tokenRequest(moodle, await clientAssertion(moodle, clientId), SCOPE.score);
      expect(response.status).toBe(200);
    }
    expect(moodle.toolJwksFetchCount).toBe(before + 1);

    await tool.rotateKey();
    expect((await tokenRequest(moodle, await clientAssertion(moodle, clientId), SCOPE.score)).status).toBe(200);
    expect(moodle.toolJwksFetchCount).toBe(before + 2);
    expect((await tokenRequest(moodle, await clientAssertion(moodle, clientId), SCOPE.score)).status).toBe(200);
    expect(moodle.toolJwksFetchCount).toBe(before + 2);
  });

  it('refreshes the JWKS only once for a kid the tool never published', async () => {
    const before = moodle.toolJwksFetchCount;
    const stranger = await makeToolKey();
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'never-published' })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(moodle.tokenEndpoint)
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti(randomUUID())
      .sign(stranger.privateKey);
    const response = await tokenRequest(moodle, assertion, SCOPE.score);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
    expect(moodle.toolJwksFetchCount).toBe(before + 1);
  });

  it('grants only the scopes the client registered', async () => {
    const body = registrationBody('canvas', {}, { scope: `openid ${SCOPE.score}` });
    const { client_id: scoreOnly } = await registerOk(canvas, body);
    const response = await tokenRequest(canvas, await clientAssertion(canvas, scoreOnly), `${SCOPE.score} ${SCOPE.nrps}`);
    expect(await response.json()).toMatchObject({ scope: SCOPE.score });
    const none = await tokenRequest(canvas, await clientAssertion(canvas, scoreOnly), SCOPE.nrps);
    expect(none.status).toBe(400);
  });

  it('accepts Canvas\'s authorization_server as the assertion audience', async () => {
    const { client_id: canvasClient } = await registerOk(canvas);
    const assertion = await clientAssertion(canvas, canvasClient, canvas.authorizationServer!);
    expect((await tokenRequest(canvas, assertion, SCOPE.score)).status).toBe(200);
  });

  it('refuses tokens to a pending Moodle tool and to assertions for another client', async () => {
    const { client_id: pendingId } = await registerOk(moodle);
    const pending = await tokenRequest(moodle, await clientAssertion(moodle, pendingId), SCOPE.score);
    expect(pending.status).toBe(401);
    expect(await pending.json()).toMatchObject({ error: 'invalid_client', error_description: /pending/ });

    // Signed by this tool's key, but claiming the built-in client, whose JWKS lives elsewhere.
    const builtIn = await tokenRequest(moodle, await clientAssertion(moodle, moodle.clientId), SCOPE.score);
    expect(builtIn.status).toBe(401);
  });
});
