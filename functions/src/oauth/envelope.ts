import { createCipheriv, createDecipheriv } from 'node:crypto';
import { AppError } from '../errors';
import type { EncryptionKeyring } from './keyring';
import type { RandomBytes } from './random';

/** What is stored for one secret: AES-256-GCM, base64 fields. */
export interface SealedEnvelope {
  keyId: string;
  iv: string;
  ciphertext: string;
  tag: string;
}

const IV_BYTES = 12; // the GCM standard nonce size (NIST SP 800-38D)
const TAG_BYTES = 16;

/**
 * Encrypts `plaintext` with the current key and a fresh random IV. `context` is bound as
 * additional authenticated data: a ciphertext copied into another document (another
 * connection, another business) fails to open there.
 */
export function sealEnvelope(keyring: EncryptionKeyring, randomBytes: RandomBytes, context: string, plaintext: string): SealedEnvelope {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyring.current.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    keyId: keyring.current.keyId,
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** The envelope cannot be opened: unknown key, tampered data or wrong context. Never retryable. */
export class EnvelopeError extends AppError {
  constructor(what: string, reason: string) {
    super('internal', `${what}: cannot decrypt (${reason})`);
    this.name = 'EnvelopeError';
  }
}

/** `what` names the document in the error message; the message never contains key or data. */
export function openEnvelope(keyring: EncryptionKeyring, context: string, envelope: SealedEnvelope, what: string): string {
  const key = keyring.find(envelope.keyId);
  if (!key) throw new EnvelopeError(what, `no key with id ${envelope.keyId}`);
  const iv = Buffer.from(envelope.iv, 'base64');
  const tag = Buffer.from(envelope.tag, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new EnvelopeError(what, 'malformed envelope');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(envelope.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new EnvelopeError(what, 'authentication failed');
  }
}
