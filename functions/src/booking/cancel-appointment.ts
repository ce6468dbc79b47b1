import type { Appointment } from '../model';
import { appointmentRef, readAppointmentInTransaction, updateAppointment } from '../store/appointment-store';
import { assertChangeable } from './appointment-changes';
import { authorizeAppointmentChange, type Actor } from './authorization';
import type { BookingDeps } from './booking-deps';
import { notFound } from './booking-errors';
import type { CancelAppointmentRequest } from './booking-requests';
import { runBookingTransaction } from './booking-transaction';

export interface CancelResult {
  appointmentId: string;
  appointment: Appointment;
  /** False when it was already cancelled (a repeated call changes nothing). */
  changed: boolean;
}

/**
 * Soft-deletes an appointment: status `cancelled` with reason, who and when. Live-appointment
 * reads ignore it from the commit on, so the slot is free at once; the sync removes the event.
 */
export async function cancelAppointment(deps: BookingDeps, actor: Actor, request: CancelAppointmentRequest): Promise<CancelResult> {
  const { appointmentId } = request;
  const result = await runBookingTransaction(deps.db, async (tx) => {
    const now = deps.clock();
    const ref = appointmentRef(deps.db, appointmentId);
    const appointment = await readAppointmentInTransaction(tx, ref);
    if (!appointment) throw notFound('appointment');
    authorizeAppointmentChange(actor, appointment);
    if (appointment.status === 'cancelled') return { appointment, changed: false };
    assertChangeable(appointment, actor, now, 'cancel');
    const cancelled = updateAppointment(
      tx,
      ref,
      appointment,
      { status: 'cancelled', cancellation: { reason: request.reason, by: actor.uid, at: now } },
      now,
    );
    return { appointment: cancelled, changed: true };
  });
  if (result.changed) {
    deps.log.info('booking.cancelled', { appointmentId, businessId: result.appointment.businessId, staffId: result.appointment.staffId, by: actor.uid });
  }
  return { appointmentId, ...result };
}
