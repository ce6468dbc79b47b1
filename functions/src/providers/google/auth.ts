import { auth } from '@googleapis/calendar';
import type { AppConfig } from '../../config';
import { ProviderError } from '../../errors';
import type { OAuthProviderClient, OAuthTokenResponse } from '../../oauth/provider-client';
import { bearer, createCalendarApi } from './calendar-client';
import { toGoogleError } from './errors';

/**
 * Google's half of the OAuth capabilities: consent URL, code exchange, refresh and a connection
 * test, all through google-auth-library's OAuth2Client (re-exported by @googleapis/calendar as
 * `auth.OAuth2`) with endpoints taken from the configuration, so the sandbox can stand in.
 *
 * Only auth lives here; calendar calls proper are in the provider's client module.
 */

/**
 * The one scope requested. `calendar.events` covers everything the sync does on a calendar the
 * user can write to: events list/get/insert/update/patch/delete, `events.watch` and
 * `channels.stop` (Calendar v3 discovery document, method scopes). The connection test uses
 * `events.list` for the same reason: `calendars.get` would need `calendar.readonly` or
 * `calendar.calendars.readonly` just for the test.
 */
export const GOOGLE_CALENDAR_EVENTS_SCOPE = 'https://www.googleapis.com/auth/calendar.events';
export const GOOGLE_OAUTH_SCOPES: readonly string[] = [GOOGLE_CALENDAR_EVENTS_SCOPE];

export interface GoogleOAuthSettings {
  clientId: string;
  clientSecret: string;
  authUrl: string;
  tokenUrl: string;
  apiRootUrl: string;
  /** Registered in the Google Cloud console; sent on consent and on code exchange. */
  redirectUri: string;
  /** Per request, so a hung endpoint cannot hold a function instance. */
  timeoutMs?: number;
}

export function googleOAuthSettings(config: AppConfig): GoogleOAuthSettings {
  return {
    clientId: config.google.clientId,
    clientSecret: config.google.clientSecret,
    authUrl: config.google.authUrl,
    tokenUrl: config.google.tokenUrl,
    apiRootUrl: config.google.apiRootUrl,
    redirectUri: config.oauthRedirectUri,
  };
}

export type GoogleOAuth2Client = InstanceType<typeof auth.OAuth2>;

export function createGoogleOAuth2Client(settings: GoogleOAuthSettings): GoogleOAuth2Client {
  return new auth.OAuth2({
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    redirectUri: settings.redirectUri,
    endpoints: { oauth2AuthBaseUrl: settings.authUrl, oauth2TokenUrl: settings.tokenUrl },
    // No retries inside the library: a refresh that fails transiently surfaces as a retryable
    // ProviderError and the caller's retry policy decides (one policy, counted), and an
    // authorization code must not be replayed (codes are single use).
    // Node's own fetch: gaxios would otherwise load node-fetch through a dynamic import(),
    // which jest's VM cannot run. Same wire protocol.
    transporterOptions: {
      timeout: settings.timeoutMs ?? 15_000,
      retryConfig: { retry: 0, noResponseRetries: 0 },
      fetchImplementation: globalThis.fetch,
    },
  });
}

type CodeChallengeMethod = NonNullable<Parameters<GoogleOAuth2Client['generateAuthUrl']>[0]>['code_challenge_method'];

export function googleOAuthClient(settings: GoogleOAuthSettings): OAuthProviderClient {
  const client = createGoogleOAuth2Client(settings);
  const calendarApi = createCalendarApi({ apiRootUrl: settings.apiRootUrl, timeoutMs: settings.timeoutMs });
  return {
    provider: 'google',
    scopes: GOOGLE_OAUTH_SCOPES,
    requiredScopes: [GOOGLE_CALENDAR_EVENTS_SCOPE],
    authorizationUrl({ state, codeChallenge, loginHint }) {
      return client.generateAuthUrl({
        // offline + consent: Google returns a refresh token only on a consent screen, and a
        // reconnect after revocation must get a new one.
        access_type: 'offline',
        prompt: 'consent',
        include_granted_scopes: true,
        scope: [...GOOGLE_OAUTH_SCOPES],
        state,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256' as CodeChallengeMethod,
        ...(loginHint ? { login_hint: loginHint } : {}),
      });
    },
    async exchangeCode({ code, codeVerifier }) {
      try {
        const { tokens } = await client.getToken({ code, codeVerifier, redirect_uri: settings.redirectUri });
        return tokenResponse(tokens);
      } catch (error) {
        throw tokenEndpointError(error, 'authorization code exchange');
      }
    },
    async refreshAccessToken(refreshToken) {
      // A fresh client per refresh: OAuth2Client keeps credentials on the instance, and one
      // instance serves every connection. Sharing promises per connection is the token
      // manager's job, not the library's.
      const perConnection = createGoogleOAuth2Client(settings);
      perConnection.setCredentials({ refresh_token: refreshToken });
      // `refreshAccessToken()` overwrites the response's refresh_token with the old one; the
      // 'tokens' event carries the endpoint's answer before that, so a rotated token is kept.
      let answered: GoogleCredentials | undefined;
      perConnection.on('tokens', (tokens: GoogleCredentials) => {
        answered = { ...tokens };
      });
      try {
        const { credentials } = await perConnection.refreshAccessToken();
        return tokenResponse(answered ?? { ...credentials, refresh_token: undefined });
      } catch (error) {
        throw tokenEndpointError(error, 'token refresh');
      }
    },
    async testConnection(accessToken, calendarId) {
      // events.list is allowed under calendar.events (calendars.get is not).
      try {
        const { data } = await calendarApi.events.list(
          { calendarId, maxResults: 1, fields: 'summary' },
          { ...bearer(accessToken), fetchImplementation: globalThis.fetch },
        );
        // For the primary calendar the title is the account's address.
        const summary = data.summary ?? undefined;
        return calendarId === 'primary' && summary && /^[^\s@]+@[^\s@]+$/.test(summary) ? { accountEmail: summary } : {};
      } catch (error) {
        const typed = toGoogleError(error);
        throw new ProviderError('google', typed.code, `connection test of calendar ${calendarId}: ${typed.message}`, {
          retryable: typed.retryable,
          status: typed.status,
          retryAfterMs: typed.retryAfterMs,
        });
      }
    },
  };
}

