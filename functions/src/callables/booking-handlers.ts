import { HttpsError, type CallableRequest } from 'firebase-functions/v2/https';
import type { z } from 'zod';
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
import { appointmentView, holdView } from './booking-views';
import { invalidRequest, toHttpsError } from './https-errors';

/** A callable's body: what `onCall` runs. */
export type CallableHandler = (request: CallableRequest<unknown>) => Promise<unknown>;

/**
 * Authenticate, parse, call the capability, shape the answer, map typed errors. Nothing is
 * decided here.
 */
function handler<S extends z.ZodType, R>(
  name: string,
  getDeps: () => BookingDeps,
  schema: S,
  capability: (deps: BookingDeps, actor: Actor, request: z.output<S>) => Promise<R>,
): CallableHandler {
  return async (request) => {
    if (!request.auth) throw new HttpsError('unauthenticated', 'sign in first');
    const actor = actorFromAuth({ uid: request.auth.uid, token: request.auth.token as unknown as Record<string, unknown> });
    if (!actor) throw new HttpsError('permission-denied', 'this account has no role at any business');
    const parsed = schema.safeParse(request.data);
    if (!parsed.success) throw invalidRequest(parsed.error);
    const deps = getDeps();
    try {
      return await capability(deps, actor, parsed.data);
    } catch (error) {
      throw toHttpsError(error, deps.log, name);
    }
  };
}

export interface BookingHandlers {
  getAvailability: CallableHandler;
  holdSlot: CallableHandler;
  bookAppointment: CallableHandler;
  rescheduleAppointment: CallableHandler;
  cancelAppointment: CallableHandler;
}

export function createBookingHandlers(getDeps: () => BookingDeps): BookingHandlers {
  return {
    getAvailability: handler('getAvailability', getDeps, getAvailabilityRequest, getAvailability),
    holdSlot: handler('holdSlot', getDeps, holdSlotRequest, async (deps, actor, request) => {
      const { holdId, hold } = await holdSlot(deps, actor, request);
      return holdView(holdId, hold);
    }),
    bookAppointment: handler('bookAppointment', getDeps, bookAppointmentRequest, async (deps, actor, request) => {
      const result = await bookAppointment(deps, actor, request);
      return { created: result.created, appointment: appointmentView(result.appointmentId, result.appointment) };
    }),
    rescheduleAppointment: handler('rescheduleAppointment', getDeps, rescheduleAppointmentRequest, async (deps, actor, request) => {
      const result = await rescheduleAppointment(deps, actor, request);
      return { changed: result.changed, appointment: appointmentView(result.appointmentId, result.appointment) };
    }),
    cancelAppointment: handler('cancelAppointment', getDeps, cancelAppointmentRequest, async (deps, actor, request) => {
      const result = await cancelAppointment(deps, actor, request);
      return { changed: result.changed, appointment: appointmentView(result.appointmentId, result.appointment) };
    }),
  };
}
