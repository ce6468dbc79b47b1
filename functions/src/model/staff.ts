import { z } from 'zod';
import { documentId, instantInterval, wallClockInterval, weekdayKey, weeklyHours } from './fields';

/** `staff/{staffId}` */
export const staffSchema = z.object({
  businessId: documentId,
  name: z.string().min(1).max(200),
  email: z.string().email().optional(),
  active: z.boolean().default(true),
  /** Absent: works whenever the business is open. */
  weeklyHours: weeklyHours.optional(),
  breaks: z.partialRecord(weekdayKey, z.array(wallClockInterval)).default({}),
  timeOff: z.array(instantInterval).default([]),
  /** Services this staff member offers. */
  serviceIds: z.array(documentId).default([]),
});
export type Staff = z.infer<typeof staffSchema>;
