import { getAvailability } from '../../src/booking';
import { instantAtLocalTime } from '../../src/booking/local-dates';
import { handleConnectionChange, pollCalendars } from '../../src/inbound';
import { COLLECTIONS, inboundSyncSchema } from '../../src/model';
import { syncAppointment } from '../../src/sync/sync-appointment';
import { ProviderError } from '../../src/errors';
import { sandboxTokenSource } from '../support/salon-fixture';
import { calendarBusy, clipped, merged } from './calendar-oracle';
import { inboundFixture, nextWeekday } from './inbound-fixture';

const ZONE = 'Europe/Warsaw';
const fx = inboundFixture();
const local = (date: string, time: string) => ({ dateTime: `${date}T${time}:00`, timeZone: ZONE });
const pad = (n: number) => String(n).padStart(2, '0');

/** 120 personal events over the coming weeks: three pages of 50. */
function fillCalendar(): string[] {
  const ids: string[] = [];
  for (let i = 0; i < 120; i += 1) {
    const date = nextWeekday(fx.clock.now(), (i % 5) + 1, Math.floor(i / 5));
    const hour = 9 + (i % 3) * 3;
    ids.push(String(fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: `Private ${i}`, start: local(date, `${pad(hour)}:00`), end: local(date, `${pad(hour)}:30`) }).id));
  }
  return ids;
}

const sandboxTokens = () => sandboxTokenSource(fx.sandbox, fx.salon);
const reads = (fromEntry = 0) =>
  fx.deps.log.entries.slice(fromEntry).filter((entry) => entry.event === 'inbound.synced').map((entry) => entry.fields as { full: boolean; events: number; fullReason?: string });
const listRequests = () => fx.sandbox.requestCounts()['calendar.events.list'] ?? 0;
const state = async () => inboundSyncSchema.parse((await fx.db.collection(COLLECTIONS.inboundSync).doc(fx.connectionOf()).get()).data());

async function expectBusyMatchesCalendar(): Promise<void> {
  const from = fx.clock.now();
  const to = new Date(from.getTime() + 200 * 86_400_000);
  const imported = clipped((await fx.busyOf()).map((busy) => ({ start: busy.start.getTime(), end: busy.end.getTime() })), from, to);
  expect(merged(imported)).toEqual(merged(await calendarBusy(fx.sandbox, fx.calendarOf(), from, to)));
}

beforeEach(() => fx.configure({ pageSize: 50 }));

test('after the initial full read, every notification reads only what changed: requests and entries follow the changes, not the calendar size', async () => {
  const ids = fillCalendar();
  await handleConnectionChange(fx.deps, fx.connectionOf());
  await fx.settle();
  expect(reads()).toEqual([expect.objectContaining({ full: true, fullReason: 'first', events: 120 })]);
  expect(listRequests()).toBe(3);
  expect(await fx.busyOf()).toHaveLength(120);

  fx.sandbox.resetRequestCounts();
  const logged = fx.deps.log.entries.length;
  const date = nextWeekday(fx.clock.now(), 3, 2);
  fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: 'New', start: local(date, '16:00'), end: local(date, '17:00') });
  fx.sandbox.owner.moveEvent(fx.calendarOf(), ids[7]!, { start: local(date, '08:00'), end: local(date, '08:30') });
  fx.sandbox.owner.deleteEvent(fx.calendarOf(), ids[8]!);
  await fx.settle();

  const incremental = reads(logged);
  expect(incremental.length).toBeGreaterThanOrEqual(1);
  expect(incremental.every((read) => !read.full)).toBe(true);
  // Each change is read exactly once, whatever the number of rounds the notifications caused.
  expect(incremental.reduce((sum, read) => sum + read.events, 0)).toBe(3);
  expect(listRequests()).toBe(incremental.length);
  expect(incremental.length).toBeLessThanOrEqual(3);
  expect(await fx.busyOf()).toHaveLength(120);
  await expectBusyMatchesCalendar();
});

test('an expired sync token is recovered by one full resync, without duplicates, and reads are incremental again after it', async () => {
  const ids = fillCalendar();
  await handleConnectionChange(fx.deps, fx.connectionOf());
  await fx.settle();
  const before = (await fx.busyOf()).length;

  fx.sandbox.expireSyncTokens(fx.calendarOf());
  fx.sandbox.resetRequestCounts();
  let logged = fx.deps.log.entries.length;
  fx.sandbox.owner.moveEvent(fx.calendarOf(), ids[0]!, { start: local(nextWeekday(fx.clock.now(), 2, 3), '15:00'), end: local(nextWeekday(fx.clock.now(), 2, 3), '16:00') });
  await fx.settle();
  expect(fx.deps.log.entries.slice(logged).filter((entry) => entry.event === 'inbound.full_resync')).toHaveLength(1);
  expect(reads(logged)).toEqual([expect.objectContaining({ full: true, fullReason: 'token_expired', events: 120 })]);
  // The 410 answer, then three pages.
  expect(listRequests()).toBe(4);
  const busy = await fx.busyOf();
  expect(busy).toHaveLength(before);
  expect(new Set(busy.map((b) => b.sourceEventId)).size).toBe(before);
  await expectBusyMatchesCalendar();

  fx.sandbox.resetRequestCounts();
  logged = fx.deps.log.entries.length;
  fx.sandbox.owner.deleteEvent(fx.calendarOf(), ids[1]!);
  await fx.settle();
  expect(reads(logged)).toEqual([expect.objectContaining({ full: false, events: 1 })]);
  expect(listRequests()).toBe(1);
  expect(await fx.busyOf()).toHaveLength(before - 1);
});

