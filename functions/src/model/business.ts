import { z } from 'zod';
import { ianaTimeZone, localDate, wallClockInterval, weeklyHours } from './fields';

/** What happens when a stylist moves or deletes one of our events in their own calendar. */
export const conflictPolicy = z.enum(['flag', 'salon_wins', 'calendar_wins']);
export type ConflictPolicy = z.infer<typeof conflictPolicy>;

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
  /** Busy data older than this makes availability fail closed for that staff member. */
  busyStalenessMinutes: z.number().int().min(1).max(10080).default(60),
});
export type Business = z.infer<typeof businessSchema>;
