/**
 * LTI Dynamic Registration end to end against a Moodle-flavoured and a
 * Canvas-flavoured platform, each enforcing its own rules, then a launch with
 * the client that registration created. Registration needs an admin's link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleEssay } from '../../domain/unit';
import { api, launch, reopenLaunchPage } from '../support/lti-client';
import { runCli, startInkwell, type RunningInkwell } from '../support/inkwell-server';

const TOOL_CONFIG = 'https://purl.imsglobal.org/spec/lti-tool-configuration';
const LINK = 'rl-essay-1';

function registrationLink(inkwell: RunningInkwell): string {
  const result = runCli(inkwell.env, ['registration-link']);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim();
}

async function openInLms(inkwell: RunningInkwell, toolUrl: string): Promise<{ status: number; body: string }> {
  const response = await fetch(inkwell.platform.registrationLaunchUrl(toolUrl));
  return { status: response.status, body: await response.text() };
}

describe('Moodle', () => {
  let inkwell: RunningInkwell;
  beforeAll(async () => {
    inkwell = await startInkwell({ platform: { flavour: 'moodle' }, registerPlatform: false });
  });
  afterAll(async () => {
    await inkwell?.stop();
  });

  it('refuses registration without an admin-issued link, and posts nothing to the LMS', async () => {
    const result = await openInLms(inkwell, `${inkwell.baseUrl}/lti/register`);
    expect(result.status).toBe(400);
    expect(result.body).toContain('Ask the Inkwell administrator for a new registration link');
    const forged = await openInLms(inkwell, `${inkwell.baseUrl}/lti/register?link=made-up-token`);
    expect(forged.status).toBe(400);
    expect(inkwell.platform.registrationRequests).toHaveLength(0);
  });

  it('refuses a configuration whose issuer is not the site it came from, and the link stays usable', async () => {
    const link = registrationLink(inkwell);
    inkwell.platform.setOpenidConfigurationOverride({ issuer: 'https://evil.example' });
    try {
      const result = await openInLms(inkwell, link);
      expect(result.status).toBe(400);
      expect(result.body).toContain('names a different site');
      expect(inkwell.platform.registrationRequests).toHaveLength(0);
    } finally {
      inkwell.platform.setOpenidConfigurationOverride(null);
    }
    const retry = await openInLms(inkwell, link);
    expect(retry.status).toBe(200);
  });

  it('registers with one paste of the link, as Moodle requires, and the first launch works after activation', async () => {
    expect(inkwell.platform.registrations).toHaveLength(1);
    const registration = inkwell.platform.registrations[0]!;
    const body = registration.body as Record<string, unknown>;
    const toolConfig = body[TOOL_CONFIG] as Record<string, unknown>;
    expect(body).toMatchObject({
      application_type: 'web',
      response_types: ['id_token'],
      grant_types: ['implicit', 'client_credentials'],
      initiate_login_uri: `${inkwell.baseUrl}/lti/login`,
      redirect_uris: [`${inkwell.baseUrl}/lti/launch`],
      jwks_uri: `${inkwell.baseUrl}/lti/keys`,
      token_endpoint_auth_method: 'private_key_jwt',
      client_name: 'Inkwell',
    });
    expect(toolConfig.domain).toBe(new URL(inkwell.baseUrl).host);
    expect((toolConfig.messages as { type: string }[]).map((m) => m.type).sort()).toEqual(['LtiDeepLinkingRequest', 'LtiResourceLinkRequest']);
    expect(toolConfig.claims).toEqual(['iss', 'sub', 'name', 'given_name', 'family_name', 'email']);
    expect(Object.keys(body).some((k) => k.startsWith('https://canvas.instructure.com/'))).toBe(false);
    expect(String(body.scope).split(' ')).toEqual(expect.arrayContaining(['https://purl.imsglobal.org/spec/lti-ags/scope/score']));

    const request = { userId: 'student-ada', resourceLinkId: LINK, clientId: registration.clientId, deploymentId: registration.deploymentId };
    // Moodle keeps a new tool pending until its admin activates it.
    await expect(launch(inkwell.platform, request)).rejects.toThrow();
    inkwell.platform.activateTool(registration.clientId);
    const result = await launch(inkwell.platform, request);
    expect(result.status).toBe(303);
    expect(result.location).toMatch(/^\/essay\?ticket=/);
  });

  it('a used link cannot register again', async () => {
    const link = registrationLink(inkwell);
    expect((await openInLms(inkwell, link)).status).toBe(200);
    const again = await openInLms(inkwell, link);
    expect(again.status).toBe(400);
    expect(again.body).toContain('already used');
  });

  it('refuses a launch from a deployment the registration did not create', async () => {
    const registration = inkwell.platform.registrations[0]!;
    const result = await launch(inkwell.platform, {
      userId: 'student-ada',
      resourceLinkId: LINK,
      clientId: registration.clientId,
      deploymentId: 'someone-else',
    });
    expect(result.status).toBe(403);
    expect(result.body).toContain('is not registered');
  });
});

describe('Canvas', () => {
  let inkwell: RunningInkwell;
  beforeAll(async () => {
    inkwell = await startInkwell({ platform: { flavour: 'canvas' }, registerPlatform: false });
  });
  afterAll(async () => {
    await inkwell?.stop();
  });

  it('registers with the placements and claims Canvas requires, then launches and sends grades', async () => {
    const result = await openInLms(inkwell, registrationLink(inkwell));
    expect(result.status).toBe(200);
    expect(result.body).toContain("postMessage({ subject: 'org.imsglobal.lti.close' }");
    const registration = inkwell.platform.registrations[0]!;
    const toolConfig = (registration.body as Record<string, unknown>)[TOOL_CONFIG] as Record<string, unknown>;
    expect(toolConfig['https://canvas.instructure.com/lti/privacy_level']).toBe('public');
    const deepLinking = (toolConfig.messages as { type: string; placements?: string[] }[]).find((m) => m.type === 'LtiDeepLinkingRequest');
    expect(deepLinking?.placements).toEqual(['assignment_selection', 'link_selection']);

    const student = await launch(inkwell.platform, {
      userId: 'student-chen',
      resourceLinkId: LINK,
      clientId: registration.clientId,
      deploymentId: registration.deploymentId,
    });
    expect(student.status).toBe(303);
    // The service token is requested with the new client's key (checked against /lti/keys) for Canvas's
    // authorization server audience; the submission then reaches the gradebook.
    const token = student.sessionToken!;
    expect((await api(inkwell.baseUrl, token, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 })).status).toBe(200);
    expect((await api(inkwell.baseUrl, token, 'POST', '/api/essay/submit', { revision: 1 })).status).toBe(200);
    const deadline = Date.now() + 10_000;
    while (!inkwell.platform.receivedScores.some((s) => s.accepted) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(inkwell.platform.gradeFor(LINK, 'student-chen')).toMatchObject({ gradingProgress: 'PendingManual' });
    const teacher = await launch(inkwell.platform, {
      userId: 'teacher-rivera',
      resourceLinkId: LINK,
      clientId: registration.clientId,
      deploymentId: registration.deploymentId,
    });
    const list = await (await reopenLaunchPage(inkwell.baseUrl, teacher)).text();
    expect(list).toContain('Chen Wei');
    expect(inkwell.platform.requestLog.some((r) => r.path.includes('names_and_roles') && r.status === 200)).toBe(true);
  });
});

describe('open registration', () => {
  let inkwell: RunningInkwell;
  beforeAll(async () => {
    inkwell = await startInkwell({ platform: { flavour: 'moodle' }, registerPlatform: false, env: { INKWELL_OPEN_REGISTRATION: '1' } });
  });
  afterAll(async () => {
    await inkwell?.stop();
  });

  it('lets an LMS register without a link only when the operator switched it on', async () => {
    const result = await openInLms(inkwell, `${inkwell.baseUrl}/lti/register`);
    expect(result.status).toBe(200);
    expect(inkwell.platform.registrations).toHaveLength(1);
  });
});
