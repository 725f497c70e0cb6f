/**
 * The platform emulator tested on its own: the test plays the tool (OIDC login, id_token
 * verification, client-credentials assertions) over real HTTP and real RSA keys.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  SignJWT,
  type JWK,
} from 'jose';
import { makeToolKey, startFakeTool, type FakeTool, type ToolKey } from './fake-tool';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CLAIM,
  MEDIA_TYPE,
  parseAutoSubmitForm,
  ROLE,
  SCOPE,
  startPlatform,
  type Platform,
  type StartPlatformOptions,
} from './index';

const ADA = 'student-ada';
const BEN = 'student-ben';
const CHEN = 'student-chen';
const RIVERA = 'teacher-rivera';
const ESSAY = 'rl-essay-1';
const USER_AGENT = 'inkwell-platform-tests';

// ---- a fake tool: just enough to publish a JWKS and sign client assertions -------------------





async function clientAssertion(
  platform: Platform,
  tool: FakeTool,
  overrides: { aud?: string | string[]; jti?: string; key?: ToolKey; iss?: string } = {},
): Promise<string> {
  const key = overrides.key ?? tool.key;
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .setIssuer(overrides.iss ?? platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(overrides.aud ?? platform.tokenEndpoint)
    .setIssuedAt()
    .setExpirationTime('5m')
    .setJti(overrides.jti ?? randomUUID())
    .sign(key.privateKey);
}

function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

function tokenRequest(platform: Platform, assertion: string, scope: string): Promise<Response> {
  return postForm(platform.tokenEndpoint, {
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
    scope,
  });
}

async function accessToken(
  platform: Platform,
  tool: FakeTool,
  scopes: string[] = Object.values(SCOPE),
): Promise<string> {
  const response = await tokenRequest(platform, await clientAssertion(platform, tool), scopes.join(' '));
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

function service(
  url: string,
  token: string | undefined,
  init: { method?: string; body?: unknown; contentType?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'user-agent': USER_AGENT };
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = init.contentType ?? MEDIA_TYPE.score;
  return fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** The tool's side of the OIDC dance, as a browser would carry it out. */
async function launchAsTool(
  platform: Platform,
  launch: { userId: string; resourceLinkId: string },
): Promise<{ idToken: string; state: string; nonce: string; redirectUri: string }> {
  const page = await fetch(platform.launchUrl(launch));
  expect(page.status).toBe(200);
  const login = parseAutoSubmitForm(await page.text());
  const nonce = randomUUID();
  const state = randomUUID();
  const auth = new URL(platform.authorizationEndpoint);
  auth.search = new URLSearchParams({
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: login.fields.client_id!,
    redirect_uri: login.fields.target_link_uri!,
    login_hint: login.fields.login_hint!,
    lti_message_hint: login.fields.lti_message_hint!,
    nonce,
    state,
  }).toString();
  const response = await fetch(auth);
  expect(response.status).toBe(200);
  const form = parseAutoSubmitForm(await response.text());
  return { idToken: form.fields.id_token!, state: form.fields.state!, nonce, redirectUri: form.action };
}

function authParams(platform: Platform, login: Record<string, string>, extra: Record<string, string> = {}) {
  return {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: platform.clientId,
    redirect_uri: `${platform.toolBaseUrl}/lti/launch`,
    login_hint: login.login_hint!,
    lti_message_hint: login.lti_message_hint!,
    nonce: randomUUID(),
    state: randomUUID(),
    ...extra,
  };
}

function score(userId: string, timestamp: string, fields: Record<string, unknown> = {}) {
  return {
    userId,
    activityProgress: 'Completed',
    gradingProgress: 'FullyGraded',
    timestamp,
    scoreGiven: 24,
    scoreMaximum: 32,
    ...fields,
  };
}

let tool: FakeTool;
const platforms: Platform[] = [];

async function platformFor(options: Partial<StartPlatformOptions> = {}): Promise<Platform> {
  const platform = await startPlatform({ toolBaseUrl: tool.baseUrl, ...options });
  platforms.push(platform);
  return platform;
}

beforeAll(async () => {
  tool = await startFakeTool();
});

afterAll(async () => {
  await Promise.all(platforms.map((platform) => platform.close()));
  await tool.close();
});

// ---- launch -------------------------------------------------------------------------------------

