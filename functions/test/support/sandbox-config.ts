import { randomBytes } from 'node:crypto';
import { parseConfig, type AppConfig } from '../../src/config';
import { DEFAULT_GOOGLE_SANDBOX_CLIENT, type GoogleSandbox } from '../../sandbox/google';

/** The production config shape, pointed at a sandbox Google (what the local stack uses too). */
export function sandboxConfig(sandbox: GoogleSandbox, overrides: { redirectUri?: string; doneUrl?: string } = {}): AppConfig {
  return parseConfig({
    tokenEncryptionKey: randomBytes(32).toString('base64'),
    google: {
      clientId: DEFAULT_GOOGLE_SANDBOX_CLIENT.clientId,
      clientSecret: DEFAULT_GOOGLE_SANDBOX_CLIENT.clientSecret,
      apiRootUrl: sandbox.calendarRootUrl,
      authUrl: sandbox.oauthEndpoints.oauth2AuthBaseUrl,
      tokenUrl: sandbox.oauthEndpoints.oauth2TokenUrl,
      webhookUrl: '',
    },
    oauthRedirectUri: overrides.redirectUri ?? 'http://127.0.0.1:5001/oauthCallback',
    oauthDoneUrl: overrides.doneUrl ?? '',
  });
}
