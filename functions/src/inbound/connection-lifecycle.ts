import { readConnection } from '../store/connection-store';
import { deleteBusyOfConnection } from '../store/external-busy-store';
import { deleteInboundState } from '../store/inbound-sync-store';
import type { InboundDeps } from './inbound-deps';
import { syncConnection, type ConnectionSyncResult } from './sync-connection';
import { ensureChannel, stopChannelsOfConnection } from './watch-channels';

export interface ConnectionChangeResult {
  status: 'active' | 'needs_reauth' | 'disconnected' | 'deleted';
  channel?: 'exists' | 'opened' | 'unavailable' | 'failed';
  read?: ConnectionSyncResult['outcome'];
  channelsStopped?: number;
  busyRemoved?: number;
}

/**
 * A connection was written (connected, reconnected, lost its authorization, disconnected). Reads
 * the connection as it is now — trigger payloads can be stale or repeated — and converges:
 * - active: a push channel and a read (the first read is full: busy time is known, and the
 *   stylist becomes bookable, only after it);
 * - needs_reauth: channels stopped; the last busy time stays (it still blocks) and ages into
 *   stale;
 * - disconnected or deleted: channels stopped, the imported busy time and read state removed —
 *   the calendar is no longer the salon's to read.
 */
export async function handleConnectionChange(deps: InboundDeps, connectionId: string): Promise<ConnectionChangeResult> {
  const connection = await readConnection(deps.db, connectionId);
  if (connection?.status === 'active') {
    let channel: ConnectionChangeResult['channel'];
    try {
      channel = await ensureChannel(deps, { connectionId, connection });
    } catch {
      channel = 'failed'; // logged by openChannel; the poll reads the calendar meanwhile
    }
    const read = await syncConnection(deps, connectionId);
    deps.log.info('inbound.connection_changed', { connectionId, status: 'active', channel, read: read.outcome });
    return { status: 'active', channel, read: read.outcome };
  }
  if (connection?.status === 'needs_reauth') {
    const channelsStopped = await stopChannelsOfConnection(deps, connectionId, 'connection needs_reauth');
    deps.log.info('inbound.connection_changed', { connectionId, status: 'needs_reauth', channelsStopped });
    return { status: 'needs_reauth', channelsStopped };
  }
  const channelsStopped = await stopChannelsOfConnection(deps, connectionId, connection ? 'connection disconnected' : 'connection deleted');
  // The read state (and its lease) first: a reader still at work then fails its next fenced
  // write (which also checks that the calendar is active) instead of writing busy time after it
  // was removed; what a reader committed before is removed just below.
  await deleteInboundState(deps.db, connectionId);
  const busyRemoved = await deleteBusyOfConnection(deps.db, connectionId);
  const status = connection ? 'disconnected' : 'deleted';
  deps.log.info('inbound.connection_changed', { connectionId, status, channelsStopped, busyRemoved });
  return { status, channelsStopped, busyRemoved };
}
