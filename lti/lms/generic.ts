/**
 * Any LMS without a profile of its own (and any launch or configuration that
 * names no product family): the LTI specs as written, nothing added.
 */
import type { LmsProfile } from './profile';

export const generic: LmsProfile = {
  productFamily: 'generic',
  hostedOrigin: null,
  registration: {
    messagePlacements: {},
    toolConfiguration: {},
    endpointHostsOf: () => [],
    nextStep: 'Finish in your LMS: enable the new developer key or tool, then add Inkwell to a course.',
    dialogFrameAncestors: [],
  },
  gradebook: {
    scoreExtensions: () => ({}),
  },
  customParameters: {},
};
