import type { StaffEntry } from './availability-input';
import { selectStaff, type BookingContext } from './booking-context';
import type { BookingDeps } from './booking-deps';
import { offerableStaff } from './busy-freshness';
import type { ClaimVerdict } from './claim-check';
import { computeSlots, runEngine, staffFreeAt } from './compute-slots';
import { localDateOf } from './local-dates';

export interface CandidateRequest {
  staffId?: string;
  start: Date;
  holderUid: string;
  minNoticeMinutes?: number;
  /** Tried first when free (e.g. the staff member of the caller's hold). */
  preferredStaffId?: string;
}

export interface Candidates {
  /** Staff members to try, in order; each is decided again inside its own transaction. */
  staff: StaffEntry[];
  /** Why nobody is worth trying, when `staff` is empty. */
  refusal?: Exclude<ClaimVerdict, 'free'>;
}

/**
 * Whom to try for a claim. A named staff member is tried as is. For "anyone", a read outside
 * any transaction narrows the qualified staff to those free at that time, so a booking usually
 * needs one transaction; it is only a shortlist, never the decision.
 */
export async function candidateStaff(deps: BookingDeps, context: BookingContext, request: CandidateRequest): Promise<Candidates> {
  const selected = selectStaff(context, request.staffId);
  const { staff } = await offerableStaff(deps, context, selected);
  if (staff.length === 0) return { staff, refusal: 'not_bookable' };
  if (request.staffId !== undefined) return { staff };

  const date = localDateOf(request.start, context.business.timeZone);
  const slots = await computeSlots(deps, context, {
    staff,
    range: { from: date, to: date },
    holderUid: request.holderUid,
    minNoticeMinutes: request.minNoticeMinutes,
  });
  const free = new Set(staffFreeAt({ slots }, request.start));
  if (free.size === 0) {
    const withoutBookings = runEngine({
      business: context.business,
      service: context.service,
      staff,
      busy: [],
      now: deps.clock(),
      range: { from: date, to: date },
      minNoticeMinutes: request.minNoticeMinutes,
    });
    return { staff: [], refusal: staffFreeAt(withoutBookings, request.start).length > 0 ? 'slot_taken' : 'not_bookable' };
  }
  const ordered = staff.filter((entry) => free.has(entry.id));
  const preferred = ordered.findIndex((entry) => entry.id === request.preferredStaffId);
  if (preferred > 0) ordered.unshift(...ordered.splice(preferred, 1));
  return { staff: ordered };
}

/** Of two refusals, the one that tells the caller more: a taken slot beats an unbookable one. */
export function strongerRefusal(a: Exclude<ClaimVerdict, 'free'> | undefined, b: Exclude<ClaimVerdict, 'free'>): Exclude<ClaimVerdict, 'free'> {
  return a === 'slot_taken' || b === 'slot_taken' ? 'slot_taken' : 'not_bookable';
}
