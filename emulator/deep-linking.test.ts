/**
 * Deep Linking 2.0 in the emulator: the LtiDeepLinkingRequest it signs (Moodle and Canvas), the
 * LtiDeepLinkingResponse it verifies at /deep_link_return, the links and line items it creates,
 * custom parameters on later launches, and course copy. The test plays the tool: a jose key pair
 * served as a JWKS by a small HTTP server, registered as the platform's built-in client (or by
 * dynamic registration).
 */
import { randomUUID } from 'node:crypto';
import {
  createRemoteJWKSet,
  jwtVerify,
  SignJWT,
  type JWTPayload,
} from 'jose';
import { makeToolKey, startFakeTool, type FakeTool, type ToolKey } from './fake-tool';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CLAIM,
  MESSAGE_TYPE,
  parseAutoSubmitForm,
  REGISTRATION,
  ROLE,
  SCOPE,
  startPlatform,
  type DeepLinkingLaunchRequest,
  type DeepLinkingSettings,
  type LoginInitiation,
  type Platform,
  type StartPlatformOptions,
} from './index';

const ADA = 'student-ada';
const RIVERA = 'teacher-rivera';
const ESSAY = 'rl-essay-1';

// ---- the tool: a JWKS, and the deep linking responses it signs ---------------------------------





function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The tool's half of the OIDC dance for a login the platform started; returns the id_token. */
async function authorize(platform: Platform, login: LoginInitiation): Promise<{ idToken: string; payload: JWTPayload }> {
  const fields = login.formFields;
  const response = await postForm(platform.authorizationEndpoint, {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: fields.client_id!,
    redirect_uri: fields.target_link_uri!,
    login_hint: fields.login_hint!,
    lti_message_hint: fields.lti_message_hint!,
    nonce: randomUUID(),
    state: randomUUID(),
  });
  const html = await response.text();
  expect(response.status, html).toBe(200);
  const idToken = parseAutoSubmitForm(html).fields.id_token!;
  const { payload } = await jwtVerify(idToken, createRemoteJWKSet(new URL(platform.jwksUrl)), {
    issuer: platform.issuer,
    audience: fields.client_id!,
    algorithms: ['RS256'],
  });
  return { idToken, payload };
}

interface DeepLinkingLaunch {
  payload: JWTPayload;
  settings: DeepLinkingSettings;
  login: LoginInitiation;
}

async function deepLinkingLaunch(platform: Platform, request: Partial<DeepLinkingLaunchRequest> = {}): Promise<DeepLinkingLaunch> {
  const login = platform.startDeepLinkingLogin({ userId: RIVERA, ...request });
  const { payload } = await authorize(platform, login);
  return { payload, login, settings: payload[CLAIM.deepLinkingSettings] as DeepLinkingSettings };
}

async function resourceLinkLaunch(platform: Platform, resourceLinkId: string, userId = ADA): Promise<JWTPayload> {
  return (await authorize(platform, platform.startLogin({ userId, resourceLinkId }))).payload;
}

interface ResponseOptions {
  /** Claims to add or replace; a claim set to `undefined` is left out. */
  claims?: Record<string, unknown>;
  key?: ToolKey;
  clientId?: string;
}

/** The LtiDeepLinkingResponse a well-behaved tool would sign for this launch. */
async function signResponse(
  platform: Platform,
  launch: DeepLinkingLaunch,
  contentItems: unknown[],
  options: ResponseOptions = {},
): Promise<string> {
  const key = options.key ?? tool.key;
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: options.clientId ?? platform.clientId,
    aud: platform.issuer,
    iat: now,
    exp: now + 300,
    nonce: randomUUID(),
    [CLAIM.deploymentId]: launch.payload[CLAIM.deploymentId],
    [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingResponse,
    [CLAIM.version]: '1.3.0',
    [CLAIM.data]: launch.settings.data,
    [CLAIM.contentItems]: contentItems,
    ...options.claims,
  };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
}

