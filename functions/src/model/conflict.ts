import { z } from 'zod';
import { documentId, instant } from './fields';

/**
 * What kind of disagreement between the salon and a stylist's own calendar:
 * - `external_overlap`: an event of the stylist's own (not ours) overlaps a live appointment;
 * - `event_moved` / `event_deleted`: the stylist moved or deleted our event of an appointment
 *   and the business's policy is `flag` (or `calendar_wins` could not apply the change).
 */
export const conflictKind = z.enum(['external_overlap', 'event_moved', 'event_deleted']);
export type ConflictKind = z.infer<typeof conflictKind>;

export const conflictStatus = z.enum(['open', 'resolved']);

const interval = z.object({ start: instant, end: instant });

/**
 * `conflicts/{conflictId}`: server-only (the admin dashboard reads them through its callables).
 * The id is a hash of what was seen (kind, appointment, event, both intervals), and documents are
 * created with `create()`: the same conflict is never opened twice, however often a notification
 * or a full resync shows it again.
 */
export const conflictSchema = z.object({
  businessId: documentId,
  staffId: documentId,
  connectionId: documentId,
  appointmentId: documentId,
  kind: conflictKind,
  status: conflictStatus,
  /** The appointment's own time when the conflict was seen. */
  appointment: interval,
  /** The calendar event: its id, its time (absent when deleted) and its title. */
  external: z.object({
    eventId: z.string(),
    start: instant.optional(),
    end: instant.optional(),
    summary: z.string().max(200).optional(),
    /** When the calendar last changed the event: part of the conflict's id, so a new edit is a new conflict. */
    updated: instant.optional(),
  }),
  /** Why the policy did not settle it on its own (e.g. calendar_wins refused: `slot_taken`). */
  note: z.string().max(500).optional(),
  detectedAt: instant,
  resolvedAt: instant.optional(),
  resolvedBy: z.string().optional(),
  resolution: z.string().max(500).optional(),
});
export type Conflict = z.infer<typeof conflictSchema>;
