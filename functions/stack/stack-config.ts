import { randomBytes } from 'node:crypto';
import { parseConfig, type AppConfig } from '../src/config';
import { DEFAULT_GOOGLE_SANDBOX_CLIENT, type GoogleSandbox } from '../sandbox/google';

/** The deployed configuration's shape, pointed at the sandbox Google and the local functions. */
export function stackConfig(sandbox: GoogleSandbox, functionsUrl: string): AppConfig {
  return parseConfig({
    // A fresh key per run: the local Firestore starts empty every time too.
    tokenEncryptionKey: randomBytes(32).toString('base64'),
    google: {
      clientId: DEFAULT_GOOGLE_SANDBOX_CLIENT.clientId,
      clientSecret: DEFAULT_GOOGLE_SANDBOX_CLIENT.clientSecret,
      apiRootUrl: sandbox.calendarRootUrl,
      authUrl: sandbox.oauthEndpoints.oauth2AuthBaseUrl,
      tokenUrl: sandbox.oauthEndpoints.oauth2TokenUrl,
      webhookUrl: `${functionsUrl}/googleNotifications`,
    },
    oauthRedirectUri: `${functionsUrl}/oauthCallback`,
    oauthDoneUrl: `${functionsUrl}/demo`,
  });
}
