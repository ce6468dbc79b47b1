import { ProviderError } from '../../src/errors';
import { COLLECTIONS, calendarConnectionSchema } from '../../src/model';
import { createTokenManager, loadTokens, reauthDedupeKey, refreshExpiringTokens, type TokenManager } from '../../src/oauth';
import { ADMIN_EMAIL, seedConnection, startOAuthTestEnv, tokenRequests, type OAuthTestEnv } from './oauth-test-setup';

let env: OAuthTestEnv;
beforeAll(async () => {
  env = await startOAuthTestEnv();
});
afterAll(async () => env.stop());
beforeEach(async () => env.reset());

const MINUTE = 60 * 1000;
const owner = (connectionId: string) => ({ connectionId, businessId: 'biz-1', provider: 'google' as const });

function manager(): TokenManager {
  return createTokenManager(env.deps);
}

/** Lists the calendar with the token: proves the sandbox (Google) accepts it right now. */
async function calendarAccepts(accessToken: string): Promise<boolean> {
  const res = await fetch(`${env.sandbox.calendarRootUrl}calendar/v3/calendars/primary/events?maxResults=1`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return res.status === 200;
}

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

async function mails() {
  return (await env.db.collection(COLLECTIONS.mail).get()).docs.map((doc) => doc.data());
}

async function connection(connectionId: string) {
  return calendarConnectionSchema.parse((await env.db.doc(`${COLLECTIONS.calendarConnections}/${connectionId}`).get()).data());
}

test('a stored access token with more than 5 minutes left is used without calling the token endpoint', async () => {
  const seeded = await seedConnection(env);
  env.sandbox.clock.advance(54 * MINUTE);
  expect(await manager().getAccessToken(seeded.connectionId)).toBe(seeded.accessToken);
  expect(tokenRequests(env.sandbox)).toBe(0);
});

test('a token within 5 minutes of expiry is refreshed, saved, and Google accepts the new one', async () => {
  const seeded = await seedConnection(env);
  env.sandbox.clock.advance(56 * MINUTE);
  const tokens = manager();

  const fresh = await tokens.getAccessToken(seeded.connectionId);
  expect(fresh).not.toBe(seeded.accessToken);
  expect(tokenRequests(env.sandbox)).toBe(1);
  expect(await calendarAccepts(fresh)).toBe(true);

  const stored = (await loadTokens(env.deps, owner(seeded.connectionId)))!;
  expect(stored.accessToken).toBe(fresh);
  expect(stored.accessTokenExpiresAt).toBe(env.deps.clock().getTime() + 60 * MINUTE);
  // Google sent no refresh token: the original one is kept.
  expect(stored.refreshToken).toBe(seeded.refreshToken);

  // The next call is served from the instance cache.
  expect(await tokens.getAccessToken(seeded.connectionId)).toBe(fresh);
  expect(tokenRequests(env.sandbox)).toBe(1);
});

test('concurrent callers on one instance share a single refresh', async () => {
  const seeded = await seedConnection(env);
  env.sandbox.clock.advance(58 * MINUTE);
  const tokens = manager();
  const results = await Promise.all(Array.from({ length: 10 }, () => tokens.getAccessToken(seeded.connectionId)));
  expect(new Set(results).size).toBe(1);
  expect(tokenRequests(env.sandbox)).toBe(1);
});

test('another instance picks up the refreshed token from the vault instead of refreshing again', async () => {
  const seeded = await seedConnection(env);
  env.sandbox.clock.advance(58 * MINUTE);
  const fresh = await manager().getAccessToken(seeded.connectionId);
  expect(await manager().getAccessToken(seeded.connectionId)).toBe(fresh);
  expect(tokenRequests(env.sandbox)).toBe(1);
});

test('forceRefresh after a 401 gets a new token even when the cached one looks valid', async () => {
  const seeded = await seedConnection(env);
  const tokens = manager();
  const cached = await tokens.getAccessToken(seeded.connectionId);
  const [forced, joined] = await Promise.all([
    tokens.getAccessToken(seeded.connectionId, { forceRefresh: true }),
    tokens.getAccessToken(seeded.connectionId, { forceRefresh: true }),
  ]);
  expect(forced).not.toBe(cached);
  expect(joined).toBe(forced);
  expect(tokenRequests(env.sandbox)).toBe(1);
});

test('a revoked refresh token marks the connection needs_reauth, mails admins once and stops calling Google', async () => {
  const seeded = await seedConnection(env);
  env.sandbox.revokeRefreshToken(seeded.refreshToken);
  env.sandbox.clock.advance(61 * MINUTE);
  const instanceA = manager();
  const instanceB = manager();

  // A storm: concurrent calls on two instances.
  const storm = await Promise.all([
    ...Array.from({ length: 5 }, () => rejection(instanceA.getAccessToken(seeded.connectionId))),
    ...Array.from({ length: 5 }, () => rejection(instanceB.getAccessToken(seeded.connectionId))),
  ]);
  for (const error of storm) {
    expect(error).toMatchObject({ provider: 'google', code: 'auth_revoked', retryable: false });
    expect(error.message).not.toContain(seeded.refreshToken);
  }
  expect(tokenRequests(env.sandbox)).toBeLessThanOrEqual(2); // at most one per instance

  const sent = await mails();
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({
    to: [ADMIN_EMAIL],
    kind: 'calendar_reauth_required',
    businessId: 'biz-1',
    dedupeKey: reauthDedupeKey(seeded.connectionId, seeded.refreshToken),
  });
  expect(sent[0]!.message.subject).toContain('Anna');
  expect(JSON.stringify(sent[0])).not.toContain(seeded.refreshToken);

  const after = await connection(seeded.connectionId);
  expect(after.status).toBe('needs_reauth');
  expect(after.statusReason).toMatch(/invalid_grant/);

  // Later calls, on these or new instances, fail fast without the token endpoint.
  const requestsSoFar = tokenRequests(env.sandbox);
  for (const tokens of [instanceA, instanceB, manager()]) {
    expect(await rejection(tokens.getAccessToken(seeded.connectionId))).toMatchObject({ code: 'auth_revoked', retryable: false });
    expect(await rejection(tokens.getAccessToken(seeded.connectionId, { forceRefresh: true }))).toMatchObject({ code: 'auth_revoked' });
  }
  expect(tokenRequests(env.sandbox)).toBe(requestsSoFar);
  expect(await mails()).toHaveLength(1);
  expect(env.log.entries.filter((entry) => entry.event === 'oauth.reauth_required').length).toBeGreaterThanOrEqual(1);
  expect(JSON.stringify(env.log.entries)).not.toContain(seeded.refreshToken);
});

test('an active connection whose tokens are missing needs re-authorisation instead of failing on every call', async () => {
  const seeded = await seedConnection(env);
  await env.db.doc(`${COLLECTIONS.oauthTokens}/${seeded.connectionId}`).delete();
  expect(await rejection(manager().getAccessToken(seeded.connectionId))).toMatchObject({ code: 'auth_revoked', retryable: false });
  expect((await connection(seeded.connectionId)).status).toBe('needs_reauth');
  expect(await mails()).toHaveLength(1);
  expect(tokenRequests(env.sandbox)).toBe(0);
});

test('a transient token-endpoint failure is a retryable error that leaves the connection active', async () => {
  const seeded = await seedConnection(env);
  env.sandbox.clock.advance(61 * MINUTE);
  const tokens = manager();

  env.sandbox.faults.enqueue({ name: '503', route: 'oauth.token' });
  expect(await rejection(tokens.getAccessToken(seeded.connectionId))).toMatchObject({ code: 'unavailable', retryable: true, status: 503 });
  env.sandbox.faults.enqueue({ name: 'reset', route: 'oauth.token' });
  expect(await rejection(tokens.getAccessToken(seeded.connectionId))).toMatchObject({ retryable: true });

  expect((await connection(seeded.connectionId)).status).toBe('active');
  expect(await mails()).toHaveLength(0);
  expect(await calendarAccepts(await tokens.getAccessToken(seeded.connectionId))).toBe(true);
});

test('the sweep refreshes only tokens that expire soon and reports revoked grants', async () => {
  const soon = await seedConnection(env, { staffId: 'staff-1', accessTokenValidMs: 10 * MINUTE });
  const later = await seedConnection(env, { staffId: 'staff-2', accessTokenValidMs: 50 * MINUTE });
  await env.db.doc(`${COLLECTIONS.staff}/staff-3`).set({ businessId: 'biz-1', name: 'Cleo' });
  const revoked = await seedConnection(env, { staffId: 'staff-3', accessTokenValidMs: 5 * MINUTE });
  env.sandbox.revokeRefreshToken(revoked.refreshToken);
  const tokens = manager();

  const report = await refreshExpiringTokens({ ...env.deps, tokens }, { withinMinutes: 15, pageSize: 2 });
  expect(report).toEqual({ checked: 3, refreshed: 1, fresh: 1, revoked: 1, failed: 0 });
  expect((await loadTokens(env.deps, owner(soon.connectionId)))!.accessToken).not.toBe(soon.accessToken);
  expect((await loadTokens(env.deps, owner(later.connectionId)))!.accessToken).toBe(later.accessToken);
  expect((await connection(revoked.connectionId)).status).toBe('needs_reauth');
  expect(await mails()).toHaveLength(1);

  // The revoked connection is no longer swept.
  const second = await refreshExpiringTokens({ ...env.deps, tokens }, { withinMinutes: 15 });
  expect(second).toEqual({ checked: 2, refreshed: 0, fresh: 2, revoked: 0, failed: 0 });
});
