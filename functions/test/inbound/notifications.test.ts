import { handleConnectionChange, pollCalendars, requestConnectionSync, syncConnection } from '../../src/inbound';
import { COLLECTIONS } from '../../src/model';
import { claimInboundLease, releaseInboundLease } from '../../src/store/inbound-sync-store';
import { sandboxTokenSource } from '../support/salon-fixture';
import { inboundFixture, nextWeekday } from './inbound-fixture';

const ZONE = 'Europe/Warsaw';
const fx = inboundFixture();
const local = (date: string, time: string) => ({ dateTime: `${date}T${time}:00`, timeZone: ZONE });
const listRequests = () => fx.sandbox.requestCounts()['calendar.events.list'] ?? 0;
const stateDoc = async () => (await fx.db.collection(COLLECTIONS.inboundSync).doc(fx.connectionOf()).get()).data();

function post(headers: Record<string, string>, method = 'POST') {
  return fetch(fx.webhookUrl, { method, headers });
}

beforeEach(async () => {
  await handleConnectionChange(fx.deps, fx.connectionOf());
  await fx.settle();
});

test('a forged notification (unknown channel, wrong token, wrong resource) is refused and changes nothing', async () => {
  const [channel] = fx.sandbox.channels().filter((c) => !c.stopped);
  const genuine = {
    'X-Goog-Channel-ID': channel!.id,
    'X-Goog-Channel-Token': channel!.token!,
    'X-Goog-Resource-ID': channel!.resourceId,
    'X-Goog-Resource-State': 'exists',
    'X-Goog-Message-Number': '99',
  };
  const before = await stateDoc();
  const busyBefore = await fx.busyOf();
  fx.sandbox.resetRequestCounts();

  expect((await post({ ...genuine, 'X-Goog-Channel-ID': 'ss-not-a-channel-of-ours' })).status).toBe(404);
  expect((await post({ ...genuine, 'X-Goog-Channel-Token': 'guessed-token' })).status).toBe(403);
  const { 'X-Goog-Channel-Token': _omitted, ...withoutToken } = genuine;
  expect((await post(withoutToken)).status).toBe(403);
  expect((await post({ ...genuine, 'X-Goog-Resource-ID': 'another-resource' })).status).toBe(403);
  expect((await post({ 'X-Goog-Resource-State': 'exists' })).status).toBe(400);
  expect((await post(genuine, 'GET')).status).toBe(405);
  await fx.receiver.idle();

  expect(listRequests()).toBe(0);
  expect(await stateDoc()).toEqual(before);
  expect(await fx.busyOf()).toEqual(busyBefore);
  expect(fx.deps.log.entries.filter((entry) => entry.event === 'inbound.notification_rejected').map((entry) => entry.fields.reason)).toEqual([
    'unknown channel',
    'wrong channel token',
    'wrong channel token',
    'wrong resource id',
  ]);
  // The genuine one is accepted and reads the calendar.
  expect((await post(genuine)).status).toBe(200);
  await fx.receiver.idle();
  expect(listRequests()).toBe(1);
});

test('a notification storm while the calendar is being read costs one more read, not one per notification', async () => {
  // Another instance is reading this calendar right now.
  await claimInboundLease(fx.db, { businessId: fx.salon.businessId, staffId: fx.salon.staffIds[0]!, connectionId: fx.connectionOf(), provider: 'google' }, 'other-instance', fx.clock.now(), 60_000);
  fx.sandbox.resetRequestCounts();
  const date = nextWeekday(fx.clock.now(), 1, 1);
  for (let i = 0; i < 10; i += 1) {
    fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: `Call ${i}`, start: local(date, `1${i}:00`), end: local(date, `1${i}:30`) });
  }
  await fx.settle();
  const accepted = fx.sandbox.notifications().filter((delivery) => delivery.meta.resourceState === 'exists');
  expect(accepted.length).toBeGreaterThanOrEqual(10);
  expect(accepted.every((delivery) => delivery.status === 200)).toBe(true);
  expect(listRequests()).toBe(0);
  expect(await stateDoc()).toMatchObject({ dirty: true, owner: 'other-instance' });

  // The other instance finishes its read: the dirty flag gives it exactly one more round.
  expect(await releaseInboundLease(fx.db, fx.connectionOf(), 'other-instance', fx.clock.now(), 60_000)).toBe('again');
  const result = await syncConnection(fx.deps, fx.connectionOf(), { leaseOwner: 'other-instance' });
  expect(result.outcome).toBe('synced');
  expect(listRequests()).toBe(1);
  expect(await fx.busyOf()).toHaveLength(10);
});

