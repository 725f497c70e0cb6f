/**
 * A stand-in for the tool side in the emulator's own tests: an RSA key pair
 * published as a JWKS on a loopback server, so tests can sign what a tool
 * signs (client assertions, deep linking responses) and rotate its key.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export interface ToolKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export interface FakeTool {
  baseUrl: string;
  /** host:port, the `domain` of its tool configuration. */
  domain: string;
  jwksUri: string;
  key: ToolKey;
  /** Publishes a new key next to the old ones and signs with it from now on. */
  rotateKey(): Promise<void>;
  close(): Promise<void>;
}

export async function makeToolKey(): Promise<ToolKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
}

/** `jwksPath`: where the keys are served (`/lti/keys` as Inkwell does, or a registered `jwks_uri`). */
export async function startFakeTool(jwksPath = '/lti/keys'): Promise<FakeTool> {
  let keys = [await makeToolKey()];
  const server: Server = createServer((req, res) => {
    if (req.url === jwksPath) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: keys.map((key) => key.publicJwk) }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const tool: FakeTool = {
    baseUrl: `http://127.0.0.1:${port}`,
    domain: `127.0.0.1:${port}`,
    jwksUri: `http://127.0.0.1:${port}${jwksPath}`,
    key: keys[0]!,
    async rotateKey() {
      tool.key = await makeToolKey();
      keys = [...keys, tool.key];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return tool;
}
