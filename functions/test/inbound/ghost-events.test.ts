import { instantAtLocalTime } from '../../src/booking/local-dates';
import { handleConnectionChange } from '../../src/inbound';
import { reviewOwnEvent } from '../../src/inbound/own-event-review';
import { COLLECTIONS, calendarConnectionSchema, conflictSchema, type CalendarSync } from '../../src/model';
import { googleEventId } from '../../src/providers/google/event-id';
import { readBusiness } from '../../src/store/catalog-store';
import { syncAppointment } from '../../src/sync/sync-appointment';
import { appointmentData, inboundFixture, nextWeekday, ourEventsIn } from './inbound-fixture';

/**
 * Ghost events: events that carry our private property (so they are ours) but that no appointment
 * wants in this calendar. Nothing else would ever remove them: the outbound sync only removes the
 * event its record names.
 */
const ZONE = 'Europe/Warsaw';
const fx = inboundFixture({ staffCount: 2 });
const local = (date: string, time: string) => ({ dateTime: `${date}T${time}:00`, timeZone: ZONE });
let tuesday: string;
const at = (time: string) => instantAtLocalTime(tuesday, time, ZONE);
const ourEventsOf = (appointmentId: string, staffIndex = 0) => ourEventsIn(fx.sandbox, fx.calendarOf(staffIndex), appointmentId);
const conflicts = async () => (await fx.db.collection(COLLECTIONS.conflicts).get()).docs.map((doc) => conflictSchema.parse(doc.data()));
/** What a stylist's calendar app leaves behind: a copy of our event, our private property included. */
const copyOf = (appointmentId: string, time: string, end: string, staffIndex = 0) =>
  fx.sandbox.owner.createEvent(fx.calendarOf(staffIndex), {
    summary: 'Haircut — copy',
    start: local(tuesday, time),
    end: local(tuesday, end),
    extendedProperties: { private: { salonSyncAppointmentId: appointmentId, salonSyncBusinessId: fx.salon.businessId } },
  });

beforeEach(async () => {
  tuesday = nextWeekday(fx.clock.now(), 2, 1);
  await handleConnectionChange(fx.deps, fx.connectionOf());
  await fx.db.collection(COLLECTIONS.appointments).doc('a1').set(appointmentData(fx.salon, at('11:00')));
  await syncAppointment(fx.sync, 'a1');
  await fx.settle();
  expect(ourEventsOf('a1')).toHaveLength(1);
});

test('an event of ours that comes back for a cancelled appointment is removed: no ghost in the stylist\'s phone, no busy time, no conflict', async () => {
  await fx.db.collection(COLLECTIONS.appointments).doc('a1').update({ status: 'cancelled', version: 2 });
  await syncAppointment(fx.sync, 'a1');
  await fx.settle();
  expect(ourEventsOf('a1')).toEqual([]);

  copyOf('a1', '11:00', '11:45');
  await fx.settle();
  expect(ourEventsOf('a1')).toEqual([]);
  expect(await fx.busyOf()).toEqual([]);
  expect(await conflicts()).toEqual([]);
  expect(fx.deps.log.entries.filter((entry) => entry.event === 'inbound.ghost_removed').map((entry) => entry.fields.reason)).toEqual(['appointment cancelled']);
});

test('a second copy of a live appointment\'s event is removed and the event the record names stays untouched', async () => {
  const [real] = ourEventsOf('a1');
  copyOf('a1', '14:00', '14:45');
  await fx.settle();
  expect(ourEventsOf('a1').map((event) => event.id)).toEqual([real!.id]);
  expect((await fx.db.collection(COLLECTIONS.appointments).doc('a1').get()).get('version')).toBe(1);
  expect(await conflicts()).toEqual([]);
});

test('events of ours for a deleted appointment, or one given to another stylist, are removed from the calendar where they no longer belong', async () => {
  await handleConnectionChange(fx.deps, fx.connectionOf(1));
  await fx.db.collection(COLLECTIONS.appointments).doc('a1').update({ staffId: fx.salon.staffIds[1], version: 2 });
  await syncAppointment(fx.sync, 'a1');
  await fx.settle();
  expect(ourEventsOf('a1', 0)).toEqual([]);
  expect(ourEventsOf('a1', 1)).toHaveLength(1);

  copyOf('a1', '11:00', '11:45', 0);
  copyOf('gone', '16:00', '16:45', 0);
  await fx.settle();
  expect(ourEventsOf('a1', 0)).toEqual([]);
  expect(ourEventsOf('gone', 0)).toEqual([]);
  expect(ourEventsOf('a1', 1)).toHaveLength(1);
});

test('an id the outbound sync may be writing right now (its record\'s generation or the next) is never taken for a ghost; an older, burnt generation is', async () => {
  const connection = calendarConnectionSchema.parse((await fx.db.collection(COLLECTIONS.calendarConnections).doc(fx.connectionOf()).get()).data());
  const business = (await readBusiness(fx.db, fx.salon.businessId))!;
  // The appointment came back after a cancellation: the record is written before the put runs.
  const pending: CalendarSync = {
    businessId: fx.salon.businessId,
    appointmentId: 'a1',
    connectionId: fx.connectionOf(),
    staffId: fx.salon.staffIds[0],
    provider: 'google',
    generation: 2,
    eventState: 'absent',
    syncStatus: 'pending',
    retryCount: 0,
    attemptedVersion: 1,
    syncedVersion: 1,
  };
  await fx.db.collection(COLLECTIONS.calendarSync).doc(`a1__${fx.connectionOf()}`).set(pending);
  const sighting = (generation: number) => ({
    id: googleEventId(fx.connectionOf(), 'a1', generation),
    status: 'confirmed' as const,
    time: { kind: 'timed' as const, start: at('11:00'), end: at('11:45') },
    transparent: false,
    declinedBySelf: false,
    own: { appointmentId: 'a1', businessId: fx.salon.businessId },
  });
  const review = (generation: number) => reviewOwnEvent(fx.deps, { connectionId: fx.connectionOf(), connection }, business, sighting(generation));
  expect(await review(2)).not.toMatchObject({ kind: 'ghost' });
  expect(await review(3)).not.toMatchObject({ kind: 'ghost' });
  expect(await review(1)).toMatchObject({ kind: 'ghost', reason: 'not the current event of the appointment' });
});
