/**
 * `inkwell backup` and `inkwell restore`: the whole database through the driver
 * (models/database-dump.ts has the format and what "consistent" means here).
 */
import { resolve } from 'node:path';
import { dumpDatabase, restoreDatabase, withDatabase, type BackupSummary, type RestoreSummary } from '../models/database-dump';

export { BackupFileError, DatabaseNotEmptyError } from '../models/database-dump';

export interface DatabaseTarget {
  mongoUri: string;
  dbName: string;
}

export async function backupDatabase(target: DatabaseTarget, file: string): Promise<BackupSummary> {
  return withDatabase(target.mongoUri, target.dbName, (db) => dumpDatabase(db, resolve(file)));
}

/** Restores into an empty database only; refuses (DatabaseNotEmptyError) otherwise. */
export async function restoreBackup(target: DatabaseTarget, file: string): Promise<RestoreSummary> {
  return withDatabase(target.mongoUri, target.dbName, (db) => restoreDatabase(db, resolve(file)));
}

export function describeCounts(counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return `${total} document(s) in ${Object.keys(counts).length} collection(s)`;
}
