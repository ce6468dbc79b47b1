import { createHash } from 'node:crypto';
import { AppError } from '../errors';

/**
 * The AES-256 keys that protect tokens and PKCE verifiers. New data is always sealed with
 * `current`; `previous` keys can only open old data, so a key can be rotated without a
 * migration (every token document is re-sealed with the current key at its next refresh).
 */
export interface EncryptionKey {
  /** A public fingerprint of the key, stored beside each ciphertext. */
  keyId: string;
  key: Buffer;
}

export interface EncryptionKeyring {
  current: EncryptionKey;
  find(keyId: string): EncryptionKey | undefined;
}

/**
 * The key id is derived from the key itself (a truncated SHA-256 under a domain label), so no
 * separate setting can drift out of step with the secret, and the id reveals nothing usable.
 */
export function keyIdOf(key: Buffer): string {
  return `k_${createHash('sha256').update('salon-sync/token-key-id\n').update(key).digest('hex').slice(0, 16)}`;
}

function decodeKey(base64: string, setting: string): EncryptionKey {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32) {
    // Never echo the value: only which setting is wrong.
    throw new AppError('invalid_argument', `${setting}: must be base64 of exactly 32 bytes`);
  }
  return { keyId: keyIdOf(key), key };
}

/** `currentBase64` is TOKEN_ENCRYPTION_KEY; `previousBase64` are retired keys kept for reading. */
export function createKeyring(currentBase64: string, previousBase64: readonly string[] = []): EncryptionKeyring {
  const current = decodeKey(currentBase64, 'tokenEncryptionKey');
  const all = new Map<string, EncryptionKey>([[current.keyId, current]]);
  previousBase64.forEach((value, index) => {
    const key = decodeKey(value, `previousTokenEncryptionKeys[${index}]`);
    if (!all.has(key.keyId)) all.set(key.keyId, key);
  });
  return { current, find: (keyId) => all.get(keyId) };
}
