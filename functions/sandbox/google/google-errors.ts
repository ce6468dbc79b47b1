import { HttpFailure, type SandboxResponse } from '../common/http-router';

/**
 * Google's JSON error bodies, as listed in the Calendar API error guide
 * (developers.google.com/workspace/calendar/api/guides/errors):
 * `{"error":{"errors":[{domain,reason,message,...}],"code":N,"message":"...","status":"..."}}`.
 * Clients decide on `error.errors[0].reason` (e.g. `rateLimitExceeded` retries, `forbidden` does not).
 */

export interface GoogleErrorItem {
  domain: string;
  reason: string;
  message: string;
  locationType?: string;
  location?: string;
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  412: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export function googleErrorResponse(
  code: number,
  item: GoogleErrorItem,
  options: { message?: string; headers?: Record<string, string> } = {},
): SandboxResponse {
  const error: Record<string, unknown> = { errors: [item], code, message: options.message ?? item.message };
  if (STATUS_NAMES[code]) error.status = STATUS_NAMES[code];
  return { status: code, body: { error }, headers: options.headers };
}

function failure(code: number, item: GoogleErrorItem, options?: { message?: string; headers?: Record<string, string> }): HttpFailure {
  return new HttpFailure(googleErrorResponse(code, item, options));
}

const UNAUTHENTICATED_MESSAGE =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

export const googleErrors = {
  badRequest: (message: string, reason = 'invalid', location?: string) =>
    failure(400, { domain: 'global', reason, message, ...(location ? { locationType: 'parameter', location } : {}) }),
  /** Body-field problems (e.g. a malformed event id) carry the field as location. */
  invalidField: (message: string, field?: string) =>
    failure(400, { domain: 'global', reason: 'invalid', message, ...(field ? { locationType: 'other', location: field } : {}) }),
  required: (message: string, field?: string) =>
    failure(400, { domain: 'global', reason: 'required', message, ...(field ? { locationType: 'other', location: field } : {}) }),
  timeRangeEmpty: (location: string) =>
    failure(400, { domain: 'calendar', reason: 'timeRangeEmpty', message: 'The specified time range is empty.', locationType: 'parameter', location }),
  parseError: () => failure(400, { domain: 'global', reason: 'parseError', message: 'Parse Error' }),
  loginRequired: () =>
    failure(
      401,
      { domain: 'global', reason: 'required', message: 'Login Required.', locationType: 'header', location: 'Authorization' },
      {
        message:
          'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
        headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' },
      },
    ),
  invalidCredentials: () =>
    failure(
      401,
      { domain: 'global', reason: 'authError', message: 'Invalid Credentials', locationType: 'header', location: 'Authorization' },
      { message: UNAUTHENTICATED_MESSAGE, headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' } },
    ),
  insufficientScopes: () =>
    failure(
      403,
      { domain: 'global', reason: 'insufficientPermissions', message: 'Insufficient Permission' },
      {
        message: 'Request had insufficient authentication scopes.',
        headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="insufficient_scope"' },
      },
    ),
  forbidden: () => failure(403, { domain: 'global', reason: 'forbidden', message: 'Forbidden' }),
  notFound: () => failure(404, { domain: 'global', reason: 'notFound', message: 'Not Found' }),
  duplicate: () => failure(409, { domain: 'global', reason: 'duplicate', message: 'The requested identifier already exists.' }),
  deleted: () => failure(410, { domain: 'global', reason: 'deleted', message: 'Resource has been deleted' }),
  fullSyncRequired: () =>
    failure(410, {
      domain: 'calendar',
      reason: 'fullSyncRequired',
      message: 'Sync token is no longer valid, a full sync is required.',
      locationType: 'parameter',
      location: 'syncToken',
    }),
  conditionNotMet: () =>
    failure(412, { domain: 'global', reason: 'conditionNotMet', message: 'Precondition Failed', locationType: 'header', location: 'If-Match' }),
  channelIdNotUnique: (id: string) =>
    failure(400, { domain: 'global', reason: 'channelIdNotUnique', message: `Channel id ${id} not unique` }),
  channelNotFound: (id: string) =>
    failure(404, { domain: 'global', reason: 'notFound', message: `Channel '${id}' not found for project 'sandbox'` }),
  backendError: () => failure(500, { domain: 'global', reason: 'backendError', message: 'Backend Error' }),
};

/** Fault names the Google sandbox can inject, mapped to Google's documented bodies. */
export const googleFaultNames = [
  '429',
  '403-rateLimitExceeded',
  '403-userRateLimitExceeded',
  '403-quotaExceeded',
  '500',
  '503',
] as const;
export type GoogleFaultName = (typeof googleFaultNames)[number];

export function renderGoogleFault(name: GoogleFaultName, retryAfterSeconds: number): SandboxResponse {
  const retryAfter = { 'retry-after': String(retryAfterSeconds) };
  switch (name) {
    case '429':
      return googleErrorResponse(429, { domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' }, { headers: retryAfter });
    case '403-rateLimitExceeded':
      return googleErrorResponse(403, { domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' });
    case '403-userRateLimitExceeded':
      return googleErrorResponse(403, { domain: 'usageLimits', reason: 'userRateLimitExceeded', message: 'User Rate Limit Exceeded' });
    case '403-quotaExceeded':
      return googleErrorResponse(403, { domain: 'usageLimits', reason: 'quotaExceeded', message: 'Calendar usage limits exceeded.' });
    case '500':
      return googleErrorResponse(500, { domain: 'global', reason: 'backendError', message: 'Backend Error' });
    case '503':
      return googleErrorResponse(
        503,
        { domain: 'global', reason: 'backendError', message: 'The service is currently unavailable.' },
        { headers: retryAfter },
      );
  }
}
