import { instantAtLocalTime } from '../../src/booking/local-dates';
import { handleConnectionChange, syncConnection } from '../../src/inbound';
import { reviewOwnEvent } from '../../src/inbound/own-event-review';
import { COLLECTIONS, calendarSyncSchema, conflictSchema, type Appointment } from '../../src/model';
import { readBusiness } from '../../src/store/catalog-store';
import { syncAppointment } from '../../src/sync/sync-appointment';
import { appointmentData, calendarWrites, inboundFixture, nextWeekday, ourEventsIn } from './inbound-fixture';

const ZONE = 'Europe/Warsaw';
const fx = inboundFixture();
const local = (date: string, time: string) => ({ dateTime: `${date}T${time}:00`, timeZone: ZONE });
let tuesday: string;
const at = (time: string) => instantAtLocalTime(tuesday, time, ZONE);

const appointmentDoc = async () => (await fx.db.collection(COLLECTIONS.appointments).doc('a1').get()).data() as Appointment & { start: { toDate(): Date } };
const record = async () => calendarSyncSchema.parse((await fx.db.collection(COLLECTIONS.calendarSync).doc(`a1__${fx.connectionOf()}`).get()).data());
const conflicts = async () => (await fx.db.collection(COLLECTIONS.conflicts).get()).docs.map((doc) => conflictSchema.parse(doc.data()));
/** Live events of appointment a1 in the stylist's calendar. */
const ourEvents = () => ourEventsIn(fx.sandbox, fx.calendarOf(), 'a1');

beforeEach(async () => {
  tuesday = nextWeekday(fx.clock.now(), 2, 1);
  await handleConnectionChange(fx.deps, fx.connectionOf());
  await fx.db.collection(COLLECTIONS.appointments).doc('a1').set(appointmentData(fx.salon, at('11:00')));
  await syncAppointment(fx.sync, 'a1');
  await fx.settle();
  expect(ourEvents()).toHaveLength(1);
});

test('our own events come back recognised: never busy time, and the notification round after our write writes nothing more (no echo)', async () => {
  expect(await fx.busyOf()).toEqual([]);
  fx.sandbox.resetRequestCounts();
  await fx.db.collection(COLLECTIONS.appointments).doc('a1').update({ notes: 'allergic to latex', version: 2 });
  await syncAppointment(fx.sync, 'a1');
  expect(calendarWrites(fx.sandbox)).toBe(1);
  const logged = fx.deps.log.entries.length;
  await fx.settle();
  // The update's notification was read (our event among the changes) and caused nothing.
  const reads = fx.deps.log.entries.slice(logged).filter((entry) => entry.event === 'inbound.synced');
  expect(reads.length).toBeGreaterThan(0);
  expect(reads.reduce((sum, entry) => sum + Number(entry.fields.events), 0)).toBeGreaterThan(0);
  expect(calendarWrites(fx.sandbox)).toBe(1);
  expect(await fx.busyOf()).toEqual([]);
  expect(await conflicts()).toEqual([]);
  expect((await appointmentDoc()).version).toBe(2);
});

test('flag (the default): a stylist moving our event opens one conflict with both times and changes neither side', async () => {
  const eventId = ourEvents()[0]!.id as string;
  fx.sandbox.owner.moveEvent(fx.calendarOf(), eventId, { start: local(tuesday, '14:00'), end: local(tuesday, '14:45') });
  fx.sandbox.resetRequestCounts();
  await fx.settle();
  expect(await conflicts()).toEqual([
    expect.objectContaining({
      kind: 'event_moved',
      status: 'open',
      appointmentId: 'a1',
      staffId: fx.salon.staffIds[0],
      appointment: { start: at('11:00'), end: at('11:45') },
      external: expect.objectContaining({ eventId, start: at('14:00'), end: at('14:45') }),
      detectedAt: expect.any(Date),
    }),
  ]);
  expect(calendarWrites(fx.sandbox)).toBe(0);
  expect((await appointmentDoc()).version).toBe(1);
  expect(await fx.busyOf()).toEqual([]);

  // Seen again in a full resync: still one conflict.
  fx.sandbox.expireSyncTokens(fx.calendarOf());
  fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: 'Gym', start: local(tuesday, '07:00'), end: local(tuesday, '08:00') });
  await fx.settle();
  expect(await conflicts()).toHaveLength(1);
});

