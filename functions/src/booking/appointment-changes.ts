import type { Appointment } from '../model';
import { isStaffRole, type Actor } from './authorization';
import { notChangeable } from './booking-errors';

/**
 * Whether an appointment may still be moved or cancelled by this actor: never once cancelled
 * or completed; customers not once it has started (the salon handles that in person).
 */
export function assertChangeable(appointment: Appointment, actor: Actor, now: Date, what: 'reschedule' | 'cancel'): void {
  if (appointment.status === 'completed') throw notChangeable(`a completed appointment cannot be ${what === 'cancel' ? 'cancelled' : 'rescheduled'}`);
  if (appointment.status === 'cancelled' && what === 'reschedule') throw notChangeable('a cancelled appointment cannot be rescheduled');
  if (!isStaffRole(actor) && appointment.start.getTime() <= now.getTime()) {
    throw notChangeable('the appointment has already started; please contact the salon');
  }
}
