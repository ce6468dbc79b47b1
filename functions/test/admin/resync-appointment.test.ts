import { resyncAppointment } from '../../src/admin/resync-appointment';
import { COLLECTIONS, type Appointment } from '../../src/model';
import { syncAppointment } from '../../src/sync/sync-appointment';
import { sandboxTokenSource } from '../support/salon-fixture';
import { useSalonWorld } from '../support/salon-world';
import { syncDepsFor } from '../support/sync-deps';

const world = useSalonWorld({ staffCount: 1 });

test('an owner\'s manual resync retries a failed record now; staff and other businesses may not', async () => {
  const { db, sandbox, salon } = world;
  const deps = syncDepsFor(db, sandbox, sandboxTokenSource(sandbox, salon));
  const appointment: Appointment = {
    businessId: salon.businessId, staffId: salon.staffIds[0]!, serviceId: salon.serviceId,
    start: new Date('2026-12-09T10:00:00Z'), end: new Date('2026-12-09T10:45:00Z'),
    status: 'booked', customer: { name: 'Nina' }, notes: '', version: 1,
  };
  await db.collection(COLLECTIONS.appointments).doc('m1').set(appointment);
  // Google fails every attempt: the record waits for its scheduled retry (in a minute or more).
  sandbox.faults.configure({ rates: { '500': 1 }, retryAfterSeconds: 0 });
  await syncAppointment(deps, 'm1');
  sandbox.faults.configure({});
  const record = () => db.collection(COLLECTIONS.calendarSync).doc(`m1__${salon.connectionOf[salon.staffIds[0]!]}`).get();
  expect((await record()).get('syncStatus')).toBe('error');
  await syncAppointment(deps, 'm1'); // a redelivery waits for the schedule
  expect((await record()).get('syncStatus')).toBe('error');

  await expect(resyncAppointment(deps, { uid: 's', businessId: salon.businessId, role: 'staff' }, { appointmentId: 'm1' })).rejects.toMatchObject({ code: 'permission_denied' });
  await expect(resyncAppointment(deps, { uid: 'o2', businessId: 'other', role: 'owner' }, { appointmentId: 'm1' })).rejects.toMatchObject({ code: 'not_found' });
  await expect(resyncAppointment(deps, { uid: 'o', businessId: salon.businessId, role: 'owner' }, { appointmentId: 'm1' })).resolves.toMatchObject({ written: 1 });
  expect((await record()).get('syncStatus')).toBe('synced');
  expect(sandbox.owner.listEvents(salon.calendarOf[salon.staffIds[0]!]!)).toHaveLength(1);
});
