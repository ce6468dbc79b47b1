import type { Appointment, SlotHold } from '../model';

/** What the web app receives: ids and ISO strings, no Firestore types. */
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
