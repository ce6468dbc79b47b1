import { request } from 'node:http';
import { FaultInjector, type FaultConfig } from '../common/fault-injection';
import { Router, type SandboxResponse } from '../common/http-router';
import { RequestCounter } from '../common/request-counter';
import { createSandboxClock, type SandboxClock } from '../common/sandbox-clock';
import { startSandboxServer } from '../common/sandbox-server';
import { createSeededRandom } from '../common/seeded-random';
import { WebhookDispatcher, type WebhookDelivery } from '../common/webhook-dispatcher';
import { apiRoutes } from './api-routes';
import { controlRoutes } from './control-routes';
import { EventQueries } from './event-queries';
import { EventWriter } from './event-writes';
import { googleErrorResponse, renderGoogleFault, type GoogleFaultName } from './google-errors';
import { ListPages } from './list-pages';
import { OAuthState, type ConsentChoice, type OAuthClientRegistration } from './oauth-state';
import { OAUTH_PATHS, oauthRoutes } from './oauth-routes';
import { createOwnerEditor, type OwnerEditor } from './owner-editor';
import { PushChannels, type Channel } from './push-channels';
import { GoogleSandboxState, type AccountInput, type CalendarInput } from './sandbox-state';

/**
 * A stand-in for Google (OAuth + Calendar v3 + push) on 127.0.0.1, driven by the real
 * `@googleapis/calendar` client and google-auth-library's OAuth2Client. See docs/sandbox-google.md.
 */

export interface GoogleSandboxAccount extends AccountInput {
  /** Extra (secondary) calendars created with the account. */
  calendars?: Omit<CalendarInput, 'ownerEmail'>[];
}

export interface GoogleSandboxOptions {
  /** 0 / undefined = random free port. */
  port?: number;
  /** Accounts (with their primary calendar, id = email) present at start and after reset(). */
  accounts?: GoogleSandboxAccount[];
  /** Registered OAuth clients; default: `DEFAULT_GOOGLE_SANDBOX_CLIENT` (any redirect URI). */
  clients?: OAuthClientRegistration[];
  /** The sandbox clock; default a running real-time clock, or a frozen one at `startTime`. */
  clock?: SandboxClock;
  startTime?: number | Date | string;
  /** Seed for generated ids, tokens and notification numbers (default 1). */
  seed?: number;
  /** Access token lifetime (default 3600 s, as Google). */
  accessTokenLifetimeSeconds?: number;
  /** Time zone of new accounts (default 'UTC'). */
  defaultTimeZone?: string;
  /** How far ahead open-ended series are expanded (default 730 days from the sandbox clock). */
  recurrenceHorizonDays?: number;
  /** Sync tokens older than this answer 410 (default: never expire on their own). */
  syncTokenTtlMs?: number;
  /** Channel lifetime when params.ttl is absent (default 604800 s) and its cap (default 2592000 s). */
  channelDefaultTtlSeconds?: number;
  channelMaxTtlSeconds?: number;
  /** Reject http:// webhook addresses like Google does (default false: loopback receivers). */
  requireHttpsWebhooks?: boolean;
  /** Let events.update/patch revive a deleted event (default false: 403 forbidden). */
  allowDeletedEventUpdate?: boolean;
  /** Initial fault configuration (see FaultConfig). */
  faults?: FaultConfig<GoogleFaultName>;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken?: string;
  expiresIn: number;
  scope: string;
}

export interface GoogleSandbox {
  url: string;
  port: number;
  /** `rootUrl` for `calendar({ version: 'v3', rootUrl, auth })`. */
  calendarRootUrl: string;
  /** `endpoints` for `new OAuth2Client({ clientId, clientSecret, redirectUri, endpoints })`. */
  oauthEndpoints: { oauth2AuthBaseUrl: string; oauth2TokenUrl: string; oauth2RevokeUrl: string; tokenInfoUrl: string };
  userInfoUrl: string;
  clock: SandboxClock;
  faults: FaultInjector<GoogleFaultName>;
  /** Edits as the calendar's owner (stylist), e.g. `owner.createEvent(calendarId, event)`. */
  owner: OwnerEditor;

