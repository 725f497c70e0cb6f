/**
 * What Inkwell knows about each registered platform beyond ltijs's own record
 * (`platform_settings`), and the deployments it accepts (`deployments`, one
 * document each, `_id` unique, so adding one is a safe insert).
 */
import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import { getDb } from './db';

export type RegisteredVia = 'dynamic' | 'manual' | 'demo';

export interface PlatformSettings {
  issuer: string;
  clientId: string;
  name: string;
  productFamily?: string;
  status: 'active' | 'disabled';
  registeredVia: RegisteredVia;
  registeredAt: Date;
  /** Accept a launch from a deployment not seen before, and remember it (Canvas makes one per install). */
  autoAcceptDeployments: boolean;
  lastLaunchAt?: Date;
}

export interface Deployment {
  issuer: string;
  clientId: string;
  deploymentId: string;
  addedAt: Date;
  source: 'registration' | 'manual' | 'automatic';
}

interface PlatformSettingsDocument extends PlatformSettings {
  _id: string;
}
interface DeploymentDocument extends Deployment {
  _id: string;
}

const platformKey = (issuer: string, clientId: string) => JSON.stringify([issuer, clientId]);
const deploymentKey = (issuer: string, clientId: string, deploymentId: string) => JSON.stringify([issuer, clientId, deploymentId]);

async function settings(): Promise<Collection<PlatformSettingsDocument>> {
  return (await getDb()).collection<PlatformSettingsDocument>('platform_settings');
}
async function deployments(): Promise<Collection<DeploymentDocument>> {
  return (await getDb()).collection<DeploymentDocument>('deployments');
}

function withoutId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id, ...rest } = doc;
  return rest;
}

export async function savePlatformSettings(value: PlatformSettings): Promise<void> {
  await (await settings()).replaceOne({ _id: platformKey(value.issuer, value.clientId) }, value, { upsert: true });
}

export async function findPlatformSettings(issuer: string, clientId: string): Promise<PlatformSettings | null> {
  const doc = await (await settings()).findOne({ _id: platformKey(issuer, clientId) });
  return doc ? withoutId(doc) : null;
}

export async function listPlatformSettings(): Promise<PlatformSettings[]> {
  const docs = await (await settings()).find({}).sort({ registeredAt: 1 }).toArray();
  return docs.map(withoutId);
}

export async function updatePlatformSettings(
  issuer: string,
  clientId: string,
  change: Partial<Pick<PlatformSettings, 'status' | 'autoAcceptDeployments' | 'name' | 'lastLaunchAt'>>,
): Promise<boolean> {
  const result = await (await settings()).updateOne({ _id: platformKey(issuer, clientId) }, { $set: change });
  return result.matchedCount === 1;
}

export async function deletePlatformSettings(issuer: string, clientId: string): Promise<void> {
  await (await settings()).deleteOne({ _id: platformKey(issuer, clientId) });
  await (await deployments()).deleteMany({ issuer, clientId });
}

/** Adds a deployment; false when it was already known. */
export async function addDeployment(value: Deployment): Promise<boolean> {
  try {
    await (await deployments()).insertOne({ _id: deploymentKey(value.issuer, value.clientId, value.deploymentId), ...value });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return false;
    throw error;
  }
}

export async function findDeployment(issuer: string, clientId: string, deploymentId: string): Promise<Deployment | null> {
  const doc = await (await deployments()).findOne({ _id: deploymentKey(issuer, clientId, deploymentId) });
  return doc ? withoutId(doc) : null;
}

export async function listDeployments(): Promise<Deployment[]> {
  const docs = await (await deployments()).find({}).sort({ addedAt: 1 }).toArray();
  return docs.map(withoutId);
}

/**
 * A token that changes with every change to platforms and deployments (written after the
 * change itself), so each process can cache launch look-ups and still see another
 * process's change (the command line, a second server) on the next launch. Random rather
 * than a counter: FerretDB's updates are not isolated, and two increments could both write
 * the same number.
 */
interface ChangeTokenDocument {
  _id: string;
  token: string;
}

const PLATFORMS_CHANGE = 'platforms';

async function changeTokens(): Promise<Collection<ChangeTokenDocument>> {
  return (await getDb()).collection<ChangeTokenDocument>('change_tokens');
}

// A launch storm asks for the token many times at once (three times per launch): callers that
// ask while a read is on its way share it, so the database sees one read per round trip (a change
// that lands during that round trip is seen by the next launch instead).
let tokenRead: Promise<string> | null = null;

export function platformsChangeToken(): Promise<string> {
  tokenRead ??= (async () => (await (await changeTokens()).findOne({ _id: PLATFORMS_CHANGE }))?.token ?? 'none')().finally(() => {
    tokenRead = null;
  });
  return tokenRead;
}

export async function notePlatformsChanged(): Promise<void> {
  await (await changeTokens()).updateOne({ _id: PLATFORMS_CHANGE }, { $set: { token: randomUUID() } }, { upsert: true });
}
