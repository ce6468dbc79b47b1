import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { calendar_v3 } from '@googleapis/calendar';
import { startGoogleSandbox, type GoogleSandbox } from './google-sandbox';
import { connectedCalendar } from './sandbox-clients';

const ANNA = 'anna@salon.test';
let sandbox: GoogleSandbox;
let api: calendar_v3.Calendar;
let receiver: Server;
let received: { headers: IncomingHttpHeaders; body: string; method?: string }[];
let address: string;

beforeAll(async () => {
  sandbox = await startGoogleSandbox({ startTime: '2026-03-02T08:00:00Z' });
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body, method: req.method });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  address = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/google`;
});
beforeEach(() => {
  sandbox.reset();
  sandbox.addAccount({ email: ANNA, timeZone: 'Europe/Warsaw' });
  api = connectedCalendar(sandbox, ANNA).calendar;
  received = [];
});
afterAll(async () => {
  await sandbox.stop();
  await new Promise((resolve) => receiver.close(resolve));
});

const appointment = (id: string): calendar_v3.Schema$Event => ({
  id,
  start: { dateTime: '2026-03-10T10:00:00Z' },
  end: { dateTime: '2026-03-10T11:00:00Z' },
});

test('a watch channel answers with its resource and sends a sync message, then one per change', async () => {
  const { data: channel } = await api.events.watch({
    calendarId: 'primary',
    requestBody: { id: 'channel-1', type: 'web_hook', address, token: 'secret-token', params: { ttl: '3600' } },
  });
  expect(channel).toEqual({
    kind: 'api#channel',
    id: 'channel-1',
    resourceId: expect.any(String),
    resourceUri: expect.stringContaining(`/calendar/v3/calendars/${encodeURIComponent(ANNA)}/events`),
    token: 'secret-token',
    expiration: String(Date.parse('2026-03-02T09:00:00Z')),
  });

  await api.events.insert({ calendarId: 'primary', requestBody: appointment('push00001') });
  sandbox.owner.patchEvent(ANNA, 'push00001', { summary: 'Moved by the stylist' });
  await sandbox.flushNotifications();

  expect(received.map((r) => [r.method, r.headers['x-goog-resource-state'], r.body])).toEqual([
    ['POST', 'sync', ''],
    ['POST', 'exists', ''],
    ['POST', 'exists', ''],
  ]);
  expect(received[0].headers).toMatchObject({
    'x-goog-channel-id': 'channel-1',
    'x-goog-channel-token': 'secret-token',
    'x-goog-channel-expiration': 'Mon, 02 Mar 2026 09:00:00 GMT',
    'x-goog-resource-id': channel.resourceId,
    'x-goog-resource-uri': channel.resourceUri,
    'x-goog-message-number': '1',
  });
  const numbers = received.map((r) => Number(r.headers['x-goog-message-number']));
  expect(numbers[1]).toBeGreaterThan(numbers[0]);
  expect(numbers[2]).toBeGreaterThan(numbers[1]);
});

test('a stopped channel sends nothing more; stopping it again answers 404', async () => {
  const { data: channel } = await api.events.watch({ calendarId: 'primary', requestBody: { id: 'channel-2', type: 'web_hook', address } });
  await sandbox.flushNotifications();
  const stopped = await api.channels.stop({ requestBody: { id: 'channel-2', resourceId: channel.resourceId } });
  expect(stopped.status).toBe(204);

  await api.events.insert({ calendarId: 'primary', requestBody: appointment('push00002') });
  await sandbox.flushNotifications();
  expect(received.map((r) => r.headers['x-goog-resource-state'])).toEqual(['sync']);
  expect(received[0].headers['x-goog-channel-token']).toBeUndefined();
  await expect(api.channels.stop({ requestBody: { id: 'channel-2', resourceId: channel.resourceId } })).rejects.toMatchObject({ status: 404 });
});

test('an expired channel goes quiet, and renewal is a new channel on the same resource', async () => {
  const { data: old } = await api.events.watch({
    calendarId: 'primary',
    requestBody: { id: 'channel-3', type: 'web_hook', address, params: { ttl: '60' } },
  });
  sandbox.clock.advance(61_000);
  await api.events.insert({ calendarId: 'primary', requestBody: appointment('push00003') });
  await sandbox.flushNotifications();
  expect(received.map((r) => r.headers['x-goog-channel-id'])).toEqual(['channel-3']);

  const { data: renewed } = await api.events.watch({ calendarId: 'primary', requestBody: { id: 'channel-4', type: 'web_hook', address } });
  expect(renewed.resourceId).toBe(old.resourceId);
  expect(renewed.expiration).toBe(String(sandbox.clock.now() + 604_800_000));
});

test('a channel id that is still active cannot be reused', async () => {
  await api.events.watch({ calendarId: 'primary', requestBody: { id: 'channel-5', type: 'web_hook', address } });
  await expect(
    api.events.watch({ calendarId: 'primary', requestBody: { id: 'channel-5', type: 'web_hook', address } }),
  ).rejects.toMatchObject({ status: 400, response: { data: { error: { errors: [{ reason: 'channelIdNotUnique' }] } } } });
});

test('the delivery log records each notification and the receiver\'s answer', async () => {
  await api.events.watch({ calendarId: 'primary', requestBody: { id: 'channel-6', type: 'web_hook', address: 'http://127.0.0.1:1/nobody' } });
  await sandbox.flushNotifications();
  const [delivery] = sandbox.notifications();
  expect(delivery.meta).toMatchObject({ channelId: 'channel-6', resourceState: 'sync', messageNumber: '1' });
  expect(delivery.error).toBeDefined();
});
