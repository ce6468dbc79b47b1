import { bookAppointment, getAvailability, holdSlot, HOLD_MINUTES } from '../../src/booking';
import { COLLECTIONS } from '../../src/model';
import { bookingFixture, failureOf } from './booking-fixture';

const fixture = bookingFixture();
const WEDNESDAY = '2026-06-10';

function slotRequest(time: string, staff: 'anna' | 'ola' | 'anyone' = 'anna') {
  return {
    businessId: fixture.salon.businessId,
    serviceId: fixture.salon.serviceIds.womensHaircut,
    staffId: staff === 'anyone' ? undefined : fixture.salon.staffIds[staff],
    start: fixture.at(WEDNESDAY, time),
  };
}

function booking(time: string, staff: 'anna' | 'ola' | 'anyone' = 'anna') {
  return { ...slotRequest(time, staff), customer: { name: 'Marta' } };
}

async function annaStartsSeenBy(actor: typeof fixture.actors.customer): Promise<string[]> {
  const { slots } = await getAvailability(fixture.deps, actor, {
    businessId: fixture.salon.businessId,
    serviceId: fixture.salon.serviceIds.womensHaircut,
    staffId: fixture.salon.staffIds.anna,
    from: WEDNESDAY,
    to: WEDNESDAY,
  });
  return slots.map((slot) => slot.start);
}

describe('holdSlot', () => {
  it('keeps a slot from other customers while the holder fills in the form', async () => {
    const { hold } = await holdSlot(fixture.deps, fixture.actors.customer, slotRequest('11:00'));
    expect(hold.expiresAt).toEqual(new Date(fixture.clock.now.getTime() + HOLD_MINUTES * 60_000));

    const booked = await failureOf(bookAppointment(fixture.deps, fixture.actors.otherCustomer, booking('11:15')));
    expect(booked.reason).toBe('slot_taken');
    const held = await failureOf(holdSlot(fixture.deps, fixture.actors.otherCustomer, slotRequest('11:00')));
    expect(held.reason).toBe('slot_taken');

    const eleven = fixture.at(WEDNESDAY, '11:00').toISOString().replace('.000', '');
    expect(await annaStartsSeenBy(fixture.actors.otherCustomer)).not.toContain(eleven);
    expect(await annaStartsSeenBy(fixture.actors.customer)).toContain(eleven);
  });

  it('expires by itself', async () => {
    await holdSlot(fixture.deps, fixture.actors.customer, slotRequest('11:00'));
    fixture.clock.advanceMinutes(HOLD_MINUTES - 1);
    expect((await failureOf(bookAppointment(fixture.deps, fixture.actors.otherCustomer, booking('11:00')))).reason).toBe('slot_taken');
    fixture.clock.advanceMinutes(1);
    const result = await bookAppointment(fixture.deps, fixture.actors.otherCustomer, booking('11:00'));
    expect(result.created).toBe(true);
    // The booking that found the expired hold removed it.
    expect((await fixture.db.collection(COLLECTIONS.slotHolds).get()).size).toBe(0);
  });

  it('is consumed by the holder\'s booking', async () => {
    const { holdId } = await holdSlot(fixture.deps, fixture.actors.customer, slotRequest('11:00'));
    const result = await bookAppointment(fixture.deps, fixture.actors.customer, booking('11:00'));
    expect(result.appointment.staffId).toBe(fixture.salon.staffIds.anna);
    expect((await fixture.db.collection(COLLECTIONS.slotHolds).doc(holdId).get()).exists).toBe(false);
  });

  it('is released when the same caller holds another slot', async () => {
    const first = await holdSlot(fixture.deps, fixture.actors.customer, slotRequest('11:00'));
    await holdSlot(fixture.deps, fixture.actors.customer, slotRequest('14:00'));
    expect((await fixture.db.collection(COLLECTIONS.slotHolds).doc(first.holdId).get()).exists).toBe(false);
    expect((await bookAppointment(fixture.deps, fixture.actors.otherCustomer, booking('11:00'))).created).toBe(true);
  });

  it('steers a booking without a named stylist to the stylist it holds', async () => {
    // At 15:30 both Anna and Ola are free; unheld, "anyone" would go to Anna (first by id).
    await holdSlot(fixture.deps, fixture.actors.customer, slotRequest('15:30', 'ola'));
    const result = await bookAppointment(fixture.deps, fixture.actors.customer, booking('15:30', 'anyone'));
    expect(result.appointment.staffId).toBe(fixture.salon.staffIds.ola);
  });

  it('cannot hold a slot that is already booked', async () => {
    const error = await failureOf(holdSlot(fixture.deps, fixture.actors.customer, slotRequest('10:00')));
    expect(error.reason).toBe('slot_taken');
    expect(error.alternatives.length).toBeGreaterThan(0);
  });
});
