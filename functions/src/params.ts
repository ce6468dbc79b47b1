import { defineSecret, defineString } from 'firebase-functions/params';

/**
 * Deploy-time parameters and secrets. `readConfig` (config.ts) validates them once, at the
 * first invocation of an instance, and fails naming the bad setting (never its value). Kept apart
 * from the validation so the entry module loads no zod (cold start).
 */
export const TOKEN_ENCRYPTION_KEY = defineSecret('TOKEN_ENCRYPTION_KEY');
export const GOOGLE_OAUTH_CLIENT_SECRET = defineSecret('GOOGLE_OAUTH_CLIENT_SECRET');
export const GOOGLE_OAUTH_CLIENT_ID = defineString('GOOGLE_OAUTH_CLIENT_ID', { default: '' });
export const GOOGLE_API_ROOT_URL = defineString('GOOGLE_API_ROOT_URL', { default: 'https://www.googleapis.com/' });
export const GOOGLE_OAUTH_AUTH_URL = defineString('GOOGLE_OAUTH_AUTH_URL', {
  default: 'https://accounts.google.com/o/oauth2/v2/auth',
});
export const GOOGLE_OAUTH_TOKEN_URL = defineString('GOOGLE_OAUTH_TOKEN_URL', { default: 'https://oauth2.googleapis.com/token' });
/** The deployed URL of the `oauthCallback` function, registered as redirect URI with Google. */
export const OAUTH_REDIRECT_URI = defineString('OAUTH_REDIRECT_URI', { default: '' });
/** Where the browser goes after connecting (the admin dashboard). */
export const OAUTH_DONE_URL = defineString('OAUTH_DONE_URL', { default: '' });
/** The deployed URL of the `googleNotifications` function (push channels post there). */
export const GOOGLE_WEBHOOK_URL = defineString('GOOGLE_WEBHOOK_URL', { default: '' });

export const SECRETS = [TOKEN_ENCRYPTION_KEY, GOOGLE_OAUTH_CLIENT_SECRET];

