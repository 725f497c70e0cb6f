/**
 * The tools' public keys as a real LMS keeps them: each `jwks_uri` is downloaded once and the
 * copy is used until an assertion names a kid that is not in it; then the set is downloaded
 * again, once, and the assertion is checked against the new copy.
 */
import { createLocalJWKSet, errors as joseErrors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { PlatformState } from './state';

const FETCH_TIMEOUT_MS = 5_000;

type KeyLookup = ReturnType<typeof createLocalJWKSet>;

export class ToolJwksCache {
  /** jwks_uri → the download under way or done (a failed one is forgotten). */
  private readonly sets = new Map<string, Promise<KeyLookup>>();

  constructor(private readonly state: PlatformState) {}

  /** A key resolver for `jwtVerify` backed by the cached copy of `jwksUri`. */
  keyResolver(jwksUri: string): JWTVerifyGetKey {
    return async (header, token) => {
      let download = this.sets.get(jwksUri);
      const fresh = download === undefined;
      download ??= this.download(jwksUri);
      const lookup = await download;
      try {
        return await lookup(header, token);
      } catch (error) {
        if (fresh || !(error instanceof joseErrors.JWKSNoMatchingKey)) throw error;
        // An unknown kid: the tool may have rotated its key. Download again, at most once per
        // assertion; a concurrent request that already started a new download shares it.
        const current = this.sets.get(jwksUri);
        const again = current !== undefined && current !== download ? current : this.download(jwksUri);
        return (await again)(header, token);
      }
    };
  }

  private download(jwksUri: string): Promise<KeyLookup> {
    const pending = this.fetchSet(jwksUri);
    this.sets.set(jwksUri, pending);
    pending.catch(() => {
      if (this.sets.get(jwksUri) === pending) this.sets.delete(jwksUri);
    });
    return pending;
  }

  private async fetchSet(jwksUri: string): Promise<KeyLookup> {
    this.state.toolJwksFetchCount++;
    let response: Response;
    try {
      response = await fetch(jwksUri, {
        headers: { accept: 'application/json, application/jwk-set+json' },
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
    } catch (error) {
      throw new Error(`could not fetch the tool JWKS at ${jwksUri}: ${(error as Error).message}`);
    }
    if (!response.ok) {
      throw new Error(`the tool JWKS at ${jwksUri} answered ${response.status}`);
    }
    const body = (await response.json().catch(() => null)) as unknown;
    if (!isJwks(body)) throw new Error(`the tool JWKS at ${jwksUri} is not a JSON Web Key Set`);
    return createLocalJWKSet(body);
  }
}

function isJwks(value: unknown): value is JSONWebKeySet {
  if (typeof value !== 'object' || value === null) return false;
  const { keys } = value as { keys?: unknown };
  return Array.isArray(keys) && keys.every((key) => typeof key === 'object' && key !== null);
}
