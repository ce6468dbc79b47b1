import type { calendar_v3 } from '@googleapis/calendar';
import type { GoogleSandbox } from './google-sandbox';
import { ANNA, useAnnaCalendar } from './test-calendar';

const world = useAnnaCalendar();
let sandbox: GoogleSandbox;
let api: calendar_v3.Calendar;
beforeEach(() => ({ sandbox, api } = world));

const appointment = (id: string, day = '2026-03-10', hour = 10, extra: calendar_v3.Schema$Event = {}): calendar_v3.Schema$Event => ({
  id,
  summary: 'Haircut',
  start: { dateTime: `${day}T${String(hour).padStart(2, '0')}:00:00+01:00`, timeZone: 'Europe/Warsaw' },
  end: { dateTime: `${day}T${String(hour + 1).padStart(2, '0')}:00:00+01:00`, timeZone: 'Europe/Warsaw' },
  extendedProperties: { private: { salonSyncAppointmentId: id } },
  ...extra,
});

const errorOf = async (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as { status?: number; response?: { data?: unknown } });

test('an inserted event comes back with Google\'s server fields and its client-chosen id', async () => {
  const { data } = await api.events.insert({ calendarId: 'primary', requestBody: appointment('appt00001') });
  expect(data).toMatchObject({
    kind: 'calendar#event',
    id: 'appt00001',
    status: 'confirmed',
    summary: 'Haircut',
    iCalUID: 'appt00001@google.com',
    sequence: 0,
    creator: { email: ANNA, self: true },
    organizer: { email: ANNA, self: true },
    start: { dateTime: '2026-03-10T10:00:00+01:00', timeZone: 'Europe/Warsaw' },
    extendedProperties: { private: { salonSyncAppointmentId: 'appt00001' } },
    created: '2026-03-02T08:00:00.000Z',
    updated: '2026-03-02T08:00:00.000Z',
  });
  expect(data.etag).toMatch(/^"\d+"$/);
  expect(data.htmlLink).toContain('/calendar/event?eid=');
  expect((await api.events.get({ calendarId: 'primary', eventId: 'appt00001' })).data).toEqual(data);
});

test('event ids outside base32hex or shorter than 5 characters are rejected with 400', async () => {
  for (const id of ['abcd', 'Appt00001', 'appt_0001', 'wxyz12345']) {
    const error = await errorOf(api.events.insert({ calendarId: 'primary', requestBody: appointment(id) }));
    expect(error).toMatchObject({ status: 400, response: { data: { error: { errors: [{ reason: 'invalid' }] } } } });
  }
});

test('reusing an id answers 409 duplicate, even after the event was deleted', async () => {
  await api.events.insert({ calendarId: 'primary', requestBody: appointment('appt00002') });
  const duplicate = await errorOf(api.events.insert({ calendarId: 'primary', requestBody: appointment('appt00002') }));
  expect(duplicate).toMatchObject({
    status: 409,
    response: {
      data: {
        error: {
          code: 409,
          message: 'The requested identifier already exists.',
          errors: [{ domain: 'global', reason: 'duplicate', message: 'The requested identifier already exists.' }],
        },
      },
    },
  });

  await api.events.delete({ calendarId: 'primary', eventId: 'appt00002' });
  const afterDelete = await errorOf(api.events.insert({ calendarId: 'primary', requestBody: appointment('appt00002') }));
  expect(afterDelete).toMatchObject({ status: 409 });
});

test('a deleted event is still returned by get, as cancelled; deleting it again answers 410 deleted', async () => {
  await api.events.insert({ calendarId: 'primary', requestBody: appointment('appt00003') });
  const deleted = await api.events.delete({ calendarId: 'primary', eventId: 'appt00003' });
  expect(deleted.status).toBe(204);

  expect((await api.events.get({ calendarId: 'primary', eventId: 'appt00003' })).data.status).toBe('cancelled');
  const again = await errorOf(api.events.delete({ calendarId: 'primary', eventId: 'appt00003' }));
  expect(again).toMatchObject({ status: 410, response: { data: { error: { errors: [{ reason: 'deleted', message: 'Resource has been deleted' }] } } } });
  const revive = await errorOf(api.events.patch({ calendarId: 'primary', eventId: 'appt00003', requestBody: { status: 'confirmed' } }));
  expect(revive).toMatchObject({ status: 403, response: { data: { error: { errors: [{ reason: 'forbidden' }] } } } });
});

