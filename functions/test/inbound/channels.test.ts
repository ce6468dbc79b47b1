import { handleConnectionChange, pollCalendars, renewChannels } from '../../src/inbound';
import { COLLECTIONS, watchChannelSchema } from '../../src/model';
import { inboundFixture, nextWeekday } from './inbound-fixture';

const ZONE = 'Europe/Warsaw';
const fx = inboundFixture({ staffCount: 2 });
const local = (date: string, time: string) => ({ dateTime: `${date}T${time}:00`, timeZone: ZONE });
const DAY = 86_400_000;

async function channelDocs(staffIndex = 0) {
  const snapshot = await fx.db.collection(COLLECTIONS.watchChannels).where('connectionId', '==', fx.connectionOf(staffIndex)).get();
  return snapshot.docs.map((doc) => ({ id: doc.id, ...watchChannelSchema.parse(doc.data()) })).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
const liveSandboxChannels = (staffIndex = 0) => fx.sandbox.channels().filter((c) => !c.stopped && c.calendarId === fx.calendarOf(staffIndex));

test('channels near expiry are renewed by the scheduled job on a fake clock: a new channel first, then the old one stopped, and pushes keep arriving', async () => {
  await handleConnectionChange(fx.deps, fx.connectionOf(0));
  const [first] = await channelDocs();
  expect(first).toMatchObject({ status: 'active', resourceId: expect.any(String) });
  // Only the hash of the channel token is stored.
  expect(first!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  expect(JSON.stringify(first)).not.toContain(liveSandboxChannels()[0]!.token);

  // A day after opening, nothing is due (the second stylist's calendar, connected without a
  // channel so far, gets one).
  fx.clock.advance(1 * DAY);
  expect(await renewChannels(fx.deps)).toMatchObject({ renewed: 0, stopped: 0, opened: 1 });

  // 6.5 days after opening (7-day channels, renewed from a day before expiry).
  fx.clock.advance(5.5 * DAY);
  // The second stylist's channel, opened a day later, is not due yet.
  expect(await renewChannels(fx.deps)).toMatchObject({ checked: 2, renewed: 1, stopped: 1, opened: 0, failed: 0 });
  const [old, renewed] = await channelDocs();
  expect(old).toMatchObject({ id: first!.id, status: 'stopped', stopReason: 'renewed' });
  expect(renewed).toMatchObject({ status: 'active', resourceId: first!.resourceId });
  expect(renewed!.createdAt.getTime()).toBeLessThan(old!.stoppedAt!.getTime() + 1);
  expect(liveSandboxChannels().map((c) => c.id)).toEqual([renewed!.id]);
  expect(fx.sandbox.channels().find((c) => c.id === first!.id)?.stopped).toBe(true);

  const date = nextWeekday(fx.clock.now(), 2, 1);
  fx.sandbox.resetRequestCounts();
  fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: 'Dentist', start: local(date, '10:00'), end: local(date, '11:00') });
  await fx.settle();
  const lastPush = fx.sandbox.notifications().filter((d) => d.meta.resourceState === 'exists').pop();
  expect(lastPush).toMatchObject({ status: 200, meta: { channelId: renewed!.id } });
  expect(await fx.busyOf()).toHaveLength(1);

  // Running the job again right away changes nothing.
  expect(await renewChannels(fx.deps)).toMatchObject({ renewed: 0, opened: 0, stopped: 0 });
});

test('the scheduled job stops channels of calendars no longer connected and opens one where a connected calendar has none', async () => {
  await handleConnectionChange(fx.deps, fx.connectionOf(0));
  await fx.db.collection(COLLECTIONS.calendarConnections).doc(fx.connectionOf(0)).update({ status: 'disconnected' });
  const report = await renewChannels(fx.deps);
  expect(report).toMatchObject({ stopped: 1, opened: 1, failed: 0 });
  expect(liveSandboxChannels(0)).toEqual([]);
  expect((await channelDocs(0)).map((c) => c.status)).toEqual(['stopped']);
  expect(liveSandboxChannels(1)).toHaveLength(1);
  expect((await channelDocs(1)).map((c) => c.status)).toEqual(['active']);
});

