import { HttpsError } from 'firebase-functions/v2/https';
import { COLLECTIONS } from '../../src/model';
import { bookingFixture, failureOf } from './booking-fixture';
import { wrappedCallables } from './wrapped-callables';

/** bookAppointment through the real onCall handler (firebase-functions-test `wrap`). */
const fixture = bookingFixture();
const call = wrappedCallables(() => fixture.deps);

const WEDNESDAY = '2026-06-10';

function bookingData(overrides: Record<string, unknown> = {}) {
  return {
    businessId: fixture.salon.businessId,
    serviceId: fixture.salon.serviceIds.womensHaircut,
    staffId: fixture.salon.staffIds.anna,
    start: fixture.at(WEDNESDAY, '11:00').toISOString(),
    customer: { name: 'Marta Zielińska', phone: '+48 600 100 200' },
    ...overrides,
  };
}

describe('bookAppointment', () => {
  it('books a free slot for a customer under their own uid, with version 1', async () => {
    const result = await call('bookAppointment', bookingData(), fixture.actors.customer);
    expect(result.created).toBe(true);
    expect(result.appointment).toMatchObject({
      staffId: fixture.salon.staffIds.anna,
      start: fixture.at(WEDNESDAY, '11:00').toISOString(),
      end: fixture.at(WEDNESDAY, '11:45').toISOString(),
      status: 'booked',
      version: 1,
    });
    const stored = (await fixture.db.collection(COLLECTIONS.appointments).doc(result.appointment.appointmentId).get()).data()!;
    expect(stored.customerUid).toBe(fixture.actors.customer.uid);
    expect(stored.version).toBe(1);
    expect(stored.createdAt.toDate()).toEqual(fixture.clock.now);
  });

  it('refuses a time inside another appointment\'s clean-up buffer, offering the nearest free times', async () => {
    // Demo: Anna has a women's haircut 10:00–10:45 with 15 minutes of clean-up (until 11:00).
    const error = await failureOf(call('bookAppointment', bookingData({ start: fixture.at(WEDNESDAY, '10:45').toISOString() }), fixture.actors.customer));
    expect(error).toBeInstanceOf(HttpsError);
    expect(error.code).toBe('already-exists');
    expect(error.details.reason).toBe('slot_taken');
    const { anna, ola } = fixture.salon.staffIds;
    expect(error.details.alternatives.slice(0, 3)).toEqual([
      { start: fixture.at(WEDNESDAY, '11:00').toISOString().replace('.000', ''), end: fixture.at(WEDNESDAY, '11:45').toISOString().replace('.000', ''), staffId: anna },
      { start: fixture.at(WEDNESDAY, '11:15').toISOString().replace('.000', ''), end: fixture.at(WEDNESDAY, '12:00').toISOString().replace('.000', ''), staffId: anna },
      { start: fixture.at(WEDNESDAY, '11:30').toISOString().replace('.000', ''), end: fixture.at(WEDNESDAY, '12:15').toISOString().replace('.000', ''), staffId: anna },
    ]);
    // Then other stylists who offer the service, nearest first: Ola is free at the very time asked.
    expect(error.details.alternatives[3]).toEqual({
      start: fixture.at(WEDNESDAY, '10:45').toISOString().replace('.000', ''),
      end: fixture.at(WEDNESDAY, '11:30').toISOString().replace('.000', ''),
      staffId: ola,
    });
  });

  it('refuses a time whose own buffer would run into the next appointment', async () => {
    // Colouring needs 10 minutes of preparation; Ola's colouring 13:00–15:00 blocks 12:50 onwards,
    // so a women's haircut 12:30–13:15 (+15) clashes. Ola's lunch break ends 12:30.
    const error = await failureOf(
      call('bookAppointment', bookingData({ staffId: fixture.salon.staffIds.ola, start: fixture.at(WEDNESDAY, '12:30').toISOString() }), fixture.actors.customer),
    );
    expect(error.details.reason).toBe('slot_taken');
  });

  it('books any qualified free stylist when none is named', async () => {
    const result = await call('bookAppointment', bookingData({ staffId: undefined, start: fixture.at(WEDNESDAY, '10:00').toISOString() }), fixture.actors.customer);
    // Anna is taken at 10:00; Ola offers the service and is free; Kasia does only manicures.
    expect(result.appointment.staffId).toBe(fixture.salon.staffIds.ola);
  });

  it('refuses a time outside working hours as not bookable, with alternatives', async () => {
    const error = await failureOf(call('bookAppointment', bookingData({ start: fixture.at(WEDNESDAY, '18:00').toISOString() }), fixture.actors.customer));
    expect(error.code).toBe('failed-precondition');
    expect(error.details.reason).toBe('not_bookable');
    expect(error.details.alternatives.length).toBeGreaterThan(0);
  });

  it('holds customers to the minimum notice but lets staff book at short notice', async () => {
    // Now is Monday 09:00 in Warsaw; the salon asks for 60 minutes' notice.
    const soon = bookingData({ start: fixture.at('2026-06-08', '09:30').toISOString() });
    const refused = await failureOf(call('bookAppointment', soon, fixture.actors.customer));
    expect(refused.details.reason).toBe('not_bookable');
    const booked = await call('bookAppointment', soon, fixture.actors.stylist);
    expect(booked.created).toBe(true);
  });

  it('returns the same appointment when a request is retried with the same requestId', async () => {
    const data = bookingData({ requestId: 'form-7f3a9c21' });
    const first = await call('bookAppointment', data, fixture.actors.customer);
    const retry = await call('bookAppointment', data, fixture.actors.customer);
    expect(retry.created).toBe(false);
    expect(retry.appointment.appointmentId).toBe(first.appointment.appointmentId);
    const sameSlot = await fixture.db
      .collection(COLLECTIONS.appointments)
      .where('staffId', '==', fixture.salon.staffIds.anna)
      .where('start', '==', fixture.at(WEDNESDAY, '11:00'))
      .get();
    expect(sameSlot.size).toBe(1);
  });

  it('refuses reusing a requestId for a different booking', async () => {
    await call('bookAppointment', bookingData({ requestId: 'form-7f3a9c21' }), fixture.actors.customer);
    const error = await failureOf(call('bookAppointment', bookingData({ requestId: 'form-7f3a9c21', start: fixture.at(WEDNESDAY, '14:00').toISOString() }), fixture.actors.customer));
    expect(error.code).toBe('already-exists');
    expect(error.details).toMatchObject({ reason: 'request_id_reused', field: 'requestId' });
  });

  it('names the offending field of an invalid request', async () => {
    const noOffset = await failureOf(call('bookAppointment', bookingData({ start: '2026-06-10T11:00:00' }), fixture.actors.customer));
    expect(noOffset.code).toBe('invalid-argument');
    expect(noOffset.message).toMatch(/^start: /);
    const unknown = await failureOf(call('bookAppointment', bookingData({ price: 10 }), fixture.actors.customer));
    expect(unknown.message).toBe('price: unknown field');
    const manicurist = await failureOf(call('bookAppointment', bookingData({ staffId: fixture.salon.staffIds.kasia }), fixture.actors.customer));
    expect(manicurist.code).toBe('invalid-argument');
    expect(manicurist.details).toEqual({ field: 'staffId' });
  });

  it('answers unknown services and staff members with not-found', async () => {
    expect((await failureOf(call('bookAppointment', bookingData({ serviceId: 'nope' }), fixture.actors.customer))).code).toBe('not-found');
    expect((await failureOf(call('bookAppointment', bookingData({ staffId: 'nope' }), fixture.actors.customer))).code).toBe('not-found');
  });

  it('requires a signed-in caller with a role at the business', async () => {
    expect((await failureOf(call('bookAppointment', bookingData()))).code).toBe('unauthenticated');
    expect((await failureOf(call('bookAppointment', bookingData(), { uid: 'no-claims', token: {} }))).code).toBe('permission-denied');
    expect((await failureOf(call('bookAppointment', bookingData(), fixture.actors.stranger))).code).toBe('permission-denied');
  });

  it('does not let a customer book in someone else\'s name', async () => {
    const error = await failureOf(call('bookAppointment', bookingData({ customerUid: 'someone-else' }), fixture.actors.customer));
    expect(error.code).toBe('permission-denied');
  });

  it('lets exactly one of several concurrent calls through the handler win an overlapping slot', async () => {
    const customers = Array.from({ length: 5 }, (_, i) => ({ uid: `c${i}`, businessId: fixture.salon.businessId, role: 'customer' as const }));
    const results = await Promise.allSettled(
      customers.map((customer, i) => call('bookAppointment', bookingData({ start: fixture.at(WEDNESDAY, i % 2 ? '11:15' : '11:00').toISOString() }), customer)),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(result.reason.code).toBe('already-exists');
    }
  });
});
