import type { calendar_v3 } from '@googleapis/calendar';
import { startGoogleSandbox, type GoogleSandbox } from './google-sandbox';
import { connectedCalendar } from './sandbox-clients';

const ANNA = 'anna@salon.test';
let sandbox: GoogleSandbox;
let api: calendar_v3.Calendar;

beforeAll(async () => {
  sandbox = await startGoogleSandbox({ startTime: '2026-03-01T08:00:00Z' });
});
beforeEach(() => {
  sandbox.reset();
  sandbox.addAccount({ email: ANNA, timeZone: 'Europe/Warsaw' });
  api = connectedCalendar(sandbox, ANNA).calendar;
});
afterAll(() => sandbox.stop());

const weeklyTenOClock = (extra: string[] = []): calendar_v3.Schema$Event => ({
  summary: 'Standing appointment',
  start: { dateTime: '2026-03-17T10:00:00', timeZone: 'Europe/Warsaw' },
  end: { dateTime: '2026-03-17T11:00:00', timeZone: 'Europe/Warsaw' },
  recurrence: ['RRULE:FREQ=WEEKLY;COUNT=6', ...extra],
});

const expand = async (params: calendar_v3.Params$Resource$Events$List = {}) =>
  (await api.events.list({ calendarId: 'primary', singleEvents: true, orderBy: 'startTime', ...params })).data.items ?? [];

test('singleEvents expands a weekly Warsaw series at 10:00 local across the DST change, honouring EXDATE and overrides', async () => {
  const { data: series } = await api.events.insert({
    calendarId: 'primary',
    requestBody: weeklyTenOClock(['EXDATE;TZID=Europe/Warsaw:20260407T100000']),
  });
  // The stylist moves one instance to 12:00 and cancels another in Google Calendar.
  sandbox.owner.modifyInstance(ANNA, series.id!, '2026-03-24T09:00:00Z', {
    start: { dateTime: '2026-03-24T12:00:00+01:00' },
    end: { dateTime: '2026-03-24T13:00:00+01:00' },
  });
  sandbox.owner.cancelInstance(ANNA, series.id!, '2026-04-14T08:00:00Z');

  const instances = await expand();
  expect(instances.map((e) => [e.id, e.start?.dateTime, e.recurringEventId, e.originalStartTime?.dateTime])).toEqual([
    [`${series.id}_20260317T090000Z`, '2026-03-17T10:00:00+01:00', series.id, '2026-03-17T10:00:00+01:00'],
    [`${series.id}_20260324T090000Z`, '2026-03-24T12:00:00+01:00', series.id, '2026-03-24T10:00:00+01:00'],
    [`${series.id}_20260331T080000Z`, '2026-03-31T10:00:00+02:00', series.id, '2026-03-31T10:00:00+02:00'],
    [`${series.id}_20260421T080000Z`, '2026-04-21T10:00:00+02:00', series.id, '2026-04-21T10:00:00+02:00'],
  ]);
  expect(instances.every((e) => e.recurrence === undefined && e.summary === 'Standing appointment')).toBe(true);

  const withDeleted = await expand({ showDeleted: true });
  expect(withDeleted.find((e) => e.id === `${series.id}_20260414T080000Z`)).toMatchObject({ status: 'cancelled', recurringEventId: series.id });
});

test('without singleEvents the series is one item, with its exceptions listed beside it', async () => {
  const { data: series } = await api.events.insert({ calendarId: 'primary', requestBody: weeklyTenOClock() });
  sandbox.owner.cancelInstance(ANNA, series.id!, '2026-03-31T08:00:00Z');

  const { data } = await api.events.list({ calendarId: 'primary' });
  expect(data.items?.map((e) => [e.id, e.status, e.recurrence?.length ?? 0])).toEqual([
    [series.id, 'confirmed', 1],
    [`${series.id}_20260331T080000Z`, 'cancelled', 0],
  ]);
});

test('patching an instance id through the API creates an exception; deleting one cancels just it', async () => {
  const { data: series } = await api.events.insert({ calendarId: 'primary', requestBody: weeklyTenOClock() });
  const instanceId = `${series.id}_20260331T080000Z`;

  const moved = await api.events.patch({
    calendarId: 'primary',
    eventId: instanceId,
    requestBody: { start: { dateTime: '2026-03-31T15:00:00+02:00' }, end: { dateTime: '2026-03-31T16:00:00+02:00' } },
  });
  expect(moved.data).toMatchObject({ id: instanceId, recurringEventId: series.id, originalStartTime: { dateTime: '2026-03-31T10:00:00+02:00' } });
  await api.events.delete({ calendarId: 'primary', eventId: `${series.id}_20260407T080000Z` });

  const { data } = await api.events.instances({ calendarId: 'primary', eventId: series.id! });
  expect(data.items?.map((e) => e.start?.dateTime)).toEqual([
    '2026-03-17T10:00:00+01:00',
    '2026-03-24T10:00:00+01:00',
    '2026-03-31T15:00:00+02:00',
    '2026-04-14T10:00:00+02:00',
    '2026-04-21T10:00:00+02:00',
  ]);
  expect((await api.events.get({ calendarId: 'primary', eventId: `${series.id}_20260421T080000Z` })).data.start?.dateTime).toBe(
    '2026-04-21T10:00:00+02:00',
  );
  await expect(api.events.get({ calendarId: 'primary', eventId: `${series.id}_20260422T080000Z` })).rejects.toMatchObject({ status: 404 });
});

test('timeMin and timeMax select the instances of an open-ended series that overlap the window', async () => {
  const { data: series } = await api.events.insert({
    calendarId: 'primary',
    requestBody: {
      summary: 'Every weekday',
      start: { dateTime: '2026-03-02T09:00:00', timeZone: 'Europe/Warsaw' },
      end: { dateTime: '2026-03-02T17:00:00', timeZone: 'Europe/Warsaw' },
      recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
    },
  });
  const week = await expand({ timeMin: '2026-10-23T12:00:00Z', timeMax: '2026-10-27T00:00:00Z' });
  expect(week.map((e) => e.id)).toEqual([`${series.id}_20261023T070000Z`, `${series.id}_20261026T080000Z`]);
});

test('all-day series expand to dated instances', async () => {
  const { data: series } = await api.events.insert({
    calendarId: 'primary',
    requestBody: {
      summary: 'Holiday',
      start: { date: '2026-03-28' },
      end: { date: '2026-03-29' },
      recurrence: ['RRULE:FREQ=DAILY;COUNT=3'],
    },
  });
  const days = await expand();
  expect(days.map((e) => [e.id, e.start?.date, e.originalStartTime?.date])).toEqual([
    [`${series.id}_20260328`, '2026-03-28', '2026-03-28'],
    [`${series.id}_20260329`, '2026-03-29', '2026-03-29'],
    [`${series.id}_20260330`, '2026-03-30', '2026-03-30'],
  ]);
});

test('a recurring event without a time zone is refused, as Google requires one', async () => {
  await expect(
    api.events.insert({
      calendarId: 'primary',
      requestBody: {
        start: { dateTime: '2026-03-17T10:00:00+01:00' },
        end: { dateTime: '2026-03-17T11:00:00+01:00' },
        recurrence: ['RRULE:FREQ=WEEKLY'],
      },
    }),
  ).rejects.toMatchObject({ status: 400, response: { data: { error: { errors: [{ reason: 'required' }] } } } });
});
