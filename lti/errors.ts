/**
 * Failures at the LTI boundary. Their codes, statuses and the sentences people see are in the
 * one catalogue (errors/catalogue.ts). None of them is safe to show as it is (the catalogue
 * marks them so): their messages may quote a token or the platform's answer, so a person sees
 * the catalogue's sentence and the message goes to the log.
 */
import { InkwellError } from '../errors/catalogue';

export type LtiLaunchErrorCode =
  | 'RESOURCE_LINK_MISSING'
  | 'SUBJECT_MISSING'
  | 'DEEP_LINKING_SETTINGS_MISSING'
  | 'UNSUPPORTED_MESSAGE_TYPE'
  | 'TOKEN_INVALID'
  | 'PLATFORM_UNKNOWN'
  | 'PLATFORM_INACTIVE';

/** A launch that fails a check of the spec; the message names the check (for the log only). */
export class LtiLaunchError extends InkwellError {
  override name = 'LtiLaunchError';
  declare readonly code: LtiLaunchErrorCode;
  constructor(code: LtiLaunchErrorCode, reason: string) {
    super(code, reason);
  }
}

/**
 * A call to the platform's Assignment and Grade Services failed. Its message is written for the
 * instructor's passback status; `platformStatus` is what the platform answered (not Inkwell's own).
 */
export class AgsRequestError extends InkwellError {
  override name = 'AgsRequestError';
  /** The platform's HTTP status, when it answered. */
  readonly platformStatus?: number;
  /** Worth trying again later (network trouble, 5xx, 429). */
  readonly retryable: boolean;
  /** A short excerpt of the platform's answer, for logs only. */
  readonly platformBody?: string;
  /** Seconds the platform asked us to wait before trying again (Retry-After). */
  readonly retryAfterSeconds?: number;
  /** `status` is the platform's HTTP status. */
  constructor(message: string, options: { status?: number; retryable: boolean; platformBody?: string; retryAfterSeconds?: number }) {
    super('AGS_REQUEST_FAILED', message);
    this.platformStatus = options.status;
    this.retryable = options.retryable;
    this.platformBody = options.platformBody;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
