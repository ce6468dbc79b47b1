import { unsyncedAppointmentsOfConnection } from '../store/calendar-sync-store';
import { appointmentIdsOfStaffEndingAfter } from '../store/catalog-store';
import { readConnection } from '../store/connection-store';
import { syncAppointment } from './sync-appointment';
import type { SyncDeps } from './sync-deps';


/**
 * When a calendar becomes (again) active — first connect, or reconnect after `needs_reauth` —
 * everything it missed is caught up: the stylist's appointments that have not ended yet, and
 * every record of this connection that failed or waits. Forced, so failed records are retried.
 */
export async function resyncConnection(deps: SyncDeps, connectionId: string): Promise<{ appointments: number }> {
  const connection = await readConnection(deps.db, connectionId);
  if (!connection || connection.status !== 'active') return { appointments: 0 };
  const [upcoming, unsynced] = await Promise.all([
    appointmentIdsOfStaffEndingAfter(deps.db, connection.businessId, connection.staffId, deps.clock()),
    unsyncedAppointmentsOfConnection(deps.db, connectionId),
  ]);
  const ids = [...new Set([...upcoming, ...unsynced])];
  for (const appointmentId of ids) await syncAppointment(deps, appointmentId, { force: true });
  return { appointments: ids.length };
}
