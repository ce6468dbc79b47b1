import { HttpsError, onCall, type CallableOptions, type CallableRequest } from 'firebase-functions/v2/https';
import type { z } from 'zod';
import type { Appointment, SlotHold } from '../model';
import {
  actorFromAuth,
  bookAppointment,
  bookAppointmentRequest,
  cancelAppointment,
  cancelAppointmentRequest,
  getAvailability,
  getAvailabilityRequest,
  holdSlot,
  holdSlotRequest,
  rescheduleAppointment,
  rescheduleAppointmentRequest,
  type Actor,
  type BookingDeps,
} from '../booking';
import { invalidRequest, toHttpsError } from './https-errors';

/**
 * The booking callables: authenticate, parse, call the capability, shape the answer. Nothing
 * is decided here.
 */
function callable<S extends z.ZodType, R>(
  name: string,
  getDeps: () => BookingDeps,
  schema: S,
  capability: (deps: BookingDeps, actor: Actor, request: z.output<S>) => Promise<R>,
  options: CallableOptions,
) {
  return onCall(options, async (request: CallableRequest<unknown>) => {
    const deps = getDeps();
    if (!request.auth) throw new HttpsError('unauthenticated', 'sign in first');
    const actor = actorFromAuth({ uid: request.auth.uid, token: request.auth.token as unknown as Record<string, unknown> });
    if (!actor) throw new HttpsError('permission-denied', 'this account has no role at any business');
    const parsed = schema.safeParse(request.data);
    if (!parsed.success) throw invalidRequest(parsed.error);
    try {
      return await capability(deps, actor, parsed.data);
    } catch (error) {
      throw toHttpsError(error, deps.log, name);
    }
  });
}

export function appointmentView(appointmentId: string, appointment: Appointment) {
  return {
    appointmentId,
    businessId: appointment.businessId,
    staffId: appointment.staffId,
    serviceId: appointment.serviceId,
    start: appointment.start.toISOString(),
    end: appointment.end.toISOString(),
    status: appointment.status,
    version: appointment.version,
    customer: appointment.customer,
    notes: appointment.notes,
    ...(appointment.cancellation
      ? { cancellation: { ...appointment.cancellation, at: appointment.cancellation.at.toISOString() } }
      : {}),
  };
}

export function holdView(holdId: string, hold: SlotHold) {
  return {
    holdId,
    businessId: hold.businessId,
    staffId: hold.staffId,
    serviceId: hold.serviceId,
    start: hold.start.toISOString(),
    end: hold.end.toISOString(),
    expiresAt: hold.expiresAt.toISOString(),
  };
}

export function createBookingCallables(getDeps: () => BookingDeps, options: CallableOptions = {}) {
  return {
    getAvailability: callable('getAvailability', getDeps, getAvailabilityRequest, getAvailability, options),
    holdSlot: callable(
      'holdSlot',
      getDeps,
      holdSlotRequest,
      async (deps, actor, request) => {
        const { holdId, hold } = await holdSlot(deps, actor, request);
        return holdView(holdId, hold);
      },
      options,
    ),
    bookAppointment: callable(
      'bookAppointment',
      getDeps,
      bookAppointmentRequest,
      async (deps, actor, request) => {
        const result = await bookAppointment(deps, actor, request);
        return { created: result.created, appointment: appointmentView(result.appointmentId, result.appointment) };
      },
      options,
    ),
    rescheduleAppointment: callable(
      'rescheduleAppointment',
      getDeps,
      rescheduleAppointmentRequest,
      async (deps, actor, request) => {
        const result = await rescheduleAppointment(deps, actor, request);
        return { changed: result.changed, appointment: appointmentView(result.appointmentId, result.appointment) };
      },
      options,
    ),
    cancelAppointment: callable(
      'cancelAppointment',
      getDeps,
      cancelAppointmentRequest,
      async (deps, actor, request) => {
        const result = await cancelAppointment(deps, actor, request);
        return { changed: result.changed, appointment: appointmentView(result.appointmentId, result.appointment) };
      },
      options,
    ),
  };
}
