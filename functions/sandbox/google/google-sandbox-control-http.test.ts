import { startGoogleSandbox, type GoogleSandbox } from './google-sandbox';
import { connectedCalendar } from './sandbox-clients';

let sandbox: GoogleSandbox;

beforeAll(async () => {
  sandbox = await startGoogleSandbox({ startTime: '2026-03-02T08:00:00Z' });
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.stop());

async function control(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

test('the demo can create a stylist, edit her calendar over HTTP and read it back as JSON', async () => {
  expect((await control('POST', '/sandbox/accounts', { email: 'ola@salon.test', timeZone: 'Europe/Warsaw' })).json).toEqual({
    email: 'ola@salon.test',
    primaryCalendarId: 'ola@salon.test',
  });
  const created = await control('POST', '/sandbox/calendars/ola%40salon.test/events', {
    summary: 'Private: dentist',
    start: { dateTime: '2026-03-05T09:00:00', timeZone: 'Europe/Warsaw' },
    end: { dateTime: '2026-03-05T10:00:00', timeZone: 'Europe/Warsaw' },
  });
  expect(created.status).toBe(200);
  await control('PATCH', `/sandbox/calendars/ola%40salon.test/events/${created.json.id}`, { summary: 'Private: doctor' });

  const listed = await control('GET', '/sandbox/calendars/ola%40salon.test/events');
  expect(listed.json.items.map((e: { summary: string; start: { dateTime: string } }) => [e.summary, e.start.dateTime])).toEqual([
    ['Private: doctor', '2026-03-05T09:00:00+01:00'],
  ]);

  // The same change is visible to the product through the API.
  const { calendar } = connectedCalendar(sandbox, 'ola@salon.test');
  expect((await calendar.events.list({ calendarId: 'primary' })).data.items?.[0].summary).toBe('Private: doctor');
});

test('one occurrence of a series can be cancelled over HTTP', async () => {
  await control('POST', '/sandbox/accounts', { email: 'ola@salon.test' });
  const series = await control('POST', '/sandbox/calendars/ola%40salon.test/events', {
    summary: 'Gym',
    start: { dateTime: '2026-03-05T18:00:00', timeZone: 'Europe/Warsaw' },
    end: { dateTime: '2026-03-05T19:00:00', timeZone: 'Europe/Warsaw' },
    recurrence: ['RRULE:FREQ=DAILY;COUNT=3'],
  });
  const cancelled = await control('POST', `/sandbox/calendars/ola%40salon.test/events/${series.json.id}/instances/cancel`, {
    originalStart: '2026-03-06T17:00:00Z',
  });
  expect(cancelled.status).toBe(200);
  const listed = await control('GET', '/sandbox/calendars/ola%40salon.test/events?singleEvents=true');
  expect(listed.json.items.map((e: { start: { dateTime: string } }) => e.start.dateTime)).toEqual([
    '2026-03-05T17:00:00Z',
    '2026-03-07T17:00:00Z',
  ]);
});

test('clock, faults, sync-token expiry and counters are controllable over HTTP', async () => {
  await control('POST', '/sandbox/accounts', { email: 'ola@salon.test' });
  expect((await control('POST', '/sandbox/clock', { advanceMs: 3_600_000 })).json.now).toBe('2026-03-02T09:00:00.000Z');

  const faults = await control('PUT', '/sandbox/faults', { seed: 7, rates: { '429': 0.5 }, retryAfterSeconds: 3 });
  expect(faults.json.config).toEqual({ seed: 7, rates: { '429': 0.5 }, retryAfterSeconds: 3 });
  expect((await control('DELETE', '/sandbox/faults')).status).toBe(200);

  const { calendar } = connectedCalendar(sandbox, 'ola@salon.test');
  const { data } = await calendar.events.list({ calendarId: 'primary' });
  expect((await control('POST', '/sandbox/sync-tokens/expire', { calendarId: 'ola@salon.test' })).status).toBe(200);
  await expect(calendar.events.list({ calendarId: 'primary', syncToken: data.nextSyncToken! })).rejects.toMatchObject({ status: 410 });

  const counts = await control('GET', '/sandbox/requests');
  expect(counts.json['calendar.events.list']).toBe(2);
});

test('invalid control bodies are rejected naming the field', async () => {
  const bad = await control('PUT', '/sandbox/faults', { rates: { '429': 2 } });
  expect(bad.status).toBe(400);
  expect(bad.json.error).toMatch(/^rates\.429: /);
  const unknownCalendar = await control('POST', '/sandbox/calendars/nobody%40x.test/events', {});
  expect(unknownCalendar).toEqual({ status: 404, json: { error: 'Unknown calendar nobody@x.test' } });
});

test('reset brings back the configured accounts and forgets everything else', async () => {
  await control('POST', '/sandbox/accounts', { email: 'ola@salon.test' });
  await control('POST', '/sandbox/reset');
  expect((await control('GET', '/sandbox/state')).json.accounts).toEqual([]);
  expect((await control('GET', '/sandbox/clock')).json.now).toBe('2026-03-02T08:00:00.000Z');
});
