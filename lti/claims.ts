/**
 * LTI 1.3 claim names, role URIs, AGS scopes and media types, as the specs spell them.
 * @see https://www.imsglobal.org/spec/lti/v1p3/#required-message-claims
 */
const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';

export const CLAIM_MESSAGE_TYPE = `${LTI}message_type`;
export const CLAIM_VERSION = `${LTI}version`;
export const CLAIM_DEPLOYMENT_ID = `${LTI}deployment_id`;
export const CLAIM_ROLES = `${LTI}roles`;
export const CLAIM_CONTEXT = `${LTI}context`;
export const CLAIM_RESOURCE_LINK = `${LTI}resource_link`;
export const CLAIM_CUSTOM = `${LTI}custom`;
export const CLAIM_TOOL_PLATFORM = `${LTI}tool_platform`;
export const CLAIM_AGS_ENDPOINT = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';
export const CLAIM_NRPS = 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice';

export const MESSAGE_RESOURCE_LINK = 'LtiResourceLinkRequest';
export const MESSAGE_DEEP_LINKING = 'LtiDeepLinkingRequest';

/** @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies */
export const ROLE_PREFIX_MEMBERSHIP = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';
export const ROLE_PREFIX_INSTITUTION = 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#';
export const ROLE_PREFIX_SYSTEM = 'http://purl.imsglobal.org/vocab/lis/v2/system/person#';

/** @see https://www.imsglobal.org/spec/lti-ags/v2p0/#scopes-and-allowed-http-methods */
export const SCOPE_AGS_LINEITEM = 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem';
export const SCOPE_AGS_LINEITEM_READONLY = 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly';
export const SCOPE_AGS_RESULT_READONLY = 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly';
export const SCOPE_AGS_SCORE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';
export const SCOPE_NRPS = 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly';

export const MEDIA_LINE_ITEM = 'application/vnd.ims.lis.v2.lineitem+json';
export const MEDIA_LINE_ITEM_CONTAINER = 'application/vnd.ims.lis.v2.lineitemcontainer+json';
export const MEDIA_SCORE = 'application/vnd.ims.lis.v1.score+json';
export const MEDIA_NRPS_MEMBERSHIPS = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';
