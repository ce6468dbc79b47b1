import { getAvailability, holdSlot } from '../../src/booking';
import { COLLECTIONS, externalBusySchema } from '../../src/model';
import { bookingFixture, failureOf } from './booking-fixture';

const fixture = bookingFixture();
const WEDNESDAY = '2026-06-10';

const iso = (time: string, date = WEDNESDAY) => fixture.at(date, time).toISOString().replace('.000', '');

async function starts(actor = fixture.actors.customer, staff: 'anna' | 'ola' | 'anyone' = 'anna', date = WEDNESDAY) {
  const answer = await getAvailability(fixture.deps, actor, {
    businessId: fixture.salon.businessId,
    serviceId: fixture.salon.serviceIds.womensHaircut,
    staffId: staff === 'anyone' ? undefined : fixture.salon.staffIds[staff],
    from: date,
    to: date,
  });
  return answer.slots.map((slot) => slot.start);
}

describe('getAvailability', () => {
  it('leaves out times whose block would overlap an appointment and its buffers', async () => {
    // Demo: Anna 10:00–10:45 women's haircut + 15 clean-up. A 45+15 block may end at 10:00 sharp.
    const annas = await starts();
    expect(annas).toContain(iso('09:00'));
    expect(annas).not.toContain(iso('09:15'));
    expect(annas).not.toContain(iso('10:45'));
    expect(annas).toContain(iso('11:00'));
    // Her lunch break 13:00–13:30 and her end of day at 17:00 hold too.
    expect(annas).not.toContain(iso('12:30'));
    expect(annas).toContain(iso('16:15'));
    expect(annas).not.toContain(iso('16:30'));
  });

  it('treats time busy in the stylist\'s own calendar as taken', async () => {
    const busy = externalBusySchema.parse({
      businessId: fixture.salon.businessId,
      staffId: fixture.salon.staffIds.anna,
      connectionId: 'google_anna_primary',
      start: fixture.at(WEDNESDAY, '14:00'),
      end: fixture.at(WEDNESDAY, '15:00'),
      sourceEventId: 'dentist',
    });
    await fixture.db.collection(COLLECTIONS.externalBusy).doc('google_anna_primary__dentist').set(busy);
    const annas = await starts();
    expect(annas).not.toContain(iso('13:45'));
    expect(annas).not.toContain(iso('14:30'));
    expect(annas).toContain(iso('15:00'));
  });

  it('lists slots of every stylist who offers the service when none is named', async () => {
    const answer = await getAvailability(fixture.deps, fixture.actors.customer, {
      businessId: fixture.salon.businessId,
      serviceId: fixture.salon.serviceIds.womensHaircut,
      from: WEDNESDAY,
      to: WEDNESDAY,
    });
    const { anna, ola } = fixture.salon.staffIds;
    expect(answer.slots.find((slot) => slot.start === iso('10:00'))?.staffIds).toEqual([ola]);
    expect(answer.slots.find((slot) => slot.start === iso('11:00'))?.staffIds).toEqual([anna, ola]);
    expect(answer.excludedStaff).toEqual([]);
  });

  it('shows a hold as taken to others but free to its holder', async () => {
    await holdSlot(fixture.deps, fixture.actors.customer, {
      businessId: fixture.salon.businessId,
      serviceId: fixture.salon.serviceIds.womensHaircut,
      staffId: fixture.salon.staffIds.anna,
      start: fixture.at(WEDNESDAY, '11:00'),
    });
    expect(await starts(fixture.actors.otherCustomer)).not.toContain(iso('11:00'));
    expect(await starts(fixture.actors.customer)).toContain(iso('11:00'));
  });

  it('applies the minimum notice to customers but not to staff', async () => {
    // Monday 09:00 local now; 60 minutes' notice.
    const today = '2026-06-08';
    expect(await starts(fixture.actors.customer, 'anna', today)).not.toContain(iso('09:30', today));
    expect(await starts(fixture.actors.customer, 'anna', today)).toContain(iso('10:00', today));
    expect(await starts(fixture.actors.manager, 'anna', today)).toContain(iso('09:30', today));
  });

  it('offers nothing on a closure day', async () => {
    expect(await starts(fixture.actors.customer, 'ola', '2026-08-15')).toEqual([]);
  });

  it('refuses a stylist who does not offer the service, and callers from other businesses', async () => {
    const request = {
      businessId: fixture.salon.businessId,
      serviceId: fixture.salon.serviceIds.womensHaircut,
      staffId: fixture.salon.staffIds.kasia,
      from: WEDNESDAY,
      to: WEDNESDAY,
    };
    expect((await failureOf(getAvailability(fixture.deps, fixture.actors.customer, request))).path).toBe('staffId');
    expect((await failureOf(getAvailability(fixture.deps, fixture.actors.stranger, request))).code).toBe('permission_denied');
  });
});
