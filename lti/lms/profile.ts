/**
 * What one LMS does differently from the LTI specs' plain reading: the shape
 * every file in lti/lms/ fills in. Index.ts says how a profile is picked and
 * how to add one.
 */

/** Custom parameters Inkwell reads on launch (services/launches.ts); a profile says how its LMS fills them. */
export const CUSTOM_DUE_AT = 'due_at';
export const CUSTOM_LOCK_AT = 'lock_at';

/** A score's extension fields: named by URL, as the AGS spec asks of extensions. */
export type ScoreExtensions = Record<`https://${string}`, unknown>;

/** The submission a score is about, for LMSs that show it next to the grade. */
export interface ScoredSubmission {
  /** True when the score announces a (new) submission rather than a grade. */
  newSubmission: boolean;
  /** The submitted text; only sent with a new submission. */
  text?: string;
  /** When it was submitted, ISO 8601. */
  submittedAt: string;
}

/** What Inkwell says about itself, for an LMS's own configuration format. */
export interface ToolDescription {
  title: string;
  description: string;
  scopes: readonly string[];
  urls: { base: string; login: string; launch: string; keys: string; logo: string };
}

export interface LmsProfile {
  /** The platform's `product_family_code` this profile answers to, in lower case (`generic` answers for every other). */
  readonly productFamily: string;
  /**
   * The origins of this LMS's hosted sites (Canvas Cloud: `*.instructure.com`), to recognise it where only an
   * address is known; null when it has none of its own.
   */
  readonly hostedOrigin: RegExp | null;

  readonly registration: {
    /** Placements added to each message of the tool configuration, by message type (Canvas's menus); none → no `placements`. */
    readonly messagePlacements: Readonly<Record<string, readonly string[]>>;
    /** Extra fields of the `lti-tool-configuration` object Inkwell registers (Canvas's privacy level). */
    readonly toolConfiguration: Readonly<Record<string, unknown>>;
    /** Hosts besides the issuer's own origin that may serve this issuer's endpoints (Canvas Cloud's SSO host). */
    endpointHostsOf(issuerOrigin: string): readonly string[];
    /** What the LMS administrator does in the LMS once the registration went through. */
    readonly nextStep: string;
    /** `frame-ancestors` sources for the registration dialog when the page that opened it is unknown. */
    readonly dialogFrameAncestors: readonly string[];
  };

  readonly gradebook: {
    /** Extension fields sent with every score (Canvas's submission extension); empty when none. */
    scoreExtensions(submission: ScoredSubmission): ScoreExtensions;
  };

  /**
   * Custom parameters to ask this LMS for, each with the substitution variable that fills it
   * (`due_at` → `$Canvas.assignment.dueAt.iso8601`); empty when Inkwell asks for none.
   */
  readonly customParameters: Readonly<Record<string, string>>;
}
