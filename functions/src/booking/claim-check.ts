import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { deleteHold } from '../store/hold-store';
import { readStaffDays, touchStaffDays, type StaffDayRead } from '../store/staff-day-store';
import type { StaffEntry } from './availability-input';
import type { BookingContext } from './booking-context';
import { busyOfStaff } from './busy-time';
import { runEngine, staffFreeAt } from './compute-slots';
import { localDateOf, localDatesTouched } from './local-dates';
import { largestBuffers, occupiedBlock, searchWindow, serviceEnd } from './occupied-time';

/** One staff member at one start time, claimed by a booking, a hold or a reschedule. */
export interface Claim {
  staff: StaffEntry;
  start: Date;
  /** The caller: their own holds do not block them. */
  holderUid: string;
  /** The appointment being moved. */
  ignoreAppointmentId?: string;
  minNoticeMinutes?: number;
}

export type ClaimVerdict = 'free' | 'slot_taken' | 'not_bookable';

export interface ClaimCheck {
  verdict: ClaimVerdict;
  end: Date;
  days: StaffDayRead[];
  expiredHoldIds: string[];
}

/**
 * Decides a claim inside a transaction. It reads the staff member's day documents for every
 * local date the claim's occupied time touches, then every appointment, hold and external busy
 * interval that could overlap it, and asks the engine whether the slot is still bookable.
 *
 * Why this rules out double booking: two claims on overlapping times of one staff member share
 * a day document, and both read it and (when free) write it via `commitClaim`. Firestore does not
 * let two transactions that read a document both commit a write to it: the later one is aborted
 * and retried, and on the retry its queries see the first one's appointment.
 */
export async function checkClaim(tx: Transaction, db: Firestore, context: BookingContext, claim: Claim, now: Date): Promise<ClaimCheck> {
  const { service, business } = context;
  const end = serviceEnd(claim.start, service);
  const block = occupiedBlock({ start: claim.start, end }, service);
  const dates = localDatesTouched(block.start, block.end, business.timeZone);
  const days = await readStaffDays(tx, db, claim.staff.id, dates);
  const window = searchWindow(block, largestBuffers(context.services.values()));
  const busy = await busyOfStaff(db, context, claim.staff.id, window, { now, holderUid: claim.holderUid, ignoreAppointmentId: claim.ignoreAppointmentId }, tx);

  const date = localDateOf(claim.start, business.timeZone);
  const engine = (withBusy: boolean) =>
    runEngine({
      business,
      service,
      staff: [claim.staff],
      busy: withBusy ? busy.blocks : [],
      now,
      range: { from: date, to: date },
      minNoticeMinutes: claim.minNoticeMinutes,
    });
  let verdict: ClaimVerdict = 'free';
  if (staffFreeAt(engine(true), claim.start).length === 0) {
    verdict = staffFreeAt(engine(false), claim.start).length === 0 ? 'not_bookable' : 'slot_taken';
  }
  return { verdict, end, days, expiredHoldIds: busy.expiredHoldIds };
}

/**
 * The writes that make a free claim exclusive (call after every read of the transaction), and
 * the deletion of holds it ends: expired ones seen on the way and the caller's own.
 */
export function commitClaim(
  tx: Transaction,
  db: Firestore,
  context: BookingContext,
  staffId: string,
  check: ClaimCheck,
  releasedHoldIds: Iterable<string>,
  now: Date,
): void {
  touchStaffDays(tx, context.businessId, staffId, check.days, now);
  for (const holdId of new Set([...check.expiredHoldIds, ...releasedHoldIds])) deleteHold(tx, db, holdId);
}
