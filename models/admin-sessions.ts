/**
 * The admin sessions' generation: every admin session carries the generation
 * it was issued in, and "sign out everywhere" moves to the next one, so every
 * session issued before stops working in every process at once.
 */
import { getDb } from './db';

interface AdminSessionsDocument {
  _id: 'admin-sessions';
  generation: number;
}

async function collection() {
  return (await getDb()).collection<AdminSessionsDocument>('admin_sessions');
}

export async function currentAdminGeneration(): Promise<number> {
  const doc = await (await collection()).findOne({ _id: 'admin-sessions' });
  return doc?.generation ?? 0;
}

/** Moves to the next generation (a plain $inc: two racing sign-outs both end every older session). */
export async function advanceAdminGeneration(): Promise<void> {
  await (await collection()).updateOne({ _id: 'admin-sessions' }, { $inc: { generation: 1 } }, { upsert: true });
}