test('flag: a stylist deleting our event opens an event_deleted conflict and the appointment stays booked', async () => {
  fx.sandbox.owner.deleteEvent(fx.calendarOf(), ourEvents()[0]!.id as string);
  await fx.settle();
  expect(await conflicts()).toEqual([expect.objectContaining({ kind: 'event_deleted', appointmentId: 'a1', appointment: { start: at('11:00'), end: at('11:45') } })]);
  expect((await appointmentDoc()).status).toBe('booked');
  expect(ourEvents()).toHaveLength(0);
});

test('salon_wins: a moved event is put back with one write, and that write\'s own notification writes nothing more', async () => {
  await fx.setPolicy('salon_wins');
  const eventId = ourEvents()[0]!.id as string;
  fx.sandbox.owner.moveEvent(fx.calendarOf(), eventId, { start: local(tuesday, '14:00'), end: local(tuesday, '14:45') });
  fx.sandbox.resetRequestCounts();
  await fx.settle();
  const [event] = ourEvents();
  expect(event!.id).toBe(eventId);
  expect(Date.parse((event!.start as { dateTime: string }).dateTime)).toBe(at('11:00').getTime());
  expect(calendarWrites(fx.sandbox)).toBe(1);
  expect(await conflicts()).toEqual([]);
  expect((await appointmentDoc()).version).toBe(1);
  expect(await record()).toMatchObject({ syncStatus: 'synced', eventState: 'present', providerEventId: eventId });
});

test('salon_wins: a deleted event comes back under a fresh id (Google never revives a deleted id), exactly once', async () => {
  await fx.setPolicy('salon_wins');
  const eventId = ourEvents()[0]!.id as string;
  fx.sandbox.owner.deleteEvent(fx.calendarOf(), eventId);
  fx.sandbox.resetRequestCounts();
  await fx.settle();
  const events = ourEvents();
  expect(events).toHaveLength(1);
  expect(events[0]!.id).not.toBe(eventId);
  expect(Date.parse((events[0]!.start as { dateTime: string }).dateTime)).toBe(at('11:00').getTime());
  expect(fx.sandbox.requestCounts()['calendar.events.insert']).toBe(1);
  expect(await record()).toMatchObject({ syncStatus: 'synced', eventState: 'present', providerEventId: events[0]!.id, generation: 1 });
  expect(await conflicts()).toEqual([]);
});

test('calendar_wins: a move to a bookable time moves the appointment through the booking rules, and the round trip settles without a loop', async () => {
  await fx.setPolicy('calendar_wins');
  fx.sandbox.owner.moveEvent(fx.calendarOf(), ourEvents()[0]!.id as string, { start: local(tuesday, '15:00'), end: local(tuesday, '15:45') });
  await fx.settle();
  const moved = await appointmentDoc();
  expect(moved.version).toBe(2);
  expect(moved.start.toDate()).toEqual(at('15:00'));
  // The appointment trigger syncs the write back; its notification then changes nothing.
  fx.sandbox.resetRequestCounts();
  await syncAppointment(fx.sync, 'a1');
  await fx.settle();
  expect(calendarWrites(fx.sandbox)).toBe(1);
  expect((await appointmentDoc()).version).toBe(2);
  expect(ourEvents()).toHaveLength(1);
  expect(Date.parse((ourEvents()[0]!.start as { dateTime: string }).dateTime)).toBe(at('15:00').getTime());
  expect(await conflicts()).toEqual([]);
});

test('calendar_wins: a move the booking rules refuse (off the slot grid) opens a conflict instead and leaves the appointment', async () => {
  await fx.setPolicy('calendar_wins');
  fx.sandbox.owner.moveEvent(fx.calendarOf(), ourEvents()[0]!.id as string, { start: local(tuesday, '15:07'), end: local(tuesday, '15:52') });
  await fx.settle();
  expect((await appointmentDoc()).version).toBe(1);
  expect(await conflicts()).toEqual([expect.objectContaining({ kind: 'event_moved', note: expect.stringContaining('not_bookable') })]);
});

