import { BookingError, bookAppointment, type Actor } from '../../src/booking';
import { appointmentIdForRequest } from '../../src/booking/document-ids';
import { COLLECTIONS, LIVE_STATUSES } from '../../src/model';
import { bookingFixture } from './booking-fixture';
import { calendarFixture } from './calendar-fixture';

const fixture = bookingFixture();
const calendars = calendarFixture();

const WEDNESDAY = '2026-06-10';
const ANNA_EMAIL = 'anna@studio-bella.example';

describe('twenty customers after one stylist at overlapping times', () => {
  it('books exactly one, refuses the other nineteen with alternatives, and the calendar ends with one event', async () => {
    const { businessId, staffIds, serviceIds } = fixture.salon;
    await calendars.connect(fixture.db, businessId, staffIds.anna, ANNA_EMAIL);

    // Women's haircut: 45 minutes + 15 of clean-up. Starts 11:00–11:45 all overlap one another.
    const starts = ['11:00', '11:15', '11:30', '11:45'];
    const requests = Array.from({ length: 20 }, (_, i) => {
      const customer: Actor = { uid: `customer-${i}`, businessId, role: 'customer' };
      const request = {
        businessId,
        serviceId: serviceIds.womensHaircut,
        staffId: staffIds.anna,
        start: fixture.at(WEDNESDAY, starts[i % starts.length]!),
        customer: { name: `Customer ${i}` },
        requestId: `booking-form-${i}`,
      };
      return { customer, request };
    });

    const results = await Promise.allSettled(requests.map(({ customer, request }) => bookAppointment(fixture.deps, customer, request)));

    const booked = results.filter((result) => result.status === 'fulfilled');
    const refused = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(booked).toHaveLength(1);
    expect(refused).toHaveLength(19);
    for (const { reason } of refused) {
      expect(reason).toBeInstanceOf(BookingError);
      expect(reason.reason).toBe('slot_taken');
      expect(reason.alternatives.length).toBeGreaterThan(0);
      // Anna's own nearest free times come first.
      expect(reason.alternatives[0].staffId).toBe(staffIds.anna);
    }

    const live = await fixture.db
      .collection(COLLECTIONS.appointments)
      .where('staffId', '==', staffIds.anna)
      .where('start', '>=', fixture.at(WEDNESDAY, '11:00'))
      .where('start', '<', fixture.at(WEDNESDAY, '12:00'))
      .get();
    expect(live.docs.filter((doc) => LIVE_STATUSES.includes(doc.get('status')))).toHaveLength(1);

    // What the appointment trigger does after each write: sync every id the requests could have created.
    const attemptedIds = requests.map(({ customer, request }) => appointmentIdForRequest(customer.uid, businessId, request.requestId));
    await calendars.sync(fixture.db, fixture.deps.clock, attemptedIds);
    const events = calendars.events(ANNA_EMAIL, fixture.at(WEDNESDAY, '00:00'), fixture.at('2026-06-11', '00:00'));
    expect(events).toHaveLength(1);
    const winner = (booked[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof bookAppointment>>>).value;
    expect(Date.parse(events[0]!.start!.dateTime!)).toBe(winner.appointment.start.getTime());
  });
});
