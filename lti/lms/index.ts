/**
 * LMS differences, one file per LMS. Everything Inkwell does differently for
 * one LMS is answered by its `LmsProfile` (profile.ts): what the registration
 * must contain, what a score carries besides the spec's fields, which custom
 * parameters to ask for, which origins may frame the registration dialog.
 * Shared code asks the profile instead of naming an LMS. A format only one LMS
 * reads stays in its file (Canvas's developer key JSON, served at /lti/canvas.json).
 *
 * A profile is picked by the platform's `product_family_code` (the launch's
 * `tool_platform` claim, or the OpenID configuration's
 * `lti-platform-configuration` during Dynamic Registration); where only an
 * address is known, by the LMS's hosted origins. Anything else gets `generic`.
 *
 * To add an LMS (Brightspace, Blackboard, Sakai…): copy moodle.ts to
 * `<family>.ts`, set `productFamily` to the code the LMS sends, fill in what
 * differs (with a link to the vendor's documentation), and add it to
 * `PROFILES` below. lms.test.ts then checks it like the others.
 */
import { canvas } from './canvas';
import { generic } from './generic';
import { moodle } from './moodle';
import type { LmsProfile } from './profile';

export { CUSTOM_DUE_AT, CUSTOM_LOCK_AT, type LmsProfile, type ScoredSubmission, type ScoreExtensions, type ToolDescription } from './profile';
export { canvasDeveloperKey } from './canvas';

/** Every LMS with a profile of its own. */
export const PROFILES: readonly LmsProfile[] = [canvas, moodle];

export { generic as GENERIC_PROFILE };

/** The profile of a platform's `product_family_code` (any case); `generic` when it names none or one without a profile. */
export function lmsProfile(productFamily: string | undefined | null): LmsProfile {
  const code = productFamily?.trim().toLowerCase();
  return PROFILES.find((profile) => profile.productFamily === code) ?? generic;
}

/** The profile whose hosted sites include this origin (`https://school.instructure.com` → Canvas); `generic` otherwise. */
export function lmsProfileOfOrigin(origin: string): LmsProfile {
  return PROFILES.find((profile) => profile.hostedOrigin?.test(origin)) ?? generic;
}
