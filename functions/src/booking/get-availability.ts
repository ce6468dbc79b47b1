import type { AvailabilitySlot } from '../availability';
import { authorizeAvailability, isStaffRole, type Actor } from './authorization';
import { loadBookingContext, selectStaff } from './booking-context';
import type { BookingDeps } from './booking-deps';
import type { GetAvailabilityRequest } from './booking-requests';
import { offerableStaff, type StaffExclusion } from './busy-freshness';
import { computeSlots } from './compute-slots';

export interface AvailabilityAnswer {
  slots: AvailabilitySlot[];
  /** Staff members left out, with why (fail closed rather than offer a time that may be taken). */
  excludedStaff: StaffExclusion[];
}

/**
 * Free slots of a service over local dates of the business: working time from the business's
 * and staff members' configuration; busy time from live appointments, other callers' unexpired
 * holds and the staff members' own calendars, each booking with its service's buffers.
 */
export async function getAvailability(deps: BookingDeps, actor: Actor, request: GetAvailabilityRequest): Promise<AvailabilityAnswer> {
  authorizeAvailability(actor, request.businessId);
  const context = await loadBookingContext(deps.db, request.businessId, request.serviceId);
  const { staff, excluded } = await offerableStaff(deps, context, selectStaff(context, request.staffId));
  const slots = await computeSlots(deps, context, {
    staff,
    range: { from: request.from, to: request.to },
    holderUid: actor.uid,
    minNoticeMinutes: isStaffRole(actor) ? 0 : undefined,
  });
  return { slots, excludedStaff: excluded };
}
