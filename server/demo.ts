/**
 * The demo LMS: the platform emulator from tests/lti-platform, served on its
 * own origin (127.0.0.1 while Inkwell is on localhost) so the demo embeds
 * Inkwell cross-site, the way a real LMS does. Registered with ltijs like any
 * platform. Clearly labelled as a demo and off in production unless asked for.
 */
import type { LtijsProvider } from 'ltijs';
import { startPlatform } from '../tests/lti-platform';
import { port, publicBaseUrl } from '../services/config';

export async function startDemoLms(lti: LtijsProvider): Promise<{ url: string; close: () => Promise<void> }> {
  const demoPort = Number(process.env.INKWELL_DEMO_PORT ?? port() + 1);
  const platform = await startPlatform({
    toolBaseUrl: publicBaseUrl(),
    host: '127.0.0.1',
    port: demoPort,
    demo: true,
  });
  await lti.registerPlatform({
    url: platform.issuer,
    name: 'Inkwell demo LMS',
    clientId: platform.clientId,
    authenticationEndpoint: platform.authorizationEndpoint,
    accesstokenEndpoint: platform.tokenEndpoint,
    authConfig: { method: 'JWK_SET', key: platform.jwksUrl },
  });
  return { url: `${platform.baseUrl}/`, close: () => platform.close() };
}
