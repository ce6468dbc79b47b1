import { onCall, type CallableOptions } from 'firebase-functions/v2/https';
import type { BookingDeps } from '../booking';
import { createBookingHandlers, type BookingHandlers } from './booking-handlers';

/** The five booking callables as `onCall` functions over the given dependencies. */
export function createBookingCallables(getDeps: () => BookingDeps, options: CallableOptions = {}) {
  const handlers = createBookingHandlers(getDeps);
  const callable = (name: keyof BookingHandlers) => onCall(options, (request) => handlers[name](request));
  return {
    getAvailability: callable('getAvailability'),
    holdSlot: callable('holdSlot'),
    bookAppointment: callable('bookAppointment'),
    rescheduleAppointment: callable('rescheduleAppointment'),
    cancelAppointment: callable('cancelAppointment'),
  };
}
