import { getAvailability } from '../../src/booking';
import { instantAtLocalTime } from '../../src/booking/local-dates';
import { handleConnectionChange } from '../../src/inbound';
import { calendarBusy, clipped, merged, nextOffsetChange, wallClock } from './calendar-oracle';
import { inboundFixture, nextWeekday } from './inbound-fixture';

const ZONE = 'Europe/Warsaw';
const fx = inboundFixture();
const at = (date: string, time: string) => instantAtLocalTime(date, time, ZONE);
const local = (date: string, time: string) => ({ dateTime: `${date}T${time}:00`, timeZone: ZONE });

/** externalBusy, joined, equals what the calendar's own free/busy says — over the next 200 days. */
async function expectBusyMatchesCalendar(): Promise<void> {
  const from = fx.clock.now();
  const to = new Date(from.getTime() + 200 * 86_400_000);
  const imported = clipped((await fx.busyOf()).map((busy) => ({ start: busy.start.getTime(), end: busy.end.getTime() })), from, to);
  expect(merged(imported)).toEqual(merged(await calendarBusy(fx.sandbox, fx.calendarOf(), from, to)));
}

async function slotStarts(date: string): Promise<string[]> {
  const answer = await getAvailability(fx.booking, fx.manager, {
    businessId: fx.salon.businessId,
    serviceId: fx.salon.serviceId,
    staffId: fx.salon.staffIds[0]!,
    from: date,
    to: date,
  });
  expect(answer.excludedStaff).toEqual([]);
  return answer.slots.map((slot) => wallClock(new Date(slot.start), ZONE));
}

beforeEach(async () => {
  const result = await handleConnectionChange(fx.deps, fx.connectionOf());
  expect(result).toMatchObject({ status: 'active', channel: 'opened', read: 'synced' });
  await fx.settle();
});

test('a personal event added, moved and deleted by the stylist is busy time matching the calendar after each notification, and availability leaves it out', async () => {
  const tuesday = nextWeekday(fx.clock.now(), 2, 1);
  // Haircut: 45 min + 15 min clean-up, so a 10:00–11:00 dentist blocks starts from 09:15 to 10:45.
  expect(await slotStarts(tuesday)).toEqual(expect.arrayContaining(['09:00', '09:15', '10:00', '10:45', '11:00']));

  const dentist = fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: 'Dentist', start: local(tuesday, '10:00'), end: local(tuesday, '11:00') });
  await fx.settle();
  // It arrived by push: the channel's notification was accepted and caused the read.
  const pushed = fx.sandbox.notifications().filter((delivery) => delivery.meta.resourceState === 'exists');
  expect(pushed.length).toBeGreaterThan(0);
  expect(pushed.every((delivery) => delivery.status === 200)).toBe(true);
  expect(await fx.busyOf()).toMatchObject([{ start: at(tuesday, '10:00'), end: at(tuesday, '11:00'), allDay: false, sourceEventId: dentist.id }]);
  await expectBusyMatchesCalendar();
  let starts = await slotStarts(tuesday);
  expect(starts).toContain('09:00');
  expect(starts).toContain('11:00');
  for (const blocked of ['09:15', '09:30', '10:00', '10:30', '10:45']) expect(starts).not.toContain(blocked);

  fx.sandbox.owner.moveEvent(fx.calendarOf(), String(dentist.id), { start: local(tuesday, '14:00'), end: local(tuesday, '15:30') });
  await fx.settle();
  expect(await fx.busyOf()).toMatchObject([{ start: at(tuesday, '14:00'), end: at(tuesday, '15:30') }]);
  await expectBusyMatchesCalendar();
  starts = await slotStarts(tuesday);
  expect(starts).toEqual(expect.arrayContaining(['10:00', '10:45', '13:00']));
  for (const blocked of ['13:15', '14:00', '15:15']) expect(starts).not.toContain(blocked);

  fx.sandbox.owner.deleteEvent(fx.calendarOf(), String(dentist.id));
  await fx.settle();
  expect(await fx.busyOf()).toEqual([]);
  await expectBusyMatchesCalendar();
  expect(await slotStarts(tuesday)).toEqual(expect.arrayContaining(['10:00', '14:00']));
});

