/**
 * Structured logs (pino): one JSON object a line, with the request id on every
 * line written while a request is handled (server/logging.ts binds it).
 *
 * Credentials are removed by configuration, not by habit: the redact paths
 * below censor any field that carries one, wherever code logs it, and URLs are
 * logged through `safeUrl`, which blanks the values of query parameters that
 * carry one (a page's one-time ticket, a registration link's token, ...).
 *
 * The logger and the request context live on globalThis: Next compiles the
 * route handlers into a separate module graph, and both copies must write
 * through the same logger and see the same request.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';
import { logFormat, logLevel } from './config';

/** Field names that carry a credential: censored at the top level and one or two levels down. */
const CREDENTIAL_FIELDS = [
  'authorization',
  'cookie',
  'set-cookie',
  'password',
  'token',
  'id_token',
  'idToken',
  'access_token',
  'accessToken',
  'refresh_token',
  'sessionToken',
  'adminToken',
  'registration_token',
  'registrationToken',
  'ticket',
  'link',
  'linkToken',
  'state',
  'secret',
  'client_assertion',
];

const REDACT_PATHS = CREDENTIAL_FIELDS.flatMap((field) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`;
  const join = (prefix: string) => (key.startsWith('[') ? `${prefix}${key}` : `${prefix}.${key}`);
  return [key, join('*'), join('*.*')];
});

/** Query parameters whose values are credentials (or single-use keys to one). */
const CREDENTIAL_PARAMETERS = new Set([
  'ticket',
  'token',
  'link',
  'registration_token',
  'id_token',
  'state',
  'code',
  'access_token',
  'client_assertion',
  'lti_storage_target',
  'nonce',
  'login_hint',
  'lti_message_hint',
]);

/** A URL (absolute or a path) with the values of credential-carrying query parameters blanked, without its fragment. */
export function safeUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url.split('#', 1)[0] ?? url;
  const hashStart = url.indexOf('#', queryStart);
  const query = url.slice(queryStart + 1, hashStart < 0 ? undefined : hashStart);
  const cleaned = query
    .split('&')
    .map((pair) => {
      const name = pair.split('=', 1)[0] ?? '';
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // undecodable name: compared as written
      }
      return CREDENTIAL_PARAMETERS.has(decoded.toLowerCase()) ? `${name}=[Redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, queryStart)}?${cleaned}`;
}

/** Anything logged under `url` goes through safeUrl. */
const serializers = {
  url: (value: unknown) => (typeof value === 'string' ? safeUrl(value) : value),
  err: pino.stdSerializers.err,
  error: pino.stdSerializers.err,
};

/** Development: one readable line per entry ("12:00:01 WARN [launch] refused … reqId=…"). */
function readableStream(): { write(line: string): void } {
  return {
    write(line: string) {
      try {
        const { time, level, msg, ...rest } = JSON.parse(line) as Record<string, unknown> & { time: number; level: string; msg?: string };
        delete rest.pid;
        delete rest.hostname;
        const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
        const clock = new Date(time).toISOString().slice(11, 19);
        const out = `${clock} ${String(level).toUpperCase().padEnd(5)} ${msg ?? ''}${extra}\n`;
        (level === 'error' || level === 'fatal' ? process.stderr : process.stdout).write(out);
      } catch {
        process.stdout.write(line);
      }
    },
  };
}

function createLogger(): Logger {
  const readable = logFormat() === 'readable';
  return pino(
    {
      level: logLevel(),
      base: { pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
      serializers,
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.epochTime,
    },
    readable ? readableStream() : pino.destination({ dest: 1, sync: true }),
  );
}

interface RequestContext {
  requestId: string;
  log: Logger;
}

const GLOBAL_KEY = Symbol.for('inkwell.logging');
interface LoggingState {
  base: Logger;
  requests: AsyncLocalStorage<RequestContext>;
}
type GlobalWithLogging = typeof globalThis & { [GLOBAL_KEY]?: LoggingState };

function loggingState(): LoggingState {
  const g = globalThis as GlobalWithLogging;
  g[GLOBAL_KEY] ??= { base: createLogger(), requests: new AsyncLocalStorage<RequestContext>() };
  return g[GLOBAL_KEY];
}

/** The logger for the current request (its lines carry `reqId`), or the process's logger outside one. */
export function log(): Logger {
  const state = loggingState();
  return state.requests.getStore()?.log ?? state.base;
}

/** The id of the request being handled, if any (shown to users as an error reference as well). */
export function currentRequestId(): string | undefined {
  return loggingState().requests.getStore()?.requestId;
}

/** Runs `handle` with a child logger that stamps every line with the request id. */
export function runWithRequestId<T>(requestId: string, handle: () => T): T {
  const state = loggingState();
  return state.requests.run({ requestId, log: state.base.child({ reqId: requestId }) }, handle);
}

/** The message of an error, for a log line, without its stack. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
