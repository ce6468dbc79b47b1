import { auth, calendar, type calendar_v3 } from '@googleapis/calendar';
import { DEFAULT_GOOGLE_SANDBOX_CLIENT, type GoogleSandbox } from './google-sandbox';
import type { OAuthClientRegistration } from './oauth-state';

/**
 * The real Google clients pointed at a sandbox: google-auth-library's OAuth2Client (exported by
 * `@googleapis/calendar` as `auth.OAuth2`) with `endpoints`, and the Calendar v3 client with
 * `rootUrl`. This is all production code has to change to talk to the sandbox.
 *
 * `fetchImplementation: fetch`: gaxios 8 otherwise loads node-fetch with a dynamic `import()`,
 * which jest refuses without --experimental-vm-modules ("A dynamic import callback was invoked").
 * Node's own fetch is the same wire protocol.
 */
const transport = { fetchImplementation: globalThis.fetch } as const;

export type SandboxOAuth2Client = InstanceType<typeof auth.OAuth2>;

export function sandboxOAuthClient(
  sandbox: GoogleSandbox,
  options: { client?: OAuthClientRegistration; redirectUri?: string; forceRefreshOnFailure?: boolean } = {},
): SandboxOAuth2Client {
  const client = options.client ?? DEFAULT_GOOGLE_SANDBOX_CLIENT;
  return new auth.OAuth2({
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUri: options.redirectUri ?? 'http://127.0.0.1/oauth/callback',
    endpoints: sandbox.oauthEndpoints,
    forceRefreshOnFailure: options.forceRefreshOnFailure,
    transporterOptions: transport,
  });
}

export function sandboxCalendarClient(sandbox: GoogleSandbox, authClient?: SandboxOAuth2Client): calendar_v3.Calendar {
  return calendar({ version: 'v3', auth: authClient, rootUrl: sandbox.calendarRootUrl, ...transport });
}

/** An authorized Calendar client for `email`, with tokens issued directly (no consent flow). */
export function connectedCalendar(
  sandbox: GoogleSandbox,
  email: string,
  options: { scopes?: string[]; forceRefreshOnFailure?: boolean } = {},
): { calendar: calendar_v3.Calendar; auth: SandboxOAuth2Client; refreshToken: string } {
  const tokens = sandbox.issueTokens(email, { scopes: options.scopes });
  const authClient = sandboxOAuthClient(sandbox, { forceRefreshOnFailure: options.forceRefreshOnFailure });
  authClient.setCredentials({
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    expiry_date: Date.now() + tokens.expiresIn * 1000,
  });
  return { calendar: sandboxCalendarClient(sandbox, authClient), auth: authClient, refreshToken: tokens.refreshToken! };
}
