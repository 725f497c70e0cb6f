/**
 * Composition root: the one file that knows both ltijs and Next.
 * Starts the database (embedded FerretDB unless MONGODB_URI is set), sets up
 * ltijs under /lti, optionally the demo LMS, and hands every other request to
 * Next's App Router.
 */
import { resolve } from 'node:path';
import express from 'express';
import next from 'next';
import { environment } from './config/environment';
import { deleteExpiredLtiRecords } from './lti/expired-records';
import { partitionedCookies } from './lti/partitioned-cookies';
import { deployLtiProvider, setupLtiProvider } from './lti/provider';
import { databaseName, dbClient, getDb, mongoUri } from './models/db';
import { announceEmbeddedDb, startEmbeddedDb } from './server/embedded-db';
import { registerLaunchCallbacks } from './server/lti-routes';
import { AUTOSAVE_PATH, handleAutosave } from './server/autosave-route';
import { startRetentionJob } from './server/retention-job';
import { oidcRoutes } from './server/oidc-routes';
import { apiBodyLimit, securityHeaders } from './server/security-headers';
import { deleteExpiredLoginStates } from './models/login-states';
import { flushCacheWrites } from './models/submissions';
import { deleteExpiredSessionTickets } from './models/session-tickets';
import { refreshFrameAncestors } from './services/frame-ancestors';
import { handleCanvasJson, handleRegistration } from './server/registration-routes';
import { startDemoLms } from './server/demo';
import { adminPageOffReason, adminPassword } from './services/admin-auth';
import { demoEnabled, isProduction, ltijsEncryptionKey, port, publicBaseUrl, serverSecret, shutdownGraceMs } from './services/config';
import { log } from './services/logger';
import { requestLogging } from './server/logging';
import { handleMetrics, observeDbCommands } from './server/metrics';
import { applyProxyTrust } from './server/proxy-trust';
import { installGracefulShutdown, liveness, markReady, readiness, refuseWhileStopping } from './server/shutdown';
import { checkProductionSettings, connectDatabase, StartupRefusal } from './server/startup-checks';
import { unpublishExpiredKeys } from './services/keys';
import { processWorker } from './services/passback-worker';
import { pruneOldProblems } from './services/problems';
import { createRegistrationLink } from './services/registration';
import { migrateLtiKeyEncryption } from './services/secret-rotation';
import { PROJECT_ROOT } from './config/project-root';

/** Stored LTI keys made with an older secret or key derivation are re-encrypted before ltijs reads them. */
async function reportKeyMigration(): Promise<void> {
  const report = await migrateLtiKeyEncryption();
  if (report.reencrypted > 0) log().info(`[keys] re-encrypted ${report.reencrypted} stored LTI key(s) for the current INKWELL_SECRET`);
  if (report.unreadable > 0) {
    log().warn(
      `[keys] ${report.unreadable} stored LTI key(s) cannot be read with INKWELL_SECRET: set INKWELL_PREVIOUS_SECRET to the secret they were made with (see README, "Rotating INKWELL_SECRET").`,
    );
  }
}

