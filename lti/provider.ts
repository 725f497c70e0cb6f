/**
 * ltijs set-up: routes, storage and cookie options. Configuration only — what
 * happens after a launch is decided by the callbacks server.ts registers.
 *
 * ltijs keeps a process-wide singleton; Next route handlers reach the same one
 * because ltijs is listed in next.config.js `serverExternalPackages`.
 */
import { environment } from '../config/environment';
import ltijs, { type LtijsProvider } from 'ltijs';
import type { AccessTokenSource } from './ags';
import { AgsRequestError } from './errors';

export interface LtiProviderConfig {
  /** Encrypts ltijs's stored private keys and signs its cookies. */
  encryptionKey: string;
  mongoUri: string;
  dbName: string;
}

/** How old an id_token may be. ltijs's default (10 s) fails on slow networks and drifting clocks. */
export const ID_TOKEN_MAX_AGE_SECONDS = 120;

/**
 * ltijs's own database connections (its launch records). Few: with Inkwell's own
 * (DATABASE_CONNECTIONS in models/db.ts) a process uses at most 30, so three processes stay
 * below the 100 the embedded FerretDB has in all (docs/DESIGN.md, "Database connections").
 */
const LTIJS_DATABASE_CONNECTIONS = 10;

let configured = false;

export function getLtiProvider(): LtijsProvider {
  return ltijs.Provider;
}

export function setupLtiProvider(config: LtiProviderConfig): LtijsProvider {
  const lti = ltijs.Provider;
  if (configured) return lti;
  lti.setup(
    config.encryptionKey,
    { url: config.mongoUri, connection: { dbName: config.dbName, maxPoolSize: LTIJS_DATABASE_CONNECTIONS } },
    {
      appRoute: '/launch',
      loginRoute: '/login',
      keysetRoute: '/keys',
      dynRegRoute: '/register',
      // LMSs embed Inkwell in a cross-site iframe: cookies must be SameSite=None; Secure.
      // `Partitioned` is added by partitionedCookies() since ltijs drops unknown options.
      cookies: { secure: true, sameSite: 'None' },
      // Hand the validated launch straight to onConnect in the same request instead of
      // redirecting with an ltik and a session cookie; Inkwell issues its own session.
      ltiaas: true,
      tokenMaxAge: ID_TOKEN_MAX_AGE_SECONDS,
      cors: false,
    },
  );
  configured = true;
  return lti;
}

export async function deployLtiProvider(): Promise<void> {
  await ltijs.Provider.deploy({ serverless: true, silent: true });
}

/** Tokens are reused until this long before they expire, so none expires in flight. */
const TOKEN_EXPIRY_MARGIN_MS = 60_000;
const cachedTokens = new Map<string, { token: string; expiresAt: number }>();

interface LtijsDatabaseLike {
  Delete(collection: string, query: object): Promise<unknown>;
}

/** Drops cached access tokens for a platform (after a 401), here and in ltijs's store. */
export async function forgetAccessTokens(platformIssuer: string, clientId: string): Promise<void> {
  for (const key of cachedTokens.keys()) if (key.startsWith(`${platformIssuer} ${clientId} `)) cachedTokens.delete(key);
  await (ltijs.Provider.Database as LtijsDatabaseLike).Delete('accesstoken', { platformUrl: platformIssuer, clientId });
}

/**
 * OAuth2 client-credentials tokens for one platform registration, cached per
 * scope set until shortly before they expire. ltijs signs the
 * `private_key_jwt` assertion with the key it generated for that platform.
 * @see https://www.imsglobal.org/spec/security/v1p0/#using-json-web-tokens-with-oauth-2-0-client-credentials-grant
 */
export function accessTokenSource(platformIssuer: string, clientId: string): AccessTokenSource {
  return async (scopes) => {
    const scope = [...scopes].sort().join(' ');
    const key = `${platformIssuer} ${clientId} ${scope}`;
    const cached = cachedTokens.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.token;
    const platform = await ltijs.Provider.getPlatform(platformIssuer, clientId);
    if (!platform) throw new AgsRequestError('This LMS is no longer registered with Inkwell.', { retryable: false });
    try {
      // ltijs keeps tokens until they expire; ours end earlier, so ask ltijs for a fresh one.
      if (cached) await (ltijs.Provider.Database as LtijsDatabaseLike).Delete('accesstoken', { platformUrl: platformIssuer, clientId, scopes: scope });
      // ltijs's token request has no timeout of its own: bound it like every other call to the LMS.
      const token = await Promise.race([
        platform.platformAccessToken(scope),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(Object.assign(new Error('token request timed out'), { timedOut: true })), environment.lmsTimeoutMs()).unref(),
        ),
      ]);
      const lifetimeMs = (typeof token.expires_in === 'number' ? token.expires_in : 3600) * 1000;
      cachedTokens.set(key, { token: token.access_token, expiresAt: Date.now() + Math.max(lifetimeMs - TOKEN_EXPIRY_MARGIN_MS, 0) });
      return token.access_token;
    } catch (error) {
      const status = (error as { response?: { statusCode?: number } }).response?.statusCode;
      throw new AgsRequestError('The LMS did not grant Inkwell access to its grade service.', {
        status,
        retryable: status === undefined || status >= 500 || status === 429,
        platformBody: error instanceof Error ? error.message : undefined,
      });
    }
  };
}

/** The tool's current signing key for one platform registration, to sign messages to it (Deep Linking). */
export async function platformSigningKey(platformIssuer: string, clientId: string): Promise<{ kid: string; privateKeyPem: string }> {
  const platform = await ltijs.Provider.getPlatform(platformIssuer, clientId);
  if (!platform) throw new Error(`Platform ${platformIssuer} / ${clientId} is not registered`);
  const [kid, privateKeyPem] = await Promise.all([platform.platformKid(), platform.platformPrivateKey()]);
  return { kid, privateKeyPem };
}
