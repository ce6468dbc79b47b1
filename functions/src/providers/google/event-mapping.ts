import type { calendar_v3 } from '@googleapis/calendar';
import type { AppointmentEventBody } from '../types';

/** Private extended properties mark our own events (per calendar copy, filterable in events.list). */
export const APPOINTMENT_ID_PROPERTY = 'salonSyncAppointmentId';
export const BUSINESS_ID_PROPERTY = 'salonSyncBusinessId';

/** The Google event resource for an appointment, written whole (PUT) so a retry converges. */
export function toGoogleEvent(eventId: string, body: AppointmentEventBody): calendar_v3.Schema$Event {
  return {
    id: eventId,
    status: 'confirmed',
    summary: body.summary,
    description: body.description,
    start: { dateTime: body.start.toISOString(), timeZone: body.timeZone },
    end: { dateTime: body.end.toISOString(), timeZone: body.timeZone },
    transparency: 'opaque',
    extendedProperties: {
      private: { [APPOINTMENT_ID_PROPERTY]: body.appointmentId, [BUSINESS_ID_PROPERTY]: body.businessId },
    },
  };
}
