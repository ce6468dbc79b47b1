import type { Transaction } from 'firebase-admin/firestore';
import type { Appointment } from '../model';
import { appointmentRef, createAppointment, readAppointmentInTransaction } from '../store/appointment-store';
import { readAppointment } from '../store/catalog-store';
import { holdsOfHolder } from '../store/hold-store';
import { findAlternatives } from './alternatives';
import { authorizeNewBooking, isStaffRole, type Actor } from './authorization';
import type { StaffEntry } from './availability-input';
import { loadBookingContext, type BookingContext } from './booking-context';
import type { BookingDeps } from './booking-deps';
import { BookingError, slotConflict } from './booking-errors';
import type { BookAppointmentRequest } from './booking-requests';
import { runBookingTransaction } from './booking-transaction';
import { candidateStaff, strongerRefusal } from './candidate-staff';
import { checkClaim, commitClaim, type ClaimVerdict } from './claim-check';
import { appointmentIdForRequest, randomDocumentId } from './document-ids';

export interface BookingResult {
  appointmentId: string;
  appointment: Appointment;
  /** False when a retried request found the appointment its first attempt created. */
  created: boolean;
}

type Attempt = { kind: 'created' | 'existing'; appointment: Appointment } | { kind: 'refused'; verdict: Exclude<ClaimVerdict, 'free'> };

/**
 * Books an appointment if the slot is still free for the staff member (or for any qualified
 * staff member when none is named), buffers included; otherwise refuses with the nearest
 * alternatives. The appointment document is the only output: the sync trigger takes it to
 * the calendars. A `requestId` makes retries return the first booking instead of a second one.
 */
export async function bookAppointment(deps: BookingDeps, actor: Actor, request: BookAppointmentRequest): Promise<BookingResult> {
  const { customerUid } = authorizeNewBooking(actor, request.businessId, request.customerUid);
  const appointmentId = request.requestId
    ? appointmentIdForRequest(actor.uid, request.businessId, request.requestId)
    : randomDocumentId(deps.random);

  // A retry of a request that already succeeded: its own appointment now occupies the slot.
  if (request.requestId) {
    const earlier = await readAppointment(deps.db, appointmentId);
    if (earlier) return { appointmentId, appointment: sameRequest(earlier, request), created: false };
  }

  const context = await loadBookingContext(deps.db, request.businessId, request.serviceId);
  const minNoticeMinutes = isStaffRole(actor) ? 0 : undefined;
  const now = deps.clock();
  const ownHold = (await holdsOfHolder(deps.db, request.businessId, actor.uid)).find(
    ({ hold }) => hold.serviceId === request.serviceId && hold.start.getTime() === request.start.getTime() && hold.expiresAt > now,
  );
  const candidates = await candidateStaff(deps, context, {
    staffId: request.staffId,
    start: request.start,
    holderUid: actor.uid,
    minNoticeMinutes,
    preferredStaffId: ownHold?.hold.staffId,
  });

  let refusal = candidates.refusal;
  for (const staff of candidates.staff) {
    const attempt = await runBookingTransaction(deps.db, (tx) => attemptBooking(tx, deps, context, staff, appointmentId, actor, request, customerUid, minNoticeMinutes));
    if (attempt.kind === 'refused') {
      refusal = strongerRefusal(refusal, attempt.verdict);
      continue;
    }
    if (attempt.kind === 'existing') return { appointmentId, appointment: sameRequest(attempt.appointment, request), created: false };
    deps.log.info('booking.created', { appointmentId, businessId: request.businessId, staffId: staff.id, start: request.start });
    return { appointmentId, appointment: attempt.appointment, created: true };
  }

  const reason = refusal ?? 'slot_taken';
  const alternatives = await findAlternatives(deps, context, {
    requestedStart: request.start,
    preferredStaffId: request.staffId,
    holderUid: actor.uid,
    minNoticeMinutes,
  });
  deps.log.info('booking.conflict', { businessId: request.businessId, staffId: request.staffId, start: request.start, reason, alternatives: alternatives.length });
  throw slotConflict(reason, alternatives);
}

async function attemptBooking(
  tx: Transaction,
  deps: BookingDeps,
  context: BookingContext,
  staff: StaffEntry,
  appointmentId: string,
  actor: Actor,
  request: BookAppointmentRequest,
  customerUid: string | undefined,
  minNoticeMinutes: number | undefined,
): Promise<Attempt> {
  const now = deps.clock();
  const ref = appointmentRef(deps.db, appointmentId);
  // All reads first (Firestore transactions read before they write).
  const existing = await readAppointmentInTransaction(tx, ref);
  if (existing) return { kind: 'existing', appointment: existing };
  const check = await checkClaim(tx, deps.db, context, { staff, start: request.start, holderUid: actor.uid, minNoticeMinutes }, now);
  if (check.verdict !== 'free') return { kind: 'refused', verdict: check.verdict };
  const ownHolds = await holdsOfHolder(deps.db, context.businessId, actor.uid, tx);

  const appointment: Appointment = {
    businessId: context.businessId,
    staffId: staff.id,
    serviceId: context.serviceId,
    start: request.start,
    end: check.end,
    status: 'booked',
    customer: request.customer,
    customerUid,
    notes: request.notes ?? '',
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  // The booking consumes the caller's hold(s) at this business: the form they held it for is done.
  commitClaim(tx, deps.db, context, staff.id, check, ownHolds.map(({ id }) => id), now);
  createAppointment(tx, ref, appointment);
  return { kind: 'created', appointment };
}

/**
 * A request id names one booking: reusing it for a different one is refused, not ignored. Once
 * the appointment has changed (rescheduled, cancelled) only its service is compared.
 */
function sameRequest(appointment: Appointment, request: BookAppointmentRequest): Appointment {
  const unchanged = appointment.version === 1;
  const same =
    appointment.businessId === request.businessId &&
    appointment.serviceId === request.serviceId &&
    (!unchanged || appointment.start.getTime() === request.start.getTime()) &&
    (!unchanged || request.staffId === undefined || appointment.staffId === request.staffId);
  if (!same) {
    throw new BookingError('conflict', 'requestId was already used for a different booking', { reason: 'request_id_reused', path: 'requestId' });
  }
  return appointment;
}
