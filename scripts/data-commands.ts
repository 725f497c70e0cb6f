/**
 * The operator commands for Inkwell's data: backup and restore, and privacy
 * requests (export, erase, course purge, retention). Called by scripts/inkwell.ts,
 * and by tests in-process through `runDataCommand`.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { environment } from '../config/environment';
import { closeDb, databaseName, mongoUri } from '../models/db';
import { runningEmbeddedDb } from '../server/embedded-db';
import { backupDatabase, describeCounts, restoreBackup } from '../services/backup';
import {
  applyRetention,
  erasePerson,
  exportPerson,
  purgeCourse,
  retentionDays,
  summarizeCourse,
  summarizePerson,
  type Requester,
} from '../services/privacy';

export const DATA_USAGE = `  backup --out FILE
      Write every collection of Inkwell's database (ltijs's platforms and keys included) to FILE, gzip-compressed.
      Exact when Inkwell is stopped; see README "Backups" for a running one.
  restore FILE
      Restore a backup into an EMPTY database (INKWELL_DB_NAME); start Inkwell with the same INKWELL_SECRET.
  person show|export|erase --issuer URL --user-id ID [--out FILE] [--reason TEXT] [--yes]
      What Inkwell holds about one person (by platform issuer and LMS user id); export it as JSON; erase it.
  course show|purge --issuer URL --context-id ID [--reason TEXT] [--yes]
      What Inkwell holds about one course; delete all of it.
  retention --dry-run | --run [--days N]
      List (or delete) the courses with no activity for INKWELL_RETENTION_DAYS (or N) days.`;

export class DataUsageError extends Error {}

export type Print = (line: string) => void;

function required(name: string, value: string | undefined): string {
  if (!value) throw new DataUsageError(`--${name} is required.`);
  return value;
}

function cliRequester(reason: string | undefined): Requester {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no user name on this system
  }
  return { by: `command line (${user})`, reason };
}

/**
 * Runs a data command; false when `argv` is not one (the caller handles it).
 * `prepareDatabase` makes MONGODB_URI usable (the embedded database) and returns how to let it go.
 */
