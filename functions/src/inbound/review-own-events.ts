import type { Business, CalendarSync } from '../model';
import type { ConnectionRef, InboundEvent, ReadWindow } from '../providers/types';
import { liveAppointmentsOfStaff, type AppointmentTime } from '../store/schedule-store';
import { syncRecordsOfAppointments } from '../store/sync-record-inbound';
import { removeGhostEvent } from './ghost-events';
import type { InboundDeps } from './inbound-deps';
import { applyOwnEventPolicy } from './own-event-policy';
import { reviewOwnEvent, showsInterval } from './own-event-review';
import type { ReadLease } from './read-lease';

export interface OwnEventsReport {
  /** Moves and deletions by the stylist that a policy was applied to. */
  edits: number;
  /** Events looked at one by one (the appointment loaded, maybe a fresh get): the cost. */
  reviewed: number;
  ghostsRemoved: number;
}

/** Above this many own events in one read, the appointments of the window are loaded at once. */
const PREFETCH_ABOVE = 10;

/** What a read knows about the appointments in its window, from two batched reads. */
interface KnownAppointment {
  appointment: AppointmentTime;
  record?: CalendarSync;
}

/**
 * Reviews our own events that a read returned, and applies the business's policy to the
 * stylist's edits (or removes ghosts). A full read also checks the events our records say are
 * there but that it did not list (a full read lists no deleted events).
 *
 * A full read lists every event of ours in its window, and a salon's stylist has hundreds. Only
 * appointments whose time overlaps the window can be edited in it, so a full read first loads
 * those appointments of this stylist and their records (one query, batched gets) — never the
 * records of every appointment the calendar ever had — and settles the common case from them:
 * an event the record names that shows its appointment's time is unchanged. Only the rest is
 * reviewed one by one, with the lease kept alive along the way.
 */
export async function reviewOwnEvents(
  deps: InboundDeps,
  ref: ConnectionRef,
  business: Business,
  lease: ReadLease,
  own: readonly InboundEvent[],
  options: { full: boolean; window: ReadWindow },
): Promise<OwnEventsReport> {
  const report: OwnEventsReport = { edits: 0, reviewed: 0, ghostsRemoved: 0 };
  // The latest entry per event id (a listing may name an event more than once).
  const latest = new Map(own.map((event) => [event.id, event]));
  // A full read, or an incremental one with many of our events (a reconnected calendar's
  // catch-up writes them all at once), settles most of them from two batched reads.
  const known = options.full || latest.size > PREFETCH_ABOVE ? await appointmentsInWindow(deps, ref, options.window) : undefined;
  if (known && options.full) {
    const now = deps.clock().getTime();
    for (const [appointmentId, { appointment, record }] of known) {
      const eventId = record?.providerEventId;
      if (!eventId || record.eventState !== 'present' || latest.has(eventId) || appointment.end.getTime() <= now) continue;
      // Not listed: maybe deleted by the stylist (reviewOwnEvent confirms with a fresh get).
      latest.set(eventId, { id: eventId, status: 'cancelled', transparent: false, declinedBySelf: false, own: { appointmentId, businessId: record.businessId } });
    }
  }

  for (const event of latest.values()) {
    if (known && settled(deps, ref, business, event, known)) continue;
    await lease.keepAlive();
    report.reviewed += 1;
    const verdict = await reviewOwnEvent(deps, ref, business, event);
    if (verdict.kind === 'moved' || verdict.kind === 'deleted') {
      report.edits += 1;
      await lease.renew();
      await applyOwnEventPolicy(deps, ref, business.conflictPolicy, lease, verdict);
    } else if (verdict.kind === 'ghost') {
      await lease.renew();
      if (await removeGhostEvent(deps, ref, verdict)) report.ghostsRemoved += 1;
    }
  }
  return report;
}

/** This stylist's live appointments overlapping the read window, with their records here. */
async function appointmentsInWindow(deps: InboundDeps, ref: ConnectionRef, window: ReadWindow): Promise<Map<string, KnownAppointment>> {
  const { businessId, staffId } = ref.connection;
  const appointments = await liveAppointmentsOfStaff(deps.db, businessId, staffId, window);
  const records = await syncRecordsOfAppointments(deps.db, ref.connectionId, appointments.map(({ id }) => id));
  return new Map(appointments.map(({ id, appointment }) => [id, { appointment, record: records.get(id) }]));
}

/**
 * Whether a listed event needs no review: it is the event its appointment's record names, and it
 * shows the appointment's time (or the appointment is over: edits of the past are not judged).
 */
function settled(deps: InboundDeps, ref: ConnectionRef, business: Business, event: InboundEvent, known: ReadonlyMap<string, KnownAppointment>): boolean {
  if (event.status === 'cancelled' || !event.own) return false;
  const entry = known.get(event.own.appointmentId);
  if (!entry || entry.appointment.staffId !== ref.connection.staffId) return false;
  const { appointment, record } = entry;
  if (record?.providerEventId !== event.id || record.eventState !== 'present') return false;
  return appointment.end.getTime() <= deps.clock().getTime() || showsInterval(event, appointment, business.timeZone);
}
