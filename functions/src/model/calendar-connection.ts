import { z } from 'zod';
import { documentId, instant } from './fields';

export const providerId = z.enum(['google', 'microsoft', 'caldav', 'booksy']);
export type ProviderId = z.infer<typeof providerId>;

export const connectionStatus = z.enum(['active', 'needs_reauth', 'disconnected']);
export type ConnectionStatus = z.infer<typeof connectionStatus>;

/** `calendarConnections/{connectionId}`: one per staff member × provider × calendar. */
export const calendarConnectionSchema = z.object({
  businessId: documentId,
  staffId: documentId,
  provider: providerId,
  /** The provider's calendar id (Google: `primary` or the calendar's id). */
  calendarId: z.string().min(1),
  accountEmail: z.string().optional(),
  status: connectionStatus,
  scopes: z.array(z.string()).default([]),
  statusReason: z.string().optional(),
  createdAt: instant.optional(),
  updatedAt: instant.optional(),
});
export type CalendarConnection = z.infer<typeof calendarConnectionSchema>;
