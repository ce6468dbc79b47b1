import { AppError, ProviderError } from '../errors';
import { COLLECTIONS, calendarConnectionSchema, type CalendarConnection, type TokenSet } from '../model';
import type { AccessTokenSource } from '../providers/types';
import { parseSnapshot, readDocument } from '../store/read-document';
import type { OAuthDeps } from './deps';
import type { OAuthTokenResponse } from './provider-client';
import { handleRevokedGrant } from './reauth';
import { loadTokens, saveTokens, type TokenOwner } from './token-vault';

/** Refresh this long before expiry, so a token never expires in the middle of a sync. */
export const REFRESH_AHEAD_MS = 5 * 60 * 1000;
/** Google's default access-token lifetime, for a response without `expires_in`. */
const DEFAULT_LIFETIME_MS = 3600 * 1000;

export interface TokenManager extends AccessTokenSource {
  /**
   * A valid access token: from the in-process cache, else from the vault, else refreshed.
   * `forceRefresh` (after a 401) skips both. Concurrent callers for one connection share one
   * refresh. Throws `ProviderError('auth_revoked')` (not retryable) for a connection that is
   * not active or whose grant was just found revoked, without calling the token endpoint in
   * the first case; retryable `ProviderError`s for transient token-endpoint failures.
   */
  getAccessToken(connectionId: string, options?: { forceRefresh?: boolean }): Promise<string>;
  /** For the sweep: refreshes when the stored access token expires within `withinMs`. */
  refreshIfExpiring(connectionId: string, withinMs: number): Promise<'refreshed' | 'fresh'>;
  /** Drops the in-process copy (after a disconnect). */
  forget(connectionId: string): void;
}

export interface TokenManagerOptions {
  refreshAheadMs?: number;
}

interface Obtained {
  accessToken: string;
  expiresAt: number;
  /** True when this call got the token from the token endpoint. */
  refreshed: boolean;
}

interface Mode {
  force: boolean;
  minValidityMs: number;
}

/**
 * Create one per function instance (module scope), so the cache and the in-flight refreshes
 * are shared by every request the instance serves.
 */
