// The baseline for the launch storm: ltijs 5.9 on its own, with an empty onConnect that answers
// 200. It uses the same ltijs options as Inkwell (lti/provider.ts) and the same kind of database
// (the benchmark's FerretDB, under a fresh database name), so the ratio Inkwell / bare ltijs shows
// what Inkwell's own work adds to a launch. Started by bench/main.ts; configured by environment:
// PORT, MONGODB_URI, BARE_DB_NAME, BARE_ENCRYPTION_KEY, BARE_PLATFORM (JSON for registerPlatform).
import express from 'express';
import ltijs from 'ltijs';

const lti = ltijs.Provider;
lti.setup(
  process.env.BARE_ENCRYPTION_KEY,
  { url: process.env.MONGODB_URI, connection: { dbName: process.env.BARE_DB_NAME } },
  {
    appRoute: '/launch',
    loginRoute: '/login',
    keysetRoute: '/keys',
    cookies: { secure: true, sameSite: 'None' },
    ltiaas: true,
    tokenMaxAge: 120,
    cors: false,
  },
);
lti.onConnect((_token, _req, res) => res.status(200).send('ok'));
await lti.deploy({ serverless: true, silent: true });
await lti.registerPlatform(JSON.parse(process.env.BARE_PLATFORM));

const app = express();
app.disable('x-powered-by');
app.use('/lti', lti.app);
const server = app.listen(Number(process.env.PORT), () => console.info(`[bare-ltijs] listening on port ${process.env.PORT}`));
const shutdown = () => {
  server.close();
  process.exit(0);
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