test('a failed read changes nothing: busy time stays, appointments are untouched, and stale data leaves the stylist out of availability with the reason until a read succeeds', async () => {
  await handleConnectionChange(fx.deps, fx.connectionOf());
  const tuesday = nextWeekday(fx.clock.now(), 2, 1);
  const dentist = fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: 'Dentist', start: local(tuesday, '10:00'), end: local(tuesday, '11:00') });
  const appointmentStart = instantAtLocalTime(tuesday, '15:00', ZONE);
  await fx.db.collection(COLLECTIONS.appointments).doc('a1').set({
    businessId: fx.salon.businessId,
    staffId: fx.salon.staffIds[0],
    serviceId: fx.salon.serviceId,
    start: appointmentStart,
    end: new Date(appointmentStart.getTime() + 45 * 60_000),
    status: 'booked',
    customer: { name: 'Ewa Nowak' },
    notes: '',
    version: 1,
  });
  await syncAppointment(fx.sync, 'a1');
  await fx.settle();
  expect(await fx.busyOf()).toHaveLength(1);
  const lastSuccess = (await state()).lastSuccessAt!;

  // The stylist deletes the dentist, but reading the calendar fails (every in-call retry too).
  fx.sandbox.faults.enqueue(...Array.from({ length: 3 }, () => ({ name: '500' as const, route: 'calendar.events.list' })));
  fx.sandbox.owner.deleteEvent(fx.calendarOf(), String(dentist.id));
  await fx.settle();
  expect(await fx.busyOf()).toHaveLength(1);
  expect(await state()).toMatchObject({ lastSuccessAt: lastSuccess, lastErrorCode: 'unavailable', consecutiveFailures: 1 });
  expect((await fx.db.collection(COLLECTIONS.appointments).doc('a1').get()).get('status')).toBe('booked');

  fx.clock.advance(61 * 60_000);
  const request = { businessId: fx.salon.businessId, serviceId: fx.salon.serviceId, staffId: fx.salon.staffIds[0]!, from: tuesday, to: tuesday };
  const stale = await getAvailability(fx.booking, fx.manager, request);
  expect(stale.slots).toEqual([]);
  expect(stale.excludedStaff).toEqual([{ staffId: fx.salon.staffIds[0], reason: 'busy_data_stale', detail: expect.stringMatching(/last read 61 minutes ago \(the limit is 60\)/) }]);

  const report = await pollCalendars(fx.deps);
  expect(report).toMatchObject({ checked: 1, read: 1, failed: 0 });
  expect(await fx.busyOf()).toEqual([]);
  const fresh = await getAvailability(fx.booking, fx.manager, request);
  expect(fresh.excludedStaff).toEqual([]);
  expect(fresh.slots.length).toBeGreaterThan(0);
  expect((await fx.db.collection(COLLECTIONS.appointments).doc('a1').get()).get('status')).toBe('booked');
});

test('a full resync that fails after its first page deletes nothing: a partial read is never taken for the whole calendar', async () => {
  fillCalendar();
  await handleConnectionChange(fx.deps, fx.connectionOf());
  await fx.settle();
  const before = await fx.busyOf();
  expect(before).toHaveLength(120);

  // The 410, the first page, then the access token cannot be had for the second page (nor in
  // the two retries of that page).
  let calls = 0;
  const tokens = sandboxTokens();
  fx.configure({
    pageSize: 50,
    tokens: {
      async getAccessToken(connectionId, options) {
        calls += 1;
        if (calls > 2) throw new ProviderError('google', 'unavailable', 'token endpoint unavailable', { retryable: true });
        return tokens.getAccessToken(connectionId, options);
      },
    },
  });
  fx.sandbox.expireSyncTokens(fx.calendarOf());
  fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: 'New', start: local(nextWeekday(fx.clock.now(), 1, 2), '18:00'), end: local(nextWeekday(fx.clock.now(), 1, 2), '19:00') });
  await fx.settle();
  expect(calls).toBe(5);
  expect(await fx.busyOf()).toEqual(before);
  expect(await state()).toMatchObject({ lastErrorCode: 'unavailable', consecutiveFailures: 1 });
});
