import { z } from 'zod';
import { documentId, instant } from './fields';
import { providerId } from './calendar-connection';

export const syncStatus = z.enum(['pending', 'synced', 'error', 'failed']);
export type SyncStatus = z.infer<typeof syncStatus>;

/**
 * `calendarSync/{appointmentId}__{connectionId}`: the state of one appointment in one connected
 * calendar. `eventState` says whether our event should currently exist there; `generation` is
 * bumped whenever an event must be created again after a delete (Google refuses reusing the id
 * of a deleted event with 409).
 */
export const calendarSyncSchema = z.object({
  businessId: documentId,
  appointmentId: documentId,
  /** `_appointment` for a record about the appointment itself (invalid, no connection to name). */
  connectionId: documentId,
  staffId: documentId.optional(),
  provider: providerId.optional(),
  providerEventId: z.string().optional(),
  generation: z.number().int().min(0).default(0),
  eventState: z.enum(['present', 'absent']).default('absent'),
  syncStatus: syncStatus,
  errorMessage: z.string().optional(),
  errorCode: z.string().optional(),
  retryCount: z.number().int().min(0).default(0),
  nextRetryAt: instant.optional(),
  lastSyncAt: instant.optional(),
  /** Appointment version last attempted: a `failed` record is not retried for the same version. */
  attemptedVersion: z.number().int().min(0).default(0),
  /** Appointment version last written to the provider. */
  syncedVersion: z.number().int().min(0).default(0),
  /** Hash of the event body last written: an unchanged body needs no API call. */
  syncedHash: z.string().optional(),
  /**
   * Inbound sync put this event back (`salon_wins`) `count` times for appointment `version`.
   * Capped, so that a calendar that keeps changing the event is flagged instead of fought forever.
   */
  inboundRestores: z.object({ version: z.number().int().min(0), count: z.number().int().min(1) }).optional(),
  updatedAt: instant.optional(),
});
export type CalendarSync = z.infer<typeof calendarSyncSchema>;

/** The connection id of a record about the appointment as a whole. */
export const APPOINTMENT_LEVEL_CONNECTION = '_appointment';

export function calendarSyncId(appointmentId: string, connectionId: string): string {
  return `${appointmentId}__${connectionId}`;
}

/**
 * `syncLocks/{appointmentId}`: a lease so that only one worker reconciles an appointment at a
 * time; `dirty` records that another delivery arrived while the lease was held.
 */
export const syncLockSchema = z.object({
  owner: z.string().optional(),
  leaseUntil: instant.optional(),
  dirty: z.boolean().default(false),
});
export type SyncLock = z.infer<typeof syncLockSchema>;
