import { z } from 'zod';
import { documentId, instant } from './fields';

/**
 * `externalBusy/{connectionId}__{hash of the source event instance id}`: time a staff member is
 * busy in their own calendar (events not created by us), in UTC. Written only by inbound sync
 * (`inbound/`); one document per event instance (recurring series are expanded), so the booking
 * queries need nothing but a range on `start`/`end`.
 */
export const externalBusySchema = z.object({
  businessId: documentId,
  staffId: documentId,
  connectionId: documentId,
  start: instant,
  end: instant,
  /** The provider's event (instance) id, for updates and removal. */
  sourceEventId: z.string(),
  /** The series an instance belongs to: a deleted series removes all of its instances. */
  seriesId: z.string().optional(),
  /** An all-day event: whole local days of the business's time zone. */
  allDay: z.boolean().default(false),
  updatedAt: instant.optional(),
});
export type ExternalBusy = z.infer<typeof externalBusySchema>;
