import { systemActor } from '../booking/authorization';
import { BookingError } from '../booking/booking-errors';
import { cancelAppointment } from '../booking/cancel-appointment';
import { rescheduleAppointment } from '../booking/reschedule-appointment';
import type { ConflictPolicy } from '../model';
import type { ConnectionRef } from '../providers/types';
import { requestEventRewrite, restoresFor } from '../store/sync-record-inbound';
import { syncAppointment } from '../sync/sync-appointment';
import { openConflict } from './conflicts';
import type { InboundDeps } from './inbound-deps';
import { sameInterval, type OwnEventVerdict } from './own-event-review';
import type { ReadLease } from './read-lease';

export type PolicyOutcome = 'flagged' | 'restored' | 'moved' | 'cancelled' | 'none';

type Edit = Extract<OwnEventVerdict, { kind: 'moved' | 'deleted' }>;

/**
 * Applies the business's policy to a stylist's edit of one of our events:
 * - `flag` (default): a conflict for the admin; neither side is changed.
 * - `salon_wins`: the event is put back as the appointment says (a deleted one under a fresh
 *   id, since Google never revives a deleted id). The write's own notification then shows the
 *   event as the appointment says, so nothing more happens: no loop. As a guard all the same,
 *   an event is put back at most `maxRestoresPerVersion` times per appointment version; an edit
 *   after that is flagged.
 * - `calendar_wins`: the appointment is moved to the event's new start, or cancelled, through the
 *   normal booking rules (working hours, slot grid, other bookings and busy time). When those
 *   refuse, a conflict is opened instead. The appointment write syncs back through the trigger
 *   like any other; the event then already shows it, so again nothing more happens. An event
 *   whose start stayed but whose length changed moves nothing (the appointment's length is its
 *   service's): the event is put back to the appointment's length, as under `salon_wins`.
 */
export async function applyOwnEventPolicy(
  deps: InboundDeps,
  ref: ConnectionRef,
  policy: ConflictPolicy,
  lease: ReadLease,
  edit: Edit,
): Promise<PolicyOutcome> {
  const { appointment } = edit;
  const appointmentId = edit.record.appointmentId;
  const flag = (note?: string) =>
    openConflict(deps, ref, {
      kind: edit.kind === 'moved' ? 'event_moved' : 'event_deleted',
      appointmentId,
      appointment: { start: appointment.start, end: appointment.end },
      external:
        edit.kind === 'moved'
          ? { eventId: edit.record.providerEventId!, start: edit.start, end: edit.end, summary: edit.summary, updated: edit.updated }
          : { eventId: edit.record.providerEventId! },
      note,
    }).then((): PolicyOutcome => 'flagged');
  const applied = (outcome: PolicyOutcome) => {
    deps.log.info('inbound.policy_applied', { policy, edit: edit.kind, outcome, appointmentId, connectionId: ref.connectionId });
    return outcome;
  };
  const restore = async (): Promise<PolicyOutcome> => {
    const done = restoresFor(edit.record, appointment.version);
    if (done >= deps.options.maxRestoresPerVersion) {
      return flag(`${policy} already put this event back ${done} times for this version of the appointment and it changed again; left to the admin`);
    }
    const rewrite = { request: 'outdated' as 'requested' | 'outdated' };
    await lease.write({
      write: async (tx) => {
        rewrite.request = await requestEventRewrite(tx, deps.db, edit.record, appointment.version, deps.clock());
      },
    });
    // The outbound sync changed the record since it was reviewed: it writes the salon's version.
    if (rewrite.request === 'outdated') return 'none';
    await syncAppointment(deps.sync, appointmentId, { force: true });
    return 'restored';
  };

  if (policy === 'flag') return applied(await flag());
  if (policy === 'salon_wins') return applied(await restore());

  const actor = systemActor(appointment.businessId);
  try {
    if (edit.kind === 'moved') {
      const result = await rescheduleAppointment(deps.booking, actor, { appointmentId, start: edit.start });
      if (result.changed) return applied('moved');
      // Same start, another length: nothing to move, but the calendar must not silently
      // disagree with the salon.
      if (!sameInterval(edit, appointment)) return applied(await restore());
      return applied('none');
    }
    const result = await cancelAppointment(deps.booking, actor, { appointmentId, reason: "Deleted from the stylist's calendar" });
    return applied(result.changed ? 'cancelled' : 'none');
  } catch (error) {
    if (!(error instanceof BookingError)) throw error;
    const what = edit.kind === 'moved' ? 'move' : 'cancel';
    return applied(await flag(`calendar_wins could not ${what} the appointment: ${error.reason ?? error.code} (${error.message})`));
  }
}
