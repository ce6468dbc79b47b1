import { createHash } from 'node:crypto';
import type { Appointment, Business, Service, Staff } from '../model';
import type { AppointmentEventBody } from '../providers/types';

/** What the stylist's calendar shows for an appointment: service and customer, in the salon's zone. */
export function appointmentEventBody(
  appointmentId: string,
  appointment: Appointment,
  business: Business,
  service: Service,
  staff: Staff,
): AppointmentEventBody {
  const minutes = Math.round((appointment.end.getTime() - appointment.start.getTime()) / 60_000);
  const lines = [
    `Service: ${service.name} (${minutes} min)`,
    `Customer: ${appointment.customer.name}`,
    appointment.customer.phone ? `Phone: ${appointment.customer.phone}` : undefined,
    appointment.customer.email ? `Email: ${appointment.customer.email}` : undefined,
    appointment.notes ? `Notes: ${appointment.notes}` : undefined,
    `Stylist: ${staff.name}`,
    '',
    `Booked at ${business.name}. Change it in the salon app; edits here may be overwritten.`,
  ];
  return {
    appointmentId,
    businessId: appointment.businessId,
    summary: `${service.name} – ${appointment.customer.name}`,
    description: lines.filter((line) => line !== undefined).join('\n'),
    start: appointment.start,
    end: appointment.end,
    timeZone: business.timeZone,
  };
}

/** A stable fingerprint of everything the event shows: equal hashes need no API call. */
export function eventBodyHash(body: AppointmentEventBody): string {
  const canonical = JSON.stringify([
    body.appointmentId,
    body.businessId,
    body.summary,
    body.description,
    body.start.toISOString(),
    body.end.toISOString(),
    body.timeZone,
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}
