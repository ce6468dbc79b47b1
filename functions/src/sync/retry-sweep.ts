import { appointmentsDueForRetry, appointmentsStuckPending } from '../store/calendar-sync-store';
import { appointmentsWithExpiredLocks } from '../store/sync-lock-store';
import { syncAppointment } from './sync-appointment';
import type { SyncDeps } from './sync-deps';

export interface SweepReport {
  retried: number;
  stuck: number;
  expiredLocks: number;
  /** Appointments whose sync threw (infrastructure errors); they come back in a later sweep. */
  failed: number;
}

/** Appointments synced side by side by one sweep (provider quotas are per user, not per app). */
const SWEEP_CONCURRENCY = 4;

/**
 * The scheduled safety net: retries records whose backoff has passed, and resumes work that a
 * crashed worker left behind (pending records, expired leases).
 */
export async function retryDueSyncs(deps: SyncDeps, limit = 200): Promise<SweepReport> {
  const now = deps.clock();
  const [due, stuck, expired] = await Promise.all([
    appointmentsDueForRetry(deps.db, now, limit),
    appointmentsStuckPending(deps.db, new Date(now.getTime() - deps.leaseMs), limit),
    appointmentsWithExpiredLocks(deps.db, now, limit),
  ]);
  const dueSet = new Set(due);
  const work = [...new Set([...due, ...stuck, ...expired])];
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < work.length) {
      const appointmentId = work[next++]!;
      try {
        await syncAppointment(deps, appointmentId, { isRetry: dueSet.has(appointmentId) });
      } catch (error) {
        // One appointment's failure (its lock is left expired for the next sweep) never stops the rest.
        failed += 1;
        deps.log.error('sync.retry_sweep', { appointmentId, error: error instanceof Error ? error.message : String(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SWEEP_CONCURRENCY, work.length) }, worker));
  const report = { retried: due.length, stuck: stuck.length, expiredLocks: expired.length, failed };
  deps.log.info('sync.retry_sweep', { ...report });
  return report;
}
