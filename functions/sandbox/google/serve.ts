import { z } from 'zod';
import { startGoogleSandbox } from './google-sandbox';

/**
 * Runs the Google sandbox on its own: `npx tsx sandbox/google/serve.ts` (from functions/).
 * GOOGLE_SANDBOX_PORT (default 8085), GOOGLE_SANDBOX_ACCOUNTS (comma-separated emails),
 * GOOGLE_SANDBOX_TIME_ZONE (default Europe/Warsaw), GOOGLE_SANDBOX_CLIENT_ID / _SECRET.
 */

const env = z
  .object({
    GOOGLE_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(8085),
    GOOGLE_SANDBOX_ACCOUNTS: z.string().default(''),
    GOOGLE_SANDBOX_TIME_ZONE: z.string().default('Europe/Warsaw'),
    GOOGLE_SANDBOX_CLIENT_ID: z.string().optional(),
    GOOGLE_SANDBOX_CLIENT_SECRET: z.string().optional(),
  })
  .parse(process.env);

async function main(): Promise<void> {
  const accounts = env.GOOGLE_SANDBOX_ACCOUNTS.split(',')
    .map((email) => email.trim())
    .filter(Boolean)
    .map((email) => ({ email, timeZone: env.GOOGLE_SANDBOX_TIME_ZONE }));
  const clients =
    env.GOOGLE_SANDBOX_CLIENT_ID && env.GOOGLE_SANDBOX_CLIENT_SECRET
      ? [{ clientId: env.GOOGLE_SANDBOX_CLIENT_ID, clientSecret: env.GOOGLE_SANDBOX_CLIENT_SECRET }]
      : undefined;
  const sandbox = await startGoogleSandbox({ port: env.GOOGLE_SANDBOX_PORT, accounts, clients, defaultTimeZone: env.GOOGLE_SANDBOX_TIME_ZONE });
  process.stdout.write(
    [
      `Google sandbox on ${sandbox.url}`,
      `  GOOGLE_API_ROOT_URL=${sandbox.calendarRootUrl}`,
      `  GOOGLE_OAUTH_AUTH_URL=${sandbox.oauthEndpoints.oauth2AuthBaseUrl}`,
      `  GOOGLE_OAUTH_TOKEN_URL=${sandbox.oauthEndpoints.oauth2TokenUrl}`,
      `  control: ${sandbox.url}/sandbox/state`,
      '',
    ].join('\n'),
  );
  const shutdown = (): void => {
    void sandbox.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
