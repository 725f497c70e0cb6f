/**
 * Canvas (`product_family_code` "canvas"), hosted by Instructure or by a school.
 *
 * What Inkwell does differently for Canvas:
 * - registration: Canvas answers 422 unless the tool configuration's messages carry `placements`;
 *   its extensions live under `https://canvas.instructure.com/lti/` (privacy level);
 * - Canvas Cloud's issuer is `canvas.instructure.com` (beta, test) while its authorization, token and key
 *   endpoints live on `sso.canvaslms.com` (beta, test);
 * - the registration dialog is opened from the school's own host while the configuration lives on
 *   canvas.instructure.com, so without a Referer it may be framed by any `*.instructure.com` host
 *   (that one page only: launches are framed only by origins seen in them, services/frame-ancestors.ts);
 * - scores carry the submission extension, so SpeedGrader shows the essay and when it was submitted;
 * - the developer key JSON (`/lti/canvas.json`) asks for the assignment's due and lock dates, which
 *   Canvas substitutes per user (a student's launch carries that student's own dates).
 * Care that suits every LMS lives in shared code: a User-Agent on every service call, which Canvas
 * requires (lti/service-http.ts); a new deployment per install, learned on first launch when the
 * registration answer names none (services/registration.ts).
 * @see https://canvas.instructure.com/doc/api/file.lti_dev_key_config.html
 * @see https://canvas.instructure.com/doc/api/score.html
 */
import { MESSAGE_DEEP_LINKING, MESSAGE_RESOURCE_LINK } from '../claims';
import { CUSTOM_DUE_AT, CUSTOM_LOCK_AT, type LmsProfile, type ScoredSubmission, type ToolDescription } from './profile';

const EXTENSION_PREFIX = 'https://canvas.instructure.com/lti/';
/** Canvas's score extension: lets SpeedGrader show the submission and its time. */
export const CANVAS_SUBMISSION_EXTENSION = `${EXTENSION_PREFIX}submission` as const;

/** Seen in 2025, as Instructure documents for LTI 1.3. */
const CLOUD_SSO_HOSTS: Readonly<Record<string, string>> = {
  'https://canvas.instructure.com': 'sso.canvaslms.com',
  'https://canvas.beta.instructure.com': 'sso.beta.canvaslms.com',
  'https://canvas.test.instructure.com': 'sso.test.canvaslms.com',
};

const CUSTOM_PARAMETERS = {
  [CUSTOM_DUE_AT]: '$Canvas.assignment.dueAt.iso8601',
  [CUSTOM_LOCK_AT]: '$Canvas.assignment.lockAt.iso8601',
};

function submissionExtension(submission: ScoredSubmission) {
  return {
    [CANVAS_SUBMISSION_EXTENSION]: {
      new_submission: submission.newSubmission,
      submission_type: 'online_text_entry',
      ...(submission.newSubmission ? { submission_data: submission.text } : {}),
      submitted_at: submission.submittedAt,
    },
  };
}

/**
 * The developer key JSON a Canvas admin pastes by URL ("Enter URL") instead of typing fields.
 * Custom fields carry the assignment's due and lock dates, which Inkwell applies on launch.
 */
export function canvasDeveloperKey(tool: ToolDescription): Record<string, unknown> {
  const { urls } = tool;
  return {
    title: tool.title,
    description: tool.description,
    oidc_initiation_url: urls.login,
    target_link_uri: urls.launch,
    public_jwk_url: urls.keys,
    scopes: tool.scopes,
    custom_fields: CUSTOM_PARAMETERS,
    extensions: [
      {
        platform: 'canvas.instructure.com',
        domain: new URL(urls.base).hostname,
        tool_id: 'inkwell',
        privacy_level: 'public',
        settings: {
          text: tool.title,
          icon_url: urls.logo,
          placements: [
            { placement: 'assignment_selection', message_type: MESSAGE_DEEP_LINKING, target_link_uri: urls.launch, text: 'Inkwell essay' },
            { placement: 'link_selection', message_type: MESSAGE_DEEP_LINKING, target_link_uri: urls.launch, text: 'Inkwell essay' },
          ],
        },
      },
    ],
  };
}

export const canvas: LmsProfile = {
  productFamily: 'canvas',
  hostedOrigin: /^https:\/\/([a-z0-9-]+\.)*instructure\.com$/i,
  registration: {
    messagePlacements: {
      [MESSAGE_DEEP_LINKING]: ['assignment_selection', 'link_selection'],
      [MESSAGE_RESOURCE_LINK]: ['link_selection'],
    },
    toolConfiguration: { [`${EXTENSION_PREFIX}privacy_level`]: 'public' },
    endpointHostsOf: (issuerOrigin) => {
      const sso = CLOUD_SSO_HOSTS[issuerOrigin];
      return sso ? [sso] : [];
    },
    nextStep: 'Finish in your LMS: enable the new developer key or tool, then add Inkwell to a course.',
    dialogFrameAncestors: ['https://*.instructure.com'],
  },
  gradebook: {
    scoreExtensions: submissionExtension,
  },
  customParameters: CUSTOM_PARAMETERS,
};
