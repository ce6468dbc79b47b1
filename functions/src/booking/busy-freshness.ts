import { activeConnectionsOfBusiness } from '../store/connection-listing';
import { readInboundStates } from '../store/inbound-sync-store';
import type { StaffEntry } from './availability-input';
import type { BookingContext } from './booking-context';
import type { BookingDeps } from './booking-deps';

export interface StaffExclusion {
  staffId: string;
  reason: 'busy_data_stale';
  /** Why, in words (no calendar address: customers see this too). */
  detail: string;
}

/**
 * Fail closed on stale calendar data: a staff member with an active calendar connection whose
 * busy time was not read successfully within `business.busyStalenessMinutes` (or never) is not
 * offered or booked, since their own calendar may hold events we have not seen. A failed read
 * keeps the old busy time (it never clears it) and lets it age into this exclusion.
 * Availability, booking, holds and rescheduling all ask here.
 */
export async function staffExcludedForStaleBusy(
  deps: BookingDeps,
  context: BookingContext,
  staff: readonly StaffEntry[],
): Promise<StaffExclusion[]> {
  if (staff.length === 0) return [];
  const wanted = new Set(staff.map((entry) => entry.id));
  const connections = (await activeConnectionsOfBusiness(deps.db, context.businessId)).filter(({ connection }) => wanted.has(connection.staffId));
  if (connections.length === 0) return [];
  const states = await readInboundStates(deps.db, connections.map(({ connectionId }) => connectionId));
  const now = deps.clock().getTime();
  const limitMinutes = context.business.busyStalenessMinutes;
  const excluded = new Map<string, StaffExclusion>();
  for (const { connectionId, connection } of connections) {
    if (excluded.has(connection.staffId)) continue;
    const lastSuccessAt = states.get(connectionId)?.lastSuccessAt;
    const ageMinutes = lastSuccessAt ? (now - lastSuccessAt.getTime()) / 60_000 : Infinity;
    if (ageMinutes <= limitMinutes) continue;
    const detail = lastSuccessAt
      ? `their ${connection.provider} calendar was last read ${Math.floor(ageMinutes)} minutes ago (the limit is ${limitMinutes})`
      : `their ${connection.provider} calendar has not been read yet`;
    excluded.set(connection.staffId, { staffId: connection.staffId, reason: 'busy_data_stale', detail });
  }
  return [...excluded.values()];
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