export function createTokenManager(deps: OAuthDeps, options: TokenManagerOptions = {}): TokenManager {
  const refreshAheadMs = options.refreshAheadMs ?? REFRESH_AHEAD_MS;
  const cache = new Map<string, { accessToken: string; expiresAt: number }>();
  const flights = new Map<string, Promise<Obtained>>();

  const validFor = (expiresAt: number | undefined, minValidityMs: number) =>
    expiresAt !== undefined && expiresAt - deps.clock().getTime() > minValidityMs;

  function acquire(connectionId: string, mode: Mode): Promise<Obtained> {
    const cached = cache.get(connectionId);
    if (!mode.force && cached && validFor(cached.expiresAt, mode.minValidityMs)) return Promise.resolve({ ...cached, refreshed: false });
    const flight = flights.get(connectionId);
    if (flight) {
      // Join the refresh in progress. A forced caller only accepts a token that was actually
      // refreshed (not one read back from the vault, which may be the one that got the 401).
      return flight.then((result) =>
        result.refreshed || (!mode.force && validFor(result.expiresAt, mode.minValidityMs)) ? result : acquire(connectionId, mode),
      );
    }
    const started = obtain(connectionId, mode);
    flights.set(connectionId, started);
    const clear = () => {
      if (flights.get(connectionId) === started) flights.delete(connectionId);
    };
    started.then(clear, clear);
    return started;
  }

  async function obtain(connectionId: string, mode: Mode): Promise<Obtained> {
    if (!/^[^/]+$/.test(connectionId)) throw new AppError('invalid_argument', 'connectionId must be a document id');
    const connection = await readDocument(deps.db, `${COLLECTIONS.calendarConnections}/${connectionId}`, calendarConnectionSchema);
    if (!connection) throw new AppError('not_found', `calendarConnections/${connectionId} not found`);
    if (connection.status !== 'active') {
      // Fail fast: a connection that needs re-authorisation never reaches the token endpoint.
      cache.delete(connectionId);
      throw notActive(connectionId, connection);
    }
    const client = deps.clients[connection.provider];
    if (!client) throw new AppError('internal', `no OAuth client for provider ${connection.provider}`);
    const owner: TokenOwner = { connectionId, businessId: connection.businessId, provider: connection.provider };
    const stored = await loadTokens(deps, owner);
    if (!stored) {
      await handleRevokedGrant(deps, connectionId, connection, undefined, 'no stored tokens');
      throw new ProviderError(connection.provider, 'auth_revoked', `calendarConnections/${connectionId} has no stored tokens; reconnect needed`);
    }
    // Another instance may have refreshed already: the vault is shared, the cache is not.
    if (!mode.force && stored.accessToken && validFor(stored.accessTokenExpiresAt, mode.minValidityMs)) {
      const fromVault = { accessToken: stored.accessToken, expiresAt: stored.accessTokenExpiresAt! };
      cache.set(connectionId, fromVault);
      return { ...fromVault, refreshed: false };
    }

    const requestedAt = deps.clock().getTime();
    let response: OAuthTokenResponse;
    try {
      response = await client.refreshAccessToken(stored.refreshToken);
    } catch (error) {
      if (error instanceof ProviderError && error.code === 'auth_revoked') {
        cache.delete(connectionId);
        await handleRevokedGrant(deps, connectionId, connection, stored.refreshToken, `${connection.provider} rejected the refresh token (invalid_grant)`);
        throw new ProviderError(connection.provider, 'auth_revoked', `calendarConnections/${connectionId}: refresh token rejected; reconnect needed`, {
          status: error.status,
        });
      }
      const failure =
        error instanceof AppError ? error : new ProviderError(connection.provider, 'unavailable', 'token refresh failed', { retryable: true });
      deps.log.warn('oauth.refresh_failed', {
        connectionId,
        businessId: connection.businessId,
        provider: connection.provider,
        code: failure.code,
        retryable: failure.retryable,
        message: failure.message,
      });
      throw failure;
    }

    // Save whatever came back: Google keeps the refresh token (none returned), Microsoft may
    // rotate it, and an unsaved rotation loses the connection. The lifetime counts from the
    // request, erring early.
    const next: TokenSet = {
      refreshToken: response.refreshToken ?? stored.refreshToken,
      accessToken: response.accessToken,
      accessTokenExpiresAt: requestedAt + (response.expiresInMs ?? DEFAULT_LIFETIME_MS),
      scope: response.scope ?? stored.scope,
    };
    await saveIfStillActive(connectionId, owner, next);
    const fresh = { accessToken: next.accessToken!, expiresAt: next.accessTokenExpiresAt! };
    cache.set(connectionId, fresh);
    return { ...fresh, refreshed: true };
  }

  /** A disconnect or re-auth that happened during the refresh wins: nothing is written back. */
  async function saveIfStillActive(connectionId: string, owner: TokenOwner, tokens: TokenSet): Promise<void> {
    const ref = deps.db.collection(COLLECTIONS.calendarConnections).doc(connectionId);
    const current = await deps.db.runTransaction(async (tx) => {
      const connection = parseSnapshot(await tx.get(ref), calendarConnectionSchema);
      if (connection?.status === 'active') await saveTokens(deps, owner, tokens, tx);
      return connection;
    });
    if (!current) throw new AppError('not_found', `calendarConnections/${connectionId} not found`);
    if (current.status !== 'active') throw notActive(connectionId, current);
  }

  return {
    async getAccessToken(connectionId, options = {}) {
      return (await acquire(connectionId, { force: options.forceRefresh === true, minValidityMs: refreshAheadMs })).accessToken;
    },
    async refreshIfExpiring(connectionId, withinMs) {
      const result = await acquire(connectionId, { force: false, minValidityMs: Math.max(withinMs, refreshAheadMs) });
      return result.refreshed ? 'refreshed' : 'fresh';
    },
    forget(connectionId) {
      cache.delete(connectionId);
    },
  };
}

function notActive(connectionId: string, connection: CalendarConnection): ProviderError {
  return new ProviderError(connection.provider, 'auth_revoked', `calendarConnections/${connectionId} is ${connection.status}; reconnect needed`);
}
