import { createBookingHandlers } from './booking-handlers';
import { productionBookingDeps } from './production-booking-deps';

/**
 * The deployed booking handlers, for index.ts to load lazily on the first call:
 * `onCall(options, (request) => load().bookingHandlers.bookAppointment(request))`.
 * Booking needs only Firestore: no secrets, no provider clients.
 */
export const bookingHandlers = createBookingHandlers(productionBookingDeps);
