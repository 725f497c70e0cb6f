/**
 * Every error Inkwell answers with, in one list. Each code is stable (clients, tests and logs
 * switch on it; never rename one), and carries the HTTP status it is answered with, the sentence
 * a person sees, and whether the error's own words are safe to show.
 *
 * Safe (`expose: true`): the error's message is written for the person at the screen (it may be
 * more precise than the catalogue's sentence, e.g. naming a limit). Not safe: the message or
 * detail may quote an LMS, a token or a URL, so the person sees the catalogue's sentence and the
 * rest goes to the log only.
 *
 * Every layer may import this folder (domain/, lti/, models/, services/, app/, server/); it
 * imports nothing, so it stays pure and can be bundled into client code.
 */

export interface CatalogueEntry {
  /** The HTTP status the error is answered with. */
  status: number;
  /** The sentence a person sees (the default message; for an unsafe error, the only one shown). */
  message: string;
  /** Whether the error's own message may be shown; when false only `message` above is. */
  expose: boolean;
}

const OPEN_AGAIN = 'Please open Inkwell again from your course.';

export const GENERIC_FAILURE_MESSAGE = 'Something went wrong. Your work is saved; please try again.';

export const ERROR_CATALOGUE = {
  // Writing and submitting
  ESSAY_INCOMPLETE: { status: 422, expose: true, message: 'Your essay is not ready to submit yet.' },
  ESSAY_TOO_LONG: { status: 413, expose: true, message: 'Your essay is too long. Please shorten it and try again.' },
  SUBMISSION_CLOSED: { status: 409, expose: true, message: 'This essay has already been submitted and can no longer be changed.' },
  EDIT_CONFLICT: {
    status: 409,
    expose: true,
    message: 'This essay was changed in another window or tab. Reload it to see the latest version before saving.',
  },

  // Grading
  GRADE_CONFLICT: {
    status: 409,
    expose: true,
    message: 'Someone else saved a grade for this essay after you opened it. Your changes were not saved, and theirs were not replaced.',
  },
  RUBRIC_MISMATCH: { status: 422, expose: true, message: 'The grade does not match the current rubric. Reload the page and grade again.' },
  GRADE_INCOMPLETE: { status: 422, expose: true, message: 'Choose a level for every rubric criterion before saving the grade.' },
  NAMES_HIDDEN: {
    status: 409,
    expose: true,
    message:
      'Names are still hidden (anonymous grading). Reveal the names first, or confirm that you want to release grades while names stay hidden.',
  },

  // Any request
  NOT_FOUND: { status: 404, expose: true, message: 'We could not find what you were looking for.' },
  FORBIDDEN: { status: 403, expose: true, message: 'You do not have permission to do that.' },
  INVALID_INPUT: { status: 422, expose: true, message: 'Some of the information you entered needs fixing.' },
  REQUEST_TOO_LARGE: {
    status: 413,
    expose: true,
    message: 'This request is too large. Nothing was saved; please shorten the text and try again.',
  },
  RATE_LIMITED: {
    status: 429,
    expose: true,
    message: 'Inkwell is receiving too many requests from you. Your text is kept on this page; saving resumes in a moment.',
  },
  SESSION_INVALID: { status: 401, expose: true, message: `Your Inkwell session has ended. ${OPEN_AGAIN}` },
  /** Not thrown: what the mappers answer for anything that is not in this catalogue (a bug, a database failure). */
  INTERNAL: { status: 500, expose: false, message: GENERIC_FAILURE_MESSAGE },

  // Launching from the LMS (the precise reason is for the log: it may quote the token)
  LAUNCH_INVALID: {
    status: 403,
    expose: true,
    message: 'Inkwell is not enabled for this LMS. Please ask your LMS administrator to contact the Inkwell administrator.',
  },
  LAUNCH_REQUEST_MALFORMED: { status: 400, expose: false, message: OPEN_AGAIN },
  LAUNCH_STATE_INVALID: { status: 401, expose: false, message: OPEN_AGAIN },
  LAUNCH_FROM_OTHER_SITE: { status: 403, expose: false, message: OPEN_AGAIN },
  TOKEN_INVALID: { status: 401, expose: false, message: OPEN_AGAIN },
  PLATFORM_UNKNOWN: { status: 401, expose: false, message: OPEN_AGAIN },
  PLATFORM_INACTIVE: { status: 401, expose: false, message: OPEN_AGAIN },
  UNSUPPORTED_MESSAGE_TYPE: { status: 401, expose: false, message: OPEN_AGAIN },
  RESOURCE_LINK_MISSING: { status: 400, expose: false, message: OPEN_AGAIN },
  SUBJECT_MISSING: { status: 400, expose: false, message: OPEN_AGAIN },
  DEEP_LINKING_SETTINGS_MISSING: { status: 400, expose: false, message: OPEN_AGAIN },

  // Adding an assignment from the LMS content picker (Deep Linking)
  DEEP_LINK_PLACEMENT_UNSUPPORTED: {
    status: 400,
    expose: true,
    message: 'This place in the LMS cannot hold an Inkwell assignment. Try adding it as an assignment or an external tool activity.',
  },
  DEEP_LINK_ALREADY_ANSWERED: {
    status: 409,
    expose: true,
    message: 'This assignment was already added. Open the LMS content picker again to add another.',
  },
  DEEP_LINK_RETURN_URL_REFUSED: {
    status: 400,
    expose: true,
    message: 'Your LMS sent a return address Inkwell cannot use. Ask your LMS administrator to check the Inkwell tool settings.',
  },

  // Installing Inkwell in an LMS
  REGISTRATION_FAILED: {
    status: 400,
    expose: true,
    message: 'Inkwell could not be registered with your LMS. Start the registration again from your LMS.',
  },
  LMS_URL_REFUSED: {
    status: 400,
    expose: false,
    message: 'Your LMS gave an address Inkwell does not connect to. Ask your LMS administrator to check the Inkwell tool settings.',
  },

  // The LMS gradebook (Assignment and Grade Services)
  AGS_UNAVAILABLE: { status: 409, expose: true, message: 'This course link does not let Inkwell send grades to the LMS gradebook.' },
  AGS_COLUMN_MISSING: { status: 409, expose: true, message: 'The LMS has no gradebook column for this assignment.' },
  AGS_REQUEST_FAILED: { status: 502, expose: false, message: 'The LMS gradebook did not answer as expected. Please try again later.' },
} as const satisfies Record<string, CatalogueEntry>;

