import { z } from 'zod';
import { documentId, instant, localDate } from './fields';

/**
 * `staffDays/{staffId}_{YYYY-MM-DD}`: server-only. Every booking, hold and reschedule of a staff
 * member reads and writes the documents of the local days its occupied time touches, inside its
 * transaction. Two claims whose times overlap share at least one such day, so Firestore
 * serialises them (one commits, the other is retried and sees the first): that, not the query
 * of overlapping appointments alone, is what rules out double booking.
 */
export const staffDaySchema = z.object({
  businessId: documentId,
  staffId: documentId,
  date: localDate,
  /** Bumped by every claim: the write that makes concurrent claims conflict. */
  revision: z.number().int().min(1),
  updatedAt: instant,
});
export type StaffDay = z.infer<typeof staffDaySchema>;

export function staffDayId(staffId: string, date: string): string {
  return `${staffId}_${date}`;
}