  addAccount(account: GoogleSandboxAccount): { email: string; primaryCalendarId: string };
  addCalendar(calendar: CalendarInput): { id: string };
  registerClient(client: OAuthClientRegistration): void;
  /** The next authorization request is answered by this account/choice (one per request, FIFO). */
  queueConsent(choice: ConsentChoice): void;
  setDefaultConsent(choice: ConsentChoice | undefined): void;
  /** Opens an authorization URL like a browser would and returns where Google redirects. */
  authorize(authUrl: string): Promise<{ redirectUrl: URL; code?: string; state?: string; error?: string }>;
  /** Issues tokens without the consent flow (tests and demo seeding). */
  issueTokens(email: string, options?: { clientId?: string; scopes?: string[] }): IssuedTokens;
  revokeRefreshToken(refreshToken: string): boolean;
  /** Revokes every grant of the account (optionally for one client); returns how many. */
  revokeAccountAccess(email: string, clientId?: string): number;

  /** Every sync token issued so far (for one calendar, or all) answers 410 fullSyncRequired. */
  expireSyncTokens(calendarId?: string): void;
  /** Waits until every push notification sent so far has been delivered (or failed). */
  flushNotifications(): Promise<void>;
  notifications(): WebhookDelivery[];
  channels(): Channel[];

  /** Requests per route name, e.g. `{ 'calendar.events.insert': 3, 'oauth.token': 1 }`. */
  requestCounts(): Record<string, number>;
  resetRequestCounts(): void;

  /** Back to the initial accounts and clients; clears events, tokens, channels, faults, counters. */
  reset(): void;
  stop(): Promise<void>;
}

export const DEFAULT_GOOGLE_SANDBOX_CLIENT: OAuthClientRegistration = {
  clientId: 'sandbox-client.apps.googleusercontent.com',
  clientSecret: 'sandbox-client-secret',
};

const ALL_CALENDAR_SCOPES = ['https://www.googleapis.com/auth/calendar', 'openid', 'email', 'profile'];