test('calendar_wins: a deleted event cancels the appointment as the system, and the sync after it finds nothing to undo', async () => {
  await fx.setPolicy('calendar_wins');
  fx.sandbox.owner.deleteEvent(fx.calendarOf(), ourEvents()[0]!.id as string);
  await fx.settle();
  const cancelled = await appointmentDoc();
  expect(cancelled).toMatchObject({ status: 'cancelled', version: 2, cancellation: expect.objectContaining({ by: 'system:calendar-sync' }) });
  await syncAppointment(fx.sync, 'a1');
  await fx.settle();
  expect(ourEvents()).toHaveLength(0);
  expect(await record()).toMatchObject({ syncStatus: 'synced', eventState: 'absent' });
  expect((await appointmentDoc()).version).toBe(2);
  expect(await conflicts()).toEqual([]);
});

test('a personal event over a live appointment opens one external_overlap conflict, never two', async () => {
  const dentist = fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: 'Dentist', start: local(tuesday, '11:30'), end: local(tuesday, '12:30') });
  await fx.settle();
  expect(await conflicts()).toEqual([
    expect.objectContaining({
      kind: 'external_overlap',
      appointmentId: 'a1',
      appointment: { start: at('11:00'), end: at('11:45') },
      external: { eventId: dentist.id, start: at('11:30'), end: at('12:30'), summary: 'Dentist', updated: expect.any(Date) },
    }),
  ]);
  fx.sandbox.expireSyncTokens(fx.calendarOf());
  fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: 'Gym', start: local(tuesday, '07:00'), end: local(tuesday, '08:00') });
  await fx.settle();
  expect(await conflicts()).toHaveLength(1);
});

test('a listing older than our latest write (the salon moved the appointment meanwhile) is not taken for a stylist\'s move', async () => {
  await fx.setPolicy('calendar_wins');
  const stale = ourEvents()[0]!;
  await fx.db.collection(COLLECTIONS.appointments).doc('a1').update({ start: at('16:00'), end: at('16:45'), version: 2 });
  await syncAppointment(fx.sync, 'a1');
  // The event as a read taken before that sync saw it: still at 11:00.
  const verdict = await reviewOwnEvent(fx.deps, { connectionId: fx.connectionOf(), connection: (await fx.db.collection(COLLECTIONS.calendarConnections).doc(fx.connectionOf()).get()).data() as never }, (await readBusiness(fx.db, fx.salon.businessId))!, {
    id: String(stale.id),
    status: 'confirmed',
    time: { kind: 'timed', start: at('11:00'), end: at('11:45') },
    transparent: false,
    declinedBySelf: false,
    own: { appointmentId: 'a1', businessId: fx.salon.businessId },
  });
  expect(verdict).toEqual({ kind: 'unchanged' });
  await fx.settle();
  expect((await appointmentDoc()).start.toDate()).toEqual(at('16:00'));
});

test('our event in another salon\'s copy (a stylist working at two salons) is busy time here', async () => {
  fx.sandbox.owner.createEvent(fx.calendarOf(), {
    summary: 'Other salon client',
    start: local(tuesday, '16:00'),
    end: local(tuesday, '17:00'),
    extendedProperties: { private: { salonSyncAppointmentId: 'x1', salonSyncBusinessId: 'another-salon' } },
  });
  await fx.settle();
  expect(await fx.busyOf()).toMatchObject([{ start: at('16:00'), end: at('17:00') }]);
});

test('calendar_wins: a stylist who only stretches our event (same start) gets it put back to the appointment\'s length, once, and the salon and calendar agree again', async () => {
  await fx.setPolicy('calendar_wins');
  const eventId = ourEvents()[0]!.id as string;
  fx.sandbox.owner.moveEvent(fx.calendarOf(), eventId, { start: local(tuesday, '11:00'), end: local(tuesday, '12:30') });
  fx.sandbox.resetRequestCounts();
  await fx.settle();
  expect((await appointmentDoc()).version).toBe(1);
  const [event] = ourEvents();
  expect(event!.id).toBe(eventId);
  expect(Date.parse((event!.end as { dateTime: string }).dateTime)).toBe(at('11:45').getTime());
  expect(calendarWrites(fx.sandbox)).toBe(1);
  expect(await conflicts()).toEqual([]);
  expect(await record()).toMatchObject({ syncStatus: 'synced', eventState: 'present', providerEventId: eventId });
});

