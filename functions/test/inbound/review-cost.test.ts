import { instantAtLocalTime } from '../../src/booking/local-dates';
import { handleConnectionChange, syncConnection } from '../../src/inbound';
import { COLLECTIONS, conflictSchema } from '../../src/model';
import { claimInboundLease } from '../../src/store/inbound-sync-store';
import { syncAppointment } from '../../src/sync/sync-appointment';
import { sandboxTokenSource } from '../support/salon-fixture';
import { countingReads } from './firestore-probes';
import { appointmentData, inboundFixture, nextWeekday } from './inbound-fixture';

/**
 * A full read lists every event of ours in its window; our records name every event the calendar
 * ever had. The work of reviewing them must follow the window, not the salon's history, and a
 * long review must not outlive the reader's lease.
 */
const ZONE = 'Europe/Warsaw';
const fx = inboundFixture();
const DAY = 86_400_000;
const conflicts = async () => (await fx.db.collection(COLLECTIONS.conflicts).get()).docs.map((doc) => conflictSchema.parse(doc.data()));

async function bookAndSync(id: string, date: string, time: string): Promise<void> {
  const start = instantAtLocalTime(date, time, ZONE);
  await fx.db.collection(COLLECTIONS.appointments).doc(id).set(appointmentData(fx.salon, start));
  await syncAppointment(fx.sync, id);
}

/** Past appointments whose records still say their events are in the calendar (they are, as history). */
async function seedHistory(count: number): Promise<void> {
  const now = fx.clock.now().getTime();
  let batch = fx.db.batch();
  for (let i = 0; i < count; i += 1) {
    const id = `past${i}`;
    const start = new Date(now - (i + 2) * DAY);
    batch.set(fx.db.collection(COLLECTIONS.appointments).doc(id), appointmentData(fx.salon, start, { status: 'completed', customerName: 'Past customer' }));
    batch.set(fx.db.collection(COLLECTIONS.calendarSync).doc(`${id}__${fx.connectionOf()}`), {
      businessId: fx.salon.businessId,
      appointmentId: id,
      connectionId: fx.connectionOf(),
      staffId: fx.salon.staffIds[0],
      provider: 'google',
      providerEventId: `salonpast${i}`,
      generation: 0,
      eventState: 'present',
      syncStatus: 'synced',
      retryCount: 0,
      attemptedVersion: 1,
      syncedVersion: 1,
      syncedHash: 'x',
    });
    if (i % 200 === 199) {
      await batch.commit();
      batch = fx.db.batch();
    }
  }
  await batch.commit();
}

const ourEvents = () =>
  fx.sandbox.owner.listEvents(fx.calendarOf()).filter((event) => event.status !== 'cancelled' && (event.extendedProperties as { private?: Record<string, string> } | undefined)?.private?.salonSyncAppointmentId);

/** Only the reads a test starts itself run: push notifications are acknowledged and ignored. */
async function ignorePush(): Promise<void> {
  for (const channel of fx.sandbox.channels()) await fx.db.collection(COLLECTIONS.watchChannels).doc(channel.id).update({ status: 'stopped' });
}

beforeEach(async () => {
  await handleConnectionChange(fx.deps, fx.connectionOf());
});

test('a full read reviews only the appointments in its window: the records of hundreds of past appointments cost nothing, and a deleted future event is still found', async () => {
  await seedHistory(400);
  const day = nextWeekday(fx.clock.now(), 2, 1);
  for (const [index, time] of ['10:00', '11:00', '12:00', '13:00'].entries()) await bookAndSync(`a${index}`, day, time);
  await fx.settle();
  await ignorePush();
  const deleted = String(ourEvents().find((event) => (event.extendedProperties as { private: Record<string, string> }).private.salonSyncAppointmentId === 'a2')!.id);
  fx.sandbox.owner.deleteEvent(fx.calendarOf(), deleted);
  await fx.settle();

  fx.sandbox.expireSyncTokens(fx.calendarOf());
  fx.sandbox.resetRequestCounts();
  const probe = countingReads(fx.db);
  const result = await syncConnection({ ...fx.deps, db: probe.db }, fx.connectionOf());
  expect(result.outcome).toBe('synced');
  // Three events listed and unchanged, settled without a review; the deleted one reviewed and confirmed.
  expect(result.reports[0]).toMatchObject({ full: true, ownEventEdits: 1, ownEventsReviewed: 1 });
  expect(fx.sandbox.requestCounts()['calendar.events.get']).toBe(1);
  // Reviewing each of the 400 records of the past would read at least 2,000 documents.
  expect(probe.reads()).toBeLessThan(100);
  expect(await conflicts()).toEqual([expect.objectContaining({ kind: 'event_deleted', appointmentId: 'a2' })]);
});

test('a review phase that outlasts the lease keeps renewing it: a competing reader never finds it free', async () => {
  const day = nextWeekday(fx.clock.now(), 3, 1);
  const ids = ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00'].map((time, index) => ({ id: `b${index}`, time }));
  for (const { id, time } of ids) await bookAndSync(id, day, time);
  await fx.settle();
  // The stylist deletes all six: each needs a review with a fresh get.
  await ignorePush();
  for (const event of ourEvents()) fx.sandbox.owner.deleteEvent(fx.calendarOf(), String(event.id));
  await fx.settle();
  fx.sandbox.expireSyncTokens(fx.calendarOf());

  // Every request to Google takes 40 % of a lease; before each, another worker tries to claim it.
  const claims: string[] = [];
  const tokens = sandboxTokenSource(fx.sandbox, fx.salon);
  fx.configure({
    tokens: {
      async getAccessToken(connectionId, options) {
        const identity = { businessId: fx.salon.businessId, staffId: fx.salon.staffIds[0]!, connectionId, provider: 'google' as const };
        claims.push(await claimInboundLease(fx.db, identity, 'competitor', fx.clock.now(), fx.deps.options.leaseMs));
        fx.clock.advance(0.4 * fx.deps.options.leaseMs);
        return tokens.getAccessToken(connectionId, options);
      },
    },
  });
  const result = await syncConnection(fx.deps, fx.connectionOf());
  expect(result.outcome).toBe('synced');
  expect(result.reports[0]).toMatchObject({ full: true, ownEventEdits: 6 });
  expect(claims.length).toBeGreaterThan(6);
  expect(new Set(claims)).toEqual(new Set(['queued']));
  expect(await conflicts()).toHaveLength(6);
});
