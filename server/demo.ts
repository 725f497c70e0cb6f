/**
 * The demo LMS: the platform emulator from emulator/, served on its
 * own origin (127.0.0.1 while Inkwell is on localhost) so the demo embeds
 * Inkwell cross-site, the way a real LMS does. Registered like any platform.
 * Clearly labelled as a demo and off in production unless asked for.
 */
import { environment } from '../config/environment';
import { startPlatform } from '../emulator';
import { port, publicBaseUrl } from '../services/config';
import { registerPlatform } from '../services/platforms';

export async function startDemoLms(): Promise<{ url: string; close: () => Promise<void> }> {
  const demoPort = environment.demoPort() ?? port() + 1;
  const platform = await startPlatform({
    toolBaseUrl: publicBaseUrl(),
    host: '127.0.0.1',
    port: demoPort,
    demo: true,
    // Offers LTI Platform Storage, so the demo also works where every third-party cookie is blocked (Safari).
    platformStorage: true,
  });
  await registerPlatform({
    issuer: platform.issuer,
    clientId: platform.clientId,
    name: 'Inkwell demo LMS',
    authorizationEndpoint: platform.authorizationEndpoint,
    tokenEndpoint: platform.tokenEndpoint,
    jwksUrl: platform.jwksUrl,
    deploymentIds: [platform.deploymentId],
    productFamily: platform.flavour,
    registeredVia: 'demo',
  });
  return { url: `${platform.baseUrl}/`, close: () => platform.close() };
}
