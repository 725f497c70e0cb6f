/**
 * Inkwell's own OIDC login and launch (in place of ltijs's, which needs a
 * third-party cookie and keeps no record of the nonce it sent).
 *
 * Login (`/lti/login`): a state and a nonce are stored server-side
 * (models/login-states.ts) with the issuer and client they belong to, and the
 * browser gets a secret that binds the state to it, kept in a partitioned
 * cookie and, when the LMS offers LTI Platform Storage (`lti_storage_target`),
 * in the platform's frame too. A login framed by the LMS first checks in the
 * browser whether a cookie can be kept; when neither a cookie nor platform
 * storage works, the student gets a button that opens Inkwell in a new window,
 * where the same login runs first-party.
 *
 * Launch (`/lti/launch`): the state must be known, unused and bound to this
 * browser (cookie, or the platform-storage check page that posts the secret
 * back with a same-origin JSON request); then lti/launch-validation.ts checks
 * the id_token against the login (issuer, client, nonce). The state is used up
 * before the launch is recorded, so a replay fails.
 * @see https://www.imsglobal.org/spec/security/v1p0/#openid_connect_launch_flow
 * @see https://www.imsglobal.org/spec/lti-cs-pm/v0p1 (platform storage: lti.put_data / lti.get_data)
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseCookie } from 'cookie';
import express, { type Request, type Response, type Router } from 'express';
import type { JWTPayload } from 'jose';
import { escapeHtml } from '../app/_lib/html';
import { ERROR_CATALOGUE, reasonForLog } from '../errors/catalogue';
import { LtiLaunchError } from '../lti/errors';
import { toLtijsToken, validateIdToken } from '../lti/launch-validation';
import { MESSAGE_DEEP_LINKING } from '../lti/claims';
import { isAcceptableLmsUrl } from '../lti/lms-network';
import { lmsNetworkPolicy } from '../services/config';
import { consumeLoginState, findLoginState, insertLoginState, type LoginState } from '../models/login-states';
import { findLaunchPlatform, platformLookupsForLaunch, type LaunchPlatform } from '../services/platforms';
import { takeLaunchTokenForIp, takeLaunchTokenForUser } from '../services/rate-limits';
import { handleDeepLinkingLaunch, handleResourceLinkLaunch, loginInitiationGuard, logRefusal, refuse, type GoTo } from './lti-routes';
import { simplePage } from './pages';
import { frameAncestorSources, originOf } from '../services/frame-ancestors';
import { cspNonce, setContentSecurityPolicy } from './security-headers';

/** A login must be answered within this time (the LMS's own login takes a few seconds). */
const LOGIN_LIFETIME_MS = 10 * 60_000;
const STATE_COOKIE_PREFIX = 'inkwell_state_';
const COOKIE_CHECK = 'inkwell_cookie_check';
/** The header the platform-storage page sends; a cross-site form cannot set it. */
export const STORAGE_LAUNCH_HEADER = 'x-inkwell-launch';

const LOGIN_PARAMETERS = ['iss', 'login_hint', 'target_link_uri', 'lti_message_hint', 'client_id', 'lti_deployment_id'] as const;

