import { isLive, type Appointment, type Business, type CalendarSync } from '../model';
import type { ConnectionRef, InboundEvent } from '../providers/types';
import { readSyncRecord } from '../store/sync-record-inbound';
import { appointmentEventBody, eventBodyHash } from '../sync/appointment-event';
import { loadAppointmentForSync, type LoadedAppointment } from '../sync/load-appointment';
import { busyIntervalOf } from './busy-interval';
import type { InboundDeps } from './inbound-deps';

/** What a read says about one of our own events, after checking it against what we wrote. */
export type OwnEventVerdict =
  | { kind: 'unchanged' }
  /** Not the stylist's doing, or not ours to judge (see `reviewOwnEvent`). */
  | { kind: 'ignored'; reason: string }
  /** Our event, but no appointment wants it here: it must go (see `ghostReason`). */
  | { kind: 'ghost'; appointmentId: string; eventId: string; reason: string }
  | { kind: 'moved'; appointment: Appointment; record: CalendarSync; start: Date; end: Date; summary?: string; updated?: Date }
  | { kind: 'deleted'; appointment: Appointment; record: CalendarSync };

/**
 * Google keeps event times in whole seconds, and an appointment may carry milliseconds: times
 * closer than this are the same. Comparing milliseconds would read every such event as moved and
 * make `salon_wins` rewrite it forever.
 */
const SAME_INSTANT_MS = 1_000;

/**
 * How many id generations a put in flight may move past the one its record names (the provider
 * bumps the generation when an id turns out to be burnt; it gives up after a few steps).
 */
const GENERATIONS_IN_FLIGHT = 8;

/**
 * Decides whether the stylist moved or deleted one of our events, or whether the event is a
 * ghost. Our own writes come back through the same notifications (every write to the calendar
 * notifies), so this must never mistake an echo — or a read older than our latest write — for an
 * edit:
 *
 * 1. Only the event our `calendarSync` record names for this connection counts (an old
 *    generation's id that we deleted ourselves is ignored), and only while the appointment is
 *    live, still this stylist's and not over.
 * 2. Only when the record says the calendar shows exactly the appointment as it is now
 *    (`synced`, `present`, and the body hash of the current appointment). Otherwise the
 *    outbound sync has a write pending that will put the salon's version anyway.
 * 3. An apparent difference is confirmed with a fresh `get` made after reading the record:
 *    a listing taken before our latest write would otherwise look like a move back.
 *
 * An event that still exists but that no appointment wants in this calendar is a ghost (see
 * `ghostReason`): the caller removes it.
 */
export async function reviewOwnEvent(deps: InboundDeps, ref: ConnectionRef, business: Business, event: InboundEvent): Promise<OwnEventVerdict> {
  const appointmentId = event.own!.appointmentId;
  const loaded = await loadAppointmentForSync(deps.db, appointmentId);
  // Read after the listing: the record is at least as new as what the listing showed.
  const record = await readSyncRecord(deps.db, appointmentId, ref.connectionId);
  if (event.status !== 'cancelled') {
    const ghost = ghostReason(deps, ref, business, event, loaded, record);
    if (ghost) return { kind: 'ghost', appointmentId, eventId: event.id, reason: ghost };
  }

  if (loaded.kind !== 'ok') return { kind: 'ignored', reason: `appointment ${loaded.kind}` };
  const { appointment } = loaded;
  if (!isLive(appointment)) return { kind: 'ignored', reason: 'appointment not live' };
  if (appointment.staffId !== ref.connection.staffId || appointment.businessId !== ref.connection.businessId) {
    return { kind: 'ignored', reason: 'appointment belongs to another calendar' };
  }
  if (appointment.end.getTime() <= deps.clock().getTime()) return { kind: 'ignored', reason: 'appointment is over' };

  if (!record || record.providerEventId !== event.id) return { kind: 'ignored', reason: 'not the current event of the appointment' };
  if (record.syncStatus !== 'synced' || record.eventState !== 'present') return { kind: 'ignored', reason: 'outbound sync pending' };
  const expectedHash = eventBodyHash(appointmentEventBody(appointmentId, appointment, loaded.business, loaded.service, loaded.staff));
  if (record.syncedHash !== expectedHash) return { kind: 'ignored', reason: 'outbound sync pending' };

  if (showsInterval(event, appointment, business.timeZone)) return { kind: 'unchanged' };
  const provider = deps.providers[ref.connection.provider]!;
  const fresh = await provider.getEvent(ref, event.id);
  if (!fresh || fresh.status === 'cancelled') return { kind: 'deleted', appointment, record };
  if (showsInterval(fresh, appointment, business.timeZone)) return { kind: 'unchanged' };
  const moved = eventInterval(fresh, business.timeZone);
  if (!moved) return { kind: 'ignored', reason: 'event has no usable time' };
  return { kind: 'moved', appointment, record, start: moved.start, end: moved.end, summary: fresh.summary, updated: fresh.updated };
}

