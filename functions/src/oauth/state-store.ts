import { createHash } from 'node:crypto';
import type { Firestore } from 'firebase-admin/firestore';
import type { Clock } from '../clock';
import { COLLECTIONS, oauthStateSchema, type OAuthState, type ProviderId } from '../model';
import { openEnvelope, sealEnvelope } from './envelope';
import { ConnectError } from './errors';
import type { EncryptionKeyring } from './keyring';
import { codeChallengeS256, createCodeVerifier } from './pkce';
import { base64Url, cryptoRandomBytes, type RandomBytes } from './random';

/**
 * The short-lived, server-side half of an OAuth round trip. The browser only carries `state`
 * (32 random bytes); Firestore keeps, under sha256(state), who is connecting what and the
 * encrypted PKCE verifier. A state opens exactly once, within 15 minutes.
 */
export const OAUTH_STATE_TTL_MS = 15 * 60 * 1000;

export interface StateStoreDeps {
  db: Firestore;
  keyring: EncryptionKeyring;
  clock: Clock;
  randomBytes?: RandomBytes;
}

/** What a connect attempt is for; decided (and authorised) before the user leaves for consent. */
export interface PendingConnect {
  businessId: string;
  staffId: string;
  provider: ProviderId;
  calendarId: string;
}

export interface IssuedState {
  state: string;
  /** The S256 challenge for the authorization URL; the verifier never leaves the server. */
  codeChallenge: string;
  expiresAt: Date;
}

export interface ConsumedState extends PendingConnect {
  codeVerifier: string;
}

// base64url of exactly 32 bytes. Anything else is rejected before it reaches Firestore.
const STATE_FORMAT = /^[A-Za-z0-9_-]{43}$/;

function stateDocId(state: string): string {
  return createHash('sha256').update(state, 'utf8').digest('hex');
}

function verifierContext(docId: string): string {
  return `${COLLECTIONS.oauthStates}/${docId}`;
}

export async function createOAuthState(deps: StateStoreDeps, pending: PendingConnect): Promise<IssuedState> {
  const randomBytes = deps.randomBytes ?? cryptoRandomBytes;
  const state = base64Url(randomBytes(32));
  const codeVerifier = createCodeVerifier(randomBytes);
  const docId = stateDocId(state);
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + OAUTH_STATE_TTL_MS);
  const document: OAuthState = oauthStateSchema.parse({
    ...pending,
    codeVerifier: sealEnvelope(deps.keyring, randomBytes, verifierContext(docId), codeVerifier),
    createdAt: now,
    expiresAt,
  });
  // `create`: a (astronomically unlikely) id collision fails instead of overwriting.
  await deps.db.collection(COLLECTIONS.oauthStates).doc(docId).create(document);
  return { state, codeChallenge: codeChallengeS256(codeVerifier), expiresAt };
}

type Outcome = { kind: 'unknown' } | { kind: 'expired' } | { kind: 'invalid' } | { kind: 'ok'; document: OAuthState };

/**
 * Reads and deletes the state in one transaction, so of two concurrent callbacks with the same
 * state exactly one gets it. Expired and malformed documents are deleted too. The lookup is by
 * the hash of the exact string received: no trimming, no case folding.
 */
export async function consumeOAuthState(deps: StateStoreDeps, state: string): Promise<ConsumedState> {
  if (!STATE_FORMAT.test(state)) throw new ConnectError('invalid_state', 'OAuth state is unknown or already used');
  const docId = stateDocId(state);
  const ref = deps.db.collection(COLLECTIONS.oauthStates).doc(docId);
  const outcome = await deps.db.runTransaction<Outcome>(async (tx) => {
    const snapshot = await tx.get(ref);
    if (!snapshot.exists) return { kind: 'unknown' };
    tx.delete(ref);
    // Decided inside the transaction but thrown outside it: throwing here would roll back the delete.
    const parsed = oauthStateSchema.safeParse(snapshot.data());
    if (!parsed.success) return { kind: 'invalid' };
    if (parsed.data.expiresAt.getTime() <= deps.clock().getTime()) return { kind: 'expired' };
    return { kind: 'ok', document: parsed.data };
  });
  if (outcome.kind === 'expired') throw new ConnectError('expired_state', 'OAuth state has expired');
  if (outcome.kind !== 'ok') throw new ConnectError('invalid_state', 'OAuth state is unknown or already used');
  const { document } = outcome;
  const codeVerifier = openEnvelope(deps.keyring, verifierContext(docId), document.codeVerifier, `${COLLECTIONS.oauthStates}/${docId}`);
  return {
    businessId: document.businessId,
    staffId: document.staffId,
    provider: document.provider,
    calendarId: document.calendarId,
    codeVerifier,
  };
}

/**
 * Deletes states whose consent round trip was abandoned. A Firestore TTL policy on
 * `oauthStates.expiresAt` does the same in production; this is for the local stack and sweeps.
 */
export async function deleteExpiredOAuthStates(deps: Pick<StateStoreDeps, 'db' | 'clock'>, limit = 300): Promise<number> {
  const expired = await deps.db.collection(COLLECTIONS.oauthStates).where('expiresAt', '<=', deps.clock()).limit(limit).get();
  if (expired.empty) return 0;
  const batch = deps.db.batch();
  expired.docs.forEach((doc) => batch.delete(doc.ref));
  await batch.commit();
  return expired.size;
}
