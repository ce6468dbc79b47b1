import { z } from 'zod';
import { documentId, instant } from './fields';
import { providerId } from './calendar-connection';

/**
 * `oauthTokens/{connectionId}`: server-only. The token set is AES-256-GCM encrypted; only the
 * token vault reads it back (through `tokenSetSchema`).
 */
export const encryptedTokenSchema = z.object({
  businessId: documentId,
  provider: providerId,
  keyId: z.string(),
  iv: z.string(),
  ciphertext: z.string(),
  tag: z.string(),
  updatedAt: instant.optional(),
});
export type EncryptedToken = z.infer<typeof encryptedTokenSchema>;

/** The plaintext inside an `oauthTokens` document. */
export const tokenSetSchema = z.object({
  refreshToken: z.string().min(1),
  accessToken: z.string().optional(),
  /** Epoch milliseconds. */
  accessTokenExpiresAt: z.number().optional(),
  scope: z.string().optional(),
});
export type TokenSet = z.infer<typeof tokenSetSchema>;

/** `oauthStates/{sha256(state)}`: server-only, single use, 15-minute life. */
export const oauthStateSchema = z.object({
  businessId: documentId,
  staffId: documentId,
  provider: providerId,
  calendarId: z.string().default('primary'),
  /** Encrypted PKCE code verifier (same envelope as tokens). */
  codeVerifier: z.object({ keyId: z.string(), iv: z.string(), ciphertext: z.string(), tag: z.string() }),
  createdAt: instant,
  expiresAt: instant,
});
export type OAuthState = z.infer<typeof oauthStateSchema>;
