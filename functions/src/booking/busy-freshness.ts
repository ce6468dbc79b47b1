import type { StaffEntry } from './availability-input';
import type { BookingContext } from './booking-context';
import type { BookingDeps } from './booking-deps';

export interface StaffExclusion {
  staffId: string;
  reason: 'busy_data_stale';
}

/**
 * The seam for failing closed on stale calendar data (issue #5): staff members whose external
 * busy time is older than `business.busyStalenessMinutes` must not be offered or booked, since
 * their own calendar may hold events we have not seen. Not implemented yet: nobody is excluded.
 * Availability, booking, holds and rescheduling all ask here, so filling this in is enough.
 */
export async function staffExcludedForStaleBusy(
  _deps: BookingDeps,
  _context: BookingContext,
  _staff: readonly StaffEntry[],
): Promise<StaffExclusion[]> {
  return [];
}

/** The staff members who may be offered, and the ones left out with their reason. */
export async function offerableStaff(
  deps: BookingDeps,
  context: BookingContext,
  staff: readonly StaffEntry[],
): Promise<{ staff: StaffEntry[]; excluded: StaffExclusion[] }> {
  const excluded = await staffExcludedForStaleBusy(deps, context, staff);
  const out = new Set(excluded.map((exclusion) => exclusion.staffId));
  return { staff: staff.filter((entry) => !out.has(entry.id)), excluded };
}
