import { COLLECTIONS } from '../../src/model';
import { bookingFixture, failureOf } from './booking-fixture';
import { wrappedCallables } from './wrapped-callables';

/** getAvailability, holdSlot, rescheduleAppointment and cancelAppointment through their onCall handlers. */
const fixture = bookingFixture();
const call = wrappedCallables(() => fixture.deps);
const WEDNESDAY = '2026-06-10';
const iso = (time: string) => fixture.at(WEDNESDAY, time).toISOString();

async function bookEleven() {
  const result = await call(
    'bookAppointment',
    {
      businessId: fixture.salon.businessId,
      serviceId: fixture.salon.serviceIds.womensHaircut,
      staffId: fixture.salon.staffIds.anna,
      start: iso('11:00'),
      customer: { name: 'Marta' },
    },
    fixture.actors.customer,
  );
  return result.appointment.appointmentId as string;
}

describe('booking callables', () => {
  it('getAvailability answers slots as UTC strings with the staff who can take them', async () => {
    const answer = await call(
      'getAvailability',
      { businessId: fixture.salon.businessId, serviceId: fixture.salon.serviceIds.manicure, from: WEDNESDAY, to: WEDNESDAY },
      fixture.actors.customer,
    );
    expect(answer.excludedStaff).toEqual([]);
    expect(answer.slots[0]).toEqual({ start: '2026-06-10T08:00:00Z', end: '2026-06-10T09:00:00Z', staffIds: [fixture.salon.staffIds.kasia] });
  });

  it('getAvailability names the bad field of a request', async () => {
    const error = await failureOf(
      call('getAvailability', { businessId: fixture.salon.businessId, serviceId: 'x', from: WEDNESDAY, to: '2026-06-09' }, fixture.actors.customer),
    );
    expect(error.code).toBe('invalid-argument');
    expect(error.details).toEqual({ field: 'to' });
  });

  it('holdSlot answers the hold and its expiry', async () => {
    const hold = await call(
      'holdSlot',
      { businessId: fixture.salon.businessId, serviceId: fixture.salon.serviceIds.womensHaircut, start: iso('11:00') },
      fixture.actors.customer,
    );
    expect(hold).toMatchObject({ staffId: fixture.salon.staffIds.anna, start: iso('11:00'), end: iso('11:45'), expiresAt: '2026-06-08T07:10:00.000Z' });
    expect((await fixture.db.collection(COLLECTIONS.slotHolds).doc(hold.holdId).get()).exists).toBe(true);
  });

  it('rescheduleAppointment answers the moved appointment, or already-exists with alternatives', async () => {
    const id = await bookEleven();
    const moved = await call('rescheduleAppointment', { appointmentId: id, start: iso('14:00') }, fixture.actors.customer);
    expect(moved).toMatchObject({ changed: true, appointment: { appointmentId: id, start: iso('14:00'), version: 2 } });
    const refused = await failureOf(call('rescheduleAppointment', { appointmentId: id, start: iso('10:00') }, fixture.actors.customer));
    expect(refused.code).toBe('already-exists');
    expect(refused.details.reason).toBe('slot_taken');
    expect(refused.details.alternatives.length).toBeGreaterThan(0);
  });

  it('cancelAppointment answers the cancelled appointment; strangers get permission-denied', async () => {
    const id = await bookEleven();
    expect((await failureOf(call('cancelAppointment', { appointmentId: id }, fixture.actors.otherCustomer))).code).toBe('permission-denied');
    const cancelled = await call('cancelAppointment', { appointmentId: id, reason: 'ill' }, fixture.actors.customer);
    expect(cancelled).toMatchObject({
      changed: true,
      appointment: { status: 'cancelled', version: 2, cancellation: { reason: 'ill', by: fixture.actors.customer.uid, at: fixture.clock.now.toISOString() } },
    });
  });

  it('answers not-found for an unknown appointment', async () => {
    expect((await failureOf(call('cancelAppointment', { appointmentId: 'nope' }, fixture.actors.manager))).code).toBe('not-found');
  });
});
