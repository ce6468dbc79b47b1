import { startGoogleSandbox, type GoogleSandbox } from './google-sandbox';
import { sandboxCalendarClient, sandboxOAuthClient } from './sandbox-clients';

const CLIENT = {
  clientId: 'salon-sync-test.apps.googleusercontent.com',
  clientSecret: 'test-secret',
  redirectUris: ['http://127.0.0.1:5001/oauth/google/callback'],
};
const REDIRECT = CLIENT.redirectUris[0];
const CALENDAR_EVENTS = 'https://www.googleapis.com/auth/calendar.events';
const CALENDAR_READONLY = 'https://www.googleapis.com/auth/calendar.readonly';

let sandbox: GoogleSandbox;

beforeAll(async () => {
  sandbox = await startGoogleSandbox({
    startTime: '2026-03-02T08:00:00Z',
    clients: [CLIENT],
    accounts: [
      { email: 'anna@salon.test', displayName: 'Anna', timeZone: 'Europe/Warsaw' },
      { email: 'bea@salon.test', displayName: 'Bea', timeZone: 'Europe/Warsaw' },
    ],
  });
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.stop());

const newClient = () => sandboxOAuthClient(sandbox, { client: CLIENT, redirectUri: REDIRECT });

async function consentUrl(client: ReturnType<typeof newClient>, scopes: string[], extra: Record<string, string> = {}) {
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  const url = client.generateAuthUrl({
    access_type: 'offline',
    prompt: 'consent',
    scope: scopes,
    state: 'state-123',
    code_challenge: codeChallenge,
    code_challenge_method: 'S256' as never,
    ...extra,
  });
  return { url, codeVerifier };
}

test('the consent flow with PKCE yields tokens that open the chosen account\'s primary calendar', async () => {
  const client = newClient();
  sandbox.queueConsent({ email: 'bea@salon.test' });
  const { url, codeVerifier } = await consentUrl(client, [CALENDAR_EVENTS, CALENDAR_READONLY, 'email']);

  const redirect = await sandbox.authorize(url);
  expect(redirect.redirectUrl.origin + redirect.redirectUrl.pathname).toBe(REDIRECT);
  expect(redirect.state).toBe('state-123');

  const { tokens } = await client.getToken({ code: redirect.code!, codeVerifier });
  expect(tokens.refresh_token).toMatch(/^1\/\//);
  expect(tokens.scope?.split(' ').sort()).toEqual([CALENDAR_EVENTS, CALENDAR_READONLY, 'email'].sort());
  client.setCredentials(tokens);

  const primary = await sandboxCalendarClient(sandbox, client).calendars.get({ calendarId: 'primary' });
  expect(primary.data).toMatchObject({ id: 'bea@salon.test', timeZone: 'Europe/Warsaw' });
  const userInfo = await client.request<{ email: string }>({ url: sandbox.userInfoUrl });
  expect(userInfo.data.email).toBe('bea@salon.test');
});

test('a code exchanged with the wrong PKCE verifier is rejected with invalid_grant', async () => {
  const client = newClient();
  const { url } = await consentUrl(client, [CALENDAR_EVENTS]);
  const { code } = await sandbox.authorize(url);
  const other = await client.generateCodeVerifierAsync();

  await expect(client.getToken({ code: code!, codeVerifier: other.codeVerifier })).rejects.toMatchObject({
    status: 400,
    response: { data: { error: 'invalid_grant', error_description: 'Invalid code verifier.' } },
  });
});

test('a code is single use and bound to its redirect URI', async () => {
  const client = newClient();
  const { url, codeVerifier } = await consentUrl(client, [CALENDAR_EVENTS]);
  const { code } = await sandbox.authorize(url);

  await expect(client.getToken({ code: code!, codeVerifier, redirect_uri: 'http://127.0.0.1:9/elsewhere' })).rejects.toMatchObject({
    response: { data: { error: 'redirect_uri_mismatch' } },
  });
  await client.getToken({ code: code!, codeVerifier });
  await expect(client.getToken({ code: code!, codeVerifier })).rejects.toMatchObject({ response: { data: { error: 'invalid_grant' } } });
});

test('an unregistered redirect URI never receives a code', async () => {
  const client = sandboxOAuthClient(sandbox, { client: CLIENT, redirectUri: 'http://127.0.0.1:6666/attacker' });
  const { url } = await consentUrl(client, [CALENDAR_EVENTS]);
  await expect(sandbox.authorize(url)).rejects.toThrow('HTTP 400');
});

test('a user who declines consent is sent back with access_denied and the state', async () => {
  sandbox.queueConsent({ email: 'anna@salon.test', deny: true });
  const { url } = await consentUrl(newClient(), [CALENDAR_EVENTS]);
  const redirect = await sandbox.authorize(url);
  expect([redirect.error, redirect.state, redirect.code]).toEqual(['access_denied', 'state-123', undefined]);
});

test('a scope the user unticked is missing from the token and its calls answer 403 insufficientPermissions', async () => {
  const client = newClient();
  sandbox.queueConsent({ email: 'anna@salon.test', grantedScopes: [CALENDAR_READONLY] });
  const { url, codeVerifier } = await consentUrl(client, [CALENDAR_EVENTS, CALENDAR_READONLY]);
  const { code } = await sandbox.authorize(url);
  const { tokens } = await client.getToken({ code: code!, codeVerifier });
  expect(tokens.scope).toBe(CALENDAR_READONLY);
  client.setCredentials(tokens);

  const calendar = sandboxCalendarClient(sandbox, client);
  await expect(
    calendar.events.insert({
      calendarId: 'primary',
      requestBody: { start: { dateTime: '2026-03-03T10:00:00Z' }, end: { dateTime: '2026-03-03T11:00:00Z' } },
    }),
  ).rejects.toMatchObject({ status: 403, response: { data: { error: { errors: [{ reason: 'insufficientPermissions' }] } } } });
});

test('without prompt=consent a second authorization returns no refresh token, as Google does', async () => {
  const client = newClient();
  const first = await consentUrl(client, [CALENDAR_EVENTS]);
  const firstTokens = (await client.getToken({ code: (await sandbox.authorize(first.url)).code!, codeVerifier: first.codeVerifier })).tokens;
  expect(firstTokens.refresh_token).toBeDefined();

  const again = await consentUrl(client, [CALENDAR_EVENTS], { prompt: 'select_account' });
  const againTokens = (await client.getToken({ code: (await sandbox.authorize(again.url)).code!, codeVerifier: again.codeVerifier })).tokens;
  expect(againTokens.refresh_token).toBeUndefined();
  expect(againTokens.access_token).toBeDefined();
});

test('an expired access token answers 401 and a refresh (without a new refresh token) makes calls work again', async () => {
  const tokens = sandbox.issueTokens('anna@salon.test', { clientId: CLIENT.clientId, scopes: [CALENDAR_EVENTS] });
  const client = newClient();
  client.setCredentials({ access_token: tokens.accessToken, refresh_token: tokens.refreshToken, expiry_date: Date.now() + 3_600_000 });
  const calendar = sandboxCalendarClient(sandbox, client);
  await calendar.events.list({ calendarId: 'primary' });

  sandbox.clock.advance(3_601_000);
  const expired = await calendar.events.list({ calendarId: 'primary' }).catch((e: unknown) => e);
  expect(expired).toMatchObject({
    status: 401,
    response: { data: { error: { code: 401, errors: [{ reason: 'authError', message: 'Invalid Credentials' }] } } },
  });

  const onTheWire: Record<string, unknown>[] = [];
  client.on('tokens', (t) => onTheWire.push({ ...t }));
  const refreshed = await client.refreshAccessToken();
  expect(onTheWire).toHaveLength(1);
  expect(onTheWire[0]).not.toHaveProperty('refresh_token');
  expect(refreshed.credentials.refresh_token).toBe(tokens.refreshToken);
  await expect(calendar.events.list({ calendarId: 'primary' })).resolves.toMatchObject({ status: 200 });
});

test('with forceRefreshOnFailure the client recovers from a 401 by itself', async () => {
  const tokens = sandbox.issueTokens('anna@salon.test', { clientId: CLIENT.clientId, scopes: [CALENDAR_EVENTS] });
  const client = sandboxOAuthClient(sandbox, { client: CLIENT, forceRefreshOnFailure: true });
  client.setCredentials({ access_token: tokens.accessToken, refresh_token: tokens.refreshToken, expiry_date: Date.now() + 3_600_000 });
  sandbox.clock.advance(7_200_000);

  await expect(sandboxCalendarClient(sandbox, client).events.list({ calendarId: 'primary' })).resolves.toMatchObject({ status: 200 });
  expect(sandbox.requestCounts()['oauth.token']).toBe(1);
});

test('a revoked refresh token answers invalid_grant "Token has been expired or revoked."', async () => {
  const tokens = sandbox.issueTokens('anna@salon.test', { clientId: CLIENT.clientId });
  const client = newClient();
  client.setCredentials({ refresh_token: tokens.refreshToken });
  expect(sandbox.revokeRefreshToken(tokens.refreshToken!)).toBe(true);

  await expect(client.refreshAccessToken()).rejects.toMatchObject({
    status: 400,
    response: { data: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } },
  });
});

test('revoking the account\'s access also invalidates its live access tokens', async () => {
  const tokens = sandbox.issueTokens('anna@salon.test', { clientId: CLIENT.clientId });
  const client = newClient();
  client.setCredentials({ access_token: tokens.accessToken, expiry_date: Date.now() + 3_600_000 });
  expect(sandbox.revokeAccountAccess('anna@salon.test')).toBe(1);

  await expect(sandboxCalendarClient(sandbox, client).calendars.get({ calendarId: 'primary' })).rejects.toMatchObject({ status: 401 });
});

test('a wrong client secret is rejected with invalid_client', async () => {
  const tokens = sandbox.issueTokens('anna@salon.test', { clientId: CLIENT.clientId });
  const client = sandboxOAuthClient(sandbox, { client: { ...CLIENT, clientSecret: 'wrong' } });
  client.setCredentials({ refresh_token: tokens.refreshToken });
  await expect(client.refreshAccessToken()).rejects.toMatchObject({ status: 401, response: { data: { error: 'invalid_client' } } });
});

test('calendar calls without a token answer 401 Login Required', async () => {
  const anonymous = sandboxCalendarClient(sandbox);
  await expect(anonymous.calendars.get({ calendarId: 'primary' })).rejects.toMatchObject({
    status: 401,
    response: { data: { error: { code: 401, status: 'UNAUTHENTICATED', errors: [{ reason: 'required', location: 'Authorization' }] } } },
  });
});

test('another account\'s calendar is invisible: 404 notFound', async () => {
  const tokens = sandbox.issueTokens('anna@salon.test');
  const client = newClient();
  client.setCredentials({ access_token: tokens.accessToken, expiry_date: Date.now() + 3_600_000 });
  await expect(sandboxCalendarClient(sandbox, client).events.list({ calendarId: 'bea@salon.test' })).rejects.toMatchObject({
    status: 404,
    response: { data: { error: { errors: [{ reason: 'notFound' }] } } },
  });
});
