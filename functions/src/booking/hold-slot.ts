import type { Transaction } from 'firebase-admin/firestore';
import type { SlotHold } from '../model';
import { createHold, holdsOfHolder } from '../store/hold-store';
import { findAlternatives } from './alternatives';
import { authorizeNewBooking, isStaffRole, type Actor } from './authorization';
import type { StaffEntry } from './availability-input';
import { loadBookingContext, type BookingContext } from './booking-context';
import type { BookingDeps } from './booking-deps';
import { slotConflict } from './booking-errors';
import type { HoldSlotRequest } from './booking-requests';
import { runBookingTransaction } from './booking-transaction';
import { candidateStaff, strongerRefusal } from './candidate-staff';
import { checkClaim, commitClaim, type ClaimVerdict } from './claim-check';
import { randomDocumentId } from './document-ids';

/** How long a hold keeps a slot while the customer fills in the booking form. */
export const HOLD_MINUTES = 10;

export interface HoldResult {
  holdId: string;
  hold: SlotHold;
}

type Attempt = { kind: 'held'; hold: SlotHold } | { kind: 'refused'; verdict: Exclude<ClaimVerdict, 'free'> };

/**
 * Reserves a slot for HOLD_MINUTES under the same rules and the same serialisation as a
 * booking. The hold blocks everyone but its holder, expires by itself (readers ignore expired
 * holds) and is consumed by the holder's next booking at the business. One hold per caller and
 * business: a new hold releases the caller's previous one, so nobody can block a day by
 * holding slot after slot.
 */
export async function holdSlot(deps: BookingDeps, actor: Actor, request: HoldSlotRequest): Promise<HoldResult> {
  authorizeNewBooking(actor, request.businessId);
  const context = await loadBookingContext(deps.db, request.businessId, request.serviceId);
  const minNoticeMinutes = isStaffRole(actor) ? 0 : undefined;
  const candidates = await candidateStaff(deps, context, { staffId: request.staffId, start: request.start, holderUid: actor.uid, minNoticeMinutes });
  const holdId = randomDocumentId(deps.random);

  let refusal = candidates.refusal;
  for (const staff of candidates.staff) {
    const attempt = await runBookingTransaction(deps.db, (tx) => attemptHold(tx, deps, context, staff, holdId, actor, request.start, minNoticeMinutes));
    if (attempt.kind === 'refused') {
      refusal = strongerRefusal(refusal, attempt.verdict);
      continue;
    }
    deps.log.info('booking.held', { holdId, businessId: request.businessId, staffId: staff.id, start: request.start, expiresAt: attempt.hold.expiresAt });
    return { holdId, hold: attempt.hold };
  }

  const reason = refusal ?? 'slot_taken';
  const alternatives = await findAlternatives(deps, context, {
    requestedStart: request.start,
    preferredStaffId: request.staffId,
    holderUid: actor.uid,
    minNoticeMinutes,
  });
  deps.log.info('booking.conflict', { businessId: request.businessId, staffId: request.staffId, start: request.start, reason, hold: true });
  throw slotConflict(reason, alternatives);
}

async function attemptHold(
  tx: Transaction,
  deps: BookingDeps,
  context: BookingContext,
  staff: StaffEntry,
  holdId: string,
  actor: Actor,
  start: Date,
  minNoticeMinutes: number | undefined,
): Promise<Attempt> {
  const now = deps.clock();
  const check = await checkClaim(tx, deps.db, context, { staff, start, holderUid: actor.uid, minNoticeMinutes }, now);
  if (check.verdict !== 'free') return { kind: 'refused', verdict: check.verdict };
  const previous = await holdsOfHolder(deps.db, context.businessId, actor.uid, tx);
  const hold: SlotHold = {
    businessId: context.businessId,
    staffId: staff.id,
    serviceId: context.serviceId,
    start,
    end: check.end,
    holderUid: actor.uid,
    expiresAt: new Date(now.getTime() + HOLD_MINUTES * 60_000),
    createdAt: now,
  };
  commitClaim(tx, deps.db, context, staff.id, check, previous.map(({ id }) => id), now);
  createHold(tx, deps.db, holdId, hold);
  return { kind: 'held', hold };
}
