import type { calendar_v3 } from '@googleapis/calendar';
import type { InboundEvent, InboundEventTime } from '../types';
import { APPOINTMENT_ID_PROPERTY, BUSINESS_ID_PROPERTY } from './event-mapping';

/**
 * A Google event resource as the provider-neutral `InboundEvent`. Google guarantees only the id
 * of a cancelled entry, so nothing else is read from those. `dateTime` values carry their UTC
 * offset (RFC 3339), so an instance after a DST change is read at its own offset.
 */
export function toInboundEvent(event: calendar_v3.Schema$Event): InboundEvent | null {
  if (!event.id) return null;
  const status = event.status === 'cancelled' ? 'cancelled' : event.status === 'tentative' ? 'tentative' : 'confirmed';
  const privateProperties = event.extendedProperties?.private ?? {};
  const appointmentId = privateProperties[APPOINTMENT_ID_PROPERTY];
  const businessId = privateProperties[BUSINESS_ID_PROPERTY];
  return {
    id: event.id,
    status,
    time: status === 'cancelled' ? undefined : eventTime(event),
    seriesId: event.recurringEventId ?? undefined,
    // Working-location entries never block time (Google creates them transparent anyway).
    transparent: event.transparency === 'transparent' || event.eventType === 'workingLocation',
    declinedBySelf: (event.attendees ?? []).some((attendee) => attendee.self && attendee.responseStatus === 'declined'),
    own: appointmentId ? { appointmentId, businessId: businessId ?? undefined } : undefined,
    summary: event.summary ? event.summary.slice(0, 200) : undefined,
    updated: instantOrUndefined(event.updated),
  };
}

function eventTime(event: calendar_v3.Schema$Event): InboundEventTime | undefined {
  const { start, end } = event;
  if (start?.date && end?.date) return { kind: 'all_day', startDate: start.date, endDate: end.date };
  if (start?.dateTime && end?.dateTime) {
    const startMs = Date.parse(start.dateTime);
    const endMs = Date.parse(end.dateTime);
    if (Number.isNaN(startMs) || Number.isNaN(endMs)) return undefined;
    return { kind: 'timed', start: new Date(startMs), end: new Date(endMs) };
  }
  return undefined;
}

function instantOrUndefined(value: string | null | undefined): Date | undefined {
  const ms = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
