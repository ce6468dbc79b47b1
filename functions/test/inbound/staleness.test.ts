import { getAvailability } from '../../src/booking';
import { instantAtLocalTime } from '../../src/booking/local-dates';
import { handleConnectionChange, pollCalendars } from '../../src/inbound';
import { COLLECTIONS } from '../../src/model';
import { inboundFixture, nextWeekday } from './inbound-fixture';

/** Fail closed: a stylist is not offered while their calendar may hold events we have not seen. */
const ZONE = 'Europe/Warsaw';
const fx = inboundFixture();
const local = (date: string, time: string) => ({ dateTime: `${date}T${time}:00`, timeZone: ZONE });
let tuesday: string;
const availability = () =>
  getAvailability(fx.booking, fx.manager, { businessId: fx.salon.businessId, serviceId: fx.salon.serviceId, staffId: fx.salon.staffIds[0]!, from: tuesday, to: tuesday });

beforeEach(async () => {
  tuesday = nextWeekday(fx.clock.now(), 2, 1);
  await handleConnectionChange(fx.deps, fx.connectionOf());
  fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: 'Dentist', start: local(tuesday, '10:00'), end: local(tuesday, '11:00') });
  await fx.settle();
  expect(await fx.busyOf()).toHaveLength(1);
});

test('a calendar that lost its authorization keeps blocking with its last busy time, and once that is older than the limit the stylist is left out', async () => {
  await fx.db.collection(COLLECTIONS.calendarConnections).doc(fx.connectionOf()).update({ status: 'needs_reauth' });
  await handleConnectionChange(fx.deps, fx.connectionOf());

  fx.clock.advance(30 * 60_000);
  const recent = await availability();
  expect(recent.excludedStaff).toEqual([]);
  const dentist = instantAtLocalTime(tuesday, '10:00', ZONE).getTime();
  expect(recent.slots.some((slot) => new Date(slot.start).getTime() === dentist)).toBe(false);
  expect(recent.slots.length).toBeGreaterThan(0);

  // Nothing is read from it any more (no poll, no push): after the limit nothing is known.
  fx.clock.advance(31 * 60_000);
  expect(await pollCalendars(fx.deps)).toMatchObject({ checked: 0 });
  const stale = await availability();
  expect(stale.slots).toEqual([]);
  expect(stale.excludedStaff).toEqual([
    { staffId: fx.salon.staffIds[0], reason: 'busy_data_stale', detail: expect.stringMatching(/last read 61 minutes ago \(the limit is 60\) and needs to be reconnected/) },
  ]);
});

test('a stylist whose calendar was imported only up to a horizon short of how far bookings reach is left out until a read rolls the horizon on', async () => {
  // The salon lets customers book further ahead than the last full read covered.
  await fx.db.collection(COLLECTIONS.businesses).doc(fx.salon.businessId).update({ maxAdvanceDays: 500 });
  const short = await availability();
  expect(short.slots).toEqual([]);
  expect(short.excludedStaff).toEqual([{ staffId: fx.salon.staffIds[0], reason: 'busy_data_stale', detail: expect.stringMatching(/has been read only up to \d{4}-\d{2}-\d{2}/) }]);

  fx.clock.advance(6 * 60_000);
  expect(await pollCalendars(fx.deps)).toMatchObject({ read: 1 });
  const logged = fx.deps.log.entries.filter((entry) => entry.event === 'inbound.synced').pop();
  expect(logged?.fields).toMatchObject({ full: true, fullReason: 'horizon' });
  const rolled = await availability();
  expect(rolled.excludedStaff).toEqual([]);
  expect(rolled.slots.length).toBeGreaterThan(0);
});
