/**
 * Inkwell's command line for operators: `npm run --silent inkwell -- <command>`.
 *
 *   platform add --issuer URL --client-id ID --auth-endpoint URL --token-endpoint URL --jwks-url URL [--name NAME]
 *   platform list
 *
 * Uses the same database and secret as the server (MONGODB_URI, INKWELL_DB_NAME, INKWELL_SECRET).
 */
import { parseArgs } from 'node:util';
import { deployLtiProvider, getLtiProvider, setupLtiProvider } from '../lti/provider';
import { closeDb, databaseName, getDb, mongoUri } from '../models/db';
import { ltijsEncryptionKey } from '../services/config';

const USAGE = `Usage:
  inkwell platform add --issuer URL --client-id ID --auth-endpoint URL --token-endpoint URL --jwks-url URL [--name NAME]
  inkwell platform list`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function requireHttpUrl(name: string, value: string | undefined): string {
  if (!value) fail(`--${name} is required.\n${USAGE}`);
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http');
  } catch {
    fail(`--${name} must be an http(s) URL, got "${value}".`);
  }
  return value;
}

async function withLti<T>(run: () => Promise<T>): Promise<T> {
  setupLtiProvider({ encryptionKey: ltijsEncryptionKey(), mongoUri: mongoUri(), dbName: databaseName() });
  await deployLtiProvider();
  try {
    return await run();
  } finally {
    await getLtiProvider().close({ silent: true });
    await closeDb();
  }
}

async function main(argv: string[]): Promise<void> {
  const [area, command, ...rest] = argv;
  if (area === 'platform' && command === 'add') {
    const { values } = parseArgs({
      args: rest,
      options: {
        issuer: { type: 'string' },
        'client-id': { type: 'string' },
        'auth-endpoint': { type: 'string' },
        'token-endpoint': { type: 'string' },
        'jwks-url': { type: 'string' },
        name: { type: 'string' },
      },
    });
    const issuer = requireHttpUrl('issuer', values.issuer);
    const clientId = values['client-id'] ?? fail(`--client-id is required.\n${USAGE}`);
    const input = {
      url: issuer,
      name: values.name ?? new URL(issuer).host,
      clientId,
      authenticationEndpoint: requireHttpUrl('auth-endpoint', values['auth-endpoint']),
      accesstokenEndpoint: requireHttpUrl('token-endpoint', values['token-endpoint']),
      authConfig: { method: 'JWK_SET' as const, key: requireHttpUrl('jwks-url', values['jwks-url']) },
    };
    await withLti(() => getLtiProvider().registerPlatform(input));
    console.log(`Registered ${issuer} (client id ${clientId}).`);
    return;
  }
  if (area === 'platform' && command === 'list') {
    await withLti(async () => {
      const db = await getDb();
      const platforms = await db.collection('platforms').find({}, { projection: { platformUrl: 1, clientId: 1, platformName: 1 } }).toArray();
      for (const p of platforms) console.log(`${String(p.platformUrl)}\t${String(p.clientId)}\t${String(p.platformName ?? '')}`);
    });
    return;
  }
  fail(USAGE);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`inkwell: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
