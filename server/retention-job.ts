/**
 * The daily retention run in every Inkwell process: checks every hour whether
 * today's run has been claimed, and claims and runs it if not (services/privacy.ts
 * `runDailyRetention`), so it runs once a day whichever processes are up.
 * Off without INKWELL_RETENTION_DAYS; a bad value stops the start with its reason.
 */
import { errorMessage, log } from '../services/logger';
import { retentionDays, runDailyRetention } from '../services/privacy';

const CHECK_EVERY_MS = 3600_000;
const FIRST_CHECK_AFTER_MS = 60_000;

export function startRetentionJob(): { stop(): void } {
  const days = retentionDays();
  if (days === null) return { stop() {} };
  log().info(`[retention] data of courses with no activity for ${days} days is deleted daily`);
  const check = () => {
    runDailyRetention()
      .then((outcome) => {
        if (typeof outcome === 'object' && outcome.courses.length > 0) {
          log().info(`[retention] deleted ${outcome.courses.length} course(s) with no activity for ${outcome.days} days`);
        }
      })
      .catch((error: unknown) => log().warn({ error: errorMessage(error) }, '[retention] the daily run failed; it is tried again tomorrow'));
  };
  const first = setTimeout(check, FIRST_CHECK_AFTER_MS);
  const hourly = setInterval(check, CHECK_EVERY_MS);
  first.unref();
  hourly.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(hourly);
    },
  };
}