async function main(): Promise<void> {
  // Next sets NODE_ENV=production when it starts, so settings that depend on the
  // environment the operator chose are resolved now, once, for every module copy.
  process.env.INKWELL_PRODUCTION = environment.nodeEnvIsProduction() ? '1' : '0';
  // A tool schools install does not phone home: no Next.js telemetry (set before Next starts).
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  checkProductionSettings();
  process.env.INKWELL_SECRET = serverSecret();
  process.env.INKWELL_DEMO = demoEnabled() ? '1' : '0';
  const password = adminPassword();
  if (password) process.env.INKWELL_ADMIN_PASSWORD = password;
  const adminOff = adminPageOffReason();
  if (adminOff && environment.adminPassword()) log().warn(`[admin] the admin page is off: ${adminOff}.`);
  const dataDir = environment.dataDir();
  if (!environment.mongoUri()) {
    const db = await startEmbeddedDb(resolve(dataDir, 'ferretdb'));
    process.env.MONGODB_URI = db.uri;
    announceEmbeddedDb(dataDir, db.uri);
    log().info(`[db] embedded FerretDB at ${db.uri} (data in ${dataDir})`);
  }
  await connectDatabase();
  observeDbCommands(await dbClient());
  await reportKeyMigration();

  const lti = setupLtiProvider({
    encryptionKey: ltijsEncryptionKey(),
    mongoUri: mongoUri(),
    dbName: databaseName(),
  });
  registerLaunchCallbacks(lti);
  await deployLtiProvider();

  const nextApp = next({ dev: environment.nextDev(), dir: PROJECT_ROOT, port: port() });
  await nextApp.prepare();
  const handleNext = nextApp.getRequestHandler();

  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-* only from INKWELL_TRUST_PROXY (loopback by default): `Secure` cookies behind a TLS proxy.
  applyProxyTrust(app);
  app.use(requestLogging);
  app.get('/api/health/live', liveness);
  app.get('/api/health/ready', (req, res) => void readiness(req, res));
  app.use(refuseWhileStopping);
  app.get('/metrics', (req, res) => void handleMetrics(req, res));
  await refreshFrameAncestors();
  app.use(securityHeaders);
  app.use(apiBodyLimit);
  // The autosave, a whole class's most frequent request, without Next's route-handler machinery
  // (and ahead of the LTI routes, which it would otherwise be matched against first).
  app.put(AUTOSAVE_PATH, (req, res) => void handleAutosave(req, res));
  app.all('/lti/register', (req, res) => void handleRegistration(req, res));
  app.get('/lti/canvas.json', handleCanvasJson);
  // Logins and launches are checked by Inkwell itself (cookie-less capable); ltijs serves keys and services.
  app.use(oidcRoutes());
  app.use('/lti', partitionedCookies, lti.app);
  app.all('*', (req, res) => {
    void handleNext(req, res);
  });

  const server = app.listen(port(), () => {
    log().info(`[inkwell] listening on ${publicBaseUrl()} (port ${port()})`);
  });
  // Longer than the usual load balancer idle timeout (60 s), so a reused connection is never cut mid-request.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('error', (error: NodeJS.ErrnoException) => {
    process.stderr.write(
      error.code === 'EADDRINUSE'
        ? `Inkwell could not start: port ${port()} is already in use (stop the other program or set PORT).\n`
        : `Inkwell could not start: it cannot listen on port ${port()} (${error.message}).\n`,
    );
    process.exit(1);
  });

  if (demoEnabled()) {
    try {
      const demo = await startDemoLms();
      log().info(`[demo] Demo LMS: ${demo.url}  — open it and click "Launch as student" or "Launch as instructor".`);
      const link = await createRegistrationLink({ note: 'printed at start in demo mode' });
      // Development only: in production the password is the operator's and never reaches a log.
      log().info(
        `[admin] Admin page: ${publicBaseUrl()}/admin (password: ${isProduction() ? 'the one in INKWELL_ADMIN_PASSWORD' : (adminPassword() ?? 'set INKWELL_ADMIN_PASSWORD')})`,
      );
      log().info(`[admin] One-time LTI registration link for an LMS: ${link.url}`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      log().warn(
        code === 'EADDRINUSE'
          ? '[demo] the demo LMS port is in use; set INKWELL_DEMO_PORT to another port. Inkwell itself is running.'
          : `[demo] the demo LMS did not start: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  // FerretDB has no TTL indexes: ltijs's short-lived records are removed here instead.
  const cleanup = setInterval(() => {
    getDb()
      .then((db) =>
        Promise.all([deleteExpiredLtiRecords(db), deleteExpiredLoginStates(), deleteExpiredSessionTickets(), unpublishExpiredKeys(), pruneOldProblems()]),
      )
      .catch((error: unknown) => log().warn({ err: error }, '[cleanup] expired records not removed'));
  }, 60_000);
  cleanup.unref();
  // Removed platforms leave the frame-ancestors list, and origins learned by other processes join it.
  const frameAncestors = setInterval(() => {
    refreshFrameAncestors().catch((error: unknown) => log().warn({ err: error }, '[headers] frame-ancestors not refreshed'));
  }, 15_000);
  frameAncestors.unref();

  // Delivers queued grades and submission notices to LMS gradebooks (see services/passback-worker.ts).
  processWorker().start();
  // Deletes the data of courses past INKWELL_RETENTION_DAYS, once a day across all processes.
  const retention = startRetentionJob();

  installGracefulShutdown({
    server,
    stopWork: async (graceMs) => {
      retention.stop();
      await Promise.all([processWorker().stop(graceMs), flushCacheWrites()]);
    },
    graceMs: shutdownGraceMs(),
  });
  markReady();
}

main().catch((error: unknown) => {
  // One plain sentence for the operator, on stderr (a refusal needs no stack).
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Inkwell could not start: ${error instanceof StartupRefusal ? message : message.split('\n', 1)[0]}\n`);
  process.exit(1);
});
