/**
 * When a test fails, print what the Inkwell servers it started logged last
 * (one line per request, with status and duration): a failure on CI then says
 * whether the request arrived, how long it took and what the server said.
 */
import { beforeEach } from 'vitest';
import { recentServerLogs } from './inkwell-server';

const LINES_PER_SERVER = 60;

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => {
    const text = recentServerLogs(LINES_PER_SERVER);
    if (text) console.error(`\n[failure-logs] the last ${LINES_PER_SERVER} log lines of each Inkwell server this file started:\n${text}\n`);
  });
});
