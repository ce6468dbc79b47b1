import { loadBookingContext, staffEntry } from '../../src/booking/booking-context';
import { runEngine, staffFreeAt } from '../../src/booking/compute-slots';
import { localDateOf } from '../../src/booking/local-dates';
import { readAppointment } from '../../src/store/catalog-store';
import { seedDemoSalon } from '../../stack/seed-demo-salon';
import { bookingFixture } from './booking-fixture';

const fixture = bookingFixture();

describe('seedDemoSalon', () => {
  it('writes a salon whose every document reads back through its schema', async () => {
    const { businessId, serviceIds } = fixture.salon;
    const context = await loadBookingContext(fixture.db, businessId, serviceIds.womensHaircut);
    expect(context.business.name).toBe('Studio Bella');
    expect(context.business.timeZone).toBe('Europe/Warsaw');
    expect(context.staff).toHaveLength(3);
    expect(context.services.size).toBe(4);
    expect(context.qualified.map((entry) => entry.id).sort()).toEqual([fixture.salon.staffIds.anna, fixture.salon.staffIds.ola].sort());
  });

  it('places each demo appointment inside its stylist\'s working time', async () => {
    for (const appointmentId of fixture.salon.appointmentIds) {
      const appointment = (await readAppointment(fixture.db, appointmentId))!;
      const context = await loadBookingContext(fixture.db, fixture.salon.businessId, appointment.serviceId);
      const date = localDateOf(appointment.start, context.business.timeZone);
      const result = runEngine({
        business: context.business,
        service: context.service,
        staff: [staffEntry(context, appointment.staffId)],
        busy: [],
        now: fixture.clock.now,
        range: { from: date, to: date },
        minNoticeMinutes: 0,
      });
      expect({ appointmentId, free: staffFreeAt(result, appointment.start) }).toEqual({ appointmentId, free: [appointment.staffId] });
    }
  });

  it('can be written again over itself', async () => {
    const again = await seedDemoSalon(fixture.db, { now: fixture.clock.now });
    expect(again).toEqual(fixture.salon);
  });
});
