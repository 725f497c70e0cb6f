// Preloaded into the Inkwell server by the benchmark only (`node --import …/profile-hook.mjs`).
// SIGUSR2 starts a V8 CPU profile; the next SIGUSR2 stops it and writes
// $BENCH_PROFILE_DIR/inkwell-<n>.cpuprofile (renamed into place once complete). The runner uses it
// to profile one scenario at a time after the measured runs, so profiling never skews the figures.
import { Session } from 'node:inspector';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  let session = null;
  let count = 0;
  process.on('SIGUSR2', () => {
    if (!session) {
      session = new Session();
      session.connect();
      session.post('Profiler.enable', () => {
        session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start'));
      });
      return;
    }
    const current = session;
    session = null;
    current.post('Profiler.stop', (error, result) => {
      if (!error && result?.profile) {
        mkdirSync(dir, { recursive: true });
        const file = join(dir, `inkwell-${process.pid}-${++count}`);
        writeFileSync(`${file}.tmp`, JSON.stringify(result.profile));
        renameSync(`${file}.tmp`, `${file}.cpuprofile`);
      }
      current.disconnect();
    });
  });
}

// Memory: every 250 ms, the breakdown (process.memoryUsage) at the highest RSS seen since the
// runner last deleted $BENCH_PROFILE_DIR/memory-<pid>.json, written to that file. The runner
// deletes it when a scenario starts and reads it when the scenario ends: where the peak went
// (V8 heap, external and array buffers, the rest: code, native libraries, allocator).
if (dir) {
  const file = join(dir, `memory-${process.pid}.json`);
  let peak = null;
  const sample = setInterval(() => {
    const now = process.memoryUsage();
    if (!existsSync(file)) peak = null;
    if (peak && now.rss <= peak.rss) return;
    peak = now;
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(peak));
    renameSync(`${file}.tmp`, file);
  }, 250);
  sample.unref();
}

// Heap snapshots, for finding what holds the server's memory (not used by `npm run bench` itself):
// with BENCH_HEAP_SNAPSHOT_DIR set, each SIGHUP writes a V8 heap snapshot of the server there.
const snapshotDir = process.env.BENCH_HEAP_SNAPSHOT_DIR;
if (snapshotDir) {
  const { writeHeapSnapshot } = await import('node:v8');
  let taken = 0;
  process.on('SIGHUP', () => {
    mkdirSync(snapshotDir, { recursive: true });
    const file = join(snapshotDir, `inkwell-${process.pid}-${++taken}.heapsnapshot`);
    const before = process.memoryUsage();
    writeHeapSnapshot(file);
    writeFileSync(`${file}.memory.json`, JSON.stringify(before));
  });
}
