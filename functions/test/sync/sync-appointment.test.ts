import type { Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS, type Appointment } from '../../src/model';
import { syncAppointment } from '../../src/sync/sync-appointment';
import { retryDueSyncs } from '../../src/sync/retry-sweep';
import type { GoogleSandbox } from '../../sandbox/google';
import { sandboxTokenSource, type SalonFixture } from '../support/salon-fixture';
import { useSalonWorld } from '../support/salon-world';
import { offsetClock, syncDepsFor } from '../support/sync-deps';

const world = useSalonWorld({ staffCount: 2 });
let db: Firestore;
let sandbox: GoogleSandbox;
let salon: SalonFixture;
beforeEach(async () => {
  await world.reseed();
  ({ db, sandbox, salon } = world);
});

const START = new Date('2026-12-02T09:00:00Z');
function appointment(overrides: Partial<Appointment> = {}): Appointment {
  return {
    businessId: salon.businessId,
    staffId: salon.staffIds[0]!,
    serviceId: salon.serviceId,
    start: START,
    end: new Date(START.getTime() + 45 * 60_000),
    status: 'booked',
    customer: { name: 'Ewa Nowak', phone: '+48 600 100 200' },
    notes: 'first visit',
    version: 1,
    ...overrides,
  };
}

const calendarWrites = () => {
  const counts = sandbox.requestCounts();
  return ['insert', 'update', 'patch', 'delete', 'get'].reduce((sum, method) => sum + (counts[`calendar.events.${method}`] ?? 0), 0);
};
const liveEvents = (staffIndex = 0) =>
  sandbox.owner.listEvents(salon.calendarOf[salon.staffIds[staffIndex]!]!).filter((event) => event.status !== 'cancelled');
const record = async (appointmentId: string, staffIndex = 0) =>
  (await db.collection(COLLECTIONS.calendarSync).doc(`${appointmentId}__${salon.connectionOf[salon.staffIds[staffIndex]!]}`).get()).data();

async function write(id: string, data: Record<string, unknown>) {
  await db.collection(COLLECTIONS.appointments).doc(id).set(data);
}

test('an appointment shows as one event in the stylist calendar, in the salon time zone, marked as ours', async () => {
  const deps = syncDepsFor(db, sandbox, sandboxTokenSource(sandbox, salon));
  await write('a1', appointment());
  await syncAppointment(deps, 'a1');
  const [event] = liveEvents();
  expect(liveEvents()).toHaveLength(1);
  expect(event!.summary).toBe('Haircut – Ewa Nowak');
  expect(event!.start).toEqual({ dateTime: '2026-12-02T10:00:00+01:00', timeZone: 'Europe/Warsaw' });
  expect((event!.extendedProperties as { private: Record<string, string> }).private.salonSyncAppointmentId).toBe('a1');
  expect(await record('a1')).toMatchObject({ syncStatus: 'synced', eventState: 'present', syncedVersion: 1, providerEventId: event!.id });
});

test('a write that changes nothing the event shows makes no API call, and a repeated delivery makes none either', async () => {
  const deps = syncDepsFor(db, sandbox, sandboxTokenSource(sandbox, salon));
  await write('a1', appointment());
  await syncAppointment(deps, 'a1');
  sandbox.resetRequestCounts();
  await syncAppointment(deps, 'a1');
  await write('a1', { ...appointment(), version: 2, customerUid: 'uid-1' });
  await syncAppointment(deps, 'a1');
  expect(calendarWrites()).toBe(0);
  await write('a1', appointment({ notes: 'allergic to latex', version: 3 }));
  await syncAppointment(deps, 'a1');
  expect(sandbox.requestCounts()).toMatchObject({ 'calendar.events.update': 1 });
  expect(calendarWrites()).toBe(1);
  expect(liveEvents()[0]!.description).toContain('allergic to latex');
});

test('a late delivery of an old version never rolls the event back', async () => {
  const deps = syncDepsFor(db, sandbox, sandboxTokenSource(sandbox, salon));
  await write('a1', appointment());
  await write('a1', appointment({ start: new Date('2026-12-02T12:00:00Z'), end: new Date('2026-12-02T12:45:00Z'), version: 2 }));
  await syncAppointment(deps, 'a1'); // delivery for version 2
  await syncAppointment(deps, 'a1'); // late delivery for version 1
  expect(liveEvents().map((event) => event.start)).toEqual([{ dateTime: '2026-12-02T13:00:00+01:00', timeZone: 'Europe/Warsaw' }]);
});

