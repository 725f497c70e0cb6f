/**
 * The admin-facing LTI URLs that are not part of a launch: Dynamic
 * Registration (`/lti/register`) and the Canvas developer key JSON
 * (`/lti/canvas.json`).
 *
 * The LMS opens `/lti/register` in a dialog (an iframe on its own site), so
 * this response names the registering LMS in its own `frame-ancestors`: the
 * global list (server/security-headers.ts) was computed before the platform
 * existed. Success and failure pages both show inside the dialog; success
 * posts `org.imsglobal.lti.close`. Pages never show what the LMS answered:
 * that goes to the log.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { describeError, reasonForLog } from '../errors/catalogue';
import { canvasDeveloperKey, lmsProfile, lmsProfileOfOrigin } from '../lti/lms';
import { toolDescription, toolUrls } from '../lti/tool-configuration';
import { publicBaseUrl } from '../services/config';
import { registerWithPlatform } from '../services/registration';
import { simplePage } from './pages';
import { cspNonce, setContentSecurityPolicy } from './security-headers';
import { log } from '../services/logger';

function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Tells the LMS that registration is over, so it closes its dialog; also offered as a button. */
function closeScript(nonce: string, closeAtOnce: boolean): string {
  return `<script nonce="${nonce}">
  function inkwellClose() { (window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*'); }
  document.getElementById('close').addEventListener('click', inkwellClose);
  ${closeAtOnce ? 'inkwellClose();' : ''}
</script>`;
}

/** The page that opened this one (for a dialog: the LMS admin page that frames it). */
function refererOf(req: Request): string | undefined {
  return req.get('referer') ?? undefined;
}

const CLOSE_BUTTON = '<p><button type="button" class="button" id="close">Close</button></p>';

function originOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * This response may be framed by the LMS that is registering: the page that opened the dialog (its
 * Referer), the origin of its configuration URL and, once known, its issuer. Without a Referer, an LMS
 * recognised by those origins may add its own sources (Canvas opens the dialog from the school's own
 * host while its configuration lives on canvas.instructure.com, so it adds `*.instructure.com`:
 * lti/lms/canvas.ts) — for this one page only, which says what happened and has no other action.
 */
function allowFramingBy(req: Request, res: Response, referer: string | undefined, origins: (string | null)[]): void {
  const sources = new Set<string>(["'self'"]);
  const opener = originOf(referer);
  if (opener) sources.add(opener);
  for (const origin of origins) {
    if (!origin) continue;
    sources.add(origin);
    if (!opener) for (const source of lmsProfileOfOrigin(origin).registration.dialogFrameAncestors) sources.add(source);
  }
  setContentSecurityPolicy(req, res, [...sources].join(' '));
}

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
  const lmsOrigin = originOf(openidConfigurationUrl);
  try {
    const outcome = await registerWithPlatform({
      linkToken: queryString(req, 'link'),
      openidConfigurationUrl,
      registrationToken: queryString(req, 'registration_token'),
      clientAddress: req.ip,
    });
    allowFramingBy(req, res, refererOf(req), [lmsOrigin, originOf(outcome.issuer)]);
    log().info(`[registration] registered ${outcome.issuer} client ${outcome.clientId} deployment ${outcome.deploymentId ?? '(none yet)'}`);
    const html = simplePage({
      title: 'Inkwell is registered',
      paragraphs: [
        `Your LMS (${new URL(outcome.issuer).host}) can now launch Inkwell.`,
        lmsProfile(outcome.productFamily).registration.nextStep,
      ],
      extraHtml: CLOSE_BUTTON,
    }).replace('</body>', `${closeScript(cspNonce(res), true)}</body>`);
    res.status(200).type('html').send(html);
  } catch (error) {
    // The catalogue decides the status and whether the error's words (a RegistrationError's advice) may be shown.
    const described = describeError(error);
    const advice = described.expose ? described.message : 'Something went wrong on the Inkwell side. Please try again.';
    // The precise reason (which may quote the LMS's answer) is for the log; the page says what to do.
    const reference = randomUUID().slice(0, 8);
    log().warn(`[registration] failed ref=${reference}: ${reasonForLog(error)}`);
    allowFramingBy(req, res, refererOf(req), [lmsOrigin]);
    const page = simplePage({
      title: 'Inkwell could not be registered',
      paragraphs: [advice, 'Nothing was installed. You can close this window and start again from your LMS.'],
      reference,
      extraHtml: CLOSE_BUTTON,
    }).replace('</body>', `${closeScript(cspNonce(res), false)}</body>`);
    res.status(described.status).type('html').send(page);
  }
}

export function handleCanvasJson(_req: Request, res: Response): void {
  res.type('application/json').send(JSON.stringify(canvasDeveloperKey(toolDescription(toolUrls(publicBaseUrl()))), null, 2));
}

