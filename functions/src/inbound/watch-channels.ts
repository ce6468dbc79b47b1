import { AppError } from '../errors';
import type { CalendarConnection } from '../model';
import type { ConnectionRef } from '../providers/types';
import { activeConnectionsPage } from '../store/connection-listing';
import { readConnection } from '../store/connection-store';
import {
  activateChannel,
  createChannel,
  liveChannelsOfConnection,
  liveChannelsPage,
  markChannelStopped,
  type StoredChannel,
} from '../store/watch-channel-store';
import { channelTokenHash } from './channel-token';
import type { InboundDeps } from './inbound-deps';
import { removeOrphanedBusy } from './orphaned-busy';

/** A `pending` channel older than this never got its watch answer (a crashed worker). */
const PENDING_GIVE_UP_MS = 10 * 60_000;
const PAGE = 200;

/**
 * Opens a push channel on a connected calendar. The channel document (with the token's hash) is
 * written first: the provider's first notification can arrive before the watch call answers.
 */
export async function openChannel(deps: InboundDeps, ref: ConnectionRef): Promise<string> {
  const provider = deps.providers[ref.connection.provider];
  if (!provider) throw new AppError('internal', `no inbound provider '${ref.connection.provider}'`);
  if (!deps.webhookUrl) throw new AppError('internal', 'no webhook URL is configured: push is unavailable');
  const now = deps.clock();
  // Google: channel ids of at most 64 characters from [A-Za-z0-9-_+/=]; base64url fits.
  const channelId = `ss${deps.randomToken(24)}`;
  const token = deps.randomToken(32);
  await createChannel(deps.db, channelId, {
    businessId: ref.connection.businessId,
    staffId: ref.connection.staffId,
    connectionId: ref.connectionId,
    provider: ref.connection.provider,
    calendarId: ref.connection.calendarId,
    status: 'pending',
    tokenHash: channelTokenHash(token),
    createdAt: now,
    updatedAt: now,
  });
  try {
    const watched = await provider.watch(ref, { channelId, token, address: deps.webhookUrl, ttlSeconds: deps.options.channelTtlSeconds });
    await activateChannel(deps.db, channelId, watched.resourceId, watched.expiration, deps.clock());
    deps.log.info('channels.opened', { connectionId: ref.connectionId, channelId, expiration: watched.expiration });
    return channelId;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await markChannelStopped(deps.db, channelId, `watch failed: ${message}`.slice(0, 300), deps.clock());
    deps.log.warn('channels.watch_failed', { connectionId: ref.connectionId, channelId, message });
    throw error;
  }
}

/**
 * Stops a channel at the provider (best effort: a channel that cannot be stopped expires on its
 * own, and its late notifications find it `stopped` and are ignored) and marks it stopped.
 */
export async function stopChannel(deps: InboundDeps, stored: StoredChannel, connection: CalendarConnection | null, reason: string): Promise<void> {
  const { channelId, channel } = stored;
  const provider = deps.providers[channel.provider];
  if (provider && connection && channel.resourceId && (channel.expiration?.getTime() ?? 0) > deps.clock().getTime()) {
    try {
      await provider.stopChannel({ connectionId: channel.connectionId, connection }, { channelId, resourceId: channel.resourceId });
    } catch (error) {
      deps.log.warn('channels.stopped', { channelId, connectionId: channel.connectionId, reason, stopFailed: error instanceof Error ? error.message : String(error) });
    }
  }
  await markChannelStopped(deps.db, channelId, reason, deps.clock());
  deps.log.info('channels.stopped', { channelId, connectionId: channel.connectionId, reason });
}

function healthy(deps: InboundDeps, stored: StoredChannel): boolean {
  const expiration = stored.channel.expiration?.getTime() ?? 0;
  return stored.channel.status === 'active' && expiration > deps.clock().getTime() + deps.options.renewBeforeMs;
}

/** A channel whose watch call is (most likely) still under way: it becomes active in a moment. */
function starting(deps: InboundDeps, stored: StoredChannel): boolean {
  return stored.channel.status === 'pending' && stored.channel.createdAt.getTime() >= deps.clock().getTime() - PENDING_GIVE_UP_MS;
}

/**
 * A channel on an active connection, unless one that lives long enough already exists or is
 * being opened (a repeated trigger delivery must not open a second channel while the first
 * one's watch call is still under way).
 */
export async function ensureChannel(deps: InboundDeps, ref: ConnectionRef): Promise<'exists' | 'opened' | 'unavailable'> {
  if (!deps.webhookUrl || !deps.providers[ref.connection.provider]) return 'unavailable';
  const live = await liveChannelsOfConnection(deps.db, ref.connectionId);
  if (live.some((stored) => healthy(deps, stored) || starting(deps, stored))) return 'exists';
  await openChannel(deps, ref);
  return 'opened';
}