test('cancel removes the event; restoring it creates a new one under a new id generation instead of failing on 409', async () => {
  const deps = syncDepsFor(db, sandbox, sandboxTokenSource(sandbox, salon));
  await write('a1', appointment());
  await syncAppointment(deps, 'a1');
  const firstId = liveEvents()[0]!.id;
  await write('a1', appointment({ status: 'cancelled', version: 2 }));
  await syncAppointment(deps, 'a1');
  expect(liveEvents()).toHaveLength(0);
  expect(await record('a1')).toMatchObject({ syncStatus: 'synced', eventState: 'absent', generation: 1 });
  await write('a1', appointment({ status: 'confirmed', version: 3 }));
  sandbox.resetRequestCounts();
  await syncAppointment(deps, 'a1');
  expect(liveEvents()).toHaveLength(1);
  expect(liveEvents()[0]!.id).not.toBe(firstId);
  expect(sandbox.requestCounts()['calendar.events.insert']).toBe(1);
});

test('reassigning to another stylist moves the event between their calendars; deleting the document removes it', async () => {
  const deps = syncDepsFor(db, sandbox, sandboxTokenSource(sandbox, salon));
  await write('a1', appointment());
  await syncAppointment(deps, 'a1');
  await write('a1', appointment({ staffId: salon.staffIds[1]!, version: 2 }));
  await syncAppointment(deps, 'a1');
  expect([liveEvents(0).length, liveEvents(1).length]).toEqual([0, 1]);
  await db.collection(COLLECTIONS.appointments).doc('a1').delete();
  await syncAppointment(deps, 'a1');
  expect([liveEvents(0).length, liveEvents(1).length]).toEqual([0, 0]);
});

test.each([
  ['a missing field', (a: Appointment) => ({ ...a, customer: undefined }), 'customer'],
  ['end before start', (a: Appointment) => ({ ...a, end: new Date(a.start.getTime() - 60_000) }), 'end: must be after start'],
  ['end equal to start', (a: Appointment) => ({ ...a, end: a.start }), 'end: must be after start'],
  ['an unknown staff member', (a: Appointment) => ({ ...a, staffId: 'nobody' }), "staffId: unknown staff member 'nobody'"],
  ['a wrong type', (a: Appointment) => ({ ...a, start: 'tomorrow' }), 'start'],
])('an appointment with %s ends as failed naming the field, with no API call', async (_name, mutate, expected) => {
  const deps = syncDepsFor(db, sandbox, sandboxTokenSource(sandbox, salon));
  const raw = mutate(appointment()) as Record<string, unknown>;
  for (const key of Object.keys(raw)) if (raw[key] === undefined) delete raw[key];
  await write('bad', raw);
  sandbox.resetRequestCounts();
  await expect(syncAppointment(deps, 'bad')).resolves.toMatchObject({ failed: 1 });
  expect(calendarWrites()).toBe(0);
  const records = (await db.collection(COLLECTIONS.calendarSync).where('appointmentId', '==', 'bad').get()).docs.map((doc) => doc.data());
  expect(records.length).toBeGreaterThan(0);
  for (const item of records) {
    expect(item.syncStatus).toBe('failed');
    expect(item.errorMessage).toContain(expected);
  }
});

test('a permanent error (403 forbidden) fails at once with one admin mail; a transient one retries on schedule until it succeeds', async () => {
  const time = offsetClock();
  const deps = syncDepsFor(db, sandbox, sandboxTokenSource(sandbox, salon), { clock: time.clock });
  await write('a1', appointment());
  sandbox.faults.enqueue({ name: '403-quotaExceeded' }, { name: '403-quotaExceeded' }, { name: '403-quotaExceeded' });
  await syncAppointment(deps, 'a1');
  expect(await record('a1')).toMatchObject({ syncStatus: 'error', retryCount: 0, errorCode: 'rate_limited' });
  time.advance(5 * 60_000);
  await retryDueSyncs(deps);
  expect(await record('a1')).toMatchObject({ syncStatus: 'synced', eventState: 'present' });
  expect(liveEvents()).toHaveLength(1);

  await write('a2', appointment({ start: new Date('2026-12-03T09:00:00Z'), end: new Date('2026-12-03T09:45:00Z') }));
  sandbox.faults.clear();
  // A calendar that no longer exists answers 404: permanent.
  const connection = db.collection(COLLECTIONS.calendarConnections).doc(salon.connectionOf[salon.staffIds[0]!]!);
  await connection.update({ calendarId: 'deleted-calendar@studio.test' });
  await syncAppointment(deps, 'a2');
  await syncAppointment(deps, 'a2');
  expect(await record('a2')).toMatchObject({ syncStatus: 'failed', errorCode: 'not_found' });
  expect((await record('a2'))!.errorMessage).toMatch(/404/);
  const mails = await db.collection(COLLECTIONS.mail).where('kind', '==', 'sync_failed').get();
  expect(mails.docs.map((doc) => doc.get('to'))).toEqual([['owner@studio.test']]);
});