test('an id that never existed answers 404 notFound for get, patch and delete', async () => {
  for (const call of [
    () => api.events.get({ calendarId: 'primary', eventId: 'never00001' }),
    () => api.events.patch({ calendarId: 'primary', eventId: 'never00001', requestBody: { summary: 'x' } }),
    () => api.events.delete({ calendarId: 'primary', eventId: 'never00001' }),
  ]) {
    expect(await errorOf(call())).toMatchObject({ status: 404, response: { data: { error: { errors: [{ reason: 'notFound' }] } } } });
  }
});

test('patch merges fields and extended properties; update replaces the whole event', async () => {
  await api.events.insert({ calendarId: 'primary', requestBody: appointment('appt00004', '2026-03-10', 10, { description: 'Client: Ewa' }) });
  const patched = await api.events.patch({
    calendarId: 'primary',
    eventId: 'appt00004',
    requestBody: {
      start: { dateTime: '2026-03-10T12:00:00+01:00' },
      end: { dateTime: '2026-03-10T13:00:00+01:00' },
      extendedProperties: { private: { extra: 'yes' } },
    },
  });
  expect(patched.data).toMatchObject({
    summary: 'Haircut',
    description: 'Client: Ewa',
    sequence: 1,
    start: { dateTime: '2026-03-10T12:00:00+01:00', timeZone: 'Europe/Warsaw' },
    extendedProperties: { private: { salonSyncAppointmentId: 'appt00004', extra: 'yes' } },
  });

  const updated = await api.events.update({
    calendarId: 'primary',
    eventId: 'appt00004',
    requestBody: { summary: 'Colour', start: { dateTime: '2026-03-10T12:00:00Z' }, end: { dateTime: '2026-03-10T14:00:00Z' } },
  });
  expect(updated.data.description).toBeUndefined();
  expect(updated.data.extendedProperties).toBeUndefined();
  expect(updated.data.start).toEqual({ dateTime: '2026-03-10T13:00:00+01:00' });
});

test('a write with a stale If-Match etag answers 412 and changes nothing', async () => {
  const { data } = await api.events.insert({ calendarId: 'primary', requestBody: appointment('appt00005') });
  await api.events.patch({ calendarId: 'primary', eventId: 'appt00005', requestBody: { summary: 'Moved by Anna' } });

  const stale = await errorOf(
    api.events.patch({ calendarId: 'primary', eventId: 'appt00005', requestBody: { summary: 'Sync write' } }, { headers: { 'If-Match': data.etag! } }),
  );
  expect(stale).toMatchObject({ status: 412, response: { data: { error: { errors: [{ reason: 'conditionNotMet' }] } } } });
  expect((await api.events.get({ calendarId: 'primary', eventId: 'appt00005' })).data.summary).toBe('Moved by Anna');
});

test('an event that ends before it starts answers 400 timeRangeEmpty', async () => {
  const error = await errorOf(
    api.events.insert({
      calendarId: 'primary',
      requestBody: { start: { dateTime: '2026-03-10T12:00:00Z' }, end: { dateTime: '2026-03-10T11:00:00Z' } },
    }),
  );
  expect(error).toMatchObject({ status: 400, response: { data: { error: { errors: [{ domain: 'calendar', reason: 'timeRangeEmpty' }] } } } });
});

test('list pages with maxResults and pageToken and returns every event exactly once', async () => {
  for (let i = 0; i < 7; i++) await api.events.insert({ calendarId: 'primary', requestBody: appointment(`page0000${i}`, '2026-03-11', 8 + i) });
  const seen: string[] = [];
  let pageToken: string | undefined;
  let pages = 0;
  do {
    const { data } = await api.events.list({ calendarId: 'primary', maxResults: 3, pageToken });
    seen.push(...(data.items ?? []).map((e) => e.id!));
    pageToken = data.nextPageToken ?? undefined;
    pages++;
    if (pageToken) expect(data.nextSyncToken).toBeUndefined();
    else expect(data.nextSyncToken).toBeDefined();
  } while (pageToken);
  expect(pages).toBe(3);
  expect(seen.sort()).toEqual(Array.from({ length: 7 }, (_, i) => `page0000${i}`));
});

