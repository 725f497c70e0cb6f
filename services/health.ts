/** Whether Inkwell's dependencies answer, and how the gradebook backlog does, for the health endpoint. */
import { pingDb } from '../models/db';
import { passbackBacklog, type PassbackBacklog } from './passback-backlog';

export async function checkHealth(): Promise<{ database: boolean; passback?: PassbackBacklog }> {
  const database = await pingDb();
  if (!database) return { database };
  try {
    return { database, passback: await passbackBacklog() };
  } catch {
    return { database };
  }
}