test('disconnecting a calendar stops its channel and removes its busy time; losing authorization keeps the busy time', async () => {
  const date = nextWeekday(fx.clock.now(), 2, 1);
  for (const index of [0, 1]) {
    fx.sandbox.owner.createEvent(fx.calendarOf(index), { summary: 'Private', start: local(date, '10:00'), end: local(date, '11:00') });
    await handleConnectionChange(fx.deps, fx.connectionOf(index));
  }
  expect(await fx.busyOf(0)).toHaveLength(1);
  expect(await fx.busyOf(1)).toHaveLength(1);

  await fx.db.collection(COLLECTIONS.calendarConnections).doc(fx.connectionOf(0)).update({ status: 'disconnected' });
  expect(await handleConnectionChange(fx.deps, fx.connectionOf(0))).toMatchObject({ status: 'disconnected', channelsStopped: 1, busyRemoved: 1 });
  expect(await fx.busyOf(0)).toEqual([]);
  expect(liveSandboxChannels(0)).toEqual([]);

  await fx.db.collection(COLLECTIONS.calendarConnections).doc(fx.connectionOf(1)).update({ status: 'needs_reauth' });
  expect(await handleConnectionChange(fx.deps, fx.connectionOf(1))).toMatchObject({ status: 'needs_reauth', channelsStopped: 1 });
  expect(await fx.busyOf(1)).toHaveLength(1);
});

test('without push (no webhook URL) the scheduled poll keeps the calendar current, skipping calendars read moments ago', async () => {
  fx.configure({ webhook: false });
  expect(await handleConnectionChange(fx.deps, fx.connectionOf(0))).toMatchObject({ channel: 'unavailable', read: 'synced' });
  expect(fx.sandbox.channels()).toEqual([]);
  const date = nextWeekday(fx.clock.now(), 2, 1);
  fx.sandbox.owner.createEvent(fx.calendarOf(0), { summary: 'Dentist', start: local(date, '10:00'), end: local(date, '11:00') });
  await fx.settle();
  expect(await fx.busyOf(0)).toEqual([]);

  // Calendar 0 was read moments ago; calendar 1 never.
  expect(await pollCalendars(fx.deps)).toMatchObject({ checked: 2, read: 1, skippedRecent: 1 });
  fx.clock.advance(6 * 60_000);
  expect(await pollCalendars(fx.deps)).toMatchObject({ checked: 2, read: 2, skippedRecent: 0 });
  expect(await fx.busyOf(0)).toHaveLength(1);
});

/** A channel document as written just before a watch call that has not answered (yet). */
async function pendingChannel(channelId: string, staffIndex = 0): Promise<void> {
  await fx.db.collection(COLLECTIONS.watchChannels).doc(channelId).set({
    businessId: fx.salon.businessId,
    staffId: fx.salon.staffIds[staffIndex],
    connectionId: fx.connectionOf(staffIndex),
    provider: 'google',
    calendarId: fx.calendarOf(staffIndex),
    status: 'pending',
    tokenHash: 'a'.repeat(64),
    createdAt: fx.clock.now(),
    updatedAt: fx.clock.now(),
  });
}

test('a repeated connection trigger while the first channel\'s watch call is still under way opens no second channel', async () => {
  await pendingChannel('ss-starting');
  expect(await handleConnectionChange(fx.deps, fx.connectionOf(0))).toMatchObject({ channel: 'exists', read: 'synced' });
  expect(fx.sandbox.channels()).toEqual([]);
});

test('renewal keeps an expiring channel while its replacement is still pending, and stops it only once a replacement is active', async () => {
  await handleConnectionChange(fx.deps, fx.connectionOf(0));
  const [old] = await channelDocs();
  fx.clock.advance(6.5 * DAY);
  await pendingChannel('ss-replacement');
  expect(await renewChannels(fx.deps)).toMatchObject({ renewed: 0, stopped: 0 });
  expect((await channelDocs()).find((c) => c.id === old!.id)).toMatchObject({ status: 'active' });
  expect(liveSandboxChannels().map((c) => c.id)).toEqual([old!.id]);

  // The replacement never answered: given up, a new one opened, and only then the old one stopped.
  fx.clock.advance(11 * 60_000);
  expect(await renewChannels(fx.deps)).toMatchObject({ renewed: 1, stopped: 2, failed: 0 });
  const live = liveSandboxChannels();
  expect(live).toHaveLength(1);
  expect(live[0]!.id).not.toBe(old!.id);
  expect((await channelDocs()).filter((c) => c.status === 'active').map((c) => c.id)).toEqual([live[0]!.id]);
});