test('privateExtendedProperty finds our own events; timeMin/timeMax bound by end and start', async () => {
  await api.events.insert({ calendarId: 'primary', requestBody: appointment('ours00001', '2026-03-12', 9) });
  await api.events.insert({ calendarId: 'primary', requestBody: appointment('ours00002', '2026-03-13', 9) });
  sandbox.owner.createEvent(ANNA, { summary: 'Dentist', start: { dateTime: '2026-03-12T14:00:00+01:00' }, end: { dateTime: '2026-03-12T15:00:00+01:00' } });

  const ours = await api.events.list({ calendarId: 'primary', privateExtendedProperty: ['salonSyncAppointmentId=ours00002'] });
  expect(ours.data.items?.map((e) => e.id)).toEqual(['ours00002']);

  // Ends exactly at timeMin (10:00) → out; starts exactly at timeMax → out.
  const window = await api.events.list({
    calendarId: 'primary',
    timeMin: '2026-03-12T10:00:00+01:00',
    timeMax: '2026-03-13T09:00:00+01:00',
    singleEvents: true,
    orderBy: 'startTime',
  });
  expect(window.data.items?.map((e) => e.summary)).toEqual(['Dentist']);
});

test('deleted events are listed only with showDeleted, minimal and cancelled', async () => {
  await api.events.insert({ calendarId: 'primary', requestBody: appointment('gone00001') });
  await api.events.delete({ calendarId: 'primary', eventId: 'gone00001' });
  expect((await api.events.list({ calendarId: 'primary' })).data.items).toEqual([]);
  const withDeleted = await api.events.list({ calendarId: 'primary', showDeleted: true });
  expect(withDeleted.data.items).toEqual([{ kind: 'calendar#event', etag: expect.any(String), id: 'gone00001', status: 'cancelled' }]);
});

test('an unknown calendar answers 404 and secondary calendars are listed and usable', async () => {
  const { id } = sandbox.addCalendar({ ownerEmail: ANNA, summary: 'Salon bookings' });
  expect(await errorOf(api.events.list({ calendarId: 'nope@group.calendar.google.com' }))).toMatchObject({ status: 404 });

  const list = await api.calendarList.list();
  expect(list.data.items?.map((c) => [c.id, c.primary ?? false])).toEqual([
    [ANNA, true],
    [id, false],
  ]);
  await api.events.insert({ calendarId: id, requestBody: appointment('second001') });
  expect(sandbox.owner.listEvents(id).map((e) => e.id)).toEqual(['second001']);
  expect(sandbox.owner.listEvents(ANNA)).toEqual([]);
});

test('free/busy merges blocking events and ignores transparent and cancelled ones', async () => {
  await api.events.insert({ calendarId: 'primary', requestBody: appointment('blok00001', '2026-03-16', 9) });
  await api.events.insert({ calendarId: 'primary', requestBody: appointment('blok00002', '2026-03-16', 10) });
  await api.events.insert({ calendarId: 'primary', requestBody: appointment('free00001', '2026-03-16', 13, { transparency: 'transparent' }) });
  await api.events.insert({ calendarId: 'primary', requestBody: appointment('gone00002', '2026-03-16', 15) });
  await api.events.delete({ calendarId: 'primary', eventId: 'gone00002' });

  const { data } = await api.freebusy.query({
    requestBody: { timeMin: '2026-03-16T00:00:00Z', timeMax: '2026-03-17T00:00:00Z', items: [{ id: ANNA }, { id: 'x@y.test' }] },
  });
  expect(data.calendars?.[ANNA].busy).toEqual([{ start: '2026-03-16T08:00:00Z', end: '2026-03-16T10:00:00Z' }]);
  expect(data.calendars?.['x@y.test'].errors).toEqual([{ domain: 'global', reason: 'notFound' }]);
});
