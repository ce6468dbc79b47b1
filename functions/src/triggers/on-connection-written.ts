import type { Log } from '../logs';
import { resyncConnection } from '../sync/resync-connection';
import type { SyncDeps } from '../sync/sync-deps';

/** The part of a connection document the trigger looks at. */
export interface ConnectionStatusChange {
  connectionId: string;
  before?: { status?: unknown };
  after?: { status?: unknown };
}

/**
 * A calendar that becomes active (connected, or reconnected after a revoked grant) catches up on
 * what it missed. Repeated deliveries are harmless: the resync is idempotent.
 */
export function handleConnectionWritten(getDeps: () => SyncDeps, log: Log) {
  return async (change: ConnectionStatusChange): Promise<void> => {
    if (change.after?.status !== 'active' || change.before?.status === 'active') return;
    const report = await resyncConnection(getDeps(), change.connectionId);
    log.info('sync.reconciled', { connectionId: change.connectionId, reason: 'connection activated', ...report });
  };
}