interface GoogleCredentials {
  access_token?: string | null;
  refresh_token?: string | null;
  expiry_date?: number | null;
  scope?: string;
}

function tokenResponse(tokens: GoogleCredentials): OAuthTokenResponse {
  if (!tokens.access_token) throw new ProviderError('google', 'provider_rejected', 'Google token response has no access_token');
  // google-auth-library turns `expires_in` into `expiry_date` with the real wall clock; turn it
  // back into a lifetime so the caller can stamp it with its own (testable) clock.
  const expiresInMs =
    typeof tokens.expiry_date === 'number' ? Math.max(0, Math.round((tokens.expiry_date - Date.now()) / 1000) * 1000) : undefined;
  return {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? undefined,
    expiresInMs,
    scope: tokens.scope,
  };
}

interface HttpishError {
  status?: number;
  code?: string | number;
  response?: { status?: number; data?: unknown; headers?: unknown };
}

function statusOf(error: unknown): number | undefined {
  const e = error as HttpishError;
  return e?.response?.status ?? e?.status;
}

function oauthErrorOf(error: unknown): { error?: string; description?: string } {
  const data = (error as HttpishError)?.response?.data;
  if (data && typeof data === 'object') {
    const body = data as { error?: unknown; error_description?: unknown };
    return {
      error: typeof body.error === 'string' ? body.error : undefined,
      description: typeof body.error_description === 'string' ? body.error_description : undefined,
    };
  }
  return {};
}

function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as HttpishError)?.response?.headers;
  const value =
    headers && typeof (headers as Headers).get === 'function'
      ? (headers as Headers).get('retry-after')
      : (headers as Record<string, string> | undefined)?.['retry-after'];
  const seconds = value ? Number(value) : NaN;
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

/**
 * Maps a token-endpoint failure. The GaxiosError itself is not kept as `cause`: its `config`
 * holds the request body (refresh token, client secret), and a cause gets logged eventually.
 */
export function tokenEndpointError(error: unknown, what: string): ProviderError {
  if (error instanceof ProviderError) return error;
  const status = statusOf(error);
  const { error: oauthError, description } = oauthErrorOf(error);
  const detail = `${what} failed${status ? ` (${status}${oauthError ? ` ${oauthError}` : ''})` : ''}${description ? `: ${description}` : ''}`;
  // RFC 6749 §5.2: invalid_grant = the code or refresh token is invalid, expired or revoked.
  if (oauthError === 'invalid_grant') return new ProviderError('google', 'auth_revoked', `Google ${detail}`, { status });
  if (status === undefined) {
    const code = (error as HttpishError)?.code;
    const timedOut = code === 'TimeoutError' || code === 'ETIMEDOUT' || code === 'ECONNABORTED';
    return new ProviderError('google', timedOut ? 'timeout' : 'unavailable', `Google ${what} failed: no response (${String(code ?? 'network error')})`, {
      retryable: true,
    });
  }
  if (status === 429) return new ProviderError('google', 'rate_limited', `Google ${detail}`, { retryable: true, status, retryAfterMs: retryAfterMs(error) });
  if (status >= 500 || status === 408) return new ProviderError('google', 'unavailable', `Google ${detail}`, { retryable: true, status });
  // invalid_client, unauthorized_client, invalid_request: our configuration, not the user's grant.
  return new ProviderError('google', 'provider_rejected', `Google ${detail}`, { status });
}
