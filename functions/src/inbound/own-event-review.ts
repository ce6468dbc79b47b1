import { isLive, type Appointment, type Business, type CalendarSync } from '../model';
import type { ConnectionRef, InboundEvent } from '../providers/types';
import { readSyncRecord } from '../store/sync-record-inbound';
import { appointmentEventBody, eventBodyHash } from '../sync/appointment-event';
import { loadAppointmentForSync } from '../sync/load-appointment';
import { busyIntervalOf } from './busy-interval';
import type { InboundDeps } from './inbound-deps';

/** What a read says about one of our own events, after checking it against what we wrote. */
export type OwnEventVerdict =
  | { kind: 'unchanged' }
  /** Not the stylist's doing, or not ours to judge (see `reviewOwnEvent`). */
  | { kind: 'ignored'; reason: string }
  | { kind: 'moved'; appointment: Appointment; record: CalendarSync; start: Date; end: Date; summary?: string }
  | { kind: 'deleted'; appointment: Appointment; record: CalendarSync };

/**
 * Decides whether the stylist moved or deleted one of our events. Our own writes come back
 * through the same notifications (every write to the calendar notifies), so this must never
 * mistake an echo — or a read older than our latest write — for an edit:
 *
 * 1. Only the event our `calendarSync` record names for this connection counts (an old
 *    generation's id that we deleted ourselves is ignored), and only while the appointment is
 *    live, still this stylist's and not over.
 * 2. Only when the record says the calendar shows exactly the appointment as it is now
 *    (`synced`, `present`, and the body hash of the current appointment). Otherwise the
 *    outbound sync has a write pending that will put the salon's version anyway.
 * 3. An apparent difference is confirmed with a fresh `get` made after reading the record:
 *    a listing taken before our latest write would otherwise look like a move back.
 */
export async function reviewOwnEvent(deps: InboundDeps, ref: ConnectionRef, business: Business, event: InboundEvent): Promise<OwnEventVerdict> {
  const appointmentId = event.own!.appointmentId;
  const loaded = await loadAppointmentForSync(deps.db, appointmentId);
  if (loaded.kind !== 'ok') return { kind: 'ignored', reason: `appointment ${loaded.kind}` };
  const { appointment } = loaded;
  if (!isLive(appointment)) return { kind: 'ignored', reason: 'appointment not live' };
  if (appointment.staffId !== ref.connection.staffId || appointment.businessId !== ref.connection.businessId) {
    return { kind: 'ignored', reason: 'appointment belongs to another calendar' };
  }
  if (appointment.end.getTime() <= deps.clock().getTime()) return { kind: 'ignored', reason: 'appointment is over' };

  const record = await readSyncRecord(deps.db, appointmentId, ref.connectionId);
  if (!record || record.providerEventId !== event.id) return { kind: 'ignored', reason: 'not the current event of the appointment' };
  if (record.syncStatus !== 'synced' || record.eventState !== 'present') return { kind: 'ignored', reason: 'outbound sync pending' };
  const expectedHash = eventBodyHash(appointmentEventBody(appointmentId, appointment, loaded.business, loaded.service, loaded.staff));
  if (record.syncedHash !== expectedHash) return { kind: 'ignored', reason: 'outbound sync pending' };

  if (showsAppointment(event, appointment, business.timeZone)) return { kind: 'unchanged' };
  const provider = deps.providers[ref.connection.provider]!;
  const fresh = await provider.getEvent(ref, event.id);
  if (!fresh || fresh.status === 'cancelled') return { kind: 'deleted', appointment, record };
  if (showsAppointment(fresh, appointment, business.timeZone)) return { kind: 'unchanged' };
  const moved = fresh.time && busyIntervalOf({ ...fresh, transparent: false, declinedBySelf: false }, business.timeZone);
  if (!moved) return { kind: 'ignored', reason: 'event has no usable time' };
  return { kind: 'moved', appointment, record, start: moved.start, end: moved.end, summary: fresh.summary };
}

function showsAppointment(event: InboundEvent, appointment: Appointment, timeZone: string): boolean {
  if (event.status === 'cancelled' || !event.time) return false;
  const interval = busyIntervalOf({ ...event, transparent: false, declinedBySelf: false }, timeZone);
  return !!interval && interval.start.getTime() === appointment.start.getTime() && interval.end.getTime() === appointment.end.getTime();
}
