import { readConnection } from '../store/connection-store';
import { readChannel } from '../store/watch-channel-store';
import { channelTokenMatches } from './channel-token';
import type { InboundDeps } from './inbound-deps';
import { requestConnectionSync } from './sync-connection';

/** A push notification as received (provider-neutral; the webhook adapter parses headers). */
export interface ChannelNotification {
  channelId: string;
  token?: string;
  resourceId?: string;
  /** Google: `sync` (the channel now works), `exists` / `not_exists` (something changed). */
  resourceState: string;
  messageNumber?: string;
}

export type NotificationVerdict =
  /** Refused: nothing was read or written. */
  | { status: 403 | 404; action: 'rejected'; reason: string }
  /** Acknowledged; nothing to read (the channel's first message, a stopped channel). */
  | { status: 200; action: 'ignored'; reason: string }
  /** Acknowledged; another worker is reading and will read once more. */
  | { status: 200; action: 'queued'; connectionId: string }
  /** Acknowledged; this caller holds the lease (as `leaseOwner`) and must now read. */
  | { status: 200; action: 'read'; connectionId: string; leaseOwner: string };

/**
 * Checks a notification against the channel we opened — it must name a channel of ours, carry
 * that channel's token and its resource — and turns a genuine "something changed" into a read
 * request. A forged or stray notification is refused before anything is written. Notifications
 * carry no data (Google posts without a body): the read itself decides what changed.
 */
export async function receiveNotification(deps: InboundDeps, notification: ChannelNotification): Promise<NotificationVerdict> {
  const reject = (status: 403 | 404, reason: string): NotificationVerdict => {
    deps.log.warn('inbound.notification_rejected', { channelId: notification.channelId.slice(0, 64), reason });
    return { status, action: 'rejected', reason };
  };
  const channel = await readChannel(deps.db, notification.channelId);
  if (!channel) return reject(404, 'unknown channel');
  if (!channelTokenMatches(notification.token, channel.tokenHash)) return reject(403, 'wrong channel token');
  if (channel.resourceId && notification.resourceId !== channel.resourceId) return reject(403, 'wrong resource id');
  deps.log.info('inbound.notification', {
    channelId: notification.channelId,
    connectionId: channel.connectionId,
    state: notification.resourceState,
    messageNumber: notification.messageNumber,
  });
  // Google may still deliver a few notifications after channels.stop; the renewed channel
  // (or the poll) covers the calendar.
  if (channel.status === 'stopped') return { status: 200, action: 'ignored', reason: 'channel stopped' };
  if (notification.resourceState === 'sync') return { status: 200, action: 'ignored', reason: 'channel started' };
  const connection = await readConnection(deps.db, channel.connectionId);
  if (!connection || connection.status !== 'active') return { status: 200, action: 'ignored', reason: 'connection not active' };
  const request = await requestConnectionSync(deps, { connectionId: channel.connectionId, connection });
  return request.claim === 'claimed'
    ? { status: 200, action: 'read', connectionId: channel.connectionId, leaseOwner: request.owner }
    : { status: 200, action: 'queued', connectionId: channel.connectionId };
}