for (const policy of ['flag', 'salon_wins'] as const) {
  test(`${policy}: an appointment whose start has milliseconds (Google keeps whole seconds) reads back as unchanged: no write, no conflict`, async () => {
    await fx.setPolicy(policy);
    const start = new Date(at('15:00').getTime() + 500);
    await fx.db.collection(COLLECTIONS.appointments).doc('a2').set(appointmentData(fx.salon, start, { customerName: 'Jan Kowalski' }));
    await syncAppointment(fx.sync, 'a2');
    fx.sandbox.resetRequestCounts();
    // Its notification, and two full rereads of the calendar.
    await fx.settle();
    for (let round = 0; round < 2; round += 1) {
      fx.sandbox.expireSyncTokens(fx.calendarOf());
      await syncConnection(fx.deps, fx.connectionOf());
      await fx.settle();
    }
    expect(calendarWrites(fx.sandbox)).toBe(0);
    expect(await conflicts()).toEqual([]);
  });
}

test('salon_wins: an event the stylist keeps moving is put back three times for one version of the appointment, then flagged for the admin instead', async () => {
  await fx.setPolicy('salon_wins');
  const eventId = ourEvents()[0]!.id as string;
  for (const time of ['13:00', '14:00', '15:00']) {
    fx.sandbox.owner.moveEvent(fx.calendarOf(), eventId, { start: local(tuesday, time), end: local(tuesday, `${time.slice(0, 2)}:45`) });
    await fx.settle();
    expect(Date.parse((ourEvents()[0]!.start as { dateTime: string }).dateTime)).toBe(at('11:00').getTime());
  }
  expect(await conflicts()).toEqual([]);
  expect((await record()).inboundRestores).toEqual({ version: 1, count: 3 });

  fx.sandbox.owner.moveEvent(fx.calendarOf(), eventId, { start: local(tuesday, '16:00'), end: local(tuesday, '16:45') });
  fx.sandbox.resetRequestCounts();
  await fx.settle();
  expect(calendarWrites(fx.sandbox)).toBe(0);
  expect(await conflicts()).toEqual([
    expect.objectContaining({ kind: 'event_moved', external: expect.objectContaining({ start: at('16:00') }), note: expect.stringContaining('salon_wins already put this event back 3 times') }),
  ]);

  // A new version of the appointment starts the count again.
  await fx.db.collection(COLLECTIONS.appointments).doc('a1').update({ notes: 'new colour', version: 2 });
  await syncAppointment(fx.sync, 'a1');
  await fx.settle();
  fx.sandbox.owner.moveEvent(fx.calendarOf(), eventId, { start: local(tuesday, '17:00'), end: local(tuesday, '17:45') });
  await fx.settle();
  expect(Date.parse((ourEvents()[0]!.start as { dateTime: string }).dateTime)).toBe(at('11:00').getTime());
  expect((await record()).inboundRestores).toEqual({ version: 2, count: 1 });
});

test('flag: a stylist who moves our event away and back to where a resolved conflict had it opens a new conflict (a resolved one is never silently reused)', async () => {
  const eventId = ourEvents()[0]!.id as string;
  const moveTo = async (time: string) => {
    fx.clock.advance(1_000); // a later edit: the calendar's `updated` moves on
    fx.sandbox.owner.moveEvent(fx.calendarOf(), eventId, { start: local(tuesday, time), end: local(tuesday, `${time.slice(0, 2)}:45`) });
    await fx.settle();
  };
  await moveTo('14:00');
  const [first] = (await fx.db.collection(COLLECTIONS.conflicts).get()).docs;
  await first!.ref.update({ status: 'resolved', resolvedAt: fx.clock.now(), resolvedBy: 'manager-uid', resolution: 'agreed with the stylist' });

  await moveTo('15:00');
  await moveTo('14:00');
  const open = (await conflicts()).filter((conflict) => conflict.status === 'open');
  expect(open.map((conflict) => conflict.external.start)).toEqual(expect.arrayContaining([at('14:00'), at('15:00')]));
  expect(await conflicts()).toHaveLength(3);
});