/** Stops every channel of a connection (it was disconnected or lost its authorization). */
export async function stopChannelsOfConnection(deps: InboundDeps, connectionId: string, reason: string): Promise<number> {
  const connection = await readConnection(deps.db, connectionId);
  const live = await liveChannelsOfConnection(deps.db, connectionId);
  for (const stored of live) await stopChannel(deps, stored, connection, reason);
  return live.length;
}

export interface ChannelSweepReport {
  checked: number;
  renewed: number;
  opened: number;
  stopped: number;
  failed: number;
  /** Busy-time documents of calendars no longer connected, removed. */
  orphanedBusyRemoved: number;
}

/**
 * The scheduled channel job:
 * - a channel expiring within `renewBeforeMs` is replaced: a new channel first, then the old one
 *   stopped, so the calendar is never unwatched (notifications from both in between only cost a
 *   coalesced read). The old one is stopped only once its replacement is active: while the
 *   replacement's watch is still pending, the old one keeps the calendar watched until the next
 *   run (or until it expires by itself);
 * - channels of connections that are no longer active are stopped;
 * - active connections without a channel (a failed watch, a new connection) get one.
 * A connection whose watch keeps failing is still read by the poll. Last, busy time left behind by
 * calendars no longer connected is removed (`removeOrphanedBusy`).
 */
export async function renewChannels(deps: InboundDeps): Promise<ChannelSweepReport> {
  const report: ChannelSweepReport = { checked: 0, renewed: 0, opened: 0, stopped: 0, failed: 0, orphanedBusyRemoved: 0 };
  const byConnection = new Map<string, StoredChannel[]>();
  let after: string | undefined;
  for (;;) {
    const page = await liveChannelsPage(deps.db, after, PAGE);
    for (const stored of page) byConnection.set(stored.channel.connectionId, [...(byConnection.get(stored.channel.connectionId) ?? []), stored]);
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.channelId;
  }

  const covered = new Set<string>();
  for (const [connectionId, channels] of byConnection) {
    report.checked += channels.length;
    try {
      const connection = await readConnection(deps.db, connectionId);
      if (!connection || connection.status !== 'active') {
        for (const stored of channels) await stopChannel(deps, stored, connection, connection ? `connection ${connection.status}` : 'connection deleted');
        report.stopped += channels.length;
        continue;
      }
      const now = deps.clock().getTime();
      const opening = channels.filter((stored) => starting(deps, stored));
      const abandoned = channels.filter((stored) => stored.channel.status === 'pending' && !starting(deps, stored));
      const fine = channels.filter((stored) => healthy(deps, stored));
      const expiring = channels.filter((stored) => stored.channel.status === 'active' && !healthy(deps, stored));
      for (const stored of abandoned) await stopChannel(deps, stored, connection, 'watch never answered');
      report.stopped += abandoned.length;
      covered.add(connectionId);
      let replaced = fine.length > 0;
      if (fine.length === 0 && opening.length === 0) {
        // Overlap: the new channel is open before the old one is stopped.
        await openChannel(deps, { connectionId, connection });
        replaced = true;
        if (expiring.length > 0) report.renewed += 1;
        else report.opened += 1;
      }
      // An expiring channel still watches the calendar: it goes only once a replacement is
      // active (an expired one sends nothing any more and is simply marked stopped).
      const stopping = expiring.filter((stored) => replaced || (stored.channel.expiration?.getTime() ?? 0) <= now);
      for (const stored of stopping) await stopChannel(deps, stored, connection, 'renewed');
      report.stopped += stopping.length;
    } catch (error) {
      report.failed += 1;
      deps.log.warn('channels.watch_failed', { connectionId, message: error instanceof Error ? error.message : String(error) });
    }
  }

  if (deps.webhookUrl) {
    let afterConnection: string | undefined;
    for (;;) {
      const page = await activeConnectionsPage(deps.db, afterConnection, PAGE);
      for (const ref of page) {
        if (covered.has(ref.connectionId) || !deps.providers[ref.connection.provider]) continue;
        try {
          await openChannel(deps, ref);
          report.opened += 1;
        } catch {
          report.failed += 1;
        }
      }
      if (page.length < PAGE) break;
      afterConnection = page[page.length - 1]!.connectionId;
    }
  }
  try {
    report.orphanedBusyRemoved = await removeOrphanedBusy(deps);
  } catch (error) {
    deps.log.warn('inbound.orphaned_busy_removed', { failed: error instanceof Error ? error.message : String(error) });
  }
  deps.log.info('channels.renewed', { ...report });
  return report;
}