test('when a reader dies holding the lease, what was announced is read by the poll once the lease expires', async () => {
  await claimInboundLease(fx.db, { businessId: fx.salon.businessId, staffId: fx.salon.staffIds[0]!, connectionId: fx.connectionOf(), provider: 'google' }, 'crashed-instance', fx.clock.now(), 60_000);
  const date = nextWeekday(fx.clock.now(), 2, 1);
  fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: 'Dentist', start: local(date, '10:00'), end: local(date, '11:00') });
  await fx.settle();
  expect(await fx.busyOf()).toEqual([]);
  expect(await pollCalendars(fx.deps)).toMatchObject({ read: 0 });
  fx.clock.advance(61_000);
  expect(await pollCalendars(fx.deps)).toMatchObject({ checked: 1, read: 1 });
  expect(await fx.busyOf()).toHaveLength(1);
});

test('notifications of a stopped channel are acknowledged and ignored', async () => {
  const [channel] = fx.sandbox.channels().filter((c) => !c.stopped);
  await fx.db.collection(COLLECTIONS.watchChannels).doc(channel!.id).update({ status: 'stopped' });
  fx.sandbox.resetRequestCounts();
  const response = await post({
    'X-Goog-Channel-ID': channel!.id,
    'X-Goog-Channel-Token': channel!.token!,
    'X-Goog-Resource-ID': channel!.resourceId,
    'X-Goog-Resource-State': 'exists',
  });
  expect(response.status).toBe(200);
  await fx.receiver.idle();
  expect(listRequests()).toBe(0);
});

test('a reader that stalls past its lease writes nothing once another reader has taken over', async () => {
  const date = nextWeekday(fx.clock.now(), 2, 1);
  fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: 'Dentist', start: local(date, '10:00'), end: local(date, '11:00') });
  await fx.settle();
  expect(await fx.busyOf()).toHaveLength(1);
  const tokens = sandboxTokenSource(fx.sandbox, fx.salon);
  let stalled = false;
  fx.configure({
    tokens: {
      async getAccessToken(connectionId, options) {
        if (!stalled) {
          // While this reader waits, its lease expires and another instance claims it.
          stalled = true;
          fx.clock.advance(fx.deps.options.leaseMs + 1_000);
          await claimInboundLease(fx.db, { businessId: fx.salon.businessId, staffId: fx.salon.staffIds[0]!, connectionId, provider: 'google' }, 'newer-reader', fx.clock.now(), 60_000);
        }
        return tokens.getAccessToken(connectionId, options);
      },
    },
  });
  // Only this test's own read runs: the push channel's notifications are ignored from here on.
  for (const channel of fx.sandbox.channels()) await fx.db.collection(COLLECTIONS.watchChannels).doc(channel.id).update({ status: 'stopped' });
  fx.sandbox.owner.deleteEvent(fx.calendarOf(), String(fx.sandbox.owner.listEvents(fx.calendarOf())[0]!.id));
  await fx.settle();
  const before = await stateDoc();
  const result = await syncConnection(fx.deps, fx.connectionOf());
  expect(result.outcome).toBe('queued');
  expect(await fx.busyOf()).toHaveLength(1);
  expect((await stateDoc())?.syncToken).toBe(before?.syncToken);
  expect((await stateDoc())?.owner).toBe('newer-reader');
});

test('a read claimed by the webhook for a calendar of a provider that cannot be read lets go of the lease', async () => {
  const connection = (await fx.db.collection(COLLECTIONS.calendarConnections).doc(fx.connectionOf()).get()).data() as never;
  const request = await requestConnectionSync(fx.deps, { connectionId: fx.connectionOf(), connection });
  expect(request.claim).toBe('claimed');
  const result = await syncConnection({ ...fx.deps, providers: {} }, fx.connectionOf(), { leaseOwner: request.owner });
  expect(result).toMatchObject({ outcome: 'skipped', reason: "no inbound provider 'google'" });
  expect((await stateDoc())?.owner).toBeUndefined();
  // The next request is not queued behind a lease nobody holds.
  expect((await requestConnectionSync(fx.deps, { connectionId: fx.connectionOf(), connection })).claim).toBe('claimed');
});
