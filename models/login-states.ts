/**
 * OIDC login states: one record per login initiation, holding the nonce sent
 * to the platform and what the launch must match (issuer, client). A record
 * is used up by the launch that presents its state, so state and nonce are
 * single-use and bound to the login that issued them.
 */
import type { Collection } from 'mongodb';
import { getDb } from './db';

export interface LoginState {
  /** The OIDC `state` (random, 256 bits). */
  _id: string;
  nonce: string;
  issuer: string;
  clientId: string;
  /** sha256 of the value kept in the browser (state cookie or platform storage). */
  bindingHash: string;
  /** Platform Storage frame the LMS offered in the login (`lti_storage_target`), if any. */
  storageTarget?: string;
  /** Origin of the platform's authorization endpoint: platform storage messages go to and come from it. */
  platformOrigin: string;
  /** Origin of the LMS page that sent the login (Origin or Referer), which may frame the launch's answer. */
  framedBy?: string;
  /** The login initiation's parameters, to start again in a new window. */
  login: Record<string, string>;
  createdAt: Date;
  expiresAt: Date;
}

async function loginStates(): Promise<Collection<LoginState>> {
  return (await getDb()).collection<LoginState>('login_states');
}

export async function insertLoginState(record: LoginState): Promise<void> {
  await (await loginStates()).insertOne(record);
}

export async function findLoginState(state: string, now = new Date()): Promise<LoginState | null> {
  const record = await (await loginStates()).findOne({ _id: state });
  return record && record.expiresAt > now ? record : null;
}

/** Uses a state up; true only for the one caller that removed it. */
export async function consumeLoginState(state: string): Promise<boolean> {
  const result = await (await loginStates()).deleteOne({ _id: state });
  return result.deletedCount === 1;
}

export async function deleteExpiredLoginStates(now = new Date()): Promise<number> {
  const result = await (await loginStates()).deleteMany({ expiresAt: { $lt: now } });
  return result.deletedCount;
}
