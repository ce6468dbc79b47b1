import { createBookingCallables } from './booking-callables';
import { productionBookingDeps } from './production-booking-deps';

/** The deployed booking callables (index.ts re-exports them). */
export const { getAvailability, holdSlot, bookAppointment, rescheduleAppointment, cancelAppointment } =
  createBookingCallables(productionBookingDeps);
