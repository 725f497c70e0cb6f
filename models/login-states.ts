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

/**
 * The records this process inserted, so that a launch answered by the process that answered its
 * login needs no read to find them. Safe because a record never changes after its insert (it is
 * only read, then deleted): the copy is the stored record. It decides nothing on its own: the
 * database's delete still uses a state up (consumeLoginState), so a state used through another
 * process is refused here too, and a launch on a process without the copy reads the database.
 */
const issuedHere = new Map<string, LoginState>();
/** Logins that are never finished must not pile up: the oldest copies go first (they are only copies). */
const MAX_COPIES = 5_000;

function keepCopy(record: LoginState, now: Date): void {
  // Records are kept in insertion order, which is expiry order: drop the expired from the front.
  for (const [state, copy] of issuedHere) {
    if (copy.expiresAt > now && issuedHere.size < MAX_COPIES) break;
    issuedHere.delete(state);
  }
  issuedHere.set(record._id, structuredClone(record));
}

export async function insertLoginState(record: LoginState): Promise<void> {
  await (await loginStates()).insertOne(record);
  keepCopy(record, new Date());
}

export async function findLoginState(state: string, now = new Date()): Promise<LoginState | null> {
  const record = issuedHere.get(state) ?? (await (await loginStates()).findOne({ _id: state }));
  return record && record.expiresAt > now ? structuredClone(record) : null;
}

/** Uses a state up; true only for the one caller that removed it. */
export async function consumeLoginState(state: string): Promise<boolean> {
  issuedHere.delete(state);
  const result = await (await loginStates()).deleteOne({ _id: state });
  return result.deletedCount === 1;
}

export async function deleteExpiredLoginStates(now = new Date()): Promise<number> {
  const result = await (await loginStates()).deleteMany({ expiresAt: { $lt: now } });
  return result.deletedCount;
}
