import { z } from 'zod';
import { documentId, instant } from './fields';

/**
 * `externalBusy/{connectionId}__{hash of source event instance}`: time a staff member is busy in
 * their own calendar (events not created by us), in UTC. Written only by inbound sync.
 */
export const externalBusySchema = z.object({
  businessId: documentId,
  staffId: documentId,
  connectionId: documentId,
  start: instant,
  end: instant,
  /** The provider's event (instance) id, for updates and removal. */
  sourceEventId: z.string(),
  updatedAt: instant.optional(),
});
export type ExternalBusy = z.infer<typeof externalBusySchema>;
