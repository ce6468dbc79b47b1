import type { Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS, type Appointment } from '../../src/model';
import { retryDueSyncs } from '../../src/sync/retry-sweep';
import { handleAppointmentWritten } from '../../src/triggers/on-appointment-written';
import type { GoogleSandbox } from '../../sandbox/google';
import { sandboxTokenSource, type SalonFixture } from '../support/salon-fixture';
import { useSalonWorld } from '../support/salon-world';
import { FAST_RETRY_POLICY, offsetClock, syncDepsFor } from '../support/sync-deps';
import { memoryLog } from '../../src/logs';

const world = useSalonWorld({ staffCount: 4 });
let db: Firestore;
let sandbox: GoogleSandbox;
let salon: SalonFixture;
beforeAll(() => {
  ({ db, sandbox, salon } = world);
});

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 48271) % 2147483647) / 2147483647);
}

const BASE = Date.parse('2026-12-01T08:00:00Z');

function appointmentAt(index: number, staffId: string): Appointment {
  const start = new Date(BASE + index * 60 * 60_000);
  return {
    businessId: salon.businessId,
    staffId,
    serviceId: salon.serviceId,
    start,
    end: new Date(start.getTime() + 45 * 60_000),
    status: 'booked',
    customer: { name: `Customer ${index}`, phone: `+48 600 000 ${String(index).padStart(3, '0')}` },
    notes: '',
    version: 1,
  };
}

test('200 appointments with edits, cancels and reassignments end with exactly one current event each, despite 20% faults and doubled, shuffled deliveries', async () => {
  const time = offsetClock();
  const deps = syncDepsFor(db, sandbox, sandboxTokenSource(sandbox, salon), {
    clock: time.clock,
    timeoutMs: 250,
    // A generous budget: with 20% faults on every call a record may need several sweeps.
    retryPolicy: { ...FAST_RETRY_POLICY, maxScheduledRetries: 12 },
  });
  const trigger = handleAppointmentWritten(() => deps, memoryLog());
  sandbox.faults.configure({
    seed: 42,
    rates: { '429': 0.05, '500': 0.04, '503': 0.04, timeout: 0.035, reset: 0.035 },
    retryAfterSeconds: 1,
    timeoutHoldMs: 400,
    applyBeforeFault: 0.5,
  });

  const random = seededRandom(2026);
  const queue: string[] = [];
  let producing = true;
  const deliver = async () => {
    while (producing || queue.length > 0) {
      if (queue.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        continue;
      }
      const [appointmentId] = queue.splice(Math.floor(random() * queue.length), 1);
      await trigger({ params: { appointmentId: appointmentId! }, time: new Date().toISOString() } as never);
    }
  };
  const current = new Map<string, Appointment>();
  const write = async (id: string, appointment: Appointment) => {
    current.set(id, appointment);
    await db.collection(COLLECTIONS.appointments).doc(id).set(appointment);
    queue.push(id, id); // at least once: every write is delivered twice
  };
  const producer = async () => {
    for (let index = 0; index < 200; index += 1) {
      await write(`appt-${index}`, appointmentAt(index, salon.staffIds[index % salon.staffIds.length]!));
    }
    for (let index = 0; index < 200; index += 4) {
      const edited = current.get(`appt-${index}`)!;
      await write(`appt-${index}`, {
        ...edited,
        start: new Date(edited.start.getTime() + 30 * 60_000),
        end: new Date(edited.end.getTime() + 30 * 60_000),
        notes: 'moved by 30 minutes',
        version: edited.version + 1,
      });
      const cancelled = current.get(`appt-${index + 1}`)!;
      await write(`appt-${index + 1}`, { ...cancelled, status: 'cancelled', version: cancelled.version + 1 });
      const reassigned = current.get(`appt-${index + 2}`)!;
      const otherStaff = salon.staffIds[(salon.staffIds.indexOf(reassigned.staffId) + 1) % salon.staffIds.length]!;
      await write(`appt-${index + 2}`, { ...reassigned, staffId: otherStaff, version: reassigned.version + 1 });
    }
    producing = false;
  };
  await Promise.all([producer(), ...Array.from({ length: 6 }, deliver)]);

  // The scheduled sweep runs every 5 minutes in production; here the clock jumps ahead.
  for (let round = 0; round < 40; round += 1) {
    const open = await db.collection(COLLECTIONS.calendarSync).where('syncStatus', 'in', ['pending', 'error']).count().get();
    if (open.data().count === 0) break;
    time.advance(60 * 60_000);
    await retryDueSyncs(deps);
  }
  sandbox.faults.configure({ rates: {} });

  const injected = sandbox.faults.report();
  expect(Object.values(injected.injected).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(50);
  expect(injected.appliedBeforeFault).toBeGreaterThan(5);

  const events = new Map<string, { id: string; calendarId: string; start: string; summary: string; description: string }[]>();
  for (const staffId of salon.staffIds) {
    const calendarId = salon.calendarOf[staffId]!;
    for (const event of sandbox.owner.listEvents(calendarId)) {
      if (event.status === 'cancelled') continue;
      const appointmentId = String((event.extendedProperties as { private?: Record<string, string> } | undefined)?.private?.salonSyncAppointmentId);
      const list = events.get(appointmentId) ?? [];
      list.push({ id: String(event.id), calendarId, start: String((event.start as { dateTime: string }).dateTime), summary: String(event.summary), description: String(event.description) });
      events.set(appointmentId, list);
    }
  }
  let live = 0;
  for (const [id, appointment] of current) {
    const found = events.get(id) ?? [];
    if (appointment.status === 'cancelled') {
      expect({ id, found }).toEqual({ id, found: [] });
      continue;
    }
    live += 1;
    expect({ id, found: found.length === 1 ? 1 : { appointment, found, records: (await db.collection(COLLECTIONS.calendarSync).where('appointmentId', '==', id).get()).docs.map((doc) => doc.data()) } }).toEqual({ id, found: 1 });
    expect(found[0]!.calendarId).toBe(salon.calendarOf[appointment.staffId]);
    expect(Date.parse(found[0]!.start)).toBe(appointment.start.getTime());
    expect(found[0]!.summary).toContain(appointment.customer.name);
    if (appointment.notes) expect(found[0]!.description).toContain(appointment.notes);
  }
  expect(live).toBe(150);
  expect([...events.values()].flat()).toHaveLength(150);

  const records = await db.collection(COLLECTIONS.calendarSync).get();
  const statuses = records.docs.map((doc) => doc.get('syncStatus'));
  expect(statuses.filter((status) => status !== 'synced')).toEqual([]);
}, 240_000);
