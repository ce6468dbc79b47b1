import { bookAppointment, cancelAppointment, rescheduleAppointment, type Actor } from '../../src/booking';
import { COLLECTIONS } from '../../src/model';
import { bookingFixture, failureOf } from './booking-fixture';
import { calendarFixture } from './calendar-fixture';

const fixture = bookingFixture();
const calendars = calendarFixture();

const WEDNESDAY = '2026-06-10';
const ANNA = 'anna@studio-bella.example';
const OLA = 'ola@studio-bella.example';

async function book(time: string, actor: Actor = fixture.actors.customer) {
  const { appointmentId } = await bookAppointment(fixture.deps, actor, {
    businessId: fixture.salon.businessId,
    serviceId: fixture.salon.serviceIds.womensHaircut,
    staffId: fixture.salon.staffIds.anna,
    start: fixture.at(WEDNESDAY, time),
    customer: { name: 'Marta Zielińska' },
  });
  return appointmentId;
}

const wholeDay = (calendarId: string) => calendars.events(calendarId, fixture.at(WEDNESDAY, '00:00'), fixture.at('2026-06-11', '00:00'));
const startsOf = (calendarId: string) => wholeDay(calendarId).map((event) => Date.parse(event.start!.dateTime!));

beforeEach(async () => {
  const { businessId, staffIds } = fixture.salon;
  await calendars.connect(fixture.db, businessId, staffIds.anna, ANNA);
  await calendars.connect(fixture.db, businessId, staffIds.ola, OLA);
});

