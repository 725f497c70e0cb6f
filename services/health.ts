/** Whether Inkwell's dependencies answer, for the health endpoint. */
import { pingDb } from '../models/db';

export async function checkHealth(): Promise<{ database: boolean }> {
  return { database: await pingDb() };
}