export async function runDataCommand(argv: string[], prepareDatabase: () => Promise<() => Promise<void>>, print: Print = console.log): Promise<boolean> {
  const [area, command, ...rest] = argv;
  if (area === 'backup') {
    const { values } = parseArgs({ args: argv.slice(1), options: { out: { type: 'string' } } });
    const file = resolve(required('out', values.out));
    if (!environment.mongoUri() && runningEmbeddedDb(environment.dataDir())) {
      print('Inkwell is running: the backup is read collection by collection, so saves made meanwhile may or may not be in it (everything saved before it began is). Stop Inkwell first for an exact copy.');
    }
    const release = await prepareDatabase();
    try {
      const summary = await backupDatabase({ mongoUri: mongoUri(), dbName: databaseName() }, file);
      print(`Backed up database "${summary.database}" to ${file}: ${describeCounts(summary.counts)}.`);
    } finally {
      await release();
    }
    return true;
  }
  if (area === 'restore') {
    const { positionals } = parseArgs({ args: argv.slice(1), allowPositionals: true, options: {} });
    const file = resolve(required('FILE (the backup to restore)', positionals[0]));
    if (!existsSync(file)) throw new DataUsageError(`There is no file ${file}.`);
    const release = await prepareDatabase();
    try {
      const summary = await restoreBackup({ mongoUri: mongoUri(), dbName: databaseName() }, file);
      print(`Restored ${describeCounts(summary.counts)} into database "${summary.database}".`);
      for (const skipped of summary.skippedIndexes) print(`Index not recreated (Inkwell creates the ones it needs at start): ${skipped}`);
      print('Start Inkwell with the same INKWELL_SECRET as the backed-up installation: its LTI keys are encrypted with it.');
    } finally {
      await release();
    }
    return true;
  }
  if (area === 'person' && (command === 'show' || command === 'export' || command === 'erase')) {
    const { values } = parseArgs({
      args: rest,
      options: { issuer: { type: 'string' }, 'user-id': { type: 'string' }, out: { type: 'string' }, reason: { type: 'string' }, yes: { type: 'boolean' } },
    });
    const person = { issuer: required('issuer', values.issuer), userId: required('user-id', values['user-id']) };
    if (command === 'export' && !values.out) throw new DataUsageError('--out FILE is required: where to write the export.');
    if (command === 'erase' && !values.yes) {
      throw new DataUsageError('Erasing cannot be undone: run `person show` first, then add --yes to erase.');
    }
    const release = await prepareDatabase();
    try {
      if (command === 'show') {
        const summary = await summarizePerson(person);
        if (summary.length === 0) print('Inkwell holds nothing about this person.');
        for (const part of summary) print(`${part.part}\t${part.count}\t${part.holds}${part.erased ? '' : ' (kept by an erasure)'}`);
      } else if (command === 'export') {
        const exported = await exportPerson(person, cliRequester(values.reason));
        const file = resolve(values.out!);
        await writeFile(file, `${JSON.stringify(exported, null, 2)}\n`, { mode: 0o600 });
        print(`Wrote ${exported.parts.reduce((n, p) => n + p.documents.length, 0)} record(s) in ${exported.parts.length} part(s) to ${file}.`);
      } else {
        const entry = await erasePerson(person, cliRequester(values.reason));
        print(`Erased ${describeCounts(entry.counts)}; audit entry ${entry.id}.`);
      }
    } finally {
      await closeDb();
      await release();
    }
    return true;
  }
  if (area === 'course' && (command === 'show' || command === 'purge')) {
    const { values } = parseArgs({
      args: rest,
      options: { issuer: { type: 'string' }, 'context-id': { type: 'string' }, reason: { type: 'string' }, yes: { type: 'boolean' } },
    });
    const course = { issuer: required('issuer', values.issuer), contextId: required('context-id', values['context-id']) };
    if (command === 'purge' && !values.yes) throw new DataUsageError('Purging a course cannot be undone: run `course show` first, then add --yes.');
    const release = await prepareDatabase();
    try {
      if (command === 'show') {
        const summary = await summarizeCourse(course);
        if (summary.length === 0) print('Inkwell holds nothing about this course.');
        for (const part of summary) print(`${part.part}\t${part.count}\t${part.holds}`);
      } else {
        const entry = await purgeCourse(course, cliRequester(values.reason));
        print(`Purged ${describeCounts(entry.counts)}; audit entry ${entry.id}.`);
      }
    } finally {
      await closeDb();
      await release();
    }
    return true;
  }
  if (area === 'retention') {
    const { values } = parseArgs({ args: argv.slice(1), options: { 'dry-run': { type: 'boolean' }, run: { type: 'boolean' }, days: { type: 'string' } } });
    if (Boolean(values['dry-run']) === Boolean(values.run)) throw new DataUsageError('Give one of --dry-run (list) or --run (delete).');
    const days = values.days === undefined ? retentionDays() : Number(values.days);
    if (days === null) throw new DataUsageError('INKWELL_RETENTION_DAYS is not set: set it, or give --days N.');
    if (!Number.isInteger(days) || days < 1) throw new DataUsageError('--days must be a whole number of days, 1 or more.');
    const release = await prepareDatabase();
    try {
      const outcome = await applyRetention({ days, dryRun: Boolean(values['dry-run']), requester: cliRequester(undefined) });
      for (const course of outcome.courses) {
        print([course.issuer, course.contextId, course.contextTitle ?? '-', `${course.assignments} assignment(s)`, `last activity ${course.lastActivityAt.toISOString()}`].join('\t'));
      }
      const count = `${outcome.courses.length} course(s) with no activity for ${days} days`;
      print(outcome.dryRun ? `${count} would be deleted (dry run: nothing was deleted).` : `Deleted ${count}: ${describeCounts(outcome.counts)}.`);
    } finally {
      await closeDb();
      await release();
    }
    return true;
  }
  return false;
}
