import {
  GOOGLE_API_ROOT_URL,
  GOOGLE_OAUTH_AUTH_URL,
  GOOGLE_OAUTH_CLIENT_ID,
  GOOGLE_OAUTH_CLIENT_SECRET,
  GOOGLE_OAUTH_TOKEN_URL,
  GOOGLE_WEBHOOK_URL,
  OAUTH_DONE_URL,
  OAUTH_REDIRECT_URI,
  TOKEN_ENCRYPTION_KEY,
} from './params';
import { z } from 'zod';
import { firstIssue } from './errors';

const httpUrl = z.string().url().refine((url) => /^https?:\/\//.test(url), 'must be an http(s) URL');

export const configSchema = z.object({
  /** base64 of 32 random bytes (AES-256-GCM). */
  tokenEncryptionKey: z
    .string()
    .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be base64 of exactly 32 bytes'),
  google: z.object({
    clientId: z.string().min(1, 'is required'),
    clientSecret: z.string().min(1, 'is required'),
    apiRootUrl: httpUrl,
    authUrl: httpUrl,
    tokenUrl: httpUrl,
    webhookUrl: httpUrl.or(z.literal('')),
  }),
  oauthRedirectUri: httpUrl,
  oauthDoneUrl: httpUrl.or(z.literal('')),
});
export type AppConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(setting: string, reason: string) {
    super(`Invalid configuration ${setting}: ${reason}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(raw: unknown): AppConfig {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const { path, message } = firstIssue(result.error);
    throw new ConfigError(path, message);
  }
  return result.data;
}

/** Reads the params and secrets of the running function. */
export function readConfig(): AppConfig {
  return parseConfig({
    tokenEncryptionKey: TOKEN_ENCRYPTION_KEY.value(),
    google: {
      clientId: GOOGLE_OAUTH_CLIENT_ID.value(),
      clientSecret: GOOGLE_OAUTH_CLIENT_SECRET.value(),
      apiRootUrl: GOOGLE_API_ROOT_URL.value() || 'https://www.googleapis.com/',
      authUrl: GOOGLE_OAUTH_AUTH_URL.value() || 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenUrl: GOOGLE_OAUTH_TOKEN_URL.value() || 'https://oauth2.googleapis.com/token',
      webhookUrl: GOOGLE_WEBHOOK_URL.value(),
    },
    oauthRedirectUri: OAUTH_REDIRECT_URI.value(),
    oauthDoneUrl: OAUTH_DONE_URL.value(),
  });
}
