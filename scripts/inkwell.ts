/**
 * Inkwell's command line for operators: `npm run --silent inkwell -- <command>`.
 * Uses the same database and secret as the server (MONGODB_URI, INKWELL_DB_NAME, INKWELL_SECRET).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { environment } from '../config/environment';
import { runningEmbeddedDb, startEmbeddedDb } from '../server/embedded-db';
import { deployLtiProvider, getLtiProvider, setupLtiProvider } from '../lti/provider';
import { closeDb, databaseName, mongoUri } from '../models/db';
import { ltijsEncryptionKey } from '../services/config';
import { rotateAllKeys } from '../services/keys';
import { migrateLtiKeyEncryption, rotateSecret } from '../services/secret-rotation';
import {
  addDeploymentManually,
  listPlatforms,
  registerPlatform,
  removePlatform,
  setPlatformEnabled,
} from '../services/platforms';
import { createRegistrationLink } from '../services/registration';
import { DATA_USAGE, DataUsageError, runDataCommand } from './data-commands';

const USAGE = `Usage: npm run --silent inkwell -- <command>

  registration-link [--hours N] [--note TEXT]
      Print a one-time LTI Dynamic Registration URL (and nothing else).
  platform add --issuer URL --client-id ID --auth-endpoint URL --token-endpoint URL --jwks-url URL
               [--deployment-id ID ...] [--name NAME] [--authorization-server URL] [--auto-accept-deployments]
  platform list
  platform disable|enable|remove --issuer URL --client-id ID
  deployment add --issuer URL --client-id ID --deployment-id ID
  keys rotate
      Give every platform a new signing key; old public keys stay published for INKWELL_KEY_OVERLAP_HOURS (168).
  assess FILE... [--assignment ID]
      Run the rubric assistant on plain-text essays and print JSON: suggested levels with evidence, fact-sheet
      flags and guiding-question coverage. Against the built-in unit it needs no database; --assignment uses an
      assignment's own rubric and unit knowledge.
  calibrate DIR
      Measure the assistant against a teacher's levels (DIR/levels.json), leave-one-out, and print the report.
  secret rotate
      Re-encrypt the stored LTI keys for a new INKWELL_SECRET: stop Inkwell, run with INKWELL_PREVIOUS_SECRET=<old>
      and INKWELL_SECRET=<new>, start Inkwell with the new secret. In development (no INKWELL_SECRET) it makes a
      new .data/secret itself.
${DATA_USAGE}`;

class UsageError extends Error {}

function requireHttpUrl(name: string, value: string | undefined): string {
  if (!value) throw new UsageError(`--${name} is required.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--${name} must be a URL, got "${value}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--${name} must be an http(s) URL.`);
  return value;
}

function requireValue(name: string, value: string | undefined): string {
  if (!value) throw new UsageError(`--${name} is required.`);
  return value;
}

/** The server's embedded database when it is running, else a short-lived one of our own. */
async function ensureDatabase(): Promise<() => Promise<void>> {
  if (environment.mongoUri()) return async () => {};
  const dataDir = environment.dataDir();
  const running = runningEmbeddedDb(dataDir);
  if (running) {
    process.env.MONGODB_URI = running;
    return async () => {};
  }
  const db = await startEmbeddedDb(resolve(dataDir, 'ferretdb'));
  process.env.MONGODB_URI = db.uri;
  return db.stop;
}

async function withLti<T>(run: () => Promise<T>): Promise<T> {
  const stopDatabase = await ensureDatabase();
  try {
    return await withProvider(run);
  } finally {
    await stopDatabase();
  }
}

async function withProvider<T>(run: () => Promise<T>): Promise<T> {
  // As at server start: keys stored under an older derivation are made readable before ltijs reads them.
  await migrateLtiKeyEncryption();
  setupLtiProvider({ encryptionKey: ltijsEncryptionKey(), mongoUri: mongoUri(), dbName: databaseName() });
  await deployLtiProvider();
  try {
    return await run();
  } finally {
    await getLtiProvider().close({ silent: true });
    await closeDb();
  }
}

const platformKeyOptions = {
  issuer: { type: 'string' },
  'client-id': { type: 'string' },
} as const;