/**
 * Why an existing event of ours (by its private property, of this business) should not be in
 * this calendar, or null when it should (or when that is not ours to decide now):
 * - its appointment was deleted or cancelled, or moved to another stylist;
 * - its appointment is live here, but the record names another event (a copy, an old generation
 *   restored from the bin, a delete that never happened).
 * Never a ghost: the event the record names as present (the outbound sync owns it: it removes it
 * itself when the appointment goes), an event that has ended (history), another business's event,
 * and an id the outbound sync may be creating right now — a put writes its record before calling
 * the provider and may move on to the next id generations, so the record's generation and the few
 * after it are left alone; an older generation is burnt (Google never reuses a deleted id).
 */
export function ghostReason(
  deps: InboundDeps,
  ref: ConnectionRef,
  business: Business,
  event: InboundEvent,
  loaded: LoadedAppointment,
  record: CalendarSync | null,
): string | null {
  if (event.own?.businessId !== ref.connection.businessId) return null;
  if (record?.providerEventId === event.id && record.eventState === 'present') return null;
  const interval = eventInterval(event, business.timeZone);
  if (interval && interval.end.getTime() <= deps.clock().getTime()) return null;
  const outbound = deps.sync.providers[ref.connection.provider];
  if (!outbound) return null;
  if (record) {
    for (let generation = record.generation; generation < record.generation + GENERATIONS_IN_FLIGHT; generation += 1) {
      if (outbound.eventIdFor(ref.connectionId, record.appointmentId, generation) === event.id) return null;
    }
  }
  if (loaded.kind === 'missing') return 'appointment deleted';
  if (loaded.kind === 'invalid') return loaded.cancelled && loaded.businessId === ref.connection.businessId ? 'appointment cancelled' : null;
  const { appointment } = loaded;
  if (appointment.businessId !== ref.connection.businessId) return null;
  if (!isLive(appointment)) return 'appointment cancelled';
  if (appointment.staffId !== ref.connection.staffId) return 'appointment belongs to another stylist';
  return 'not the current event of the appointment';
}

/** The instants an event covers, whatever its free/busy flags (null when it has no usable time). */
export function eventInterval(event: InboundEvent, timeZone: string): { start: Date; end: Date } | null {
  if (event.status === 'cancelled' || !event.time) return null;
  return busyIntervalOf({ ...event, transparent: false, declinedBySelf: false }, timeZone);
}

/** Whether an event shows exactly this interval (to the second: Google keeps no milliseconds). */
export function showsInterval(event: InboundEvent, expected: { start: Date; end: Date }, timeZone: string): boolean {
  const interval = eventInterval(event, timeZone);
  return !!interval && sameInterval(interval, expected);
}

export function sameInterval(a: { start: Date; end: Date }, b: { start: Date; end: Date }): boolean {
  return Math.abs(a.start.getTime() - b.start.getTime()) < SAME_INSTANT_MS && Math.abs(a.end.getTime() - b.end.getTime()) < SAME_INSTANT_MS;
}