test('after three failed scheduled retries the record is failed and the admins get one mail', async () => {
  const time = offsetClock();
  const deps = syncDepsFor(db, sandbox, sandboxTokenSource(sandbox, salon), { clock: time.clock });
  sandbox.faults.configure({ rates: { '503': 1 }, retryAfterSeconds: 0 });
  await write('a1', appointment());
  await syncAppointment(deps, 'a1');
  for (let round = 0; round < 6; round += 1) {
    time.advance(60 * 60_000);
    await retryDueSyncs(deps);
  }
  sandbox.faults.configure({ rates: {} });
  expect(await record('a1')).toMatchObject({ syncStatus: 'failed', retryCount: 3 });
  expect((await record('a1'))!.errorMessage).toContain('gave up after 3 retries');
  expect(sandbox.requestCounts()['calendar.events.insert']).toBe(4 * 3); // 4 invocations × 3 inline attempts
  expect((await db.collection(COLLECTIONS.mail).get()).size).toBe(1);
});

test.each([
  ['two instances', 'w2'],
  ['one instance serving two deliveries at once', 'w1'],
])('two syncs of one appointment at once (%s) make one event and one insert', async (_name, secondWorker) => {
  const tokens = sandboxTokenSource(sandbox, salon);
  const first = syncDepsFor(db, sandbox, tokens, { workerId: 'w1' });
  const second = syncDepsFor(db, sandbox, tokens, { workerId: secondWorker });
  await write('a1', appointment());
  sandbox.faults.configure({ latencyMs: 50 });
  const reports = await Promise.all([syncAppointment(first, 'a1'), syncAppointment(second, 'a1')]);
  sandbox.faults.configure({});
  expect(reports.map((report) => report.outcome).sort()).toEqual(['done', 'locked']);
  expect(sandbox.requestCounts()['calendar.events.insert']).toBe(1);
  expect(liveEvents()).toHaveLength(1);
});

test('an insert under a new id generation that reached Google before failing is still removed on cancel', async () => {
  const deps = syncDepsFor(db, sandbox, sandboxTokenSource(sandbox, salon));
  await write('a1', appointment());
  await syncAppointment(deps, 'a1');
  // The stylist deletes our event; the next edit finds it deleted, moves to a new id, and that
  // insert reaches Google but every answer is lost.
  sandbox.owner.deleteEvent(salon.calendarOf[salon.staffIds[0]!]!, liveEvents()[0]!.id as string);
  sandbox.faults.enqueue(
    { name: '503', route: 'calendar.events.insert', afterApply: true },
    { name: '503', route: 'calendar.events.insert' },
    { name: '503', route: 'calendar.events.insert' },
  );
  await write('a1', appointment({ notes: 'edited', version: 2 }));
  await syncAppointment(deps, 'a1');
  expect(await record('a1')).toMatchObject({ syncStatus: 'error', generation: 1 });
  expect(liveEvents()).toHaveLength(1);
  sandbox.faults.clear();
  await write('a1', appointment({ status: 'cancelled', version: 3 }));
  await syncAppointment(deps, 'a1');
  expect(liveEvents()).toHaveLength(0);
});

test.each([
  ['deleted', async () => db.collection(COLLECTIONS.appointments).doc('a1').delete()],
  ['cancelled while still invalid', async () => write('a1', { ...appointment({ status: 'cancelled', version: 3 }), customer: { name: 'Ewa', email: 'typo@' } })],
])('an appointment that became invalid keeps its event until it is %s, then loses it', async (_name, finish) => {
  const deps = syncDepsFor(db, sandbox, sandboxTokenSource(sandbox, salon));
  await write('a1', appointment());
  await syncAppointment(deps, 'a1');
  await write('a1', { ...appointment({ version: 2 }), customer: { name: 'Ewa', email: 'typo@' } });
  await syncAppointment(deps, 'a1');
  expect(await record('a1')).toMatchObject({ syncStatus: 'failed', eventState: 'present' });
  expect(liveEvents()).toHaveLength(1);
  await finish();
  await syncAppointment(deps, 'a1');
  expect(liveEvents()).toHaveLength(0);
  expect(await record('a1')).toMatchObject({ syncStatus: 'synced', eventState: 'absent' });
});
