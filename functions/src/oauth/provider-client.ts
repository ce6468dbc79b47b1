import type { ProviderId } from '../model';

/**
 * What the OAuth capabilities need from a provider. Each provider's `auth.ts` implements it
 * with the provider's own client library (Google: google-auth-library's OAuth2Client).
 *
 * Errors are `ProviderError`s: `auth_revoked` when the grant is dead (`invalid_grant`),
 * retryable `unavailable` / `rate_limited` / `timeout` for transient failures, non-retryable
 * `provider_rejected` otherwise. They never contain tokens, codes or client secrets.
 */
export interface OAuthTokenResponse {
  accessToken: string;
  /** Absent when the provider keeps the previous refresh token (Google on refresh). */
  refreshToken?: string;
  /** The lifetime the provider granted; the caller stamps it with its own clock. */
  expiresInMs?: number;
  /** Space-separated scopes actually granted. */
  scope?: string;
}

export interface OAuthProviderClient {
  readonly provider: ProviderId;
  /** Scopes requested at consent. */
  readonly scopes: readonly string[];
  /** Scopes without which a connection is refused (a subset of `scopes`). */
  readonly requiredScopes: readonly string[];
  /** The consent URL: offline access, forced consent, `state` and an S256 code challenge. */
  authorizationUrl(request: { state: string; codeChallenge: string; loginHint?: string }): string;
  exchangeCode(request: { code: string; codeVerifier: string }): Promise<OAuthTokenResponse>;
  refreshAccessToken(refreshToken: string): Promise<OAuthTokenResponse>;
  /** One cheap authenticated read of the calendar, proving the grant works for it. */
  testConnection(accessToken: string, calendarId: string): Promise<{ accountEmail?: string }>;
}

export type OAuthProviderClients = Partial<Record<ProviderId, OAuthProviderClient>>;

/** The `required` scopes absent from `granted` (space-separated, as OAuth sends it); exact match. */
export function missingScopes(required: readonly string[], granted: string | undefined): string[] {
  const have = new Set((granted ?? '').split(/\s+/).filter(Boolean));
  return required.filter((scope) => !have.has(scope));
}