/** What the tool's auto-submitting form does: POST the JWT to the return URL. */
async function returnToPlatform(launch: DeepLinkingLaunch, jwt: string): Promise<{ status: number; html: string }> {
  const response = await postForm(launch.settings.deep_link_return_url, { JWT: jwt });
  return { status: response.status, html: await response.text() };
}

const ESSAY_ITEM = {
  type: 'ltiResourceLink',
  title: 'Essay: Causes of the First World War',
  text: 'Argue which cause mattered most.',
  custom: { inkwell_assignment: 'asg-42', rubric: 'history-v2' },
  lineItem: { scoreMaximum: 24, label: 'WWI causes essay', resourceId: 'asg-42', tag: 'essay' },
};

let tool: FakeTool;
/** Never published: a well-formed response signed with it has a bad signature. */
let unpublishedKey: ToolKey;
const platforms: Platform[] = [];

async function platformFor(options: Partial<StartPlatformOptions> = {}): Promise<Platform> {
  const platform = await startPlatform({ toolBaseUrl: tool.baseUrl, ...options });
  platforms.push(platform);
  return platform;
}

beforeAll(async () => {
  [tool, unpublishedKey] = await Promise.all([startFakeTool(), makeToolKey()]);
});

afterAll(async () => {
  await Promise.all(platforms.map((platform) => platform.close()));
  await tool.close();
});

// ---- the request ---------------------------------------------------------------------------------

describe('deep linking request (moodle flavour)', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await platformFor();
  });
  beforeEach(() => platform.setLaunchTamper(null));

  it('signs an LtiDeepLinkingRequest with the settings, no resource link and AGS without lineitem', async () => {
    const { payload, settings, login } = await deepLinkingLaunch(platform);
    expect(login.loginUrl).toBe(`${tool.baseUrl}/lti/login`);
    expect(login.formFields).toMatchObject({
      iss: platform.issuer,
      client_id: platform.clientId,
      lti_deployment_id: platform.deploymentId,
      target_link_uri: `${tool.baseUrl}/lti/launch`,
    });
    expect(payload).toMatchObject({
      sub: RIVERA,
      azp: platform.clientId,
      name: 'Maria Rivera',
      [CLAIM.messageType]: 'LtiDeepLinkingRequest',
      [CLAIM.version]: '1.3.0',
      [CLAIM.deploymentId]: platform.deploymentId,
      [CLAIM.targetLinkUri]: `${tool.baseUrl}/lti/launch`,
      [CLAIM.roles]: [ROLE.instructor],
      [CLAIM.context]: { id: 'course-101', label: 'HIST 101' },
      [CLAIM.toolPlatform]: { product_family_code: 'moodle' },
      [CLAIM.nrps]: { context_memberships_url: platform.membershipsUrl() },
    });
    expect(payload).not.toHaveProperty(CLAIM.resourceLink);
    expect(payload).not.toHaveProperty(CLAIM.canvasPlacement);
    expect(payload[CLAIM.ags]).toEqual({
      scope: [SCOPE.lineItem, SCOPE.resultReadonly, SCOPE.score],
      lineitems: platform.lineItemsUrl(),
    });

    const request = platform.deepLinkingRequests.at(-1)!;
    expect(settings).toEqual({
      deep_link_return_url: `${platform.issuer}/deep_link_return?request=${request.id}`,
      accept_types: ['ltiResourceLink'],
      accept_presentation_document_targets: ['iframe', 'window'],
      accept_multiple: false,
      auto_create: true,
      data: request.settings.data,
    });
    expect(settings.data).toMatch(/^\S{16,}$/);
    expect(request).toMatchObject({ userId: RIVERA, contextId: 'course-101', deploymentId: platform.deploymentId });
    expect(platform.issuedIdTokens.at(-1)).toMatchObject({
      messageType: 'LtiDeepLinkingRequest',
      deepLinkingRequestId: request.id,
      resourceLinkId: '',
      userId: RIVERA,
    });
  });

  it('gives every request its own return URL and data, and passes accept_multiple, title and text', async () => {
    const first = await deepLinkingLaunch(platform);
    const second = await deepLinkingLaunch(platform, { acceptMultiple: true, title: 'Add an essay', text: 'Pick one' });
    expect(second.settings.deep_link_return_url).not.toBe(first.settings.deep_link_return_url);
    expect(second.settings.data).not.toBe(first.settings.data);
    expect(second.settings).toMatchObject({ accept_multiple: true, title: 'Add an essay', text: 'Pick one' });
  });

  it('starts from a browser URL with an auto-submitting login form', async () => {
    const url = platform.deepLinkingLaunchUrl({ userId: RIVERA, acceptMultiple: true });
    expect(url).toMatch(/\/deep_linking_launch\?/);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const form = parseAutoSubmitForm(await page.text());
    expect(form.action).toBe(`${tool.baseUrl}/lti/login`);
    expect(form.fields.target_link_uri).toBe(`${tool.baseUrl}/lti/launch`);
    const { payload } = await authorize(platform, { loginUrl: form.action, formFields: form.fields });
    expect((payload[CLAIM.deepLinkingSettings] as DeepLinkingSettings).accept_multiple).toBe(true);
  });

  it('refuses a request for someone outside the course or an unknown placement', async () => {
    expect(() => platform.deepLinkingLaunchUrl({ userId: 'nobody' })).toThrow(/not a member/);
    expect(() => platform.startDeepLinkingLogin({ userId: RIVERA, contextId: 'nope' })).toThrow(/unknown context/);
    const page = await fetch(`${platform.baseUrl}/deep_linking_launch?user_id=${RIVERA}&placement=course_navigation`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('placement must be one of');
  });

  it('lets setLaunchTamper change the deep linking id_token too', async () => {
    platform.setLaunchTamper((claims, header) => ({ claims: { ...claims, [CLAIM.version]: '1.1' }, header }));
    const { payload } = await deepLinkingLaunch(platform);
    expect(payload[CLAIM.version]).toBe('1.1');
    expect(payload[CLAIM.messageType]).toBe('LtiDeepLinkingRequest');
  });
});

