/**
 * The platform's signing keys: one RSA 2048 pair published in the JWKS, and a second pair that
 * is never published so tests can produce well-formed tokens with a bad signature.
 */
import { calculateJwkThumbprint, CompactSign, exportJWK, generateKeyPair } from 'jose';
import type { CompactJWSHeaderParameters, CryptoKey, JWK } from 'jose';
import type { JwtClaims, JwtHeader, SignWith } from './types';

export interface PlatformKeys {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  /** Not in the JWKS. */
  otherPrivateKey: CryptoKey;
  otherKid: string;
}

async function generateRsaKey(): Promise<{ kid: string; privateKey: CryptoKey; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
}

export async function createPlatformKeys(): Promise<PlatformKeys> {
  const [main, other] = await Promise.all([generateRsaKey(), generateRsaKey()]);
  return {
    kid: main.kid,
    privateKey: main.privateKey,
    publicJwk: main.publicJwk,
    otherPrivateKey: other.privateKey,
    otherKid: other.kid,
  };
}

export function publicJwks(keys: PlatformKeys): { keys: JWK[] } {
  return { keys: [keys.publicJwk] };
}

/**
 * Sign `claims` with exactly the given header (tests may drop `kid` or change `typ`). `none`
 * produces an unsecured JWT with an empty signature, which jose refuses to build itself.
 */
export async function signJwt(
  keys: PlatformKeys,
  claims: JwtClaims,
  header: JwtHeader,
  signWith: SignWith = 'platform',
): Promise<string> {
  const payload = new TextEncoder().encode(JSON.stringify(claims));
  if (signWith === 'none') {
    const encodedHeader = Buffer.from(JSON.stringify({ ...header, alg: 'none' })).toString(
      'base64url',
    );
    return `${encodedHeader}.${Buffer.from(payload).toString('base64url')}.`;
  }
  const key = signWith === 'other-key' ? keys.otherPrivateKey : keys.privateKey;
  const protectedHeader = { ...header, alg: header.alg ?? 'RS256' } as CompactJWSHeaderParameters;
  return new CompactSign(payload).setProtectedHeader(protectedHeader).sign(key);
}
