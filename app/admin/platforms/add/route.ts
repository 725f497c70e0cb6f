/** Registers a platform by hand, with the values the LMS shows for its tool registration. */
import { z } from 'zod';
import { listPlatforms, registerPlatform } from '../../../../services/platforms';
import { handleAdminPost } from '../../_lib/admin-route';
import { checkbox, httpUrlField, optionalHttpUrlField, optionalText, requiredText } from '../../_lib/form-fields';

export const dynamic = 'force-dynamic';

const DEPLOYMENT_ID_MAX = 255;

const addPlatformSchema = z.object({
  name: optionalText('name', 120),
  issuer: httpUrlField('issuer'),
  clientId: requiredText('client ID'),
  authorizationEndpoint: httpUrlField('authorization endpoint'),
  tokenEndpoint: httpUrlField('token endpoint'),
  jwksUrl: httpUrlField('JWKS URL'),
  authorizationServer: optionalHttpUrlField('authorization server'),
  deploymentIds: z
    .string()
    .optional()
    .transform((value) => [...new Set((value ?? '').split(',').map((id) => id.trim()).filter(Boolean))])
    .refine(
      (ids) => ids.every((id) => id.length <= DEPLOYMENT_ID_MAX),
      `Each deployment ID can be at most ${DEPLOYMENT_ID_MAX} characters.`,
    ),
  autoAcceptDeployments: checkbox,
});

export async function POST(request: Request): Promise<Response> {
  return handleAdminPost(request, addPlatformSchema, async (input) => {
    const known = (await listPlatforms()).some((p) => p.issuer === input.issuer && p.clientId === input.clientId);
    await registerPlatform({ ...input, registeredVia: 'manual' });
    const name = input.name ?? new URL(input.issuer).host;
    return {
      notice: known
        ? `Platform “${name}” was already registered: its endpoints and settings are updated.`
        : `Platform “${name}” added. It can launch Inkwell now.`,
    };
  });
}