export async function startGoogleSandbox(options: GoogleSandboxOptions = {}): Promise<GoogleSandbox> {
  const clock = options.clock ?? createSandboxClock(options.startTime !== undefined ? { start: options.startTime } : {});
  const random = createSeededRandom(options.seed ?? 1);
  const state = new GoogleSandboxState(clock, random, {
    defaultTimeZone: options.defaultTimeZone ?? 'UTC',
    syncTokenTtlMs: options.syncTokenTtlMs,
  });
  const oauth = new OAuthState(state, {
    accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 3600,
    codeLifetimeSeconds: 600,
  });
  const counter = new RequestCounter();
  const faults = new FaultInjector<GoogleFaultName>(['calendar.']);
  if (options.faults) faults.configure(options.faults);
  const dispatcher = new WebhookDispatcher();
  let baseUrl = '';
  const getBaseUrl = (): string => baseUrl;
  const writer = new EventWriter(state);
  const queries = new EventQueries(state, options.recurrenceHorizonDays ?? 730);
  const pages = new ListPages(state);
  const channels = new PushChannels(
    state,
    dispatcher,
    {
      defaultTtlSeconds: options.channelDefaultTtlSeconds ?? 604_800,
      maxTtlSeconds: options.channelMaxTtlSeconds ?? 2_592_000,
      requireHttps: options.requireHttpsWebhooks ?? false,
    },
    getBaseUrl,
  );
  state.onChange((calendar) => channels.calendarChanged(calendar.id));
  const owner = createOwnerEditor({ state, writer, queries, baseUrl: getBaseUrl });

  const seed = (): void => {
    for (const client of options.clients ?? [DEFAULT_GOOGLE_SANDBOX_CLIENT]) oauth.registerClient(client);
    for (const account of options.accounts ?? []) addAccount(account);
  };
  const addAccount = (account: GoogleSandboxAccount): { email: string; primaryCalendarId: string } => {
    const created = state.addAccount(account);
    for (const calendar of account.calendars ?? []) state.addCalendar({ ...calendar, ownerEmail: created.email });
    return { email: created.email, primaryCalendarId: created.email };
  };
  seed();

  const router = new Router();
  for (const route of oauthRoutes(state, oauth)) router.add(route);
  for (const route of apiRoutes({
    state,
    oauth,
    writer,
    queries,
    pages,
    channels,
    baseUrl: getBaseUrl,
    allowDeletedEventUpdate: () => options.allowDeletedEventUpdate ?? false,
  })) {
    router.add(route);
  }

  const notFound = (): SandboxResponse => googleErrorResponse(404, { domain: 'global', reason: 'notFound', message: 'Not Found' });
  const server = await startSandboxServer<GoogleFaultName>({
    port: options.port,
    router,
    counter,
    faults,
    renderFault: renderGoogleFault,
    renderNotFound: notFound,
    renderError: () => googleErrorResponse(500, { domain: 'global', reason: 'backendError', message: 'Backend Error' }),
  });
  baseUrl = server.url;

  const sandbox: GoogleSandbox = {
    url: server.url,
    port: server.port,
    calendarRootUrl: `${server.url}/`,
    oauthEndpoints: {
      oauth2AuthBaseUrl: `${server.url}${OAUTH_PATHS.authorize}`,
      oauth2TokenUrl: `${server.url}${OAUTH_PATHS.token}`,
      oauth2RevokeUrl: `${server.url}${OAUTH_PATHS.revoke}`,
      tokenInfoUrl: `${server.url}${OAUTH_PATHS.tokenInfo}`,
    },
    userInfoUrl: `${server.url}${OAUTH_PATHS.userInfoV3}`,
    clock,
    faults,
    owner,
    addAccount,
    addCalendar: (calendar) => ({ id: state.addCalendar(calendar).id }),
    registerClient: (client) => oauth.registerClient(client),
    queueConsent: (choice) => oauth.queueConsent(choice),
    setDefaultConsent: (choice) => oauth.setDefaultConsent(choice),
    authorize: (authUrl) => followAuthorization(authUrl),
    issueTokens(email, issueOptions = {}) {
      const clientId = issueOptions.clientId ?? (options.clients ?? [DEFAULT_GOOGLE_SANDBOX_CLIENT])[0].clientId;
      const scopes = issueOptions.scopes ?? ALL_CALENDAR_SCOPES;
      const account = state.accounts.get(email.toLowerCase());
      if (!account) throw new Error(`Unknown account ${email}`);
      const grant = oauth.issueGrant(clientId, account.email, scopes);
      const access = oauth.issueAccessToken(clientId, account.email, scopes, grant);
      return { accessToken: access.token, refreshToken: grant.refreshToken, expiresIn: oauth.policy.accessTokenLifetimeSeconds, scope: scopes.join(' ') };
    },
    revokeRefreshToken: (token) => oauth.grants.has(token) && oauth.revoke(token),
    revokeAccountAccess: (email, clientId) => oauth.revokeAccount(email, clientId),
    expireSyncTokens: (calendarId) => state.expireSyncTokens(calendarId),
    flushNotifications: () => dispatcher.flush(),
    notifications: () => dispatcher.deliveries(),
    channels: () => channels.list(),
    requestCounts: () => counter.snapshot(),
    resetRequestCounts: () => counter.reset(),
    reset() {
      state.reset();
      oauth.clear();
      channels.clear();
      pages.clear();
      counter.reset();
      faults.clear();
      dispatcher.clearLog();
      if (options.faults) faults.configure(options.faults);
      if (!options.clock && options.startTime !== undefined) clock.set(options.startTime);
      seed();
    },
    stop: () => server.stop(),
  };
  for (const route of controlRoutes(sandbox, state)) router.add(route);
  return sandbox;
}

function followAuthorization(authUrl: string): Promise<{ redirectUrl: URL; code?: string; state?: string; error?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(authUrl, { method: 'GET', agent: false }, (res) => {
      res.resume();
      const location = res.headers.location;
      if (res.statusCode !== 302 || !location) {
        reject(new Error(`Authorization did not redirect (HTTP ${res.statusCode})`));
        return;
      }
      const redirectUrl = new URL(location);
      resolve({
        redirectUrl,
        code: redirectUrl.searchParams.get('code') ?? undefined,
        state: redirectUrl.searchParams.get('state') ?? undefined,
        error: redirectUrl.searchParams.get('error') ?? undefined,
      });
    });
    req.on('error', reject);
    req.end();
  });
}