export type InkwellErrorCode = keyof typeof ERROR_CATALOGUE;

export function isInkwellErrorCode(value: unknown): value is InkwellErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CATALOGUE, value);
}

export interface InkwellErrorOptions {
  /** For the logs only; never sent to the browser. */
  detail?: string;
  cause?: unknown;
}

// Next bundles server code separately from a custom server, so one process can hold two
// copies of this class and `instanceof` alone would miss errors from the other copy.
const INKWELL_ERROR_BRAND = Symbol.for('inkwell.error');

/** An expected failure with a catalogue code; anything else thrown is a bug and answered as INTERNAL. */
export class InkwellError extends Error {
  override name = 'InkwellError';
  readonly code: InkwellErrorCode;
  readonly status: number;
  readonly expose: boolean;
  readonly detail?: string;

  /** `message` defaults to the catalogue's sentence; give one only to say more precisely what to do. */
  constructor(code: InkwellErrorCode, message?: string, options: InkwellErrorOptions = {}) {
    const entry: CatalogueEntry = ERROR_CATALOGUE[code];
    super(message ?? entry.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = entry.status;
    this.expose = entry.expose;
    this.detail = options.detail;
    Object.defineProperty(this, INKWELL_ERROR_BRAND, { value: true });
  }
}

export function isInkwellError(error: unknown): error is InkwellError {
  if (error instanceof InkwellError) return true;
  return typeof error === 'object' && error !== null && INKWELL_ERROR_BRAND in error;
}

/** What may be shown about a thrown value, and what only the log may hold. */
export interface DescribedError {
  code: InkwellErrorCode;
  status: number;
  /** The sentence for the person: the error's own when safe, else the catalogue's. */
  message: string;
  /** Whether `message` is the error's own (an exposed catalogue entry) rather than the catalogue's sentence. */
  expose: boolean;
  /** Whether the error was expected (in the catalogue); unexpected ones are logged with their stack. */
  expected: boolean;
  /** For the log only: the error's own words and detail when they may not be shown. */
  logDetail?: string;
}

/** The one reading of the catalogue that every HTTP answer (JSON or HTML) goes through. */
export function describeError(error: unknown): DescribedError {
  if (!isInkwellError(error)) {
    const { status, message } = ERROR_CATALOGUE.INTERNAL;
    return { code: 'INTERNAL', status, message, expose: false, expected: false };
  }
  // The catalogue, not the instance, decides (a copy from another bundle carries the same code).
  const entry: CatalogueEntry = isInkwellErrorCode(error.code) ? ERROR_CATALOGUE[error.code] : ERROR_CATALOGUE.INTERNAL;
  const code = isInkwellErrorCode(error.code) ? error.code : 'INTERNAL';
  if (entry.expose) return { code, status: entry.status, message: error.message, expose: true, expected: true, logDetail: error.detail };
  const own = [error.message === entry.message ? undefined : error.message, error.detail].filter(Boolean).join(': ');
  return { code, status: entry.status, message: entry.message, expose: false, expected: true, logDetail: own || undefined };
}

/** The precise reason for a log line: an error's detail (or its own words), never its stack. */
export function reasonForLog(error: unknown): string {
  if (isInkwellError(error)) return error.detail ?? error.message;
  return error instanceof Error ? error.message : String(error);
}
