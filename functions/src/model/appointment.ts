import { z } from 'zod';
import { documentId, instant } from './fields';

export const appointmentStatus = z.enum(['booked', 'confirmed', 'cancelled', 'completed']);
export type AppointmentStatus = z.infer<typeof appointmentStatus>;

/** Statuses whose appointment occupies the stylist and shows in their calendar. */
export const LIVE_STATUSES: readonly AppointmentStatus[] = ['booked', 'confirmed', 'completed'];

export const customerSchema = z.object({
  name: z.string().min(1).max(200),
  phone: z.string().max(40).optional(),
  email: z.string().email().optional(),
});

/** `appointments/{appointmentId}`: written by the salon app and the booking callables. */
export const appointmentSchema = z
  .object({
    businessId: documentId,
    staffId: documentId,
    serviceId: documentId,
    start: instant,
    end: instant,
    status: appointmentStatus,
    customer: customerSchema,
    /** Firebase Auth uid of the customer who booked, when booked by a signed-in customer. */
    customerUid: z.string().optional(),
    notes: z.string().max(5000).default(''),
    /** Incremented by every write; the sync never applies an older version over a newer one. */
    version: z.number().int().min(1),
    cancellation: z
      .object({ reason: z.string().max(1000), by: z.string(), at: instant })
      .optional(),
    createdAt: instant.optional(),
    updatedAt: instant.optional(),
  })
  .refine((value) => value.end.getTime() > value.start.getTime(), { message: 'must be after start', path: ['end'] });
export type Appointment = z.infer<typeof appointmentSchema>;

export function isLive(appointment: Pick<Appointment, 'status'>): boolean {
  return LIVE_STATUSES.includes(appointment.status);
}
