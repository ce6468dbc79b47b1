import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Firestore } from 'firebase-admin/firestore';
import { memoryLog } from '../../src/logs';
import { COLLECTIONS } from '../../src/model';
import {
  connectCallbackHandler,
  connectStartHandler,
  createKeyring,
  saveTokens,
  connectionIdFor,
  type IdTokenVerifier,
  type OAuthDeps,
} from '../../src/oauth';
import { googleOAuthClient, GOOGLE_OAUTH_SCOPES } from '../../src/providers/google/auth';
import { startGoogleSandbox, type GoogleSandbox } from '../../sandbox/google';
import { startTestFirestore, type TestFirestore } from '../../testing/firestore-server/harness';

/**
 * The OAuth capabilities wired as in production: the embedded Firestore, the Google sandbox
 * reached through google-auth-library's OAuth2Client, and the HTTP adapters mounted on express
 * (what `onRequest` hands them). One clock: the sandbox's frozen clock is the app's clock too.
 */
export const CLIENT = { clientId: 'salon-sync-test.apps.googleusercontent.com', clientSecret: 'test-client-secret' };
export const DONE_URL = 'https://admin.salon.test/settings/calendars';
export const STAFF_EMAIL = 'anna@salon.test';
export const ADMIN_EMAIL = 'owner@salon.test';

/** ID tokens the injected verifier accepts, with the custom claims they carry. */
export const ID_TOKENS: Record<string, Record<string, unknown>> = {
  'manager-token': { uid: 'u-manager', businessId: 'biz-1', role: 'manager' },
  'anna-token': { uid: 'u-anna', businessId: 'biz-1', role: 'staff', staffId: 'staff-1' },
  'bea-token': { uid: 'u-bea', businessId: 'biz-1', role: 'staff', staffId: 'staff-2' },
  'other-owner-token': { uid: 'u-other', businessId: 'biz-2', role: 'owner' },
};
const verifyIdToken: IdTokenVerifier = async (token) => {
  const claims = ID_TOKENS[token];
  if (!claims) throw new Error('invalid token');
  return claims;
};

export interface OAuthTestEnv {
  firestore: TestFirestore;
  sandbox: GoogleSandbox;
  db: Firestore;
  deps: OAuthDeps;
  log: ReturnType<typeof memoryLog>;
  /** Base URL of the express app serving /connectStart and /oauth/google/callback. */
  appUrl: string;
  redirectUri: string;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOAuthTestEnv(): Promise<OAuthTestEnv> {
  const firestore = await startTestFirestore();
  const sandbox = await startGoogleSandbox({ startTime: '2030-01-07T09:00:00Z', accounts: [{ email: STAFF_EMAIL, displayName: 'Anna' }] });
  const db = firestore.db();
  const log = memoryLog();
  const app = express();
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const redirectUri = `${appUrl}/oauth/google/callback`;
  const registerClient = () => sandbox.registerClient({ ...CLIENT, redirectUris: [redirectUri] });
  registerClient();

  const deps: OAuthDeps = {
    db,
    keyring: createKeyring(randomBytes(32).toString('base64')),
    clock: () => new Date(sandbox.clock.now()),
    log,
    clients: {
      google: googleOAuthClient({
        ...CLIENT,
        authUrl: sandbox.oauthEndpoints.oauth2AuthBaseUrl,
        tokenUrl: sandbox.oauthEndpoints.oauth2TokenUrl,
        apiRootUrl: sandbox.calendarRootUrl,
        redirectUri,
      }),
    },
  };
  app.post('/connectStart', express.json(), connectStartHandler({ ...deps, verifyIdToken }));
  app.get('/oauth/google/callback', connectCallbackHandler({ ...deps, doneUrl: DONE_URL }));

  const seed = async () => {
    await db.doc(`${COLLECTIONS.businesses}/biz-1`).set({ name: 'Salon', timeZone: 'Europe/Warsaw', weeklyHours: {}, adminEmails: [ADMIN_EMAIL] });
    await db.doc(`${COLLECTIONS.staff}/staff-1`).set({ businessId: 'biz-1', name: 'Anna', email: STAFF_EMAIL });
    await db.doc(`${COLLECTIONS.staff}/staff-2`).set({ businessId: 'biz-1', name: 'Bea' });
  };
  await seed();

  return {
    firestore,
    sandbox,
    db,
    deps,
    log,
    appUrl,
    redirectUri,
    async reset() {
      sandbox.reset();
      registerClient();
      await firestore.reset();
      log.entries.length = 0;
      await seed();
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox.stop();
      await firestore.stop();
    },
  };
}

/** A connected calendar without the consent round trip: sandbox-issued tokens in the vault. */
export async function seedConnection(
  env: OAuthTestEnv,
  options: { staffId?: string; email?: string; accessTokenValidMs?: number } = {},
): Promise<{ connectionId: string; refreshToken: string; accessToken: string }> {
  const staffId = options.staffId ?? 'staff-1';
  const email = options.email ?? STAFF_EMAIL;
  const issued = env.sandbox.issueTokens(email, { clientId: CLIENT.clientId, scopes: [...GOOGLE_OAUTH_SCOPES] });
  const connectionId = connectionIdFor('google', staffId, 'primary');
  const now = env.deps.clock();
  await env.db.doc(`${COLLECTIONS.calendarConnections}/${connectionId}`).set({
    businessId: 'biz-1',
    staffId,
    provider: 'google',
    calendarId: 'primary',
    status: 'active',
    scopes: [...GOOGLE_OAUTH_SCOPES],
    createdAt: now,
    updatedAt: now,
  });
  await saveTokens(
    env.deps,
    { connectionId, businessId: 'biz-1', provider: 'google' },
    {
      refreshToken: issued.refreshToken!,
      accessToken: issued.accessToken,
      accessTokenExpiresAt: now.getTime() + (options.accessTokenValidMs ?? issued.expiresIn * 1000),
      scope: issued.scope,
    },
  );
  return { connectionId, refreshToken: issued.refreshToken!, accessToken: issued.accessToken };
}

export function tokenRequests(sandbox: GoogleSandbox): number {
  return sandbox.requestCounts()['oauth.token'] ?? 0;
}
