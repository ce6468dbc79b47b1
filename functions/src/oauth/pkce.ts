import { createHash } from 'node:crypto';
import { base64Url, type RandomBytes } from './random';

/**
 * PKCE (RFC 7636) with the S256 method. 32 random bytes give a 43-character verifier, the
 * minimum length the RFC allows and 256 bits of entropy.
 */
export function createCodeVerifier(randomBytes: RandomBytes): string {
  return base64Url(randomBytes(32));
}

export function codeChallengeS256(codeVerifier: string): string {
  return base64Url(createHash('sha256').update(codeVerifier, 'ascii').digest());
}