/** Runs one command, as `npm run inkwell -- …` does (tests call it in-process). */
export async function main(argv: string[]): Promise<void> {
  if (await runDataCommand(argv, ensureDatabase)) return;
  const [area, command, ...rest] = argv;
  if (area === 'calibrate') {
    if (!command) throw new UsageError('calibrate needs the folder that holds levels.json and the essays.');
    const { calibrationReport } = await import('./calibrate');
    console.log(await calibrationReport(command));
    return;
  }
  if (area === 'assess') {
    const { values, positionals } = parseArgs({ args: argv.slice(1), allowPositionals: true, options: { assignment: { type: 'string' } } });
    if (positionals.length === 0) throw new UsageError('assess needs at least one essay file.');
    const { assessFiles, builtInSubject } = await import('./assess');
    const assignmentId = values.assignment;
    // Loaded here, not at the top: the English model costs every other command a second or more to start.
    const { assistantSubjectOfAssignment } = await import('../services/assistant');
    const subject = assignmentId ? await withLti(() => assistantSubjectOfAssignment(assignmentId)) : builtInSubject;
    console.log(JSON.stringify(await assessFiles(positionals, subject), null, 2));
    return;
  }
  if (area === 'registration-link') {
    const { values } = parseArgs({ args: argv.slice(1), options: { hours: { type: 'string' }, note: { type: 'string' } } });
    const hours = values.hours === undefined ? undefined : Number(values.hours);
    if (hours !== undefined && !(hours > 0)) throw new UsageError('--hours must be a positive number.');
    const link = await withLti(() => createRegistrationLink({ ttlHours: hours, note: values.note }));
    console.log(link.url);
    return;
  }
  if (area === 'platform' && command === 'add') {
    const { values } = parseArgs({
      args: rest,
      options: {
        ...platformKeyOptions,
        'auth-endpoint': { type: 'string' },
        'token-endpoint': { type: 'string' },
        'jwks-url': { type: 'string' },
        'authorization-server': { type: 'string' },
        'deployment-id': { type: 'string', multiple: true },
        'auto-accept-deployments': { type: 'boolean' },
        name: { type: 'string' },
      },
    });
    const input = {
      issuer: requireHttpUrl('issuer', values.issuer),
      clientId: requireValue('client-id', values['client-id']),
      name: values.name,
      authorizationEndpoint: requireHttpUrl('auth-endpoint', values['auth-endpoint']),
      tokenEndpoint: requireHttpUrl('token-endpoint', values['token-endpoint']),
      jwksUrl: requireHttpUrl('jwks-url', values['jwks-url']),
      authorizationServer: values['authorization-server'],
      deploymentIds: values['deployment-id'] ?? [],
      autoAcceptDeployments: values['auto-accept-deployments'] ?? false,
      registeredVia: 'manual' as const,
    };
    await withLti(() => registerPlatform(input));
    console.log(`Registered ${input.issuer} (client id ${input.clientId}).`);
    if (input.deploymentIds.length === 0 && !input.autoAcceptDeployments) {
      console.log('No deployment ids given: launches will be refused until one is added (deployment add) or --auto-accept-deployments is set.');
    }
    return;
  }
  if (area === 'platform' && command === 'list') {
    const platforms = await withLti(() => listPlatforms());
    for (const p of platforms) {
      const deployments = p.deployments.map((d) => d.deploymentId).join(',') || '-';
      console.log([p.issuer, p.clientId, p.status, p.name, `deployments=${deployments}`].join('\t'));
    }
    return;
  }
  if (area === 'platform' && (command === 'disable' || command === 'enable' || command === 'remove')) {
    const { values } = parseArgs({ args: rest, options: platformKeyOptions });
    const issuer = requireValue('issuer', values.issuer);
    const clientId = requireValue('client-id', values['client-id']);
    await withLti(() => (command === 'remove' ? removePlatform(issuer, clientId) : setPlatformEnabled(issuer, clientId, command === 'enable')));
    console.log(`${command === 'remove' ? 'Removed' : command === 'enable' ? 'Enabled' : 'Disabled'} ${issuer} (client id ${clientId}).`);
    return;
  }
  if (area === 'deployment' && command === 'add') {
    const { values } = parseArgs({ args: rest, options: { ...platformKeyOptions, 'deployment-id': { type: 'string' } } });
    const issuer = requireValue('issuer', values.issuer);
    const clientId = requireValue('client-id', values['client-id']);
    const deploymentId = requireValue('deployment-id', values['deployment-id']);
    await withLti(() => addDeploymentManually(issuer, clientId, deploymentId));
    console.log(`Deployment ${deploymentId} accepted for ${issuer}.`);
    return;
  }
  if (area === 'keys' && command === 'rotate') {
    const rotated = await withLti(() => rotateAllKeys());
    for (const key of rotated) console.log(`${key.platformUrl}\t${key.clientId}\t${key.oldKid} -> ${key.newKid}`);
    console.log(`Rotated ${rotated.length} key(s).`);
    return;
  }
  if (area === 'secret' && command === 'rotate') {
    const stopDatabase = await ensureDatabase();
    try {
      const outcome = await rotateSecret();
      console.log(`Re-encrypted ${outcome.reencrypted} stored LTI key(s); ${outcome.current} already used the new secret.`);
      if (outcome.unreadable > 0) {
        console.log(`${outcome.unreadable} key(s) could not be read with either secret and were left as they were.`);
      }
      if (outcome.newSecretWrittenTo) console.log(`The new development secret is in ${outcome.newSecretWrittenTo}; restart Inkwell.`);
      else console.log('Start Inkwell with the new INKWELL_SECRET. Everyone signed in opens Inkwell again from the LMS.');
      if (outcome.unreadable > 0) process.exitCode = 1;
    } finally {
      await closeDb();
      await stopDatabase();
    }
    return;
  }
  throw new UsageError('');
}

/** Runs one command as the command line does, printing its errors; the exit status (2: usage, 1: failure). Tests call it in-process. */
export async function runInkwellCommand(argv: string[]): Promise<number> {
  try {
    await main(argv);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof DataUsageError) {
      if (error.message) console.error(error.message);
      console.error(USAGE);
      return 2;
    }
    console.error(`inkwell: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

const runAsCommand = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (runAsCommand) {
  void runInkwellCommand(process.argv.slice(2)).then((status) => {
    if (status !== 0) process.exit(status);
  });
}