describe('deep linking request (canvas flavour)', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await platformFor({ flavour: 'canvas' });
  });

  it('offers line items and names the placement, assignment_selection by default', async () => {
    const { payload, settings } = await deepLinkingLaunch(platform);
    expect(payload[CLAIM.canvasPlacement]).toBe('assignment_selection');
    expect(settings).toMatchObject({ accept_lineitem: true, accept_multiple: false, accept_types: ['ltiResourceLink'] });
    expect(payload[CLAIM.ags]).not.toHaveProperty('lineitem');
    const linkSelection = await deepLinkingLaunch(platform, { placement: 'link_selection' });
    expect(linkSelection.payload[CLAIM.canvasPlacement]).toBe('link_selection');
    expect(platform.deepLinkingRequests.at(-1)!.placement).toBe('link_selection');
  });
});

// ---- the response --------------------------------------------------------------------------------

describe('deep linking response (moodle flavour)', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await platformFor({ demo: true });
  });

  it('creates a graded link for an item with lineItem; its launches carry custom and lineitem', async () => {
    const launch = await deepLinkingLaunch(platform);
    const { status, html } = await returnToPlatform(launch, await signResponse(platform, launch, [ESSAY_ITEM]));
    expect(status, html).toBe(200);
    expect(html).toContain('<h1>Content added</h1>');
    expect(html).toContain('Essay: Causes of the First World War');
    expect(html).toMatch(/<a class="button" href="\/" target="_top">Back to the course<\/a>/);

    const record = platform.deepLinkResponses.at(-1)!;
    expect(record).toMatchObject({ status: 200, accepted: true, requestId: platform.deepLinkingRequests.at(-1)!.id });
    expect(record.reason).toBeUndefined();
    expect(record.claims?.[CLAIM.data]).toBe(launch.settings.data);
    const [link] = record.resourceLinks;
    expect(link).toMatchObject({
      id: expect.stringMatching(/^rl-dl-\d+$/),
      title: ESSAY_ITEM.title,
      contextId: 'course-101',
      custom: ESSAY_ITEM.custom,
      text: ESSAY_ITEM.text,
    });
    expect(platform.resourceLinks().map((each) => each.id)).toEqual([ESSAY, link!.id]);
    const lineItem = platform.lineItemFor(link!.id);
    expect(lineItem).toMatchObject({ label: 'WWI causes essay', scoreMaximum: 24, resourceId: 'asg-42', tag: 'essay', resourceLinkId: link!.id });
    expect(record.lineItems).toEqual([lineItem]);

    const payload = await resourceLinkLaunch(platform, link!.id);
    expect(payload[CLAIM.resourceLink]).toEqual({ id: link!.id, title: ESSAY_ITEM.title });
    expect(payload[CLAIM.custom]).toEqual(ESSAY_ITEM.custom);
    expect(payload[CLAIM.ags]).toMatchObject({ lineitem: platform.lineItemUrl(lineItem!), lineitems: platform.lineItemsUrl() });
    expect(payload[CLAIM.targetLinkUri]).toBe(`${tool.baseUrl}/lti/launch`);
  });

  it('creates no grade item for an item without lineItem (Moodle rule)', async () => {
    const columns = platform.lineItems().length;
    const launch = await deepLinkingLaunch(platform);
    const { lineItem: _lineItem, ...ungraded } = { ...ESSAY_ITEM, title: 'Reading notes' };
    const { status } = await returnToPlatform(launch, await signResponse(platform, launch, [ungraded]));
    expect(status).toBe(200);
    const [link] = platform.deepLinkResponses.at(-1)!.resourceLinks;
    expect(platform.lineItems()).toHaveLength(columns);
    expect(link!.lineItemId).toBeUndefined();
    const payload = await resourceLinkLaunch(platform, link!.id);
    expect(payload[CLAIM.ags]).not.toHaveProperty('lineitem');
    expect(payload[CLAIM.ags]).toHaveProperty('lineitems');
    expect(payload[CLAIM.custom]).toEqual(ESSAY_ITEM.custom);
  });

  it('launches an item with a url at that url, and titles an untitled item', async () => {
    const launch = await deepLinkingLaunch(platform);
    const url = `${tool.baseUrl}/lti/launch?essay=asg-43`;
    await returnToPlatform(launch, await signResponse(platform, launch, [{ type: 'ltiResourceLink', url }]));
    const [link] = platform.deepLinkResponses.at(-1)!.resourceLinks;
    expect(link).toMatchObject({ title: 'Untitled activity', url });
    const login = platform.startLogin({ userId: ADA, resourceLinkId: link!.id });
    expect(login.formFields.target_link_uri).toBe(url);
  });

  it('accepts several items only when the request accepted multiple', async () => {
    const launch = await deepLinkingLaunch(platform, { acceptMultiple: true });
    const items = [ESSAY_ITEM, { ...ESSAY_ITEM, title: 'Second essay', lineItem: { scoreMaximum: 10 } }];
    const { status } = await returnToPlatform(launch, await signResponse(platform, launch, items));
    expect(status).toBe(200);
    const record = platform.deepLinkResponses.at(-1)!;
    expect(record.resourceLinks.map((link) => link.title)).toEqual([ESSAY_ITEM.title, 'Second essay']);
    expect(record.lineItems.map((item) => [item.label, item.scoreMaximum])).toEqual([
      ['WWI causes essay', 24],
      ['Second essay', 10],
    ]);
  });

  it('takes an empty answer as "nothing added"', async () => {
    const links = platform.resourceLinks().length;
    const launch = await deepLinkingLaunch(platform);
    const jwt = await signResponse(platform, launch, [], {
      claims: { [CLAIM.contentItems]: undefined, [CLAIM.msg]: 'Cancelled <by> the teacher' },
    });
    const { status, html } = await returnToPlatform(launch, jwt);
    expect(status).toBe(200);
    expect(html).toContain('<h1>Nothing added</h1>');
    expect(html).toContain('Cancelled &lt;by&gt; the teacher');
    expect(platform.resourceLinks()).toHaveLength(links);
  });

  it('accepts aud as an array that contains the issuer', async () => {
    const launch = await deepLinkingLaunch(platform);
    const jwt = await signResponse(platform, launch, [ESSAY_ITEM], { claims: { aud: ['someone-else', platform.issuer] } });
    expect((await returnToPlatform(launch, jwt)).status).toBe(200);
  });

  type Case = [string, (launch: DeepLinkingLaunch) => Promise<string>, RegExp];
  const cases: Case[] = [
    ['a bad signature', (l) => signResponse(platform, l, [ESSAY_ITEM], { key: { ...unpublishedKey, kid: tool.key.kid } }), /does not verify.*signature verification failed/],
    ['an unknown kid', (l) => signResponse(platform, l, [ESSAY_ITEM], { key: unpublishedKey }), /does not verify/],
    ['the wrong aud', (l) => signResponse(platform, l, [ESSAY_ITEM], { claims: { aud: platform.clientId } }), /aud must be the platform issuer/],
    ['the wrong iss', (l) => signResponse(platform, l, [ESSAY_ITEM], { claims: { iss: 'another-tool' } }), /iss must be the tool's client id "inkwell-demo-client", got "another-tool"/],
    ['the wrong deployment', (l) => signResponse(platform, l, [ESSAY_ITEM], { claims: { [CLAIM.deploymentId]: 'deployment-2' } }), /deployment_id must be the request's "deployment-1", got "deployment-2"/],
    ['data not echoed', (l) => signResponse(platform, l, [ESSAY_ITEM], { claims: { [CLAIM.data]: undefined } }), /data must echo the request's data exactly/],
    ['data changed', (l) => signResponse(platform, l, [ESSAY_ITEM], { claims: { [CLAIM.data]: `${l.settings.data} ` } }), /data must echo/],
    ['the wrong message_type', (l) => signResponse(platform, l, [ESSAY_ITEM], { claims: { [CLAIM.messageType]: 'LtiDeepLinkingRequest' } }), /message_type must be "LtiDeepLinkingResponse"/],
    ['the wrong version', (l) => signResponse(platform, l, [ESSAY_ITEM], { claims: { [CLAIM.version]: '1.1' } }), /version must be "1.3.0"/],
    ['no nonce', (l) => signResponse(platform, l, [ESSAY_ITEM], { claims: { nonce: undefined } }), /nonce is missing/],
    ['an expired JWT', (l) => signResponse(platform, l, [ESSAY_ITEM], { claims: { exp: Math.floor(Date.now() / 1000) - 10 } }), /expired/],
    ['iat in the future', (l) => signResponse(platform, l, [ESSAY_ITEM], { claims: { iat: Math.floor(Date.now() / 1000) + 600 } }), /iat is in the future/],
    ['several items when accept_multiple is false', (l) => signResponse(platform, l, [ESSAY_ITEM, ESSAY_ITEM]), /did not accept multiple items/],
    ['an item type the request did not accept', (l) => signResponse(platform, l, [{ type: 'file', url: 'http://x.example/a.pdf' }]), /content_items\[0\] has type "file", which the request did not accept/],
    ['content_items that is not an array', (l) => signResponse(platform, l, [], { claims: { [CLAIM.contentItems]: ESSAY_ITEM } }), /content_items must be an array/],
    ['a custom value that is not a string', (l) => signResponse(platform, l, [{ ...ESSAY_ITEM, custom: { points: 24 } }]), /custom values must be strings/],
    ['a lineItem without scoreMaximum', (l) => signResponse(platform, l, [{ ...ESSAY_ITEM, lineItem: { label: 'x' } }]), /lineItem.scoreMaximum must be a number/],
  ];

  it.each(cases)('refuses a response with %s, naming the reason', async (_case, sign, reason) => {
    const links = platform.resourceLinks().length;
    const columns = platform.lineItems().length;
    const launch = await deepLinkingLaunch(platform);
    const { status, html } = await returnToPlatform(launch, await sign(launch));
    expect(status).toBe(400);
    expect(html).toContain('Content not added');
    const record = platform.deepLinkResponses.at(-1)!;
    expect(record).toMatchObject({ status: 400, accepted: false, resourceLinks: [], lineItems: [] });
    expect(record.reason).toMatch(reason);
    expect(html).toContain(record.reason!.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(record.claims).toBeDefined();
    expect(platform.resourceLinks()).toHaveLength(links);
    expect(platform.lineItems()).toHaveLength(columns);
  });

  it('takes one answer per request: a reused return URL is refused', async () => {
    const launch = await deepLinkingLaunch(platform);
    expect((await returnToPlatform(launch, await signResponse(platform, launch, [ESSAY_ITEM]))).status).toBe(200);
    const links = platform.resourceLinks().length;
    const again = await returnToPlatform(launch, await signResponse(platform, launch, [ESSAY_ITEM]));
    expect(again.status).toBe(400);
    expect(platform.deepLinkResponses.at(-1)!.reason).toMatch(/already used/);
    expect(platform.resourceLinks()).toHaveLength(links);
  });

  it('keeps the request open after a refused answer, so the tool can correct itself', async () => {
    const launch = await deepLinkingLaunch(platform);
    const wrong = await signResponse(platform, launch, [ESSAY_ITEM], { claims: { [CLAIM.version]: '1.1' } });
    expect((await returnToPlatform(launch, wrong)).status).toBe(400);
    expect((await returnToPlatform(launch, await signResponse(platform, launch, [ESSAY_ITEM]))).status).toBe(200);
  });

  it('refuses an unknown request id, a missing JWT and a GET', async () => {
    const launch = await deepLinkingLaunch(platform);
    const jwt = await signResponse(platform, launch, [ESSAY_ITEM]);
    const unknown = await postForm(`${platform.baseUrl}/deep_link_return?request=forged`, { JWT: jwt });
    expect(unknown.status).toBe(400);
    expect(platform.deepLinkResponses.at(-1)!.reason).toBe('unknown deep linking request "forged"');
    const noJwt = await postForm(launch.settings.deep_link_return_url, { jwt });
    expect(noJwt.status).toBe(400);
    expect(platform.deepLinkResponses.at(-1)!.reason).toMatch(/missing the JWT form field/);
    const get = await fetch(launch.settings.deep_link_return_url);
    expect(get.status).toBe(400);
    expect(platform.deepLinkResponses.at(-1)).toMatchObject({ accepted: false, reason: expect.stringMatching(/POST/) });
  });
});

describe('deep linking response (canvas flavour)', () => {
  it('creates the line item Canvas offered with accept_lineitem', async () => {
    const platform = await platformFor({ flavour: 'canvas' });
    const launch = await deepLinkingLaunch(platform, { placement: 'link_selection' });
    expect((await returnToPlatform(launch, await signResponse(platform, launch, [ESSAY_ITEM]))).status).toBe(200);
    const [link] = platform.deepLinkResponses.at(-1)!.resourceLinks;
    expect(platform.lineItemFor(link!.id)).toMatchObject({ scoreMaximum: 24, label: 'WWI causes essay' });
    const payload = await resourceLinkLaunch(platform, link!.id);
    expect(payload[CLAIM.ags]).toHaveProperty('lineitem', platform.lineItemUrl(platform.lineItemFor(link!.id)!));
  });
});

describe('deep linking with a dynamically registered client', () => {
  it('sends the request to its deep linking URL and checks the answer against its own JWKS', async () => {
    const platform = await platformFor({ flavour: 'canvas' });
    const base = tool.baseUrl;
    const registration = await fetch(platform.registrationEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${platform.createRegistrationToken()}` },
      body: JSON.stringify({
        application_type: 'web',
        response_types: ['id_token'],
        grant_types: ['implicit', 'client_credentials'],
        initiate_login_uri: `${base}/lti/login`,
        redirect_uris: [`${base}/lti/launch`, `${base}/lti/deep-link`],
        client_name: 'Inkwell',
        jwks_uri: `${base}/lti/keys`,
        token_endpoint_auth_method: 'private_key_jwt',
        scope: [SCOPE.lineItem, SCOPE.score].join(' '),
        [REGISTRATION.toolConfiguration]: {
          domain: new URL(base).host,
          target_link_uri: `${base}/lti/launch`,
          claims: ['iss', 'sub'],
          messages: [
            { type: 'LtiResourceLinkRequest', placements: ['course_navigation'] },
            { type: 'LtiDeepLinkingRequest', target_link_uri: `${base}/lti/deep-link`, placements: ['assignment_selection'] },
          ],
        },
      }),
    });
    expect(registration.status).toBe(200);
    const { clientId, deploymentId } = platform.registrations.at(-1)!;

    const launch = await deepLinkingLaunch(platform, { clientId });
    expect(launch.login.formFields).toMatchObject({ client_id: clientId, target_link_uri: `${base}/lti/deep-link` });
    expect(launch.payload).toMatchObject({ aud: clientId, [CLAIM.deploymentId]: deploymentId });
    expect(launch.payload[CLAIM.ags]).toEqual({ scope: [SCOPE.lineItem, SCOPE.score], lineitems: platform.lineItemsUrl() });

    const asBuiltIn = await returnToPlatform(launch, await signResponse(platform, launch, [ESSAY_ITEM]));
    expect(asBuiltIn.status).toBe(400);
    expect(platform.deepLinkResponses.at(-1)!.reason).toMatch(/iss must be the tool's client id/);
    const ok = await returnToPlatform(launch, await signResponse(platform, launch, [ESSAY_ITEM], { clientId }));
    expect(ok.status).toBe(200);
  });
});

// ---- custom parameters and course copy ---------------------------------------------------------

describe('custom parameters and course copy', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await platformFor();
  });

  it('sends a fixture link\'s custom parameters in its launches', async () => {
    platform.addResourceLink({ id: 'rl-custom', title: 'Custom', withLineItem: false, custom: { mode: 'peer-review' } });
    const payload = await resourceLinkLaunch(platform, 'rl-custom');
    expect(payload[CLAIM.custom]).toEqual({ mode: 'peer-review' });
    expect((await resourceLinkLaunch(platform, ESSAY))[CLAIM.custom]).toEqual({});
  });

  it('copies a course: same members, new link ids with the same custom parameters, new line items', async () => {
    const launch = await deepLinkingLaunch(platform);
    expect((await returnToPlatform(launch, await signResponse(platform, launch, [ESSAY_ITEM]))).status).toBe(200);
    const original = platform.resourceLinks();
    const copy = platform.copyCourse('course-101', { id: 'course-101-2026', label: 'HIST 101 (2026)', title: 'World History, 2026' });
    expect(copy).toEqual({ id: 'course-101-2026', label: 'HIST 101 (2026)', title: 'World History, 2026' });
    expect(platform.members('course-101-2026').map((member) => member.sub)).toEqual(platform.members().map((member) => member.sub));

    const copied = platform.resourceLinks('course-101-2026');
    expect(copied).toHaveLength(original.length);
    original.forEach((link, index) => {
      const twin = copied[index]!;
      expect(twin.id).not.toBe(link.id);
      expect(twin.id).toMatch(/^rl-copy-\d+$/);
      expect(twin).toMatchObject({ title: link.title, contextId: 'course-101-2026' });
      expect(twin.custom).toEqual(link.custom);
      const before = platform.lineItemFor(link.id);
      const after = platform.lineItemFor(twin.id);
      if (!before) {
        expect(after).toBeUndefined();
        return;
      }
      expect(after!.id).not.toBe(before.id);
      expect(after).toMatchObject({
        contextId: 'course-101-2026',
        resourceLinkId: twin.id,
        label: before.label,
        scoreMaximum: before.scoreMaximum,
      });
      expect(after!.resourceId).toBe(before.resourceId);
      expect(after!.tag).toBe(before.tag);
    });

    const deepLinked = copied.find((link) => link.title === ESSAY_ITEM.title)!;
    const payload = await resourceLinkLaunch(platform, deepLinked.id);
    expect(payload[CLAIM.context]).toMatchObject({ id: 'course-101-2026' });
    expect(payload[CLAIM.resourceLink]).toEqual({ id: deepLinked.id, title: ESSAY_ITEM.title });
    expect(payload[CLAIM.custom]).toEqual(ESSAY_ITEM.custom);
    expect(payload[CLAIM.ags]).toMatchObject({
      lineitems: platform.lineItemsUrl('course-101-2026'),
      lineitem: platform.lineItemUrl(platform.lineItemFor(deepLinked.id)!),
    });
    expect(() => platform.copyCourse('course-101', { id: 'course-101-2026', label: 'x', title: 'x' })).toThrow(/already exists/);
  });
});

// ---- the demo LMS ----------------------------------------------------------------------------------

describe('demo LMS: adding an Inkwell assignment', () => {
  it('offers "Add Inkwell assignment" as the instructor and then lists the new link and its column', async () => {
    const platform = await platformFor({ demo: true });
    const course = await (await fetch(`${platform.baseUrl}/`)).text();
    const add = /<a class="button" href="([^"]+)" target="tool-frame">Add Inkwell assignment<\/a>/.exec(course);
    expect(add).not.toBeNull();
    const href = add![1]!.replace(/&amp;/g, '&');
    expect(new URL(href).searchParams.get('user_id')).toBe(RIVERA);
    expect(course).toContain('As the instructor, Maria Rivera');

    const page = await fetch(href);
    const form = parseAutoSubmitForm(await page.text());
    const { payload } = await authorize(platform, { loginUrl: form.action, formFields: form.fields });
    const launch: DeepLinkingLaunch = {
      payload,
      settings: payload[CLAIM.deepLinkingSettings] as DeepLinkingSettings,
      login: { loginUrl: form.action, formFields: form.fields },
    };
    const graded = { ...ESSAY_ITEM, title: 'Essay <b>two</b>' };
    const jwt = await signResponse(platform, launch, [graded]);
    expect((await returnToPlatform(launch, jwt)).status).toBe(200);
    const [link] = platform.deepLinkResponses.at(-1)!.resourceLinks;

    const after = await (await fetch(`${platform.baseUrl}/`)).text();
    expect(after).toContain('Assignment: Essay &lt;b&gt;two&lt;/b&gt;');
    expect(after).not.toContain('<b>two</b>');
    expect(after).toContain('Graded out of 24');
    expect(after).toContain('Argue which cause mattered most.');
    const panel = /<section class="panel" aria-labelledby="assignment-1">([\s\S]*?)<\/section>/.exec(after)![1]!;
    expect(panel).toContain('<h2 id="assignment-1">Assignment: Essay &lt;b&gt;two&lt;/b&gt;</h2>');
    const launches = [...panel.matchAll(/href="([^"]+)" target="tool-frame">Launch as (student|instructor): [^<]+<\/a>/g)];
    expect(launches).toHaveLength(4);
    expect(launches.every(([, url]) => url!.includes(`resource_link_id=${link!.id}`))).toBe(true);

    const gradebook = await (await fetch(`${platform.baseUrl}/gradebook`)).text();
    expect(gradebook).toContain('<caption>Unit essay: The Rise of Totalitarianism in Russia (out of 32)</caption>');
    expect(gradebook).toContain('<caption>WWI causes essay (out of 24)</caption>');
  });
});
