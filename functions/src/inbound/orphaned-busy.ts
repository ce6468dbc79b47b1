import { readConnection } from '../store/connection-store';
import { deleteBusyOfConnection, nextConnectionWithBusy } from '../store/external-busy-store';
import type { InboundDeps } from './inbound-deps';

/**
 * Removes busy time of calendars that are no longer connected (disconnected or deleted). The
 * connection trigger removes it on disconnect and fenced writes keep readers from adding more
 * afterwards; this sweep is the backstop for what slips through anyway (a trigger that never
 * ran, data from before the fence). Busy time of a calendar in `needs_reauth` stays: it still
 * blocks until the stylist reconnects. One small query per connection that has busy time.
 */
export async function removeOrphanedBusy(deps: InboundDeps): Promise<number> {
  let removed = 0;
  let after: string | undefined;
  for (;;) {
    const connectionId = await nextConnectionWithBusy(deps.db, after);
    if (connectionId === null) break;
    after = connectionId;
    // A connection document that cannot be read is left alone (its busy time keeps blocking).
    const connection = await readConnection(deps.db, connectionId).catch(() => 'unreadable' as const);
    if (connection === 'unreadable' || (connection && connection.status !== 'disconnected')) continue;
    const count = await deleteBusyOfConnection(deps.db, connectionId);
    removed += count;
    deps.log.info('inbound.orphaned_busy_removed', { connectionId, removed: count, status: connection?.status ?? 'deleted' });
  }
  return removed;
}
