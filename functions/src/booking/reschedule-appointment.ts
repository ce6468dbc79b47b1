import type { Transaction } from 'firebase-admin/firestore';
import type { Appointment } from '../model';
import { appointmentRef, readAppointmentInTransaction, updateAppointment } from '../store/appointment-store';
import { readAppointment } from '../store/catalog-store';
import { holdsOfHolder } from '../store/hold-store';
import { assertChangeable } from './appointment-changes';
import { findAlternatives } from './alternatives';
import { authorizeAppointmentChange, isStaffRole, type Actor } from './authorization';
import type { StaffEntry } from './availability-input';
import { loadBookingContext, selectStaff, staffEntry, type BookingContext } from './booking-context';
import type { BookingDeps } from './booking-deps';
import { notFound, slotConflict } from './booking-errors';
import type { RescheduleAppointmentRequest } from './booking-requests';
import { runBookingTransaction } from './booking-transaction';
import { offerableStaff } from './busy-freshness';
import { checkClaim, commitClaim } from './claim-check';

export interface RescheduleResult {
  appointmentId: string;
  appointment: Appointment;
  /** False when the appointment already was at that time with that staff member. */
  changed: boolean;
}

type Attempt =
  | { kind: 'moved' | 'unchanged'; appointment: Appointment }
  | { kind: 'refused'; verdict: 'slot_taken' | 'not_bookable' };

/**
 * Moves an appointment to a new start (and optionally another staff member who offers the
 * service) with the same guarantee as a booking. When the time is taken it fails with the
 * nearest alternatives: the same staff member first, then the others. The old time frees with
 * the commit.
 */
export async function rescheduleAppointment(deps: BookingDeps, actor: Actor, request: RescheduleAppointmentRequest): Promise<RescheduleResult> {
  const { appointmentId } = request;
  const current = await readAppointment(deps.db, appointmentId);
  if (!current) throw notFound('appointment');
  authorizeAppointmentChange(actor, current);
  assertChangeable(current, actor, deps.clock(), 'reschedule');

  const context = await loadBookingContext(deps.db, current.businessId, current.serviceId);
  const targetStaffId = request.staffId ?? current.staffId;
  // Another staff member must offer the service; the booked one keeps their appointment even
  // if the service has since left their list.
  const [staff] = targetStaffId === current.staffId ? [staffEntry(context, targetStaffId)] : selectStaff(context, targetStaffId);
  const minNoticeMinutes = isStaffRole(actor) ? 0 : undefined;

  const { staff: offerable } = await offerableStaff(deps, context, [staff!]);
  let refusal: 'slot_taken' | 'not_bookable' = 'not_bookable';
  if (offerable.length > 0) {
    const attempt = await runBookingTransaction(deps.db, (tx) => attemptMove(tx, deps, context, staff!, actor, request, minNoticeMinutes));
    if (attempt.kind !== 'refused') {
      if (attempt.kind === 'moved') {
        deps.log.info('booking.rescheduled', { appointmentId, businessId: current.businessId, staffId: staff!.id, start: request.start, version: attempt.appointment.version });
      }
      return { appointmentId, appointment: attempt.appointment, changed: attempt.kind === 'moved' };
    }
    refusal = attempt.verdict;
  }

  const alternatives = await findAlternatives(deps, context, {
    requestedStart: request.start,
    preferredStaffId: staff!.id,
    holderUid: actor.uid,
    ignoreAppointmentId: appointmentId,
    minNoticeMinutes,
  });
  deps.log.info('booking.conflict', { appointmentId, businessId: current.businessId, staffId: staff!.id, start: request.start, reason: refusal, reschedule: true });
  throw slotConflict(refusal, alternatives);
}

async function attemptMove(
  tx: Transaction,
  deps: BookingDeps,
  context: BookingContext,
  staff: StaffEntry,
  actor: Actor,
  request: RescheduleAppointmentRequest,
  minNoticeMinutes: number | undefined,
): Promise<Attempt> {
  const now = deps.clock();
  const ref = appointmentRef(deps.db, request.appointmentId);
  const appointment = await readAppointmentInTransaction(tx, ref);
  if (!appointment) throw notFound('appointment');
  // Checked again on the transaction's own read: it may have been cancelled meanwhile.
  authorizeAppointmentChange(actor, appointment);
  assertChangeable(appointment, actor, now, 'reschedule');
  if (appointment.staffId === staff.id && appointment.start.getTime() === request.start.getTime()) {
    return { kind: 'unchanged', appointment };
  }
  const check = await checkClaim(
    tx,
    deps.db,
    context,
    { staff, start: request.start, holderUid: actor.uid, ignoreAppointmentId: request.appointmentId, minNoticeMinutes },
    now,
  );
  if (check.verdict !== 'free') return { kind: 'refused', verdict: check.verdict };
  const ownHolds = await holdsOfHolder(deps.db, context.businessId, actor.uid, tx);
  commitClaim(tx, deps.db, context, staff.id, check, ownHolds.map(({ id }) => id), now);
  const moved = updateAppointment(tx, ref, appointment, { start: request.start, end: check.end, staffId: staff.id }, now);
  return { kind: 'moved', appointment: moved };
}
