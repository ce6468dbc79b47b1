import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { AppError, InvalidDocumentError, firstIssue } from '../errors';
import type { Clock } from '../clock';
import { COLLECTIONS, encryptedTokenSchema, tokenSetSchema, type EncryptedToken, type ProviderId, type TokenSet } from '../model';
import { parseSnapshot } from '../store/read-document';
import { openEnvelope, sealEnvelope } from './envelope';
import type { EncryptionKeyring } from './keyring';
import { cryptoRandomBytes, type RandomBytes } from './random';

/**
 * `oauthTokens/{connectionId}`: the only place OAuth tokens are stored, AES-256-GCM encrypted.
 * Everything that reads tokens goes through `loadTokens`, which checks the document belongs to
 * the expected business and provider and parses the plaintext with `tokenSetSchema`.
 */
export interface VaultDeps {
  db: Firestore;
  keyring: EncryptionKeyring;
  clock: Clock;
  randomBytes?: RandomBytes;
}

/** Whose tokens: the connection they belong to, with its tenant and provider. */
export interface TokenOwner {
  connectionId: string;
  businessId: string;
  provider: ProviderId;
}

function tokenPath(connectionId: string): string {
  return `${COLLECTIONS.oauthTokens}/${connectionId}`;
}

/** Bound into the ciphertext so a document copied to another id or tenant does not open. */
function tokenContext(owner: TokenOwner): string {
  return `${tokenPath(owner.connectionId)}\n${owner.businessId}\n${owner.provider}`;
}

/** Validates and encrypts a token set into the stored document shape (pure apart from the IV). */
export function sealTokens(deps: Pick<VaultDeps, 'keyring' | 'clock' | 'randomBytes'>, owner: TokenOwner, tokens: TokenSet): EncryptedToken {
  const parsed = tokenSetSchema.safeParse(tokens);
  if (!parsed.success) {
    // Names the field, never its value.
    const { path, message } = firstIssue(parsed.error);
    throw new AppError('invalid_argument', `token set for ${owner.connectionId}: ${path}: ${message}`);
  }
  const envelope = sealEnvelope(deps.keyring, deps.randomBytes ?? cryptoRandomBytes, tokenContext(owner), JSON.stringify(parsed.data));
  return { businessId: owner.businessId, provider: owner.provider, ...envelope, updatedAt: deps.clock() };
}

/** Decrypts a stored document; the owner must match what the document says. */
export function openTokens(deps: Pick<VaultDeps, 'keyring'>, owner: TokenOwner, stored: EncryptedToken): TokenSet {
  const what = tokenPath(owner.connectionId);
  if (stored.businessId !== owner.businessId) throw new InvalidDocumentError(what, 'businessId', 'belongs to another business');
  if (stored.provider !== owner.provider) throw new InvalidDocumentError(what, 'provider', 'belongs to another provider');
  const plaintext = openEnvelope(deps.keyring, tokenContext(owner), stored, what);
  let json: unknown;
  try {
    json = JSON.parse(plaintext);
  } catch {
    throw new InvalidDocumentError(what, '', 'decrypted token set is not JSON');
  }
  const result = tokenSetSchema.safeParse(json);
  if (!result.success) {
    const { path, message } = firstIssue(result.error);
    throw new InvalidDocumentError(what, `(decrypted).${path}`, message);
  }
  return result.data;
}

/** Writes the encrypted token set, in `tx` when given (so it commits with the connection). */
export async function saveTokens(deps: VaultDeps, owner: TokenOwner, tokens: TokenSet, tx?: Transaction): Promise<void> {
  const document = sealTokens(deps, owner, tokens);
  const ref = deps.db.doc(tokenPath(owner.connectionId));
  if (tx) tx.set(ref, document);
  else await ref.set(document);
}

/** The decrypted token set, or null when the connection has none stored. */
export async function loadTokens(deps: VaultDeps, owner: TokenOwner, tx?: Transaction): Promise<TokenSet | null> {
  const ref = deps.db.doc(tokenPath(owner.connectionId));
  const snapshot = tx ? await tx.get(ref) : await ref.get();
  const stored = parseSnapshot(snapshot, encryptedTokenSchema);
  return stored ? openTokens(deps, owner, stored) : null;
}

export async function deleteTokens(deps: Pick<VaultDeps, 'db'>, connectionId: string, tx?: Transaction): Promise<void> {
  const ref = deps.db.doc(tokenPath(connectionId));
  if (tx) tx.delete(ref);
  else await ref.delete();
}
