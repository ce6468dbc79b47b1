import { z } from 'zod';
import { MAX_RANGE_DATES } from '../availability';
import { customerSchema, documentId } from '../model';

/**
 * The callables' request shapes: the one boundary where client data enters. Objects are strict
 * (an unknown field is an error naming it), instants need an offset, dates are real dates.
 */
const instantText = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 instant with Z or ±HH:MM' })
  .transform((text) => new Date(text));

const realDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
  }, 'must be a real date');

/** Idempotency key chosen by the client: the same key never books twice. */
const requestId = z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, 'must be 8–128 letters, digits, "_" or "-"');

const DAY_MS = 86_400_000;

export const getAvailabilityRequest = z
  .strictObject({
    businessId: documentId,
    serviceId: documentId,
    /** Absent: every staff member who offers the service. */
    staffId: documentId.optional(),
    from: realDate,
    to: realDate,
  })
  .superRefine((value, ctx) => {
    const days = (Date.parse(value.to) - Date.parse(value.from)) / DAY_MS;
    if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (days + 1 > MAX_RANGE_DATES) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_RANGE_DATES} dates at once` });
  });
export type GetAvailabilityRequest = z.infer<typeof getAvailabilityRequest>;

export const bookAppointmentRequest = z.strictObject({
  businessId: documentId,
  serviceId: documentId,
  /** Absent: any staff member who offers the service and is free. */
  staffId: documentId.optional(),
  start: instantText,
  customer: customerSchema.strict(),
  notes: z.string().max(5000).optional(),
  requestId: requestId.optional(),
  /** Staff roles only: link the appointment to a customer's account. */
  customerUid: z.string().min(1).max(128).optional(),
});
export type BookAppointmentRequest = z.infer<typeof bookAppointmentRequest>;

export const holdSlotRequest = z.strictObject({
  businessId: documentId,
  serviceId: documentId,
  staffId: documentId.optional(),
  start: instantText,
});
export type HoldSlotRequest = z.infer<typeof holdSlotRequest>;

export const rescheduleAppointmentRequest = z.strictObject({
  appointmentId: documentId,
  start: instantText,
  /** Absent: the same staff member. */
  staffId: documentId.optional(),
});
export type RescheduleAppointmentRequest = z.infer<typeof rescheduleAppointmentRequest>;

export const cancelAppointmentRequest = z.strictObject({
  appointmentId: documentId,
  reason: z.string().max(1000).default(''),
});
export type CancelAppointmentRequest = z.infer<typeof cancelAppointmentRequest>;
