import { COLLECTIONS, calendarConnectionSchema, encryptedTokenSchema } from '../../src/model';
import { connectionIdFor, loadTokens, OAUTH_STATE_TTL_MS } from '../../src/oauth';
import { GOOGLE_CALENDAR_EVENTS_SCOPE } from '../../src/providers/google/auth';
import { DONE_URL, CLIENT, STAFF_EMAIL, startOAuthTestEnv, tokenRequests, type OAuthTestEnv } from './oauth-test-setup';

let env: OAuthTestEnv;
beforeAll(async () => {
  env = await startOAuthTestEnv();
});
afterAll(async () => env.stop());
beforeEach(async () => env.reset());

const connectionId = connectionIdFor('google', 'staff-1', 'primary');

async function startConnect(idToken: string, body: unknown): Promise<Response> {
  return fetch(`${env.appUrl}/connectStart`, {
    method: 'POST',
    headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function consentUrl(idToken = 'manager-token', body: unknown = { businessId: 'biz-1', staffId: 'staff-1' }): Promise<URL> {
  const res = await startConnect(idToken, body);
  expect(res.status).toBe(200);
  return new URL(((await res.json()) as { authorizationUrl: string }).authorizationUrl);
}

/** Follows the callback like the browser does and returns the flags of the done-page redirect. */
async function openCallback(callbackUrl: URL | string): Promise<Record<string, string>> {
  const res = await fetch(callbackUrl, { redirect: 'manual' });
  expect(res.status).toBe(303);
  const location = new URL(res.headers.get('location')!);
  expect(location.origin + location.pathname).toBe(DONE_URL);
  return Object.fromEntries(location.searchParams);
}

async function connectionExists(): Promise<boolean> {
  return (await env.db.doc(`${COLLECTIONS.calendarConnections}/${connectionId}`).get()).exists;
}

test('the consent URL asks Google for offline access to calendar events with PKCE S256 and a single-use state', async () => {
  const url = await consentUrl();
  expect(url.origin + url.pathname).toBe(env.sandbox.oauthEndpoints.oauth2AuthBaseUrl);
  const params = Object.fromEntries(url.searchParams);
  expect(params).toMatchObject({
    client_id: CLIENT.clientId,
    redirect_uri: env.redirectUri,
    response_type: 'code',
    scope: GOOGLE_CALENDAR_EVENTS_SCOPE,
    access_type: 'offline',
    prompt: 'consent',
    include_granted_scopes: 'true',
    code_challenge_method: 'S256',
  });
  expect(params.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect((await env.db.collection(COLLECTIONS.oauthStates).get()).size).toBe(1);
});

test('a full round trip stores an active connection with encrypted tokens and redirects with flags only', async () => {
  const url = await consentUrl('anna-token');
  env.sandbox.queueConsent({ email: STAFF_EMAIL });
  const consent = await env.sandbox.authorize(url.toString());
  expect(consent.redirectUrl.origin + consent.redirectUrl.pathname).toBe(env.redirectUri);

  const flags = await openCallback(consent.redirectUrl);
  expect(flags).toEqual({ oauth: 'connected', provider: 'google', connectionId });

  const connection = calendarConnectionSchema.parse((await env.db.doc(`${COLLECTIONS.calendarConnections}/${connectionId}`).get()).data());
  expect(connection).toMatchObject({
    businessId: 'biz-1',
    staffId: 'staff-1',
    provider: 'google',
    calendarId: 'primary',
    status: 'active',
    accountEmail: STAFF_EMAIL,
    scopes: [GOOGLE_CALENDAR_EVENTS_SCOPE],
  });

  const owner = { connectionId, businessId: 'biz-1', provider: 'google' as const };
  const tokens = (await loadTokens(env.deps, owner))!;
  expect(tokens.refreshToken).toMatch(/^1\/\//);
  expect(tokens.accessTokenExpiresAt).toBe(env.deps.clock().getTime() + 3600 * 1000);
  const raw = (await env.db.doc(`${COLLECTIONS.oauthTokens}/${connectionId}`).get()).data();
  encryptedTokenSchema.parse(raw);
  expect(JSON.stringify(raw)).not.toContain(tokens.refreshToken);
  expect(JSON.stringify(raw)).not.toContain(tokens.accessToken);

  // The state is gone, and nothing in the logs carries a token or the code.
  expect((await env.db.collection(COLLECTIONS.oauthStates).get()).size).toBe(0);
  const logged = JSON.stringify(env.log.entries);
  for (const secret of [tokens.refreshToken, tokens.accessToken!, consent.code!]) expect(logged).not.toContain(secret);
  expect(env.log.entries.map((entry) => entry.event)).toEqual(['oauth.connect_started', 'oauth.connected']);
});

test('a replayed callback is refused as an unknown state and exchanges nothing', async () => {
  env.sandbox.queueConsent({ email: STAFF_EMAIL });
  const consent = await env.sandbox.authorize((await consentUrl()).toString());
  expect((await openCallback(consent.redirectUrl)).oauth).toBe('connected');
  const exchanges = tokenRequests(env.sandbox);

  expect(await openCallback(consent.redirectUrl)).toEqual({ oauth: 'failed', reason: 'invalid_state' });
  expect(tokenRequests(env.sandbox)).toBe(exchanges);
});

test('a callback after the state expired is refused and stores no connection', async () => {
  env.sandbox.queueConsent({ email: STAFF_EMAIL });
  const consent = await env.sandbox.authorize((await consentUrl()).toString());
  env.sandbox.clock.advance(OAUTH_STATE_TTL_MS + 1000);

  expect(await openCallback(consent.redirectUrl)).toEqual({ oauth: 'failed', reason: 'expired_state' });
  expect(tokenRequests(env.sandbox)).toBe(0);
  expect(await connectionExists()).toBe(false);
});

test('a code issued for another PKCE challenge is rejected by Google and connects nothing', async () => {
  // An attacker's code (consented with the attacker's own challenge) injected into our callback.
  const url = await consentUrl();
  url.searchParams.set('code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  env.sandbox.queueConsent({ email: STAFF_EMAIL });
  const consent = await env.sandbox.authorize(url.toString());

  expect(await openCallback(consent.redirectUrl)).toEqual({ oauth: 'failed', reason: 'exchange_failed' });
  expect(tokenRequests(env.sandbox)).toBe(1);
  expect(await connectionExists()).toBe(false);
  expect((await env.db.collection(COLLECTIONS.oauthTokens).get()).size).toBe(0);
});

test('a grant without the calendar events scope is refused and stores nothing', async () => {
  env.sandbox.queueConsent({ email: STAFF_EMAIL, grantedScopes: [] });
  const consent = await env.sandbox.authorize((await consentUrl()).toString());

  expect(await openCallback(consent.redirectUrl)).toEqual({ oauth: 'failed', reason: 'missing_scopes' });
  expect(await connectionExists()).toBe(false);
  expect((await env.db.collection(COLLECTIONS.oauthTokens).get()).size).toBe(0);
});

test('declining consent comes back as consent_denied', async () => {
  env.sandbox.queueConsent({ email: STAFF_EMAIL, deny: true });
  const consent = await env.sandbox.authorize((await consentUrl()).toString());
  expect(consent.error).toBe('access_denied');
  expect(await openCallback(consent.redirectUrl)).toEqual({ oauth: 'failed', reason: 'consent_denied' });
  expect(await connectionExists()).toBe(false);
});

test('a callback with a forged state never reaches the token endpoint', async () => {
  const forged = new URL(env.redirectUri);
  forged.searchParams.set('state', 'A'.repeat(43));
  forged.searchParams.set('code', '4/0Aforged');
  expect(await openCallback(forged)).toEqual({ oauth: 'failed', reason: 'invalid_state' });
  expect(tokenRequests(env.sandbox)).toBe(0);
});

test('reconnecting after a revocation reactivates the same connection with a new refresh token', async () => {
  env.sandbox.queueConsent({ email: STAFF_EMAIL });
  await openCallback((await env.sandbox.authorize((await consentUrl()).toString())).redirectUrl);
  const owner = { connectionId, businessId: 'biz-1', provider: 'google' as const };
  const first = (await loadTokens(env.deps, owner))!;
  await env.db.doc(`${COLLECTIONS.calendarConnections}/${connectionId}`).update({ status: 'needs_reauth', statusReason: 'revoked' });

  env.sandbox.queueConsent({ email: STAFF_EMAIL });
  expect((await openCallback((await env.sandbox.authorize((await consentUrl()).toString())).redirectUrl)).oauth).toBe('connected');
  const connection = (await env.db.doc(`${COLLECTIONS.calendarConnections}/${connectionId}`).get()).data()!;
  expect(connection.status).toBe('active');
  expect(connection.statusReason).toBeUndefined();
  expect((await loadTokens(env.deps, owner))!.refreshToken).not.toBe(first.refreshToken);
  expect((await env.db.collection(COLLECTIONS.calendarConnections).get()).size).toBe(1);
});

test('reconnecting "primary" with a different Google account is refused instead of stranding the old calendar\'s events', async () => {
  env.sandbox.queueConsent({ email: STAFF_EMAIL });
  await openCallback((await env.sandbox.authorize((await consentUrl()).toString())).redirectUrl);
  const owner = { connectionId, businessId: 'biz-1', provider: 'google' as const };
  const first = (await loadTokens(env.deps, owner))!;
  env.sandbox.addAccount({ email: 'someone-else@studio.test' });
  env.sandbox.queueConsent({ email: 'someone-else@studio.test' });
  expect(await openCallback((await env.sandbox.authorize((await consentUrl()).toString())).redirectUrl)).toEqual({ oauth: 'failed', reason: 'account_changed' });
  expect((await loadTokens(env.deps, owner))!.refreshToken).toBe(first.refreshToken);
  expect((await env.db.doc(`${COLLECTIONS.calendarConnections}/${connectionId}`).get()).get('accountEmail')).toBe(STAFF_EMAIL);
});

describe('who may start a connection', () => {
  test('a staff member cannot connect a colleague\'s calendar, and no state is stored', async () => {
    const res = await startConnect('bea-token', { businessId: 'biz-1', staffId: 'staff-1' });
    expect(res.status).toBe(403);
    expect((await env.db.collection(COLLECTIONS.oauthStates).get()).size).toBe(0);
  });

  test('an owner of another business cannot connect this business\'s staff', async () => {
    expect((await startConnect('other-owner-token', { businessId: 'biz-1', staffId: 'staff-1' })).status).toBe(403);
  });

  test('claiming another business for a staff member that is not in it finds no staff', async () => {
    await env.db.doc(`${COLLECTIONS.staff}/staff-9`).set({ businessId: 'biz-2', name: 'Elsewhere' });
    expect((await startConnect('manager-token', { businessId: 'biz-1', staffId: 'staff-9' })).status).toBe(404);
  });

  test('a request without a valid ID token is unauthenticated or denied', async () => {
    const missing = await fetch(`${env.appUrl}/connectStart`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(missing.status).toBe(401);
    expect((await startConnect('not-a-token', { businessId: 'biz-1', staffId: 'staff-1' })).status).toBe(403);
  });

  test('an invalid body is refused naming the field', async () => {
    const res = await startConnect('manager-token', { businessId: 'biz-1' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^staffId:/);
  });
});
