import type { Firestore } from 'firebase-admin/firestore';
import type { Clock } from '../../src/clock';
import { memoryLog } from '../../src/logs';
import { COLLECTIONS, calendarConnectionSchema } from '../../src/model';
import { createGoogleCalendarProvider } from '../../src/providers/google/google-calendar-provider';
import { DEFAULT_RETRY_POLICY } from '../../src/sync/retry-policy';
import { syncAppointment } from '../../src/sync/sync-appointment';
import type { SyncDeps } from '../../src/sync/sync-deps';
import { startGoogleSandbox, type GoogleSandbox } from '../../sandbox/google';
import { DEFAULT_INBOUND_OPTIONS, cryptoRandomToken, syncConnection, type InboundDeps } from '../../src/inbound';
import { createGoogleInboundProvider } from '../../src/providers/google/google-inbound';
import { TEST_NOW } from './booking-fixture';

/**
 * The Google sandbox with one calendar per connected stylist, and the real sync spine pointed at
 * it: what the appointment trigger does in production, called by the test after each write.
 */
export interface CalendarFixture {
  sandbox: GoogleSandbox;
  /** Connects a staff member's primary Google calendar (an active connection document). */
  connect(db: Firestore, businessId: string, staffId: string, email: string): Promise<string>;
  /** Runs the sync spine for appointments, as the Firestore trigger would after their writes. */
  sync(db: Firestore, clock: Clock, appointmentIds: readonly string[]): Promise<void>;
  /** Events (not cancelled) in a calendar overlapping [from, to). */
  events(calendarId: string, from: Date, to: Date): { id?: string; start?: { dateTime?: string }; end?: { dateTime?: string } }[];
}

export function calendarFixture(): CalendarFixture {
  const fixture = {} as CalendarFixture;
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    fixture.sandbox = await startGoogleSandbox();
  });
  afterAll(async () => {
    await fixture.sandbox.stop();
  });
  beforeEach(() => {
    fixture.sandbox.reset();
    tokens.clear();
  });

  fixture.connect = async (db, businessId, staffId, email) => {
    fixture.sandbox.addAccount({ email, timeZone: 'Europe/Warsaw' });
    const connectionId = `google_${staffId}_primary`;
    tokens.set(connectionId, fixture.sandbox.issueTokens(email).accessToken);
    const connection = calendarConnectionSchema.parse({ businessId, staffId, provider: 'google', calendarId: email, accountEmail: email, status: 'active' });
    await db.collection(COLLECTIONS.calendarConnections).doc(connectionId).set(connection);
    // Connecting reads the calendar once (the connection trigger does in production); until that
    // read the stylist's busy time is unknown and booking fails closed for them.
    await syncConnection(inboundDeps(db), connectionId);
    return connectionId;
  };

  /** Inbound reads on the booking tests' clock (TEST_NOW), with the sandbox tokens above. */
  const inboundDeps = (db: Firestore): InboundDeps => {
    const clock = () => TEST_NOW;
    const tokenSource = {
      async getAccessToken(connectionId: string) {
        const token = tokens.get(connectionId);
        if (!token) throw new Error(`no sandbox token for ${connectionId}`);
        return token;
      },
    };
    const sync: SyncDeps = {
      db,
      clock,
      log: memoryLog(),
      providers: { google: createGoogleCalendarProvider({ apiRootUrl: fixture.sandbox.calendarRootUrl, tokens: tokenSource }) },
      random: () => 0.5,
      workerId: 'booking-test',
      retryPolicy: DEFAULT_RETRY_POLICY,
      leaseMs: 60_000,
    };
    return {
      db,
      clock,
      log: memoryLog(),
      providers: { google: createGoogleInboundProvider({ apiRootUrl: fixture.sandbox.calendarRootUrl, tokens: tokenSource }) },
      workerId: 'booking-test',
      sync,
      booking: { db, clock, log: memoryLog(), random: () => 0.5 },
      webhookUrl: '',
      randomToken: cryptoRandomToken,
      options: DEFAULT_INBOUND_OPTIONS,
    };
  };

  fixture.sync = async (db, clock, appointmentIds) => {
    const google = createGoogleCalendarProvider({
      apiRootUrl: fixture.sandbox.calendarRootUrl,
      tokens: {
        async getAccessToken(connectionId) {
          const token = tokens.get(connectionId);
          if (!token) throw new Error(`no sandbox token for ${connectionId}`);
          return token;
        },
      },
    });
    const deps: SyncDeps = {
      db,
      clock,
      log: memoryLog(),
      providers: { google },
      random: () => 0.5,
      workerId: 'booking-test',
      retryPolicy: { ...DEFAULT_RETRY_POLICY, inlineMinDelayMs: 10, inlineMaxDelayMs: 50 },
      leaseMs: 60_000,
    };
    for (const appointmentId of appointmentIds) await syncAppointment(deps, appointmentId);
  };

  fixture.events = (calendarId, from, to) =>
    fixture.sandbox.owner.listEvents(calendarId, { singleEvents: true, timeMin: from, timeMax: to }).filter((event) => event.status !== 'cancelled');

  return fixture;
}
