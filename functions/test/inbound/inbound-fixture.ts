import { createServer, type Server } from 'node:http';
import type { Firestore } from 'firebase-admin/firestore';
import type { Actor } from '../../src/booking';
import type { BookingDeps } from '../../src/booking/booking-deps';
import { DEFAULT_INBOUND_OPTIONS, cryptoRandomToken, type InboundDeps, type InboundOptions } from '../../src/inbound';
import { memoryLog } from '../../src/logs';
import { COLLECTIONS, externalBusySchema, type ConflictPolicy, type ExternalBusy } from '../../src/model';
import { createGoogleInboundProvider } from '../../src/providers/google/google-inbound';
import type { AccessTokenSource } from '../../src/providers/types';
import type { SyncDeps } from '../../src/sync/sync-deps';
import { googleNotificationReceiver, type GoogleNotificationReceiver } from '../../src/webhooks/google-notifications';
import { startGoogleSandbox, type GoogleSandbox, type GoogleSandboxOptions } from '../../sandbox/google';
import { startTestFirestore, type TestFirestore } from '../../testing/firestore-server/harness';
import { seedSalon, sandboxTokenSource, type SalonFixture } from '../support/salon-fixture';
import { FAST_RETRY_POLICY, offsetClock, syncDepsFor } from '../support/sync-deps';

/**
 * Everything inbound sync runs on, for real: the Firestore server, the Google sandbox, a loopback
 * HTTP listener running the notification handler (the sandbox's push channels post to it), the
 * outbound sync and booking capabilities, and a clock the test can move forward.
 */
export interface InboundFixture {
  firestore: TestFirestore;
  sandbox: GoogleSandbox;
  db: Firestore;
  salon: SalonFixture;
  clock: { now(): Date; advance(ms: number): void };
  deps: InboundDeps & { log: ReturnType<typeof memoryLog> };
  sync: SyncDeps;
  booking: BookingDeps;
  receiver: GoogleNotificationReceiver;
  webhookUrl: string;
  /** A manager of the salon (availability without minimum notice). */
  manager: Actor;
  /** Waits until every notification sent so far (and those its reads caused) was handled. */
  settle(): Promise<void>;
  calendarOf(staffIndex?: number): string;
  connectionOf(staffIndex?: number): string;
  /** The imported busy time of a connection, sorted by start. */
  busyOf(staffIndex?: number): Promise<ExternalBusy[]>;
  setPolicy(policy: ConflictPolicy): Promise<void>;
  /** Rebuilds `deps` with other options (e.g. a smaller page size, no webhook). */
  configure(options: { pageSize?: number; webhook?: boolean; inbound?: Partial<InboundOptions>; tokens?: AccessTokenSource }): void;
}

