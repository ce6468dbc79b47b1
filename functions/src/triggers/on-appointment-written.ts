import type { FirestoreEvent } from 'firebase-functions/v2/firestore';
import type { Log } from '../logs';
import { syncAppointment } from '../sync/sync-appointment';
import type { SyncDeps } from '../sync/sync-deps';

/** Redeliveries older than this are dropped: the retry sweep owns anything that old. */
const MAX_EVENT_AGE_MS = 60 * 60_000;

/**
 * The appointment trigger: at-least-once, unordered. It reads nothing from the payload but the
 * id; the sync reads the appointment as it is now.
 */
export function handleAppointmentWritten(getDeps: () => SyncDeps, log: Log) {
  return async (event: FirestoreEvent<unknown, { appointmentId: string }>): Promise<void> => {
    const ageMs = Date.now() - Date.parse(event.time);
    if (ageMs > MAX_EVENT_AGE_MS) {
      log.warn('sync.skipped_locked', { appointmentId: event.params.appointmentId, reason: 'event too old', ageMs });
      return;
    }
    await syncAppointment(getDeps(), event.params.appointmentId);
  };
}
