import { randomBytes } from 'node:crypto';
import { EnvelopeError } from './envelope';
import { createKeyring } from './keyring';
import { openTokens, sealTokens, type TokenOwner } from './token-vault';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');
const clock = () => new Date('2030-01-01T09:00:00Z');
const owner: TokenOwner = { connectionId: 'google_staff-1_abc', businessId: 'biz-1', provider: 'google' };
const tokens = { refreshToken: '1//refresh-SECRET-value', accessToken: 'ya29.access-SECRET', accessTokenExpiresAt: 1_900_000_000_000, scope: 'a b' };

function flipFirstByte(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = bytes[0]! ^ 0x01;
  return bytes.toString('base64');
}

describe('token vault sealing', () => {
  const keyring = createKeyring(keyA);

  test('a sealed token set opens back to the same token set', () => {
    const sealed = sealTokens({ keyring, clock }, owner, tokens);
    expect(openTokens({ keyring }, owner, sealed)).toEqual(tokens);
  });

  test('the stored document contains no token text, only the envelope and its owner', () => {
    const sealed = sealTokens({ keyring, clock }, owner, tokens);
    const stored = JSON.stringify(sealed);
    expect(stored).not.toContain('SECRET');
    expect(stored).not.toContain('refresh');
    expect(Object.keys(sealed).sort()).toEqual(['businessId', 'ciphertext', 'iv', 'keyId', 'provider', 'tag', 'updatedAt']);
    expect(sealed.keyId).toBe(keyring.current.keyId);
  });

  test('every seal uses a fresh 12-byte IV, so equal token sets give different ciphertexts', () => {
    const first = sealTokens({ keyring, clock }, owner, tokens);
    const second = sealTokens({ keyring, clock }, owner, tokens);
    expect(Buffer.from(first.iv, 'base64')).toHaveLength(12);
    expect(first.iv).not.toBe(second.iv);
    expect(first.ciphertext).not.toBe(second.ciphertext);
  });

  test('a tampered ciphertext, tag or IV fails authentication', () => {
    const sealed = sealTokens({ keyring, clock }, owner, tokens);
    for (const field of ['ciphertext', 'tag', 'iv'] as const) {
      expect(() => openTokens({ keyring }, owner, { ...sealed, [field]: flipFirstByte(sealed[field]) })).toThrow(EnvelopeError);
    }
  });

  test('a different key cannot open the tokens, even under the same key id', () => {
    const sealed = sealTokens({ keyring, clock }, owner, tokens);
    const other = createKeyring(keyB);
    expect(() => openTokens({ keyring: other }, owner, sealed)).toThrow(/no key with id/);
    const impostor = { current: other.current, find: () => other.current };
    expect(() => openTokens({ keyring: impostor }, owner, sealed)).toThrow(/authentication failed/);
  });

  test('a ciphertext copied to another connection does not open there', () => {
    const sealed = sealTokens({ keyring, clock }, owner, tokens);
    expect(() => openTokens({ keyring }, { ...owner, connectionId: 'google_staff-2_abc' }, sealed)).toThrow(EnvelopeError);
  });

  test('a document of another business is refused before decryption', () => {
    const sealed = sealTokens({ keyring, clock }, owner, tokens);
    expect(() => openTokens({ keyring }, { ...owner, businessId: 'biz-2' }, sealed)).toThrow(/businessId: belongs to another business/);
  });

  test('after a key rotation old documents still open and new ones use the new key', () => {
    const sealedWithOld = sealTokens({ keyring, clock }, owner, tokens);
    const rotated = createKeyring(keyB, [keyA]);
    expect(openTokens({ keyring: rotated }, owner, sealedWithOld)).toEqual(tokens);
    expect(sealTokens({ keyring: rotated, clock }, owner, tokens).keyId).toBe(createKeyring(keyB).current.keyId);
  });

  test('errors name the failing document but never contain token text', () => {
    const sealed = sealTokens({ keyring, clock }, owner, tokens);
    try {
      openTokens({ keyring }, owner, { ...sealed, tag: flipFirstByte(sealed.tag) });
      throw new Error('expected a failure');
    } catch (error) {
      expect((error as Error).message).toContain('oauthTokens/google_staff-1_abc');
      expect((error as Error).message).not.toContain('SECRET');
    }
  });

  test('an invalid token set is refused naming the field, not its value', () => {
    expect(() => sealTokens({ keyring, clock }, owner, { ...tokens, refreshToken: '' })).toThrow(/refreshToken/);
  });
});

describe('keyring', () => {
  test('a key that is not 32 bytes of base64 is refused without echoing it', () => {
    const short = randomBytes(16).toString('base64');
    expect(() => createKeyring(short)).toThrow(/tokenEncryptionKey: must be base64 of exactly 32 bytes/);
    try {
      createKeyring(short);
    } catch (error) {
      expect((error as Error).message).not.toContain(short);
    }
  });

  test('key ids are stable for a key and differ between keys', () => {
    expect(createKeyring(keyA).current.keyId).toBe(createKeyring(keyA).current.keyId);
    expect(createKeyring(keyA).current.keyId).not.toBe(createKeyring(keyB).current.keyId);
  });
});