export function inboundFixture(options: { staffCount?: number; sandbox?: GoogleSandboxOptions } = {}): InboundFixture {
  const fixture = {} as InboundFixture;
  let server: Server;
  let current: InboundDeps & { log: ReturnType<typeof memoryLog> };

  beforeAll(async () => {
    fixture.firestore = await startTestFirestore();
    fixture.sandbox = await startGoogleSandbox(options.sandbox);
    fixture.receiver = googleNotificationReceiver(() => current);
    server = createServer((req, res) => {
      void fixture.receiver.handle(req, {
        status: (code) => ({
          send: (body?: string) => {
            res.statusCode = code;
            res.end(body ?? '');
          },
        }),
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    fixture.webhookUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/googleNotifications`;
  });
  afterAll(async () => {
    await fixture.receiver.idle();
    await new Promise((resolve) => server.close(resolve));
    await fixture.sandbox.stop();
    await fixture.firestore.stop();
  });
  beforeEach(async () => {
    await fixture.receiver.idle();
    await fixture.firestore.reset();
    fixture.sandbox.reset();
    fixture.db = fixture.firestore.db();
    fixture.salon = await seedSalon(fixture.db, fixture.sandbox, { staffCount: options.staffCount ?? 1 });
    // The product's clock and the sandbox's (channel expirations, token lifetimes) move together.
    const clock = offsetClock();
    fixture.sandbox.clock.set(Date.now());
    fixture.clock = {
      now: clock.clock,
      advance: (ms) => {
        clock.advance(ms);
        fixture.sandbox.clock.advance(ms);
      },
    };
    const tokens = sandboxTokenSource(fixture.sandbox, fixture.salon);
    fixture.sync = syncDepsFor(fixture.db, fixture.sandbox, tokens, { clock: clock.clock });
    fixture.booking = { db: fixture.db, clock: clock.clock, log: memoryLog(), random: Math.random };
    fixture.manager = { uid: 'manager-uid', businessId: fixture.salon.businessId, role: 'manager' };
    fixture.configure = ({ pageSize, webhook = true, inbound = {}, tokens: readTokens = tokens }) => {
      current = {
        db: fixture.db,
        clock: clock.clock,
        log: memoryLog(),
        providers: {
          google: createGoogleInboundProvider({ apiRootUrl: fixture.sandbox.calendarRootUrl, tokens: readTokens, timeoutMs: 2_000, pageSize, retryPolicy: FAST_RETRY_POLICY }),
        },
        workerId: 'inbound-test',
        sync: fixture.sync,
        booking: fixture.booking,
        webhookUrl: webhook ? fixture.webhookUrl : '',
        randomToken: cryptoRandomToken,
        options: { ...DEFAULT_INBOUND_OPTIONS, ...inbound },
      };
      fixture.deps = current;
    };
    fixture.configure({});
  });

  fixture.settle = async () => {
    for (;;) {
      const before = fixture.sandbox.notifications().length;
      await fixture.sandbox.flushNotifications();
      await fixture.receiver.idle();
      await fixture.sandbox.flushNotifications();
      if (fixture.sandbox.notifications().length === before) return;
    }
  };
  fixture.calendarOf = (staffIndex = 0) => fixture.salon.calendarOf[fixture.salon.staffIds[staffIndex]!]!;
  fixture.connectionOf = (staffIndex = 0) => fixture.salon.connectionOf[fixture.salon.staffIds[staffIndex]!]!;
  fixture.busyOf = async (staffIndex = 0) => {
    const snapshot = await fixture.db.collection(COLLECTIONS.externalBusy).where('connectionId', '==', fixture.connectionOf(staffIndex)).get();
    return snapshot.docs.map((doc) => externalBusySchema.parse(doc.data())).sort((a, b) => a.start.getTime() - b.start.getTime() || a.end.getTime() - b.end.getTime());
  };
  fixture.setPolicy = async (policy) => {
    await fixture.db.collection(COLLECTIONS.businesses).doc(fixture.salon.businessId).update({ conflictPolicy: policy });
  };
  return fixture;
}

/** Calendar writes the sandbox has answered (not reads). */
export function calendarWrites(sandbox: GoogleSandbox): number {
  const counts = sandbox.requestCounts();
  return ['insert', 'update', 'patch', 'delete'].reduce((sum, method) => sum + (counts[`calendar.events.${method}`] ?? 0), 0);
}

/** The next local weekday (1 = Monday) strictly after `from`, as YYYY-MM-DD. */
export function nextWeekday(from: Date, isoWeekday: number, weeksAhead = 0): string {
  const date = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  do date.setUTCDate(date.getUTCDate() + 1);
  while (((date.getUTCDay() + 6) % 7) + 1 !== isoWeekday);
  date.setUTCDate(date.getUTCDate() + 7 * weeksAhead);
  return date.toISOString().slice(0, 10);
}

/** An appointment document of the salon's haircut for one of its stylists (version 1, booked). */
export function appointmentData(
  salon: SalonFixture,
  start: Date,
  options: { staffIndex?: number; customerName?: string; status?: string } = {},
): Record<string, unknown> {
  return {
    businessId: salon.businessId,
    staffId: salon.staffIds[options.staffIndex ?? 0],
    serviceId: salon.serviceId,
    start,
    end: new Date(start.getTime() + 45 * 60_000),
    status: options.status ?? 'booked',
    customer: { name: options.customerName ?? 'Ewa Nowak' },
    notes: '',
    version: 1,
  };
}

/** Live events in a calendar that carry our private property for one appointment. */
export function ourEventsIn(sandbox: GoogleSandbox, calendarId: string, appointmentId: string) {
  return sandbox.owner
    .listEvents(calendarId)
    .filter(
      (event) =>
        event.status !== 'cancelled' &&
        (event.extendedProperties as { private?: Record<string, string> } | undefined)?.private?.salonSyncAppointmentId === appointmentId,
    );
}
