import type { Server } from 'node:http';
import express from 'express';
import type { Firestore } from 'firebase-admin/firestore';
import { memoryLog, type Log } from '../src/logs';
import { COLLECTIONS } from '../src/model';
import { connectionIdFor, saveTokens, startConnect, type CallerClaims } from '../src/oauth';
import { buildRuntime, type Runtime } from '../src/runtime';
import { retryDueSyncs } from '../src/sync/retry-sweep';
import { syncAppointment } from '../src/sync/sync-appointment';
import { oauthHttpHandlers } from '../src/triggers/oauth-http';
import { startGoogleSandbox, type GoogleSandbox } from '../sandbox/google';
import { startTriggerBridge } from '../testing/firestore-trigger-bridge';
import { handleConnectionWritten } from '../src/triggers/on-connection-written';
import { handleConnectionChange, pollCalendars, renewChannels } from '../src/inbound';
import { googleNotificationReceiver } from '../src/webhooks/google-notifications';
import { startTestFirestore, type TestFirestore } from '../testing/firestore-server/harness';
import { demoRoutes } from './demo-routes';
import { seedDemoSalon, type DemoSalon } from './seed-demo-salon';
import { stackConfig } from './stack-config';

export interface LocalStackOptions {
  functionsPort?: number;
  googlePort?: number;
  /** Console log of the functions' named events (default: in memory only). */
  log?: Log;
  /** Scheduled jobs' period in ms (default as deployed: retries 5 min, token refresh 30 min). */
  retryEveryMs?: number;
}

export interface LocalStack {
  functionsUrl: string;
  firestore: TestFirestore;
  sandbox: GoogleSandbox;
  db: Firestore;
  runtime: Runtime;
  salon: DemoSalon;
  /** Waits until every appointment change seen so far has been synced. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Everything on loopback, nothing needing credentials: the Firestore server, the functions
 * (the appointment trigger fired by real Firestore changes, the OAuth HTTP functions, the
 * scheduled jobs on timers), the sandbox Google Calendar and the demo salon "Studio Bella",
 * whose stylists Anna and Ola have their sandbox calendars connected (Kasia's is left for you to
 * connect through the real OAuth flow).
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const firestore = await startTestFirestore('demo-salon-sync');
  const sandbox = await startGoogleSandbox({ port: options.googlePort ?? 0, defaultTimeZone: 'Europe/Warsaw' });
  const db = firestore.db();
  const functionsApp = express();
  const server: Server = await new Promise((resolve) => {
    const listening = functionsApp.listen(options.functionsPort ?? 0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  const functionsUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const log = options.log ?? memoryLog();
  const runtime = buildRuntime(stackConfig(sandbox, functionsUrl), {
    db,
    log,
    // Locally a bearer token is the caller's claims as JSON (there is no Auth emulator here).
    verifyIdToken: async (token) => JSON.parse(token) as never,
  });

  const salon = await seedDemoSalon(db, { appointments: false, adminEmails: ['owner@studio-bella.example'] });
  const staffDocs = await db.collection(COLLECTIONS.staff).where('businessId', '==', salon.businessId).get();
  for (const doc of staffDocs.docs) sandbox.addAccount({ email: String(doc.get('email')), displayName: String(doc.get('name')), timeZone: 'Europe/Warsaw' });
  for (const staffId of [salon.staffIds.anna, salon.staffIds.ola]) {
    await connectSandboxCalendar(runtime, sandbox, salon.businessId, staffId, String((await db.collection(COLLECTIONS.staff).doc(staffId).get()).get('email')));
  }

  const report = (what: string) => (id: string, error: unknown) =>
    process.stderr.write(`${what} ${id} failed: ${error instanceof Error ? error.message : String(error)}\n`);
  const bridge = startTriggerBridge(db, COLLECTIONS.appointments, ({ id }) => syncAppointment(runtime.sync, id), report('sync of appointment'));
  const onConnection = handleConnectionWritten(() => runtime.sync, runtime.log);
  // Both deployed connection triggers: outbound catch-up, and inbound channels + first read.
  const connectionBridge = startTriggerBridge(
    db,
    COLLECTIONS.calendarConnections,
    async ({ id, before, after }) => {
      await handleConnectionChange(runtime.inbound, id);
      await onConnection({ connectionId: id, before, after });
    },
    report('connection change of'),
  );
  const notifications = googleNotificationReceiver(() => runtime.inbound);
  // The demo appointments are written after the bridge listens, so they sync like any write.
  const salonWithAppointments = await seedDemoSalon(db, { appointments: true, adminEmails: ['owner@studio-bella.example'] });

  functionsApp.use(express.json());
  const oauthHttp = oauthHttpHandlers(() => runtime);
  functionsApp.all('/oauthStart', (req, res) => void oauthHttp.oauthStart(req as never, res));
  functionsApp.all('/oauthCallback', (req, res) => void oauthHttp.oauthCallback(req as never, res));
  functionsApp.all('/googleNotifications', (req, res) => void notifications.handle(req as never, res as never));
  functionsApp.use(
    '/demo',
    demoRoutes({
      db,
      sandbox,
      salon,
      connectUrl: async (staffId) => {
        const caller: CallerClaims = { uid: 'demo-owner', businessId: salon.businessId, role: 'owner' } as CallerClaims;
        const email = String((await db.collection(COLLECTIONS.staff).doc(staffId).get()).get('email'));
        return (await startConnect(runtime.oauth, caller, { businessId: salon.businessId, staffId, calendarId: email, loginHint: email } as never)).authorizationUrl;
      },
    }),
  );
  functionsApp.get('/', (_req, res) => res.redirect('/demo'));

  const timers = [
    setInterval(() => void retryDueSyncs(runtime.sync).catch(() => undefined), options.retryEveryMs ?? 5 * 60_000),
    setInterval(() => void pollCalendars(runtime.inbound).catch(() => undefined), 10 * 60_000),
    setInterval(() => void renewChannels(runtime.inbound).catch(() => undefined), 6 * 3_600_000),
  ];
  return {
    functionsUrl,
    firestore,
    sandbox,
    db,
    runtime,
    salon: salonWithAppointments,
    async idle() {
      await connectionBridge.idle();
      await bridge.idle();
      await notifications.idle();
    },
    async stop() {
      timers.forEach(clearInterval);
      connectionBridge.stop();
      bridge.stop();
      await connectionBridge.idle();
      await bridge.idle();
      await notifications.idle();
      await new Promise((resolve) => server.close(resolve));
      await sandbox.stop();
      await firestore.stop();
    },
  };
}

/** Connects a stylist's sandbox calendar without the browser round trip (tokens issued directly). */
async function connectSandboxCalendar(runtime: Runtime, sandbox: GoogleSandbox, businessId: string, staffId: string, email: string): Promise<void> {
  const connectionId = connectionIdFor('google', staffId, email);
  const issued = sandbox.issueTokens(email, { clientId: runtime.config.google.clientId, scopes: ['https://www.googleapis.com/auth/calendar.events'] });
  await saveTokens(runtime.oauth, { connectionId, businessId, provider: 'google' }, {
    refreshToken: issued.refreshToken!,
    accessToken: issued.accessToken,
    accessTokenExpiresAt: runtime.clock().getTime() + issued.expiresIn * 1000,
    scope: issued.scope,
  });
  await runtime.db.collection(COLLECTIONS.calendarConnections).doc(connectionId).set({
    businessId,
    staffId,
    provider: 'google',
    calendarId: email,
    accountEmail: email,
    status: 'active',
    scopes: issued.scope.split(' '),
    createdAt: runtime.clock(),
    updatedAt: runtime.clock(),
  });
}
