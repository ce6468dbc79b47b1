import { handleConnectionChange, renewChannels, syncConnection } from '../../src/inbound';
import { COLLECTIONS, externalBusySchema } from '../../src/model';
import { inboundFixture, nextWeekday } from './inbound-fixture';
import { stallFirstQuery } from './firestore-probes';

const ZONE = 'Europe/Warsaw';
const fx = inboundFixture({ staffCount: 2 });
const local = (date: string, time: string) => ({ dateTime: `${date}T${time}:00`, timeZone: ZONE });
const stateDoc = async () => (await fx.db.collection(COLLECTIONS.inboundSync).doc(fx.connectionOf()).get()).data();

/** Only the readers a test starts itself run: push notifications are acknowledged and ignored. */
async function ignorePush(): Promise<void> {
  for (const channel of fx.sandbox.channels()) await fx.db.collection(COLLECTIONS.watchChannels).doc(channel.id).update({ status: 'stopped' });
}

let day: string;
beforeEach(async () => {
  day = nextWeekday(fx.clock.now(), 3, 1);
  await handleConnectionChange(fx.deps, fx.connectionOf());
  fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: 'Gym', start: local(day, '07:00'), end: local(day, '08:00') });
  await fx.settle();
  expect(await fx.busyOf()).toHaveLength(1);
  await ignorePush();
});

test('a full reader that stalls after loading the stored busy time deletes nothing a newer reader wrote meanwhile (its writes are fenced)', async () => {
  // Reader A's read will be full (the cursor expired): it deletes what it did not list.
  fx.sandbox.expireSyncTokens(fx.calendarOf());
  const stall = stallFirstQuery(fx.db, COLLECTIONS.externalBusy);
  const readerA = syncConnection({ ...fx.deps, db: stall.db }, fx.connectionOf());
  await stall.stalled;

  // A is frozen past its lease; the stylist adds a dentist appointment and reader B reads it.
  fx.clock.advance(fx.deps.options.leaseMs + 60_000);
  fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: 'Dentist', start: local(day, '12:00'), end: local(day, '13:00') });
  expect(await syncConnection(fx.deps, fx.connectionOf())).toMatchObject({ outcome: 'synced' });
  const afterB = await fx.busyOf();
  expect(afterB).toHaveLength(2);
  const tokenOfB = (await stateDoc())?.syncToken;

  // A wakes up with a listing that has no dentist in it: it must not delete B's busy time.
  stall.resume();
  expect(await readerA).toMatchObject({ outcome: 'queued' });
  expect(await fx.busyOf()).toEqual(afterB);
  expect((await stateDoc())?.syncToken).toBe(tokenOfB);
  // Later reads start from B's cursor: nothing brings back what a stale reader would have lost.
  expect(await syncConnection(fx.deps, fx.connectionOf())).toMatchObject({ outcome: 'synced', reports: [expect.objectContaining({ full: false, events: 0 })] });
  expect(await fx.busyOf()).toHaveLength(2);
});

test('a reader that stalls while its calendar is disconnected leaves no busy time behind', async () => {
  fx.sandbox.expireSyncTokens(fx.calendarOf());
  fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: 'Dentist', start: local(day, '12:00'), end: local(day, '13:00') });
  const stall = stallFirstQuery(fx.db, COLLECTIONS.externalBusy);
  const readerA = syncConnection({ ...fx.deps, db: stall.db }, fx.connectionOf());
  await stall.stalled;

  await fx.db.collection(COLLECTIONS.calendarConnections).doc(fx.connectionOf()).update({ status: 'disconnected' });
  expect(await handleConnectionChange(fx.deps, fx.connectionOf())).toMatchObject({ status: 'disconnected', busyRemoved: 1 });

  stall.resume();
  expect((await readerA).outcome).not.toBe('synced');
  expect(await fx.busyOf()).toEqual([]);
});

test('the scheduled channel job removes busy time left behind by calendars that are no longer connected, and keeps that of calendars awaiting reconnection', async () => {
  // Busy time of stylist 1 (disconnected without the trigger having run) and stylist 2 (needs_reauth).
  await handleConnectionChange(fx.deps, fx.connectionOf(1));
  fx.sandbox.owner.createEvent(fx.calendarOf(1), { summary: 'Private', start: local(day, '10:00'), end: local(day, '11:00') });
  expect(await syncConnection(fx.deps, fx.connectionOf(1))).toMatchObject({ outcome: 'synced' });
  expect(await fx.busyOf(1)).toHaveLength(1);
  await fx.db.collection(COLLECTIONS.calendarConnections).doc(fx.connectionOf(0)).update({ status: 'disconnected' });
  await fx.db.collection(COLLECTIONS.calendarConnections).doc(fx.connectionOf(1)).update({ status: 'needs_reauth' });
  // And busy time of a connection whose document is gone altogether.
  const stray = { ...externalBusySchema.parse((await fx.db.collection(COLLECTIONS.externalBusy).where('connectionId', '==', fx.connectionOf(1)).get()).docs[0]!.data()), connectionId: 'google_gone' };
  await fx.db.collection(COLLECTIONS.externalBusy).doc('google_gone__x').set(stray);

  expect(await renewChannels(fx.deps)).toMatchObject({ orphanedBusyRemoved: 2 });
  expect(await fx.busyOf(0)).toEqual([]);
  expect(await fx.busyOf(1)).toHaveLength(1);
  expect((await fx.db.collection(COLLECTIONS.externalBusy).doc('google_gone__x').get()).exists).toBe(false);
});

test('the notification endpoint answers only after its read is done (nothing runs after the answer)', async () => {
  for (const channel of fx.sandbox.channels()) await fx.db.collection(COLLECTIONS.watchChannels).doc(channel.id).update({ status: 'active' });
  const channel = fx.sandbox.channels().find((c) => !c.stopped)!;
  fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: 'Dentist', start: local(day, '12:00'), end: local(day, '13:00') });
  await fx.settle();
  const logged = fx.deps.log.entries.length;
  fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: 'Physio', start: local(day, '15:00'), end: local(day, '16:00') });
  const answers: { status: number; readDone: boolean }[] = [];
  await fx.receiver.handle(
    {
      method: 'POST',
      headers: {
        'x-goog-channel-id': channel.id,
        'x-goog-channel-token': channel.token!,
        'x-goog-resource-id': channel.resourceId,
        'x-goog-resource-state': 'exists',
      },
    },
    {
      status: (status) => ({
        send: () => answers.push({ status, readDone: fx.deps.log.entries.slice(logged).some((entry) => entry.event === 'inbound.synced') }),
      }),
    },
  );
  expect(answers).toEqual([{ status: 200, readDone: true }]);
  expect(await fx.busyOf()).toHaveLength(3);
});