describe('launch (OIDC login and id_token)', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await platformFor();
  });
  beforeEach(() => platform.setLaunchTamper(null));

  it('serves its public signing key as a JWKS', async () => {
    const response = await fetch(platform.jwksUrl);
    expect(response.status).toBe(200);
    const jwks = (await response.json()) as { keys: JWK[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', kid: platform.kid, alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('exposes its endpoints under its issuer URL', () => {
    expect(platform.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(platform.baseUrl).toBe(platform.issuer);
    expect(platform.authorizationEndpoint).toBe(`${platform.issuer}/auth`);
    expect(platform.tokenEndpoint).toBe(`${platform.issuer}/token`);
    expect(platform.jwksUrl).toBe(`${platform.issuer}/jwks`);
    expect(platform.clientId).toBe('inkwell-demo-client');
    expect(platform.deploymentId).toBe('deployment-1');
  });

  it('starts a launch with an auto-submitting login initiation form', async () => {
    const response = await fetch(platform.launchUrl({ userId: ADA, resourceLinkId: ESSAY }));
    const html = await response.text();
    const form = parseAutoSubmitForm(html);
    expect(form.method).toBe('post');
    expect(form.action).toBe(`${tool.baseUrl}/lti/login`);
    expect(form.fields).toMatchObject({
      iss: platform.issuer,
      target_link_uri: `${tool.baseUrl}/lti/launch`,
      client_id: platform.clientId,
      lti_deployment_id: platform.deploymentId,
    });
    expect(form.fields.login_hint).toBeTruthy();
    expect(form.fields.login_hint).not.toContain(ADA);
    expect(form.fields.lti_message_hint).toBeTruthy();
    expect(html).toMatch(/<button type="submit">Continue<\/button>/);
  });

  it('refuses to build a launch URL for someone outside the course', () => {
    expect(() => platform.launchUrl({ userId: 'nobody', resourceLinkId: ESSAY })).toThrow(/not a member/);
  });

  it('answers a hand-made launch URL for an unknown link with a 400 page', async () => {
    const response = await fetch(`${platform.baseUrl}/launch?user_id=${ADA}&resource_link_id=nope`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('unknown resource link &quot;nope&quot;');
  });

  it('signs an id_token that verifies against its JWKS and echoes the nonce', async () => {
    const { idToken, state, nonce, redirectUri } = await launchAsTool(platform, {
      userId: ADA,
      resourceLinkId: ESSAY,
    });
    expect(redirectUri).toBe(`${tool.baseUrl}/lti/launch`);
    const { payload, protectedHeader } = await jwtVerify(idToken, createRemoteJWKSet(new URL(platform.jwksUrl)), {
      issuer: platform.issuer,
      audience: platform.clientId,
      algorithms: ['RS256'],
    });
    expect(protectedHeader.kid).toBe(platform.kid);
    expect(payload).toMatchObject({
      sub: ADA,
      nonce,
      azp: platform.clientId,
      name: 'Ada Lovelace',
      given_name: 'Ada',
      family_name: 'Lovelace',
      email: 'ada.lovelace@example.edu',
      [CLAIM.deploymentId]: 'deployment-1',
      [CLAIM.messageType]: 'LtiResourceLinkRequest',
      [CLAIM.version]: '1.3.0',
      [CLAIM.targetLinkUri]: `${tool.baseUrl}/lti/launch`,
      [CLAIM.resourceLink]: { id: ESSAY, title: 'Unit essay: The Rise of Totalitarianism in Russia' },
      [CLAIM.roles]: [ROLE.learner],
      [CLAIM.context]: {
        id: 'course-101',
        label: 'HIST 101',
        title: 'World History: Modern Europe',
        type: ['http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering'],
      },
      [CLAIM.toolPlatform]: { product_family_code: 'moodle' },
      [CLAIM.launchPresentation]: { document_target: 'iframe' },
      [CLAIM.custom]: {},
      [CLAIM.nrps]: {
        context_memberships_url: `${platform.issuer}/api/lti/courses/course-101/names_and_roles`,
        service_versions: ['2.0'],
      },
    });
    expect(payload.exp! - payload.iat!).toBe(300);
    const ags = payload[CLAIM.ags] as { scope: string[]; lineitems: string; lineitem: string };
    expect(ags.scope).toEqual([SCOPE.lineItem, SCOPE.resultReadonly, SCOPE.score]);
    expect(ags.lineitems).toBe(`${platform.issuer}/api/lti/courses/course-101/line_items?type_id=1`);
    expect(ags.lineitem).toMatch(/\/api\/lti\/courses\/course-101\/line_items\/\d+\?type_id=1$/);
    expect(platform.issuedIdTokens.at(-1)).toMatchObject({ idToken, state, userId: ADA });
  });

  it('launches the instructor with the Instructor role', async () => {
    const { idToken } = await launchAsTool(platform, { userId: RIVERA, resourceLinkId: ESSAY });
    const { payload } = await jwtVerify(idToken, createRemoteJWKSet(new URL(platform.jwksUrl)));
    expect(payload[CLAIM.roles]).toEqual([ROLE.instructor]);
    expect(payload.name).toBe('Maria Rivera');
  });

  it('leaves out the lineitem claim for a link without a line item', async () => {
    platform.addResourceLink({ id: 'rl-reading', title: 'Reading', withLineItem: false });
    const { idToken } = await launchAsTool(platform, { userId: BEN, resourceLinkId: 'rl-reading' });
    const { payload } = await jwtVerify(idToken, createRemoteJWKSet(new URL(platform.jwksUrl)));
    expect(payload[CLAIM.ags]).not.toHaveProperty('lineitem');
    expect(payload[CLAIM.ags]).toHaveProperty('lineitems');
  });

  it('accepts the authorization request as a POSTed form', async () => {
    const login = platform.startLogin({ userId: CHEN, resourceLinkId: ESSAY });
    expect(login.loginUrl).toBe(`${tool.baseUrl}/lti/login`);
    const params = authParams(platform, login.formFields);
    const response = await postForm(platform.authorizationEndpoint, params);
    expect(response.status).toBe(200);
    const form = parseAutoSubmitForm(await response.text());
    expect(form.fields.state).toBe(params.state);
    expect(decodeProtectedHeader(form.fields.id_token!).kid).toBe(platform.kid);
  });

  it.each([
    ['a foreign redirect_uri', { redirect_uri: 'http://evil.example/lti/launch' }, /redirect_uri/],
    ['response_type code', { response_type: 'code' }, /response_type/],
    ['prompt login', { prompt: 'login' }, /prompt/],
    ['another client_id', { client_id: 'someone-else' }, /client_id/],
    ['no nonce', { nonce: '' }, /missing nonce/],
    ['no state', { state: '' }, /missing state/],
    ['an unknown lti_message_hint', { lti_message_hint: 'forged' }, /pending launch/],
    ['a login_hint from another launch', { login_hint: 'forged' }, /login_hint/],
  ])('refuses an authorization request with %s', async (_case, override, reason) => {
    const login = platform.startLogin({ userId: ADA, resourceLinkId: ESSAY });
    const response = await postForm(platform.authorizationEndpoint, authParams(platform, login.formFields, override));
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(reason);
    expect(platform.authErrors.at(-1)).toMatch(reason);
  });

  it('answers each login only once', async () => {
    const login = platform.startLogin({ userId: ADA, resourceLinkId: ESSAY });
    const params = authParams(platform, login.formFields);
    expect((await postForm(platform.authorizationEndpoint, params)).status).toBe(200);
    expect((await postForm(platform.authorizationEndpoint, params)).status).toBe(400);
  });

  it('lets a test tamper with the next id_tokens, including their signature', async () => {
    const jwks = createRemoteJWKSet(new URL(platform.jwksUrl));
    platform.setLaunchTamper((claims, header) => ({
      claims: { ...claims, [CLAIM.version]: '1.1' },
      header,
      signWith: 'other-key',
    }));
    const badSignature = await launchAsTool(platform, { userId: ADA, resourceLinkId: ESSAY });
    expect(decodeProtectedHeader(badSignature.idToken).kid).toBe(platform.kid);
    await expect(jwtVerify(badSignature.idToken, jwks)).rejects.toBeInstanceOf(
      joseErrors.JWSSignatureVerificationFailed,
    );

    platform.setLaunchTamper((claims, { kid: _kid, ...header }) => ({ claims, header }));
    const noKid = await launchAsTool(platform, { userId: ADA, resourceLinkId: ESSAY });
    expect(decodeProtectedHeader(noKid.idToken)).not.toHaveProperty('kid');

    platform.setLaunchTamper((claims, header) => ({ claims, header, signWith: 'none' }));
    const unsigned = await launchAsTool(platform, { userId: ADA, resourceLinkId: ESSAY });
    expect(decodeProtectedHeader(unsigned.idToken).alg).toBe('none');
    expect(unsigned.idToken.endsWith('.')).toBe(true);

    platform.setLaunchTamper(null);
    const clean = await launchAsTool(platform, { userId: ADA, resourceLinkId: ESSAY });
    const { payload } = await jwtVerify(clean.idToken, jwks);
    expect(payload[CLAIM.version]).toBe('1.3.0');
  });

  it('signs arbitrary claims on request', async () => {
    const jwks = createRemoteJWKSet(new URL(platform.jwksUrl));
    const claims = platform.buildLaunchClaims({ userId: BEN, resourceLinkId: ESSAY, nonce: 'n-1' });
    const good = await platform.signIdToken(claims);
    expect((await jwtVerify(good, jwks)).payload.sub).toBe(BEN);
    const unknownKid = await platform.signIdToken(claims, { kid: 'not-published' });
    await expect(jwtVerify(unknownKid, jwks)).rejects.toBeInstanceOf(joseErrors.JWKSNoMatchingKey);
    const noKid = await platform.signIdToken(claims, { kid: null, key: 'other' });
    expect(decodeProtectedHeader(noKid)).not.toHaveProperty('kid');
  });
});

// ---- token endpoint -----------------------------------------------------------------------------

describe('token endpoint (client credentials with a JWT assertion)', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await platformFor();
  });

  it('issues a bearer token for a valid tool assertion and counts requests', async () => {
    const before = platform.tokenRequestCount;
    const response = await tokenRequest(platform, await clientAssertion(platform, tool), `${SCOPE.score} ${SCOPE.nrps}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: `${SCOPE.score} ${SCOPE.nrps}`,
    });
    expect(platform.tokenRequestCount).toBe(before + 1);
    expect(platform.requestLog.at(-1)).toMatchObject({ method: 'POST', path: '/token', status: 200 });
  });

  it('accepts aud as an array containing the token endpoint', async () => {
    const assertion = await clientAssertion(platform, tool, { aud: ['https://other.example', platform.tokenEndpoint] });
    expect((await tokenRequest(platform, assertion, SCOPE.score)).status).toBe(200);
  });

  it('only grants the scopes it knows', async () => {
    const assertion = await clientAssertion(platform, tool);
    const response = await tokenRequest(platform, assertion, `${SCOPE.score} https://example.com/scope/admin`);
    expect(((await response.json()) as { scope: string }).scope).toBe(SCOPE.score);
    const none = await tokenRequest(platform, await clientAssertion(platform, tool), 'https://example.com/scope/admin');
    expect(none.status).toBe(400);
    expect(await none.json()).toMatchObject({ error: 'invalid_scope' });
  });

  it('refuses a replayed jti', async () => {
    const assertion = await clientAssertion(platform, tool, { jti: 'once-only' });
    expect((await tokenRequest(platform, assertion, SCOPE.score)).status).toBe(200);
    const again = await tokenRequest(platform, assertion, SCOPE.score);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: 'invalid_client' });
  });

  it.each([
    ['signed by a key the tool does not publish', async () => {
      const stranger = await makeToolKey();
      return clientAssertion(platform, tool, { key: { ...stranger, kid: tool.key.kid } });
    }],
    ['addressed to another audience', () => clientAssertion(platform, tool, { aud: 'https://lms.example/token' })],
    ['issued by another client', () => clientAssertion(platform, tool, { iss: 'another-client' })],
    ['that is not a JWT', () => Promise.resolve('not-a-jwt')],
  ])('refuses an assertion %s', async (_case, makeAssertion) => {
    const response = await tokenRequest(platform, await makeAssertion(), SCOPE.score);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('refuses a request that is not a client-credentials grant', async () => {
    const response = await postForm(platform.tokenEndpoint, {
      grant_type: 'authorization_code',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await clientAssertion(platform, tool),
      scope: SCOPE.score,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('adds the configured latency to service endpoints', async () => {
    const slow = await platformFor({ latencyMs: 120 });
    const started = Date.now();
    await accessToken(slow, tool, [SCOPE.score]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('re-fetches the tool JWKS when the tool signs with a new kid', async () => {
    await accessToken(platform, tool, [SCOPE.score]);
    await tool.rotateKey();
    await accessToken(platform, tool, [SCOPE.score]);
  });
});

// ---- AGS and NRPS, Moodle flavour -----------------------------------------------------------------

describe('AGS and NRPS (moodle flavour)', () => {
  let platform: Platform;
  let token: string;
  let scoresUrl: string;
  beforeAll(async () => {
    platform = await platformFor({ flavour: 'moodle' });
    token = await accessToken(platform, tool);
    scoresUrl = platform.scoresUrl(platform.lineItemFor(ESSAY)!);
  });
  beforeEach(() => {
    platform.clearRecords();
    platform.setFailureMode(null);
  });

  it('keeps the ?type_id query on every AGS URL', () => {
    expect(scoresUrl).toMatch(/\/line_items\/\d+\/scores\?type_id=1$/);
    expect(platform.lineItemUrl(platform.lineItemFor(ESSAY)!)).toMatch(/\/line_items\/\d+\?type_id=1$/);
  });

  it('requires a bearer token with the right scope', async () => {
    expect((await service(platform.lineItemsUrl(), undefined)).status).toBe(401);
    expect((await service(platform.lineItemsUrl(), 'made-up')).status).toBe(401);
    const nrpsOnly = await accessToken(platform, tool, [SCOPE.nrps]);
    const response = await service(scoresUrl, nrpsOnly, { body: score(ADA, '2030-01-01T10:00:00Z') });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('insufficient_scope');
  });

  it('adds columns made in the LMS, and can answer lists without filtering them', async () => {
    const byHand = platform.addLineItem({ label: 'Participation', scoreMaximum: 10 });
    expect(byHand).toMatchObject({ label: 'Participation', scoreMaximum: 10, contextId: platform.course.id });
    expect(byHand.resourceLinkId).toBeUndefined();
    const url = new URL(platform.lineItemsUrl());
    url.searchParams.set('resource_link_id', ESSAY);
    const labels = async () => ((await (await service(url.href, token)).json()) as Array<{ label: string }>).map((i) => i.label);
    expect(await labels()).not.toContain('Participation');
    platform.setLineItemFiltersIgnored(true);
    try {
      expect(await labels()).toEqual(platform.lineItems().map((i) => i.label));
    } finally {
      platform.setLineItemFiltersIgnored(false);
    }
    expect(await labels()).not.toContain('Participation');
    expect((await service(platform.lineItemUrl(byHand), token, { method: 'DELETE' })).status).toBe(204);
  });

  it('lists line items, filtered by resource link', async () => {
    platform.addResourceLink({ id: 'rl-quiz', title: 'Quiz', withLineItem: true, scoreMaximum: 10 });
    const all = await service(platform.lineItemsUrl(), token);
    expect(all.headers.get('content-type')).toContain(MEDIA_TYPE.lineItemContainer);
    expect(((await all.json()) as unknown[]).length).toBeGreaterThanOrEqual(2);

    const url = new URL(platform.lineItemsUrl());
    url.searchParams.set('resource_link_id', ESSAY);
    const filtered = (await (await service(url.href, token)).json()) as Array<Record<string, unknown>>;
    expect(filtered).toEqual([
      {
        id: platform.lineItemUrl(platform.lineItemFor(ESSAY)!),
        label: 'Unit essay: The Rise of Totalitarianism in Russia',
        scoreMaximum: 32,
        resourceLinkId: ESSAY,
      },
    ]);
  });

  it('creates, reads and updates a line item', async () => {
    const created = await service(platform.lineItemsUrl(), token, {
      body: { label: 'Draft feedback', scoreMaximum: 5, tag: 'draft', resourceLinkId: ESSAY },
      contentType: MEDIA_TYPE.lineItem,
    });
    expect(created.status).toBe(201);
    const item = (await created.json()) as { id: string; label: string };
    expect(item.id).toMatch(/\?type_id=1$/);

    const read = await service(item.id, token);
    expect(read.headers.get('content-type')).toContain(MEDIA_TYPE.lineItem);
    expect(await read.json()).toMatchObject({ label: 'Draft feedback', scoreMaximum: 5, tag: 'draft' });

    const updated = await service(item.id, token, {
      method: 'PUT',
      body: { label: 'Draft feedback (v2)', scoreMaximum: 6 },
      contentType: MEDIA_TYPE.lineItem,
    });
    expect(await updated.json()).toMatchObject({ label: 'Draft feedback (v2)', scoreMaximum: 6, resourceLinkId: ESSAY });
    // The essay's launch claim still names its first line item.
    expect(platform.lineItemFor(ESSAY)!.label).toBe('Unit essay: The Rise of Totalitarianism in Russia');

    const invalid = await service(platform.lineItemsUrl(), token, { body: { label: '' }, contentType: MEDIA_TYPE.lineItem });
    expect(invalid.status).toBe(400);
  });

  it('accepts a score and records it in the gradebook and the received list', async () => {
    const body = score(ADA, '2030-01-01T10:00:00.000Z', { comment: 'Strong thesis.\nCite more sources.' });
    const response = await service(scoresUrl, token, { body });
    expect(response.status).toBe(200);
    expect(platform.gradeFor(ESSAY, ADA)).toEqual({
      scoreGiven: 24,
      scoreMaximum: 32,
      comment: 'Strong thesis.\nCite more sources.',
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      timestamp: '2030-01-01T10:00:00.000Z',
    });
    const received = platform.receivedScores.at(-1)!;
    expect(received).toMatchObject({ status: 200, accepted: true, body, path: new URL(scoresUrl).pathname + '?type_id=1' });
    expect(JSON.parse(received.rawBody)).toEqual(body);
    expect(received.headers['content-type']).toBe(MEDIA_TYPE.score);
    expect(platform.gradebook.get(platform.lineItemFor(ESSAY)!.id)?.get(ADA)?.scoreGiven).toBe(24);

    const results = await service(platform.lineItemUrl(platform.lineItemFor(ESSAY)!).replace('?', '/results?'), token);
    expect(results.headers.get('content-type')).toContain(MEDIA_TYPE.resultContainer);
    expect(await results.json()).toEqual([
      expect.objectContaining({ userId: ADA, resultScore: 24, resultMaximum: 32, comment: 'Strong thesis.\nCite more sources.' }),
    ]);
  });

  it('answers 404 for a line item that does not exist', async () => {
    const response = await service(`${platform.lineItemsUrl().split('?')[0]}/999/scores?type_id=1`, token, {
      body: score(ADA, '2030-01-01T10:00:00Z'),
    });
    expect(response.status).toBe(404);
  });

  it('refuses a scores URL that lost the type_id query', async () => {
    const response = await service(scoresUrl.split('?')[0]!, token, { body: score(ADA, '2030-01-01T10:00:00Z') });
    expect(response.status).toBe(400);
    expect(platform.receivedScores.at(-1)).toMatchObject({ accepted: false, status: 400, reason: expect.stringMatching(/type_id/) });
  });

  it('answers 409 when the timestamp does not increase at one-second precision', async () => {
    expect((await service(scoresUrl, token, { body: score(BEN, '2030-01-01T10:00:00.100Z') })).status).toBe(200);
    expect((await service(scoresUrl, token, { body: score(BEN, '2030-01-01T10:00:00.900Z') })).status).toBe(409);
    expect((await service(scoresUrl, token, { body: score(BEN, '2030-01-01T09:00:00Z') })).status).toBe(409);
    expect((await service(scoresUrl, token, { body: score(BEN, '2030-01-01T10:00:01Z', { scoreGiven: 30 }) })).status).toBe(200);
    expect(platform.gradeFor(ESSAY, BEN)?.scoreGiven).toBe(30);
  });

  it.each([
    ['scoreGiven without scoreMaximum', score(CHEN, '2030-01-01T10:00:00Z', { scoreMaximum: undefined })],
    ['a user who is not a learner', score(RIVERA, '2030-01-01T10:00:00Z')],
    ['a user outside the course', score('student-nobody', '2030-01-01T10:00:00Z')],
    ['no timestamp', score(CHEN, '')],
    ['a timestamp without a time zone', score(CHEN, '2030-01-01T10:00:00')],
    ['no userId', score('', '2030-01-01T10:00:00Z')],
    ['an unknown gradingProgress', score(CHEN, '2030-01-01T10:00:00Z', { gradingProgress: 'Done' })],
  ])('answers 400 to %s', async (_case, body) => {
    const response = await service(scoresUrl, token, { body });
    expect(response.status).toBe(400);
    expect(platform.gradebook.size).toBe(0);
  });

  it('drops scoreGiven unless gradingProgress is FullyGraded', async () => {
    const body = score(CHEN, '2030-01-02T10:00:00Z', { gradingProgress: 'PendingManual', activityProgress: 'Submitted' });
    expect((await service(scoresUrl, token, { body })).status).toBe(200);
    expect(platform.gradeFor(ESSAY, CHEN)).toEqual({
      activityProgress: 'Submitted',
      gradingProgress: 'PendingManual',
      timestamp: '2030-01-02T10:00:00Z',
    });
  });

  it('injects failures into score posts until told to stop', async () => {
    platform.setFailureMode({ status: 503, retryAfterSeconds: 7 });
    const failed = await service(scoresUrl, token, { body: score(ADA, '2030-01-03T10:00:00Z') });
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('7');
    expect(platform.gradeFor(ESSAY, ADA)).toBeUndefined();
    expect(platform.receivedScores.at(-1)).toMatchObject({ status: 503, accepted: false });

    platform.setFailureMode({ rate: 0, delayMs: 50 });
    const started = Date.now();
    expect((await service(scoresUrl, token, { body: score(ADA, '2030-01-03T10:00:00Z') })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(() => platform.setFailureMode({ rate: 2 })).toThrow(RangeError);
  });

  it('logs every service request with its status', async () => {
    await service(platform.lineItemsUrl(), undefined);
    await service(platform.lineItemsUrl(), token);
    expect(platform.requestLog.map(({ method, status }) => `${method} ${status}`)).toEqual(['GET 401', 'GET 200']);
    expect(platform.requestLog[0]!.path).toBe('/api/lti/courses/course-101/line_items?type_id=1');
  });

  it('serves the roster through NRPS', async () => {
    const response = await service(platform.membershipsUrl(), token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain(MEDIA_TYPE.membershipContainer);
    const roster = (await response.json()) as { id: string; context: unknown; members: Array<Record<string, unknown>> };
    expect(roster.id).toBe(platform.membershipsUrl());
    expect(roster.context).toEqual({ id: 'course-101', label: 'HIST 101', title: 'World History: Modern Europe' });
    expect(roster.members.map((member) => member.user_id)).toEqual([ADA, BEN, CHEN, RIVERA]);
    expect(roster.members[0]).toEqual({
      status: 'Active',
      user_id: ADA,
      name: 'Ada Lovelace',
      given_name: 'Ada',
      family_name: 'Lovelace',
      email: 'ada.lovelace@example.edu',
      roles: [ROLE.learner],
    });

    const learners = await service(`${platform.membershipsUrl()}?role=Learner`, token);
    expect(((await learners.json()) as { members: unknown[] }).members).toHaveLength(3);
    const agsOnly = await accessToken(platform, tool, [SCOPE.score]);
    expect((await service(platform.membershipsUrl(), agsOnly)).status).toBe(401);
  });

  it('includes members added later', async () => {
    platform.addMember({ sub: 'student-dana', name: 'Dana Ruiz', roles: [ROLE.learner] });
    const roster = (await (await service(platform.membershipsUrl(), token)).json()) as { members: Array<{ user_id: string }> };
    expect(roster.members.at(-1)).toEqual({ status: 'Active', user_id: 'student-dana', name: 'Dana Ruiz', roles: [ROLE.learner] });
  });
});

// ---- AGS, Canvas flavour --------------------------------------------------------------------------

/** node:http sends no User-Agent unless asked, unlike fetch. */
function postWithoutUserAgent(url: string, token: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': MEDIA_TYPE.score },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('AGS (canvas flavour)', () => {
  let platform: Platform;
  let token: string;
  let scoresUrl: string;
  beforeAll(async () => {
    platform = await platformFor({ flavour: 'canvas' });
    token = await accessToken(platform, tool);
    scoresUrl = platform.scoresUrl(platform.lineItemFor(ESSAY)!);
  });
  beforeEach(() => platform.clearRecords());

  it('hands out URLs without a query string', () => {
    expect(platform.lineItemsUrl()).not.toContain('?');
    expect(scoresUrl).toMatch(/\/line_items\/\d+\/scores$/);
  });

  it('answers 422 to scoreGiven without scoreMaximum and to a non-learner', async () => {
    const noMax = await service(scoresUrl, token, { body: score(ADA, '2030-01-01T10:00:00Z', { scoreMaximum: undefined }) });
    expect(noMax.status).toBe(422);
    expect((await service(scoresUrl, token, { body: score(RIVERA, '2030-01-01T10:00:00Z') })).status).toBe(422);
  });

  it('answers 400 to an older timestamp but accepts an equal one', async () => {
    expect((await service(scoresUrl, token, { body: score(BEN, '2030-01-01T10:00:00.500Z') })).status).toBe(200);
    expect((await service(scoresUrl, token, { body: score(BEN, '2030-01-01T10:00:00.499Z') })).status).toBe(400);
    expect((await service(scoresUrl, token, { body: score(BEN, '2030-01-01T10:00:00.500Z', { scoreGiven: 31 }) })).status).toBe(200);
    expect(platform.gradeFor(ESSAY, BEN)?.scoreGiven).toBe(31);
  });

  it('keeps the previous grade when a Pending score arrives', async () => {
    await service(scoresUrl, token, { body: score(CHEN, '2030-01-01T10:00:00Z', { scoreGiven: 20 }) });
    const pending = score(CHEN, '2030-01-01T11:00:00Z', { scoreGiven: 1, gradingProgress: 'Pending' });
    expect((await service(scoresUrl, token, { body: pending })).status).toBe(200);
    expect(platform.gradeFor(ESSAY, CHEN)).toMatchObject({ scoreGiven: 20, gradingProgress: 'Pending' });
  });

  it('requires a User-Agent on service calls', async () => {
    expect(await postWithoutUserAgent(scoresUrl, token, score(ADA, '2030-01-05T10:00:00Z'))).toBe(400);
    expect(platform.gradeFor(ESSAY, ADA)).toBeUndefined();
  });
});

// ---- demo pages -----------------------------------------------------------------------------------

describe('demo LMS pages', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await platformFor({ demo: true, publicHost: 'localhost' });
  });

  it('uses the public host name in its URLs', () => {
    expect(platform.issuer).toMatch(/^http:\/\/localhost:\d+$/);
  });

  it('renders the course page with launch links into the tool frame', async () => {
    const response = await fetch(`${platform.baseUrl}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Demo LMS — not a real learning platform');
    expect(html).toContain('World History: Modern Europe');
    expect(html).toContain('Unit essay: The Rise of Totalitarianism in Russia');
    expect(html).toMatch(/<iframe[^>]*title="Inkwell"[^>]*name="tool-frame"/);
    for (const label of [
      'Launch as student: Ada Lovelace',
      'Launch as student: Ben Okafor',
      'Launch as student: Chen Wei',
      'Launch as instructor: Maria Rivera',
    ]) {
      expect(html).toMatch(new RegExp(`<a class="button" href="[^"]+/launch\\?[^"]+" target="tool-frame">${label}</a>`));
    }
    expect(html).toContain('<header');
    expect(html).toContain('<main id="main">');
    expect(html).toContain('Refresh gradebook');
  });

  it('shows accepted scores in the gradebook, escaping what the tool sent', async () => {
    const token = await accessToken(platform, tool, [SCOPE.score]);
    const comment = 'Good work <script>alert(1)</script>\nSee rubric & notes.';
    const posted = await service(platform.scoresUrl(platform.lineItemFor(ESSAY)!), token, {
      body: score(ADA, '2030-01-01T10:00:00Z', { comment }),
    });
    expect(posted.status).toBe(200);
    const html = await (await fetch(`${platform.baseUrl}/gradebook`)).text();
    expect(html).toMatch(/<caption>Unit essay: The Rise of Totalitarianism in Russia \(out of 32\)<\/caption>/);
    expect(html).toContain('<th scope="col">Score</th>');
    expect(html).toMatch(/<th scope="row">Ada Lovelace<\/th>\s*<td>24 \/ 32<\/td>\s*<td>Fully graded<\/td>/);
    expect(html).toContain('Good work &lt;script&gt;alert(1)&lt;/script&gt;\nSee rubric &amp; notes.');
    expect(html).not.toContain('<script>alert(1)');
    const fragment = await (await fetch(`${platform.baseUrl}/gradebook?fragment=1`)).text();
    expect(fragment).toMatch(/^<table>/);
  });

  it('escapes member names on the course page', async () => {
    platform.addMember({ sub: 'student-x', name: '<img src=x onerror=alert(1)>', roles: [ROLE.learner] });
    const html = await (await fetch(`${platform.baseUrl}/`)).text();
    expect(html).toContain('Launch as student: &lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
  });

  it('does not serve the course page unless asked to', async () => {
    const plain = await platformFor();
    expect((await fetch(`${plain.baseUrl}/`)).status).toBe(404);
  });

  it('only listens on loopback', async () => {
    await expect(startPlatform({ toolBaseUrl: tool.baseUrl, host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });
});
