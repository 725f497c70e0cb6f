/**
 * Failures at the LTI boundary. Messages are for logs; the person at the
 * screen sees a friendly page chosen by the caller.
 */
export type LtiLaunchErrorCode =
  | 'RESOURCE_LINK_MISSING'
  | 'SUBJECT_MISSING'
  | 'DEEP_LINKING_SETTINGS_MISSING'
  | 'UNSUPPORTED_MESSAGE_TYPE'
  | 'TOKEN_INVALID'
  | 'PLATFORM_UNKNOWN'
  | 'PLATFORM_INACTIVE';

export class LtiLaunchError extends Error {
  readonly code: LtiLaunchErrorCode;
  constructor(code: LtiLaunchErrorCode, message: string) {
    super(message);
    this.name = 'LtiLaunchError';
    this.code = code;
  }
}

/** A call to the platform's Assignment and Grade Services failed. */
export class AgsRequestError extends Error {
  readonly status?: number;
  /** Worth trying again later (network trouble, 5xx, 429). */
  readonly retryable: boolean;
  /** A short excerpt of the platform's answer, for logs only. */
  readonly platformBody?: string;
  /** Seconds the platform asked us to wait before trying again (Retry-After). */
  readonly retryAfterSeconds?: number;
  constructor(message: string, options: { status?: number; retryable: boolean; platformBody?: string; retryAfterSeconds?: number }) {
    super(message);
    this.name = 'AgsRequestError';
    this.status = options.status;
    this.retryable = options.retryable;
    this.platformBody = options.platformBody;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