describe('rescheduleAppointment', () => {
  it('moves the appointment, bumps its version, and the sync moves the calendar event', async () => {
    const id = await book('11:00');
    await calendars.sync(fixture.db, fixture.deps.clock, [id]);
    expect(startsOf(ANNA)).toEqual([fixture.at(WEDNESDAY, '11:00').getTime()]);

    const result = await rescheduleAppointment(fixture.deps, fixture.actors.customer, { appointmentId: id, start: fixture.at(WEDNESDAY, '14:00') });
    expect(result.changed).toBe(true);
    expect(result.appointment).toMatchObject({ version: 2, start: fixture.at(WEDNESDAY, '14:00'), end: fixture.at(WEDNESDAY, '14:45') });
    expect((await fixture.db.collection(COLLECTIONS.appointments).doc(id).get()).get('version')).toBe(2);

    await calendars.sync(fixture.db, fixture.deps.clock, [id]);
    expect(startsOf(ANNA)).toEqual([fixture.at(WEDNESDAY, '14:00').getTime()]);
  });

  it('moves an appointment to another stylist who offers the service, and its event with it', async () => {
    const id = await book('11:00');
    await calendars.sync(fixture.db, fixture.deps.clock, [id]);
    await rescheduleAppointment(fixture.deps, fixture.actors.manager, { appointmentId: id, start: fixture.at(WEDNESDAY, '11:00'), staffId: fixture.salon.staffIds.ola });
    await calendars.sync(fixture.db, fixture.deps.clock, [id]);
    expect(wholeDay(ANNA)).toHaveLength(0);
    expect(startsOf(OLA)).toEqual([fixture.at(WEDNESDAY, '11:00').getTime()]);
  });

  it('frees the old time at once', async () => {
    const id = await book('11:00');
    await rescheduleAppointment(fixture.deps, fixture.actors.customer, { appointmentId: id, start: fixture.at(WEDNESDAY, '14:00') });
    expect(await book('11:00', fixture.actors.otherCustomer)).toBeTruthy();
  });

  it('may move an appointment onto part of its own old time', async () => {
    const id = await book('11:00');
    const result = await rescheduleAppointment(fixture.deps, fixture.actors.customer, { appointmentId: id, start: fixture.at(WEDNESDAY, '11:15') });
    expect(result.appointment.start).toEqual(fixture.at(WEDNESDAY, '11:15'));
  });

  it('fails on a taken time with the nearest alternatives, the same stylist first, and changes nothing', async () => {
    const id = await book('14:00');
    // Demo: Anna is booked 10:00–10:45 (+15 clean-up).
    const error = await failureOf(rescheduleAppointment(fixture.deps, fixture.actors.customer, { appointmentId: id, start: fixture.at(WEDNESDAY, '10:15') }));
    expect(error.reason).toBe('slot_taken');
    const { anna, ola } = fixture.salon.staffIds;
    expect(error.alternatives.slice(0, 3).map((a: { staffId: string }) => a.staffId)).toEqual([anna, anna, anna]);
    expect(error.alternatives[0]).toEqual({
      start: fixture.at(WEDNESDAY, '11:00').toISOString().replace('.000', ''),
      end: fixture.at(WEDNESDAY, '11:45').toISOString().replace('.000', ''),
      staffId: anna,
    });
    expect(error.alternatives.slice(3).every((a: { staffId: string }) => a.staffId === ola)).toBe(true);
    expect(error.alternatives[3].start).toBe(fixture.at(WEDNESDAY, '10:15').toISOString().replace('.000', ''));
    const stored = await fixture.db.collection(COLLECTIONS.appointments).doc(id).get();
    expect(stored.get('version')).toBe(1);
    expect(stored.get('start').toDate()).toEqual(fixture.at(WEDNESDAY, '14:00'));
  });

  it('lets only one of two concurrent reschedules into the same time win', async () => {
    const first = await book('09:00');
    const second = await book('15:00', fixture.actors.otherCustomer);
    const results = await Promise.allSettled([
      rescheduleAppointment(fixture.deps, fixture.actors.customer, { appointmentId: first, start: fixture.at(WEDNESDAY, '12:00') }),
      rescheduleAppointment(fixture.deps, fixture.actors.otherCustomer, { appointmentId: second, start: fixture.at(WEDNESDAY, '12:15') }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });

  it('does not let a customer move someone else\'s appointment, nor a cancelled one', async () => {
    const id = await book('11:00');
    const other = await failureOf(rescheduleAppointment(fixture.deps, fixture.actors.otherCustomer, { appointmentId: id, start: fixture.at(WEDNESDAY, '14:00') }));
    expect(other.code).toBe('permission_denied');
    await cancelAppointment(fixture.deps, fixture.actors.customer, { appointmentId: id, reason: '' });
    const cancelled = await failureOf(rescheduleAppointment(fixture.deps, fixture.actors.customer, { appointmentId: id, start: fixture.at(WEDNESDAY, '14:00') }));
    expect(cancelled.reason).toBe('appointment_not_changeable');
  });
});

describe('cancelAppointment', () => {
  it('soft-deletes with reason, who and when, frees the slot at once, and the sync removes the event', async () => {
    const id = await book('11:00');
    await calendars.sync(fixture.db, fixture.deps.clock, [id]);
    expect(wholeDay(ANNA)).toHaveLength(1);

    fixture.clock.advanceMinutes(5);
    const result = await cancelAppointment(fixture.deps, fixture.actors.customer, { appointmentId: id, reason: 'ill' });
    expect(result.changed).toBe(true);
    const stored = (await fixture.db.collection(COLLECTIONS.appointments).doc(id).get()).data()!;
    expect(stored.status).toBe('cancelled');
    expect(stored.version).toBe(2);
    expect(stored.cancellation.reason).toBe('ill');
    expect(stored.cancellation.by).toBe(fixture.actors.customer.uid);
    expect(stored.cancellation.at.toDate()).toEqual(fixture.clock.now);
    expect(stored.customer.name).toBe('Marta Zielińska');

    const rebooked = await book('11:00', fixture.actors.otherCustomer);
    await calendars.sync(fixture.db, fixture.deps.clock, [id]);
    expect(wholeDay(ANNA)).toHaveLength(0);
    await calendars.sync(fixture.db, fixture.deps.clock, [rebooked]);
    expect(startsOf(ANNA)).toEqual([fixture.at(WEDNESDAY, '11:00').getTime()]);
  });

  it('changes nothing when repeated', async () => {
    const id = await book('11:00');
    await cancelAppointment(fixture.deps, fixture.actors.customer, { appointmentId: id, reason: 'ill' });
    const again = await cancelAppointment(fixture.deps, fixture.actors.customer, { appointmentId: id, reason: 'ill' });
    expect(again.changed).toBe(false);
    expect((await fixture.db.collection(COLLECTIONS.appointments).doc(id).get()).get('version')).toBe(2);
  });

  it('lets staff cancel any appointment of their business but customers only their own', async () => {
    const id = await book('11:00');
    expect((await failureOf(cancelAppointment(fixture.deps, fixture.actors.otherCustomer, { appointmentId: id, reason: '' }))).code).toBe('permission_denied');
    expect((await failureOf(cancelAppointment(fixture.deps, fixture.actors.stranger, { appointmentId: id, reason: '' }))).code).toBe('permission_denied');
    expect((await cancelAppointment(fixture.deps, fixture.actors.stylist, { appointmentId: id, reason: 'salon closed' })).changed).toBe(true);
  });

  it('does not let a customer cancel once the appointment has started', async () => {
    const id = await book('11:00');
    fixture.clock.set(fixture.at(WEDNESDAY, '11:05'));
    expect((await failureOf(cancelAppointment(fixture.deps, fixture.actors.customer, { appointmentId: id, reason: '' }))).reason).toBe('appointment_not_changeable');
    expect((await cancelAppointment(fixture.deps, fixture.actors.manager, { appointmentId: id, reason: 'no-show' })).changed).toBe(true);
  });

  it('answers not found for an unknown appointment', async () => {
    expect((await failureOf(cancelAppointment(fixture.deps, fixture.actors.manager, { appointmentId: 'nope', reason: '' }))).code).toBe('not_found');
  });
});
