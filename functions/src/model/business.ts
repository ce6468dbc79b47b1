import { z } from 'zod';
import { ianaTimeZone, localDate, wallClockInterval, weeklyHours } from './fields';

/** What happens when a stylist moves or deletes one of our events in their own calendar. */
export const conflictPolicy = z.enum(['flag', 'salon_wins', 'calendar_wins']);
export type ConflictPolicy = z.infer<typeof conflictPolicy>;

/** The poll's period (10 min) plus its skip window (5 min) plus a read's own time, rounded up. */
export const MIN_BUSY_STALENESS_MINUTES = 20;

/** `businesses/{businessId}` */
export const businessSchema = z.object({
  name: z.string().min(1).max(200),
  timeZone: ianaTimeZone,
  weeklyHours: weeklyHours,
  specialHours: z.array(z.object({ date: localDate, intervals: z.array(wallClockInterval) })).default([]),
  closures: z.array(localDate).default([]),
  slotStepMinutes: z.number().int().min(1).max(1440).default(15),
  minNoticeMinutes: z.number().int().min(0).max(525600).default(0),
  maxAdvanceDays: z.number().int().min(0).max(3650).default(365),
  /** Where admin notifications go (the Trigger Email extension's `mail` collection). */
  adminEmails: z.array(z.string().email()).default([]),
  conflictPolicy: conflictPolicy.default('flag'),
  /**
   * Busy data older than this makes availability fail closed for that staff member. At least
   * `MIN_BUSY_STALENESS_MINUTES`: the poll runs every 10 minutes and skips calendars read within
   * the last 5, so a smaller limit would exclude stylists whose calendars are perfectly current.
   */
  busyStalenessMinutes: z.number().int().min(MIN_BUSY_STALENESS_MINUTES).max(10080).default(60),
});
export type Business = z.infer<typeof businessSchema>;
