/**
 * The admin-facing LTI URLs that are not part of a launch: Dynamic
 * Registration (`/lti/register`) and the Canvas developer key JSON
 * (`/lti/canvas.json`).
 */
import type { Request, Response } from 'express';
import { canvasDeveloperKey, toolUrls } from '../lti/tool-configuration';
import { publicBaseUrl } from '../services/config';
import { registerWithPlatform, RegistrationError } from '../services/registration';
import { simplePage } from './pages';
import { cspNonce } from './security-headers';

function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Tells the LMS that registration is over, so it closes its dialog; also offered as a button. */
const closeScript = (nonce: string) => `<script nonce="${nonce}">
  function inkwellClose() { (window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*'); }
  document.getElementById('close').addEventListener('click', inkwellClose);
  inkwellClose();
</script>`;

export async function handleRegistration(req: Request, res: Response): Promise<void> {
  const openidConfigurationUrl = queryString(req, 'openid_configuration');
  if (!openidConfigurationUrl) {
    res
      .status(400)
      .type('html')
      .send(
        simplePage({
          title: 'This is Inkwell’s registration URL',
          paragraphs: [
            'Paste this whole URL into your LMS to install Inkwell: in Moodle, Site administration → Plugins → External tool → Manage tools → Tool URL; in Canvas, Admin → Developer Keys → + Developer Key → LTI Registration.',
          ],
        }),
      );
    return;
  }
  try {
    const outcome = await registerWithPlatform({
      linkToken: queryString(req, 'link'),
      openidConfigurationUrl,
      registrationToken: queryString(req, 'registration_token'),
    });
    console.info(`[registration] registered ${outcome.issuer} client ${outcome.clientId} deployment ${outcome.deploymentId ?? '(none yet)'}`);
    const html = simplePage({
      title: 'Inkwell is registered',
      paragraphs: [
        `Your LMS (${new URL(outcome.issuer).host}) can now launch Inkwell.`,
        outcome.productFamily === 'moodle'
          ? 'In Moodle, activate the new tool under Manage tools, then add Inkwell to a course as an External tool activity.'
          : 'Finish in your LMS: enable the new developer key or tool, then add Inkwell to a course.',
      ],
    }).replace('</main>', `<p><button type="button" id="close">Close</button></p></main>${closeScript(cspNonce(res))}`);
    res.status(200).type('html').send(html);
  } catch (error) {
    const advice = error instanceof RegistrationError ? error.advice : 'Something went wrong on the Inkwell side. Please try again.';
    console.warn(`[registration] failed: ${error instanceof Error ? error.message : String(error)}`);
    const detail = error instanceof RegistrationError ? `Details for the LMS administrator: ${error.message}` : '';
    res
      .status(error instanceof RegistrationError ? 400 : 500)
      .type('html')
      .send(simplePage({ title: 'Inkwell could not be registered', paragraphs: [advice, detail].filter(Boolean) }));
  }
}

export function handleCanvasJson(_req: Request, res: Response): void {
  res.type('application/json').send(JSON.stringify(canvasDeveloperKey(toolUrls(publicBaseUrl())), null, 2));
}