function random(bytes = 32): string {
  return randomBytes(bytes).toString('hex');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function sameSecret(value: string, expectedHash: string): boolean {
  const a = Buffer.from(sha256(value), 'hex');
  const b = Buffer.from(expectedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(req: Request, name: string): string | undefined {
  return parseCookie(req.headers.cookie ?? '')[name];
}

/** Partitioned (CHIPS) so that browsers that allow it keep the cookie inside the LMS frame. */
function setLoginCookie(res: Response, name: string, value: string, httpOnly: boolean): void {
  res.cookie(name, value, { httpOnly, secure: true, sameSite: 'none', partitioned: true, path: '/lti', maxAge: LOGIN_LIFETIME_MS });
}

function stringParams(req: Request): Record<string, string> {
  const all = { ...(req.query as Record<string, unknown>), ...((req.body ?? {}) as Record<string, unknown>) };
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(all)) if (typeof value === 'string') out[key] = value;
  return out;
}

/** The authentication request to the platform (an OIDC implicit flow with form_post). */
function authenticationUrl(platform: LaunchPlatform, params: Record<string, string>, state: string, nonce: string): string {
  const url = new URL(platform.authorizationEndpoint);
  const query: Record<string, string> = {
    response_type: 'id_token',
    response_mode: 'form_post',
    scope: 'openid',
    prompt: 'none',
    client_id: platform.clientId,
    // As ltijs did: the target without its query is the redirect URI registered with the LMS.
    redirect_uri: params.target_link_uri!.split('?')[0]!,
    login_hint: params.login_hint!,
    state,
    nonce,
  };
  if (params.lti_message_hint) query.lti_message_hint = params.lti_message_hint;
  if (params.lti_deployment_id) query.lti_deployment_id = params.lti_deployment_id;
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
}

/** `/lti/login` with the same parameters, minus platform storage: what the new window opens. */
function newWindowLoginUrl(login: Record<string, string>): string {
  const query = new URLSearchParams();
  for (const name of LOGIN_PARAMETERS) if (login[name]) query.set(name, login[name]);
  return `/lti/login?${query.toString()}`;
}

function newWindowButton(login: Record<string, string>): string {
  return `<p><a class="button" id="open-new-window" href="${escapeHtml(newWindowLoginUrl(login))}" target="_blank">Open Inkwell in a new window</a></p>`;
}

/** JSON for an inline <script type="application/json">: `<` escaped so it cannot close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** The shared client code: platform storage postMessage calls with the origin checked both ways. */
const STORAGE_SCRIPT = `
function storageFrame(target) {
  if (window.parent === window) return null;
  if (target === '_parent') return window.parent;
  try { return window.parent.frames[target] || null; } catch (e) { return null; }
}
function storageCall(cfg, message, timeoutMs) {
  return new Promise(function (resolve, reject) {
    var frame = storageFrame(cfg.storageTarget);
    if (!frame) return reject(new Error('no platform storage frame'));
    var id = Math.random().toString(36).slice(2) + Date.now().toString(36);
    var timer = setTimeout(function () { window.removeEventListener('message', onMessage); reject(new Error('timeout')); }, timeoutMs);
    function onMessage(event) {
      if (event.origin !== cfg.platformOrigin) return;
      var data = event.data;
      if (!data || data.message_id !== id || data.subject !== message.subject + '.response') return;
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      if (data.error) reject(new Error(String(data.error.code || 'error'))); else resolve(data);
    }
    window.addEventListener('message', onMessage);
    message.message_id = id;
    frame.postMessage(message, cfg.platformOrigin);
  });
}`;

/**
 * The page a login inside the LMS frame answers with: continue at once when
 * a cookie can be kept; otherwise keep the binding secret in platform storage;
 * otherwise offer a new window.
 */
function loginCheckPage(config: { authUrl: string; storageTarget?: string; platformOrigin: string; state: string; binding: string; login: Record<string, string>; nonce: string }): string {
  const cfg = {
    authUrl: config.authUrl,
    storageTarget: config.storageTarget ?? null,
    platformOrigin: config.platformOrigin,
    key: `${STATE_COOKIE_PREFIX}${config.state}`,
    binding: config.binding,
  };
  return simplePage({
    title: 'Opening Inkwell…',
    paragraphs: [],
    extraHtml: `<p id="status" role="status">Opening Inkwell…</p>
<div id="new-window" hidden>
<p>Your browser does not let Inkwell keep its sign-in inside your course page. Inkwell can open in a new window instead; your work is saved there the same way.</p>
${newWindowButton(config.login)}
</div>
<noscript><p><a class="button" href="${escapeHtml(config.authUrl)}">Continue</a></p></noscript>
<script type="application/json" id="login-config">${scriptJson(cfg)}</script>
<script nonce="${escapeHtml(config.nonce)}">
${STORAGE_SCRIPT}
(function () {
  var cfg = JSON.parse(document.getElementById('login-config').textContent);
  function go() { window.location.replace(cfg.authUrl); }
  function offerNewWindow() {
    document.getElementById('status').textContent = 'Inkwell needs a new window in this browser.';
    document.getElementById('new-window').hidden = false;
  }
  if (document.cookie.indexOf('${COOKIE_CHECK}=1') !== -1) return go();
  if (!cfg.storageTarget) return offerNewWindow();
  storageCall(cfg, { subject: 'lti.put_data', key: cfg.key, value: cfg.binding }, 3000).then(go, offerNewWindow);
})();
</script>`,
  });
}

/** The page a cookie-less launch answers with: read the secret back from platform storage, then finish. */
function storageLaunchPage(config: { idToken: string; state: string; storageTarget: string; platformOrigin: string; login: Record<string, string>; nonce: string }): string {
  const cfg = {
    idToken: config.idToken,
    state: config.state,
    storageTarget: config.storageTarget,
    platformOrigin: config.platformOrigin,
    key: `${STATE_COOKIE_PREFIX}${config.state}`,
  };
  return simplePage({
    title: 'Opening Inkwell…',
    paragraphs: [],
    extraHtml: `<p id="status" role="status">Opening Inkwell…</p>
<div id="new-window" hidden>
<p>Inkwell could not confirm your sign-in inside your course page. Open it in a new window instead.</p>
${newWindowButton(config.login)}
</div>
<script type="application/json" id="launch-config">${scriptJson(cfg)}</script>
<script nonce="${escapeHtml(config.nonce)}">
${STORAGE_SCRIPT}
(function () {
  var cfg = JSON.parse(document.getElementById('launch-config').textContent);
  function offerNewWindow() {
    document.getElementById('status').textContent = 'Inkwell needs a new window in this browser.';
    document.getElementById('new-window').hidden = false;
  }
  storageCall(cfg, { subject: 'lti.get_data', key: cfg.key }, 3000).then(function (answer) {
    return fetch('/lti/launch/storage', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', '${STORAGE_LAUNCH_HEADER}': 'platform-storage' },
      body: JSON.stringify({ id_token: cfg.idToken, state: cfg.state, binding: String(answer.value || '') })
    });
  }).then(function (response) {
    var type = response.headers.get('content-type') || '';
    if (response.ok && type.indexOf('application/json') !== -1) {
      return response.json().then(function (body) { window.location.replace(body.location); });
    }
    return response.text().then(function (html) { document.open(); document.write(html); document.close(); });
  }).catch(offerNewWindow);
})();
</script>`,
  });
}

/**
 * Lets the page that sent this login or launch frame the answer, besides the LMS origins
 * Inkwell has learned: a platform's very first launch comes from a school host Inkwell has
 * not seen yet. Only for requests that name a registered platform or a known login, and
 * these answers show nothing but "Opening Inkwell…" (or why it could not open).
 */
function allowFramingBySender(req: Request, res: Response, login?: LoginState): string | null {
  const sender = originOf(req.get('origin') === 'null' ? undefined : req.get('origin')) ?? originOf(req.get('referer'));
  // A platform's auth page may post the launch with `Origin: null`; the login's sender still counts.
  setContentSecurityPolicy(req, res, frameAncestorSources([sender, login?.framedBy]));
  return sender;
}

async function handleLogin(req: Request, res: Response): Promise<void> {
  const params = stringParams(req);
  const limited = takeLaunchTokenForIp(req.ip ?? 'unknown');
  if (limited) {
    refuse(res, 'RATE_LIMITED', `login rate limit for ${req.ip}`, 'Too many attempts to open Inkwell from here. Please wait a minute and try again.');
    return;
  }
  const platform = await findLaunchPlatform(params.iss!, params.client_id || undefined);
  if (!platform) {
    refuse(res, 'PLATFORM_UNKNOWN', `unregistered platform: iss=${params.iss} client_id=${params.client_id ?? '(none)'}`);
    return;
  }
  if (!platform.active) {
    refuse(res, 'PLATFORM_INACTIVE', `inactive platform: iss=${params.iss}`, undefined, params.iss);
    return;
  }
  // The browser is sent there: never anything but http(s) (https in production), whatever was stored.
  if (!isAcceptableLmsUrl(platform.authorizationEndpoint, lmsNetworkPolicy())) {
    refuse(res, 'LMS_URL_REFUSED', `platform authorization endpoint is not an allowed URL: iss=${params.iss}`, undefined, params.iss);
    return;
  }
  const framedBy = allowFramingBySender(req, res);
  const state = random();
  const nonce = random();
  const binding = random();
  const storageTarget = params.lti_storage_target || undefined;
  const platformOrigin = new URL(platform.authorizationEndpoint).origin;
  const login: Record<string, string> = {};
  for (const name of LOGIN_PARAMETERS) if (params[name]) login[name] = params[name]!;
  const now = new Date();
  const record: LoginState = {
    _id: state,
    nonce,
    issuer: platform.issuer,
    clientId: platform.clientId,
    bindingHash: sha256(binding),
    platformOrigin,
    login,
    ...(framedBy ? { framedBy } : {}),
    createdAt: now,
    expiresAt: new Date(now.getTime() + LOGIN_LIFETIME_MS),
    ...(storageTarget ? { storageTarget } : {}),
  };
  await insertLoginState(record);
  setLoginCookie(res, `${STATE_COOKIE_PREFIX}${state}`, binding, true);
  const authUrl = authenticationUrl(platform, params, state, nonce);
  res.set('Cache-Control', 'no-store');

  // Framed by the LMS (or offered platform storage): the cookie may not survive; check in the browser.
  const framed = req.get('sec-fetch-dest') === 'iframe';
  if (framed || storageTarget) {
    setLoginCookie(res, COOKIE_CHECK, '1', false);
    res.status(200).type('html').send(loginCheckPage({ authUrl, storageTarget, platformOrigin, state, binding, login, nonce: cspNonce(res) }));
    return;
  }
  res.redirect(302, authUrl);
}

/** Validates the id_token against its login, uses the state up and hands over to the launch handlers. */
async function finishLaunch(res: Response, record: LoginState, idToken: string, goTo?: GoTo): Promise<void> {
  const lookups = platformLookupsForLaunch();
  let payload: JWTPayload;
  try {
    payload = await validateIdToken(idToken, { issuer: record.issuer, clientId: record.clientId, nonce: record.nonce }, lookups.findPlatform);
  } catch (error) {
    await consumeLoginState(record._id);
    if (error instanceof LtiLaunchError) {
      refuse(res, error.code, `invalid launch: ${error.message}`, undefined, record.issuer);
      return;
    }
    throw error;
  }
  // Single use: of two requests racing with the same state, only one removes it.
  if (!(await consumeLoginState(record._id))) {
    refuse(res, 'LAUNCH_STATE_INVALID', 'invalid launch: state already used (replayed launch)', undefined, record.issuer);
    return;
  }
  const token = toLtijsToken(payload, record.clientId);
  const limited = takeLaunchTokenForUser(token.iss, token.user);
  if (limited) {
    refuse(res, 'RATE_LIMITED', `launch rate limit for a user of ${token.iss}`, 'Too many launches in a short time. Please wait a minute and open Inkwell again.');
    return;
  }
  if (token.platformContext.messageType === MESSAGE_DEEP_LINKING) await handleDeepLinkingLaunch(token, res, goTo, lookups.checkDeployment);
  else await handleResourceLinkLaunch(token, res, goTo, lookups.checkDeployment);
}

async function handleLaunch(req: Request, res: Response): Promise<void> {
  const params = stringParams(req);
  const limited = takeLaunchTokenForIp(req.ip ?? 'unknown');
  if (limited) {
    refuse(res, 'RATE_LIMITED', `launch rate limit for ${req.ip}`, 'Too many attempts to open Inkwell from here. Please wait a minute and try again.');
    return;
  }
  const idToken = params.id_token;
  if (!idToken) {
    refuse(res, 'LAUNCH_STATE_INVALID', 'invalid launch: no id_token in the request');
    return;
  }
  if (!params.state) {
    refuse(res, 'LAUNCH_STATE_INVALID', 'invalid launch: state missing');
    return;
  }
  const record = await findLoginState(params.state);
  if (!record) {
    refuse(res, 'LAUNCH_STATE_INVALID', 'invalid launch: unknown, expired or already used state');
    return;
  }
  allowFramingBySender(req, res, record);
  const binding = cookieValue(req, `${STATE_COOKIE_PREFIX}${record._id}`);
  res.clearCookie(`${STATE_COOKIE_PREFIX}${record._id}`, { secure: true, sameSite: 'none', partitioned: true, path: '/lti' });
  res.set('Cache-Control', 'no-store');
  if (binding !== undefined) {
    if (!sameSecret(binding, record.bindingHash)) {
      await consumeLoginState(record._id);
      refuse(res, 'LAUNCH_STATE_INVALID', 'invalid launch: state does not belong to this browser (cookie mismatch)', undefined, record.issuer);
      return;
    }
    await finishLaunch(res, record, idToken);
    return;
  }
  if (record.storageTarget) {
    // No cookie came back: the secret is in the platform's storage; the page reads it and finishes.
    res.status(200).type('html').send(
      storageLaunchPage({
        idToken,
        state: record._id,
        storageTarget: record.storageTarget,
        platformOrigin: record.platformOrigin,
        login: record.login,
        nonce: cspNonce(res),
      }),
    );
    return;
  }
  await consumeLoginState(record._id);
  refuse(
    res,
    'LAUNCH_STATE_INVALID',
    'invalid launch: state cookie missing (the browser blocked it) and no platform storage',
    'Your browser blocked what Inkwell needs to open inside your course page. Inkwell can open in a new window instead.',
    record.issuer,
    newWindowButton(record.login),
  );
}

/** The platform-storage page's same-origin JSON request: the secret it read back, with the launch. */
async function handleStorageLaunch(req: Request, res: Response): Promise<void> {
  res.set('Cache-Control', 'no-store');
  const site = req.get('sec-fetch-site');
  if (req.get(STORAGE_LAUNCH_HEADER) !== 'platform-storage' || (site !== undefined && site !== 'same-origin')) {
    refuse(res, 'LAUNCH_FROM_OTHER_SITE', 'invalid launch: platform storage completion without its header or from another site');
    return;
  }
  const body = (req.body ?? {}) as Record<string, unknown>;
  const { id_token: idToken, state, binding } = body;
  if (typeof idToken !== 'string' || typeof state !== 'string' || typeof binding !== 'string') {
    refuse(res, 'LAUNCH_REQUEST_MALFORMED', 'invalid launch: malformed platform storage completion');
    return;
  }
  const record = await findLoginState(state);
  if (!record || !record.storageTarget) {
    refuse(res, 'LAUNCH_STATE_INVALID', 'invalid launch: unknown, expired or already used state');
    return;
  }
  if (!sameSecret(binding, record.bindingHash)) {
    await consumeLoginState(record._id);
    refuse(res, 'LAUNCH_STATE_INVALID', 'invalid launch: state does not belong to this browser (platform storage mismatch)', undefined, record.issuer);
    return;
  }
  await finishLaunch(res, record, idToken, (location) => res.status(200).json({ location }));
}

function safely(handler: (req: Request, res: Response) => Promise<void>) {
  return (req: Request, res: Response) => {
    handler(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        logRefusal(ERROR_CATALOGUE.INTERNAL.status, `launch failed: ${reasonForLog(error)}`);
        return;
      }
      refuse(res, 'INTERNAL', `launch failed: ${reasonForLog(error)}`);
    });
  };
}

/** Routes for `/lti/login`, `/lti/launch` and `/lti/launch/storage`; mount before ltijs. */
export function oidcRoutes(): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '256kb' });
  router.all('/lti/login', form, loginInitiationGuard, safely(handleLogin));
  router.post('/lti/launch', form, safely(handleLaunch));
  router.post('/lti/launch/storage', express.json({ limit: '256kb' }), safely(handleStorageLaunch));
  return router;
}
