/** Booking capabilities: availability, holds, booking, rescheduling and cancelling. */
export { getAvailability, type AvailabilityAnswer } from './get-availability';
export { bookAppointment, type BookingResult } from './book-appointment';
export { holdSlot, HOLD_MINUTES, type HoldResult } from './hold-slot';
export { rescheduleAppointment, type RescheduleResult } from './reschedule-appointment';
export { cancelAppointment, type CancelResult } from './cancel-appointment';
export { actorFromAuth, type Actor, type Role } from './authorization';
export { BookingError, type Alternative, type BookingRefusal } from './booking-errors';
export type { BookingDeps } from './booking-deps';
export * from './booking-requests';
export { staffExcludedForStaleBusy, type StaffExclusion } from './busy-freshness';
