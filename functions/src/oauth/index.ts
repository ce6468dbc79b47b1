/**
 * OAuth for calendar connections: token vault, state store, connect flow, token manager and the
 * refresh sweep. Provider specifics live in `providers/<id>/auth.ts` (Google: `googleOAuthClient`).
 */
export type { OAuthDeps } from './deps';
export { createKeyring, keyIdOf, type EncryptionKeyring, type EncryptionKey } from './keyring';
export { cryptoRandomBytes, type RandomBytes } from './random';
export { EnvelopeError } from './envelope';
export { ConnectError, type ConnectFailureReason } from './errors';
export { saveTokens, loadTokens, deleteTokens, sealTokens, openTokens, type VaultDeps, type TokenOwner } from './token-vault';
export {
  createOAuthState,
  consumeOAuthState,
  deleteExpiredOAuthStates,
  OAUTH_STATE_TTL_MS,
  type StateStoreDeps,
  type PendingConnect,
  type IssuedState,
  type ConsumedState,
} from './state-store';
export { codeChallengeS256 } from './pkce';
export { missingScopes, type OAuthProviderClient, type OAuthProviderClients, type OAuthTokenResponse } from './provider-client';
export {
  callerClaimsSchema,
  firebaseIdTokenVerifier,
  verifyCaller,
  mayConnectCalendar,
  assertMayConnect,
  type CallerClaims,
  type IdTokenVerifier,
} from './caller';
export { connectionIdFor } from './connection-id';
export { startConnect, startConnectInputSchema, type StartConnectInput, type StartConnectResult } from './start-connect';
export { completeConnect, type ConnectCallback, type ConnectResult } from './complete-connect';
export {
  handleConnectStart,
  handleConnectCallback,
  connectStartHandler,
  connectCallbackHandler,
  doneReply,
  sendReply,
  type ConnectStartHttpDeps,
  type ConnectCallbackHttpDeps,
  type HttpRequestLike,
  type HttpResponseLike,
  type HttpReply,
} from './connect-http';
export { createTokenManager, REFRESH_AHEAD_MS, type TokenManager, type TokenManagerOptions } from './token-manager';
export { handleRevokedGrant, markNeedsReauth, reauthDedupeKey } from './reauth';
export { refreshExpiringTokens, type RefreshSweepOptions, type RefreshSweepReport } from './refresh-sweep';
