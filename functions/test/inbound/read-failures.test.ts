import { handleConnectionChange, pollCalendars, syncConnection } from '../../src/inbound';
import { COLLECTIONS, mailSchema } from '../../src/model';
import { inboundFixture, nextWeekday } from './inbound-fixture';

/** A read is retried in place on throttling; a calendar that stays unreadable is reported to the admins. */
const ZONE = 'Europe/Warsaw';
const fx = inboundFixture();
const local = (date: string, time: string) => ({ dateTime: `${date}T${time}:00`, timeZone: ZONE });
const mails = async () => (await fx.db.collection(COLLECTIONS.mail).get()).docs.map((doc) => mailSchema.parse(doc.data()));
const failingReads = (count: number) => Array.from({ length: count }, () => ({ name: '500' as const, route: 'calendar.events.list' }));

beforeEach(async () => {
  fx.configure({ webhook: false });
  await handleConnectionChange(fx.deps, fx.connectionOf());
});

test('one 429 while listing changes is retried in the same read: the read succeeds and the busy time is current', async () => {
  fx.sandbox.owner.createEvent(fx.calendarOf(), { summary: 'Dentist', start: local(nextWeekday(fx.clock.now(), 2, 1), '10:00'), end: local(nextWeekday(fx.clock.now(), 2, 1), '11:00') });
  fx.sandbox.faults.enqueue({ name: '429', route: 'calendar.events.list', retryAfterSeconds: 0 });
  fx.sandbox.resetRequestCounts();
  expect(await syncConnection(fx.deps, fx.connectionOf())).toMatchObject({ outcome: 'synced' });
  expect(fx.sandbox.requestCounts()['calendar.events.list']).toBe(2);
  expect(await fx.busyOf()).toHaveLength(1);
});

test('reads that keep failing mail the admins once, after the third failed read in a row, and again only after a success and a new streak', async () => {
  for (let round = 1; round <= 4; round += 1) {
    fx.sandbox.faults.enqueue(...failingReads(3));
    fx.clock.advance(10 * 60_000);
    expect(await pollCalendars(fx.deps)).toMatchObject({ failed: 1 });
    expect(await mails()).toHaveLength(round < 3 ? 0 : 1);
  }
  expect(await mails()).toEqual([
    expect.objectContaining({
      kind: 'calendar_read_failing',
      to: ['owner@studio.test'],
      message: expect.objectContaining({ subject: 'Google Calendar of Stylist 1 cannot be read', text: expect.stringContaining('failed 3 time(s) in a row') }),
    }),
  ]);

  fx.clock.advance(10 * 60_000);
  expect(await pollCalendars(fx.deps)).toMatchObject({ read: 1, failed: 0 });
  for (let round = 1; round <= 3; round += 1) {
    fx.sandbox.faults.enqueue(...failingReads(3));
    fx.clock.advance(10 * 60_000);
    await pollCalendars(fx.deps);
  }
  expect(await mails()).toHaveLength(2);
});

test('a calendar that is gone (404) mails the admins at the first failed read, once', async () => {
  await fx.db.collection(COLLECTIONS.calendarConnections).doc(fx.connectionOf()).update({ calendarId: 'deleted-calendar@group.calendar.google.com' });
  fx.clock.advance(10 * 60_000);
  expect(await pollCalendars(fx.deps)).toMatchObject({ failed: 1 });
  fx.clock.advance(10 * 60_000);
  expect(await pollCalendars(fx.deps)).toMatchObject({ failed: 1 });
  expect(await mails()).toEqual([
    expect.objectContaining({ kind: 'calendar_read_failing', message: expect.objectContaining({ text: expect.stringContaining('does not go away by itself') }) }),
  ]);
  expect((await fx.db.collection(COLLECTIONS.inboundSync).doc(fx.connectionOf()).get()).data()).toMatchObject({ consecutiveFailures: 2, lastErrorCode: 'not_found' });
});
