import { z } from 'zod';
import { documentId, instant } from './fields';
import { providerId } from './calendar-connection';

export const watchChannelStatus = z.enum(['pending', 'active', 'stopped']);
export type WatchChannelStatus = z.infer<typeof watchChannelStatus>;

/**
 * `watchChannels/{channelId}`: server-only. One push channel on one connected calendar. The
 * channel token is a secret the provider echoes in every notification; only its SHA-256 is
 * stored, so a leaked Firestore export cannot forge notifications. The document is written
 * (`pending`) before the provider is asked to watch, because the first notification may arrive
 * before the watch call has answered.
 */
export const watchChannelSchema = z.object({
  businessId: documentId,
  staffId: documentId,
  connectionId: documentId,
  provider: providerId,
  calendarId: z.string().min(1),
  status: watchChannelStatus,
  /** hex SHA-256 of the channel token. */
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The provider's id of the watched resource (needed to stop the channel). */
  resourceId: z.string().optional(),
  expiration: instant.optional(),
  createdAt: instant,
  stoppedAt: instant.optional(),
  /** Why it stopped: renewed (a newer channel took over), disconnected, failed. */
  stopReason: z.string().optional(),
  updatedAt: instant.optional(),
});
export type WatchChannel = z.infer<typeof watchChannelSchema>;
