/**
 * Who may launch: registered platforms only, known deployments only (unless
 * the platform accepts new ones), nothing from a disabled platform; and the
 * signing keys can rotate without breaking grade passback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM } from '../../emulator';
import { launch, reopenLaunchPage } from '../support/lti-client';
import { runCli, startInkwell, type RunningInkwell } from '../support/inkwell-server';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { api } from '../support/lti-client';
import { waitFor } from '../support/wait';

let inkwell: RunningInkwell;
const LINK = 'rl-essay-1';

function withDeployment(deploymentId: string) {
  inkwell.platform.setLaunchTamper((claims, header) => ({ claims: { ...claims, [CLAIM.deploymentId]: deploymentId }, header }));
}

function cli(...args: string[]) {
  const result = runCli(inkwell.env, args);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const platformArgs = () => ['--issuer', inkwell.platform.issuer, '--client-id', inkwell.platform.clientId];

beforeAll(async () => {
  inkwell = await startInkwell({ platform: { flavour: 'canvas' } });
});

afterAll(async () => {
  await inkwell?.stop();
});

describe('deployments', () => {
  it('refuses a launch from an unknown deployment and tells the LMS admin what to do', async () => {
    withDeployment('install-in-another-account');
    try {
      const result = await launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK });
      expect(result.status).toBe(403);
      expect(result.sessionToken).toBeNull();
      expect(result.body).toContain('install-in-another-account');
      expect(result.body).toMatch(/LMS administrator: ask the Inkwell administrator to add this deployment ID/);
      expect(inkwell.logs.join('')).toMatch(/refused \(403\) ref=\w+: unknown deployment_id install-in-another-account/);
    } finally {
      inkwell.platform.setLaunchTamper(null);
    }
  });

  it('accepts it once an admin adds the deployment', async () => {
    cli('deployment', 'add', ...platformArgs(), '--deployment-id', 'install-in-another-account');
    withDeployment('install-in-another-account');
    try {
      const result = await launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK });
      expect(result.status).toBe(303);
    } finally {
      inkwell.platform.setLaunchTamper(null);
    }
  });

  it('learns new deployments by itself when the platform is set to accept them', async () => {
    const p = inkwell.platform;
    cli('platform', 'add', ...platformArgs(), '--auth-endpoint', p.authorizationEndpoint, '--token-endpoint', p.tokenEndpoint, '--jwks-url', p.jwksUrl, '--auto-accept-deployments');
    withDeployment('course-install-42');
    try {
      expect((await launch(p, { userId: 'student-ben', resourceLinkId: LINK })).status).toBe(303);
    } finally {
      p.setLaunchTamper(null);
    }
    expect(cli('platform', 'list')).toMatch(/deployments=.*course-install-42/);
  });
});

describe('a disabled platform', () => {
  it('cannot launch until it is enabled again', async () => {
    cli('platform', 'disable', ...platformArgs());
    await expect(launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK })).rejects.toThrow(/answered 401/);
    cli('platform', 'enable', ...platformArgs());
    expect((await launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK })).status).toBe(303);
  });
});

describe('signing keys', () => {
  it('rotate: the old key stays published, the new one signs, and grades still reach the LMS', async () => {
    const before = (await (await fetch(`${inkwell.baseUrl}/lti/keys`)).json()) as { keys: { kid: string }[] };
    expect(before.keys).toHaveLength(1);
    const oldKid = before.keys[0]!.kid;

    expect(cli('keys', 'rotate')).toMatch(new RegExp(`${oldKid} -> \\w+`));

    const after = (await (await fetch(`${inkwell.baseUrl}/lti/keys`)).json()) as { keys: { kid: string }[] };
    expect(after.keys.map((k) => k.kid)).toContain(oldKid);
    expect(after.keys).toHaveLength(2);

    // A full grade round trip: the platform verifies a client assertion signed with the new key.
    const student = await launch(inkwell.platform, { userId: 'student-chen', resourceLinkId: LINK });
    const token = student.sessionToken!;
    await api(inkwell.baseUrl, token, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 });
    expect((await api(inkwell.baseUrl, token, 'POST', '/api/essay/submit', { revision: 1 })).status).toBe(200);
    const teacher = await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: LINK });
    const list = await (await reopenLaunchPage(inkwell.baseUrl, teacher)).text();
    const chenId = /\/grading\/([a-f0-9]{24})">Chen Wei/.exec(list)![1]!;
    const graded = await api(inkwell.baseUrl, teacher.sessionToken, 'PUT', `/api/grading/submissions/${chenId}/grade`, {
      selections: Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, c.levels[0]!.id])),
      criterionComments: {},
      overallComment: '',
    });
    expect(graded.status).toBe(200);
    await waitFor(() => inkwell.platform.gradeFor(LINK, 'student-chen')?.gradingProgress === 'FullyGraded');
  });
});

describe('the operator command line', () => {
  it('prints exactly one registration URL and nothing else', () => {
    const out = cli('registration-link');
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out.trim()).toMatch(new RegExp(`^${inkwell.baseUrl}/lti/register\\?link=[\\w-]{20,}$`));
  });

  it('explains its usage on a mistake, with a non-zero exit', () => {
    const result = runCli(inkwell.env, ['platform', 'add', '--issuer', 'not a url']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--issuer must be a URL');
  });
});

describe('Canvas developer key JSON', () => {
  it('has every field Canvas requires, pointing at this Inkwell', async () => {
    const response = await fetch(`${inkwell.baseUrl}/lti/canvas.json`);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const key = (await response.json()) as Record<string, unknown>;
    expect(key).toMatchObject({
      title: 'Inkwell',
      oidc_initiation_url: `${inkwell.baseUrl}/lti/login`,
      target_link_uri: `${inkwell.baseUrl}/lti/launch`,
      public_jwk_url: `${inkwell.baseUrl}/lti/keys`,
    });
    expect(typeof key.description).toBe('string');
    expect(key.scopes).toEqual(expect.arrayContaining(['https://purl.imsglobal.org/spec/lti-ags/scope/score']));
    const extension = (key.extensions as Record<string, unknown>[])[0]!;
    expect(extension).toMatchObject({ platform: 'canvas.instructure.com', privacy_level: 'public' });
    const placements = (extension.settings as { placements: Record<string, string>[] }).placements;
    expect(placements.map((p) => p.placement).sort()).toEqual(['assignment_selection', 'link_selection']);
    for (const p of placements) expect(p).toMatchObject({ message_type: 'LtiDeepLinkingRequest', target_link_uri: `${inkwell.baseUrl}/lti/launch` });
  });
});
