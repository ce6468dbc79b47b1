import type { Firestore } from 'firebase-admin/firestore';
import { createKeyring, saveTokens } from '../../src/oauth';
import { DEFAULT_GOOGLE_SANDBOX_CLIENT, type GoogleSandbox } from '../../sandbox/google';
import type { SalonFixture } from './salon-fixture';

/**
 * The environment a deployed function reads its params and secrets from, pointed at a sandbox
 * Google (what `firebase deploy` would set from .env files and Secret Manager).
 */
export function setDeployedEnvironment(sandbox: GoogleSandbox, encryptionKey: string, extra: Record<string, string> = {}): void {
  Object.assign(process.env, {
    TOKEN_ENCRYPTION_KEY: encryptionKey,
    GOOGLE_OAUTH_CLIENT_ID: DEFAULT_GOOGLE_SANDBOX_CLIENT.clientId,
    GOOGLE_OAUTH_CLIENT_SECRET: DEFAULT_GOOGLE_SANDBOX_CLIENT.clientSecret,
    GOOGLE_API_ROOT_URL: sandbox.calendarRootUrl,
    GOOGLE_OAUTH_AUTH_URL: sandbox.oauthEndpoints.oauth2AuthBaseUrl,
    GOOGLE_OAUTH_TOKEN_URL: sandbox.oauthEndpoints.oauth2TokenUrl,
    OAUTH_REDIRECT_URI: 'http://127.0.0.1:5001/oauthCallback',
    ...extra,
  });
}

/** Stores sandbox-issued tokens for a stylist's connection, encrypted with `encryptionKey`. */
export async function storeSandboxTokens(db: Firestore, sandbox: GoogleSandbox, salon: SalonFixture, encryptionKey: string, staffIndex = 0): Promise<void> {
  const staffId = salon.staffIds[staffIndex]!;
  const issued = sandbox.issueTokens(salon.calendarOf[staffId]!);
  await saveTokens(
    { db, keyring: createKeyring(encryptionKey), clock: () => new Date() },
    { connectionId: salon.connectionOf[staffId]!, businessId: salon.businessId, provider: 'google' },
    { refreshToken: issued.refreshToken!, accessToken: issued.accessToken, accessTokenExpiresAt: Date.now() + 3_000_000 },
  );
}
