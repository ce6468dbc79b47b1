import type { calendar_v3 } from '@googleapis/calendar';
import type { GoogleSandbox } from './google-sandbox';
import { ANNA, useAnnaCalendar } from './test-calendar';

const world = useAnnaCalendar();
let sandbox: GoogleSandbox;
let api: calendar_v3.Calendar;
beforeEach(() => ({ sandbox, api } = world));

const event = (id: string, hour: number): calendar_v3.Schema$Event => ({
  id,
  summary: `Client ${id}`,
  start: { dateTime: `2026-03-10T${String(hour).padStart(2, '0')}:00:00+01:00` },
  end: { dateTime: `2026-03-10T${String(hour).padStart(2, '0')}:45:00+01:00` },
});

/** Pages to the end like a sync client does; returns items and the last page's nextSyncToken. */
async function syncAll(params: calendar_v3.Params$Resource$Events$List) {
  const items: calendar_v3.Schema$Event[] = [];
  let pageToken: string | undefined;
  for (;;) {
    const { data } = await api.events.list({ calendarId: 'primary', ...params, pageToken });
    items.push(...(data.items ?? []));
    if (!data.nextPageToken) return { items, nextSyncToken: data.nextSyncToken! };
    expect(data.nextSyncToken).toBeUndefined();
    pageToken = data.nextPageToken;
  }
}

test('an incremental sync returns exactly the changes since the token, deletions as cancelled', async () => {
  for (const [i, id] of ['sinc00001', 'sinc00002', 'sinc00003'].entries()) await api.events.insert({ calendarId: 'primary', requestBody: event(id, 9 + i) });
  const full = await syncAll({ maxResults: 2 });
  expect(full.items).toHaveLength(3);

  await api.events.patch({ calendarId: 'primary', eventId: 'sinc00001', requestBody: { summary: 'Moved' } });
  sandbox.owner.deleteEvent(ANNA, 'sinc00002');
  sandbox.owner.createEvent(ANNA, { id: 'mine00001', summary: 'Lunch', start: { dateTime: '2026-03-10T13:00:00+01:00' }, end: { dateTime: '2026-03-10T14:00:00+01:00' } });

  const delta = await syncAll({ syncToken: full.nextSyncToken });
  expect(delta.items.map((e) => [e.id, e.status, e.summary])).toEqual([
    ['sinc00001', 'confirmed', 'Moved'],
    ['sinc00002', 'cancelled', undefined],
    ['mine00001', 'confirmed', 'Lunch'],
  ]);

  const nothing = await syncAll({ syncToken: delta.nextSyncToken });
  expect(nothing.items).toEqual([]);
  // A token stays usable until it expires: replaying the old one returns the same changes.
  expect((await syncAll({ syncToken: full.nextSyncToken })).items).toHaveLength(3);
});

test('a change made while a full sync is paging is delivered by the next incremental sync', async () => {
  for (let i = 0; i < 4; i++) await api.events.insert({ calendarId: 'primary', requestBody: event(`page0000${i}`, 9 + i) });
  const first = await api.events.list({ calendarId: 'primary', maxResults: 2 });
  sandbox.owner.patchEvent(ANNA, 'page00000', { summary: 'Changed during paging' });
  const second = await api.events.list({ calendarId: 'primary', maxResults: 2, pageToken: first.data.nextPageToken! });

  const delta = await syncAll({ syncToken: second.data.nextSyncToken! });
  expect(delta.items.map((e) => [e.id, e.summary])).toEqual([['page00000', 'Changed during paging']]);
});

test('an expired sync token answers 410 fullSyncRequired, and a full sync gets a fresh one', async () => {
  await api.events.insert({ calendarId: 'primary', requestBody: event('sinc00004', 9) });
  const full = await syncAll({});
  sandbox.expireSyncTokens(ANNA);

  const gone = await api.events.list({ calendarId: 'primary', syncToken: full.nextSyncToken }).catch((e: unknown) => e);
  expect(gone).toMatchObject({
    status: 410,
    response: {
      data: {
        error: {
          code: 410,
          message: 'Sync token is no longer valid, a full sync is required.',
          errors: [{ domain: 'calendar', reason: 'fullSyncRequired' }],
        },
      },
    },
  });
  const again = await syncAll({});
  expect((await syncAll({ syncToken: again.nextSyncToken })).items).toEqual([]);
});

test('a token that was never issued answers 410 too', async () => {
  await expect(api.events.list({ calendarId: 'primary', syncToken: 'CPjm1-not-a-token' })).rejects.toMatchObject({ status: 410 });
});

test('a sync token combined with timeMin or privateExtendedProperty answers 400', async () => {
  const { nextSyncToken } = await syncAll({});
  await expect(api.events.list({ calendarId: 'primary', syncToken: nextSyncToken, timeMin: '2026-03-01T00:00:00Z' })).rejects.toMatchObject({
    status: 400,
  });
  await expect(
    api.events.list({ calendarId: 'primary', syncToken: nextSyncToken, privateExtendedProperty: ['a=b'] }),
  ).rejects.toMatchObject({ status: 400 });
});

test('orderBy=startTime lists in start order but issues no sync token', async () => {
  await api.events.insert({ calendarId: 'primary', requestBody: event('late00001', 15) });
  await api.events.insert({ calendarId: 'primary', requestBody: event('earl00001', 8) });
  const { data } = await api.events.list({ calendarId: 'primary', singleEvents: true, orderBy: 'startTime' });
  expect(data.items?.map((e) => e.id)).toEqual(['earl00001', 'late00001']);
  expect(data.nextSyncToken).toBeUndefined();
});

test('with singleEvents a deleted series comes back as cancelled instances, a shortened one as the dropped instances', async () => {
  const series = sandbox.owner.createEvent(ANNA, {
    summary: 'Weekly training',
    start: { dateTime: '2026-03-04T18:00:00', timeZone: 'Europe/Warsaw' },
    end: { dateTime: '2026-03-04T19:00:00', timeZone: 'Europe/Warsaw' },
    recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'],
  });
  const full = await syncAll({ singleEvents: true });
  expect(full.items.map((e) => e.id)).toEqual([
    `${series.id}_20260304T170000Z`,
    `${series.id}_20260311T170000Z`,
    `${series.id}_20260318T170000Z`,
    `${series.id}_20260325T170000Z`,
  ]);

  sandbox.owner.patchEvent(ANNA, String(series.id), { recurrence: ['RRULE:FREQ=WEEKLY;COUNT=2'] });
  const shortened = await syncAll({ singleEvents: true, syncToken: full.nextSyncToken });
  const byStatus = (items: calendar_v3.Schema$Event[], status: string) => items.filter((e) => e.status === status).map((e) => e.id);
  expect(byStatus(shortened.items, 'cancelled')).toEqual([`${series.id}_20260318T170000Z`, `${series.id}_20260325T170000Z`]);
  expect(byStatus(shortened.items, 'confirmed')).toEqual([`${series.id}_20260304T170000Z`, `${series.id}_20260311T170000Z`]);

  sandbox.owner.deleteEvent(ANNA, String(series.id));
  const deleted = await syncAll({ singleEvents: true, syncToken: shortened.nextSyncToken });
  expect(deleted.items.map((e) => [e.id, e.status, e.recurringEventId])).toEqual([
    [`${series.id}_20260304T170000Z`, 'cancelled', series.id],
    [`${series.id}_20260311T170000Z`, 'cancelled', series.id],
  ]);
});