test('a recurring event blocks every occurrence at its local time across a DST change, and edits of one occurrence or the series follow the calendar', async () => {
  const change = nextOffsetChange(fx.clock.now(), ZONE);
  // A Wednesday series from two weeks before the clocks change to two weeks after.
  const firstWednesday = nextWeekday(new Date(Date.parse(`${change}T00:00:00Z`) - 15 * 86_400_000), 3);
  const series = fx.sandbox.owner.createEvent(fx.calendarOf(), {
    summary: 'Physiotherapy',
    start: local(firstWednesday, '12:00'),
    end: local(firstWednesday, '13:00'),
    recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'],
  });
  await fx.settle();
  let busy = await fx.busyOf();
  expect(busy).toHaveLength(4);
  expect(busy.map((b) => wallClock(b.start, ZONE))).toEqual(['12:00', '12:00', '12:00', '12:00']);
  // The same local time is a different UTC hour on either side of the change.
  expect(new Set(busy.map((b) => b.start.getUTCHours())).size).toBe(2);
  expect(new Set(busy.map((b) => b.seriesId))).toEqual(new Set([series.id]));
  await expectBusyMatchesCalendar();
  const wednesdays = busy.map((b) => b.start.toISOString().slice(0, 10));
  const afterChange = wednesdays[3]!;
  let starts = await slotStarts(afterChange);
  expect(starts).toContain('11:00');
  for (const blocked of ['11:15', '12:00', '12:45']) expect(starts).not.toContain(blocked);

  // One occurrence moved, another cancelled.
  fx.sandbox.owner.modifyInstance(fx.calendarOf(), String(series.id), busy[3]!.start, { start: local(afterChange, '16:00'), end: local(afterChange, '17:00') });
  fx.sandbox.owner.cancelInstance(fx.calendarOf(), String(series.id), busy[1]!.start);
  await fx.settle();
  busy = await fx.busyOf();
  expect(busy.map((b) => [b.start.toISOString().slice(0, 10), wallClock(b.start, ZONE)])).toEqual([
    [wednesdays[0], '12:00'],
    [wednesdays[2], '12:00'],
    [afterChange, '16:00'],
  ]);
  await expectBusyMatchesCalendar();
  starts = await slotStarts(afterChange);
  expect(starts).toContain('12:00');
  expect(starts).not.toContain('16:00');

  fx.sandbox.owner.deleteEvent(fx.calendarOf(), String(series.id));
  await fx.settle();
  expect(await fx.busyOf()).toEqual([]);
  await expectBusyMatchesCalendar();
});

test('an all-day event marked busy blocks the whole salon day; free events and declined invitations block nothing', async () => {
  const thursday = nextWeekday(fx.clock.now(), 4, 1);
  const friday = nextWeekday(fx.clock.now(), 5, 1);
  fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: 'Day off', start: { date: thursday }, end: { date: friday } });
  fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: 'Birthday', start: { date: friday }, end: { date: nextWeekday(fx.clock.now(), 6, 1) }, transparency: 'transparent' });
  fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: 'Reminder', start: local(friday, '10:00'), end: local(friday, '11:00'), transparency: 'transparent' });
  fx.sandbox.owner.createEvent(fx.calendarOf(), {
    summary: 'Team lunch',
    start: local(friday, '12:00'),
    end: local(friday, '13:00'),
    attendees: [{ email: fx.calendarOf(), self: true, responseStatus: 'declined' }],
  });
  await fx.settle();
  expect(await fx.busyOf()).toMatchObject([{ start: at(thursday, '00:00'), end: at(friday, '00:00'), allDay: true }]);
  expect(await slotStarts(thursday)).toEqual([]);
  expect(await slotStarts(friday)).toEqual(expect.arrayContaining(['09:00', '10:00', '12:00', '17:00']));
});
