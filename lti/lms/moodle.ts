/**
 * Moodle 4.x/5.x (`product_family_code` "moodle").
 *
 * Moodle needs nothing the specs do not describe, only care that suits every
 * LMS and so lives in shared code:
 * - line item URLs carry a query string (`?type_id=N`) that `/scores` must keep (`scoresUrlOf` in lti/ags.ts);
 * - a score's `scoreGiven` counts only with `gradingProgress` FullyGraded (services/passback.ts);
 * - score timestamps must strictly increase at one-second precision, else 409 (models/grade-syncs.ts);
 * - a deep-linked activity gets a grade item only when its content item has a `lineItem`
 *   (services/deep-linking.ts); one added without "accept grades" launches with `lineitems` but no
 *   `lineitem` (services/passback.ts finds its column);
 * - a dynamically registered tool stays pending until the admin activates it: hence `nextStep`.
 * @see https://docs.moodle.org/en/LTI_Advantage
 */
import type { LmsProfile } from './profile';

export const moodle: LmsProfile = {
  productFamily: 'moodle',
  // Every Moodle site is the school's own.
  hostedOrigin: null,
  registration: {
    messagePlacements: {},
    toolConfiguration: {},
    endpointHostsOf: () => [],
    nextStep: 'In Moodle, activate the new tool under Manage tools, then add Inkwell to a course as an External tool activity.',
    dialogFrameAncestors: [],
  },
  gradebook: {
    // Moodle keeps the score and the comment (as plain-text feedback) only.
    scoreExtensions: () => ({}),
  },
  // Inkwell asks Moodle for none: its dates come from Inkwell’s own assignment settings.
  customParameters: {},
};
