/** Inbound sync: reading staff members' own calendars (busy time, edits of our events), push channels. */
export { DEFAULT_INBOUND_OPTIONS, cryptoRandomToken, type InboundDeps, type InboundOptions } from './inbound-deps';
export { syncConnection, requestConnectionSync, type ConnectionSyncResult } from './sync-connection';
export { receiveNotification, type ChannelNotification, type NotificationVerdict } from './receive-notification';
export { renewChannels, ensureChannel, openChannel, stopChannelsOfConnection, type ChannelSweepReport } from './watch-channels';
export { pollCalendars, type PollReport } from './poll-calendars';
export { handleConnectionChange, type ConnectionChangeResult } from './connection-lifecycle';
export { externalBusyId } from './busy-import';
export { conflictId } from './conflicts';
export type { ReadReport } from './read-calendar';
