import { FieldValue } from 'firebase-admin/firestore';
import { AppError } from '../errors';
import { COLLECTIONS, calendarConnectionSchema, type CalendarConnection, type ProviderId } from '../model';
import { parseSnapshot } from '../store/read-document';
import { connectionIdFor } from './connection-id';
import type { OAuthDeps } from './deps';
import { ConnectError } from './errors';
import { missingScopes, type OAuthTokenResponse } from './provider-client';
import { consumeOAuthState, type ConsumedState } from './state-store';
import { saveTokens } from './token-vault';

/** What the provider sent back to the redirect URI (query parameters). */
export interface ConnectCallback {
  state?: string;
  code?: string;
  /** Set instead of `code` when the user declined (`access_denied`) or the request was bad. */
  error?: string;
}

export interface ConnectResult {
  connectionId: string;
  businessId: string;
  staffId: string;
  provider: ProviderId;
  calendarId: string;
}

/** Google's default access token lifetime, for a response without `expires_in`. */
const DEFAULT_ACCESS_TOKEN_LIFETIME_MS = 3600 * 1000;

/**
 * Finishes a connect: consumes the state (single use, even when the rest fails), exchanges the
 * code with the PKCE verifier, refuses grants without the required scopes or a refresh token,
 * tests the calendar with the new access token, and only then stores the connection (active)
 * and its encrypted tokens in one transaction. Throws `ConnectError` with a fixed reason.
 */
export async function completeConnect(deps: OAuthDeps, callback: ConnectCallback): Promise<ConnectResult> {
  let pending: ConsumedState;
  try {
    if (!callback.state) throw new ConnectError('invalid_state', 'callback without state');
    pending = await consumeOAuthState(deps, callback.state);
  } catch (error) {
    const reason = error instanceof ConnectError ? error.reason : 'internal';
    deps.log.warn('oauth.state_rejected', { reason });
    throw error;
  }
  try {
    return await finish(deps, pending, callback);
  } catch (error) {
    const failure = error instanceof ConnectError ? error : new ConnectError('internal', 'connect failed', { cause: error });
    deps.log.warn('oauth.connect_failed', {
      businessId: pending.businessId,
      staffId: pending.staffId,
      provider: pending.provider,
      reason: failure.reason,
      message: failure.message,
    });
    throw failure;
  }
}

async function finish(deps: OAuthDeps, pending: ConsumedState, callback: ConnectCallback): Promise<ConnectResult> {
  if (callback.error) {
    throw new ConnectError(
      callback.error === 'access_denied' ? 'consent_denied' : 'exchange_failed',
      `provider answered the consent with error ${callback.error.slice(0, 64)}`,
    );
  }
  if (!callback.code) throw new ConnectError('exchange_failed', 'callback without code');
  const client = deps.clients[pending.provider];
  if (!client) throw new ConnectError('internal', `no OAuth client for ${pending.provider}`);

  let tokens: OAuthTokenResponse;
  try {
    tokens = await client.exchangeCode({ code: callback.code, codeVerifier: pending.codeVerifier });
  } catch (error) {
    // Codes are single use: retrying cannot help, the user starts over.
    throw new ConnectError('exchange_failed', `code exchange failed: ${error instanceof Error ? error.message : 'error'}`);
  }
  // Users can untick scopes on Google's granular consent screen; a grant without them would
  // "connect" and then fail on every sync.
  const missing = missingScopes(client.requiredScopes, tokens.scope);
  if (missing.length > 0) throw new ConnectError('missing_scopes', `grant lacks required scopes: ${missing.join(' ')}`);
  if (!tokens.refreshToken) throw new ConnectError('no_refresh_token', 'grant has no refresh token (offline access not granted)');

  let accountEmail: string | undefined;
  try {
    ({ accountEmail } = await client.testConnection(tokens.accessToken, pending.calendarId));
  } catch (error) {
    throw new ConnectError('calendar_unreachable', `calendar ${pending.calendarId} is not usable: ${error instanceof Error ? error.message : 'error'}`);
  }

  const connectionId = connectionIdFor(pending.provider, pending.staffId, pending.calendarId);
  const now = deps.clock();
  const ref = deps.db.collection(COLLECTIONS.calendarConnections).doc(connectionId);
  await deps.db.runTransaction(async (tx) => {
    const existing = parseSnapshot(await tx.get(ref), calendarConnectionSchema);
    if (existing && existing.businessId !== pending.businessId) {
      throw new AppError('conflict', `calendarConnections/${connectionId} belongs to another business`);
    }
    // `primary` names a different calendar in another Google account: swapping the account under
    // an existing connection would strand every event already written to the old calendar.
    if (existing?.accountEmail && accountEmail && existing.accountEmail.toLowerCase() !== accountEmail.toLowerCase()) {
      throw new ConnectError('account_changed', 'this calendar connection belongs to another Google account; disconnect it first');
    }
    const connection: CalendarConnection = calendarConnectionSchema.parse({
      businessId: pending.businessId,
      staffId: pending.staffId,
      provider: pending.provider,
      calendarId: pending.calendarId,
      ...(accountEmail ? { accountEmail } : {}),
      status: 'active',
      scopes: (tokens.scope ?? '').split(/\s+/).filter(Boolean),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    // Merge keeps fields other modules keep on the connection; a reconnect clears the old reason.
    tx.set(ref, { ...connection, statusReason: FieldValue.delete() }, { merge: true });
    await saveTokens(
      deps,
      { connectionId, businessId: pending.businessId, provider: pending.provider },
      {
        refreshToken: tokens.refreshToken!,
        accessToken: tokens.accessToken,
        accessTokenExpiresAt: now.getTime() + (tokens.expiresInMs ?? DEFAULT_ACCESS_TOKEN_LIFETIME_MS),
        scope: tokens.scope,
      },
      tx,
    );
  });
  deps.log.info('oauth.connected', {
    connectionId,
    businessId: pending.businessId,
    staffId: pending.staffId,
    provider: pending.provider,
    calendarId: pending.calendarId,
  });
  return { connectionId, businessId: pending.businessId, staffId: pending.staffId, provider: pending.provider, calendarId: pending.calendarId };
}
