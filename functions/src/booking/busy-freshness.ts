import { busyConnectionsOfBusiness } from '../store/connection-listing';
import { readInboundStates } from '../store/inbound-sync-store';
import type { StaffEntry } from './availability-input';
import type { BookingContext } from './booking-context';
import type { BookingDeps } from './booking-deps';

const DAY_MS = 86_400_000;

export interface StaffExclusion {
  staffId: string;
  reason: 'busy_data_stale';
  /** Why, in words (no calendar address: customers see this too). */
  detail: string;
}

/**
 * Fail closed on stale calendar data: a staff member is not offered or booked when one of their
 * calendars may hold events we have not seen:
 * - its busy time was not read successfully within `business.busyStalenessMinutes` (or never).
 *   This holds for `needs_reauth` calendars too: their last busy time keeps blocking, but once
 *   it is older than the limit nothing new is known (the stylist may have added anything since);
 * - its busy time was imported only up to a horizon (`inboundSync.horizonEnd`) that ends before
 *   `until` (by default the farthest a booking can reach, `maxAdvanceDays` from now): recurring
 *   events beyond it were never imported. A read rolls the horizon on before that happens; this
 *   covers the time until it did (e.g. right after `maxAdvanceDays` was raised).
 * A failed read keeps the old busy time (it never clears it) and lets it age into this
 * exclusion. Availability, booking, holds and rescheduling all ask here.
 */
export async function staffExcludedForStaleBusy(
  deps: BookingDeps,
  context: BookingContext,
  staff: readonly StaffEntry[],
  until?: Date,
): Promise<StaffExclusion[]> {
  if (staff.length === 0) return [];
  const wanted = new Set(staff.map((entry) => entry.id));
  const connections = (await busyConnectionsOfBusiness(deps.db, context.businessId)).filter(({ connection }) => wanted.has(connection.staffId));
  if (connections.length === 0) return [];
  const states = await readInboundStates(deps.db, connections.map(({ connectionId }) => connectionId));
  const now = deps.clock().getTime();
  const limitMinutes = context.business.busyStalenessMinutes;
  const reach = until?.getTime() ?? now + context.business.maxAdvanceDays * DAY_MS;
  const excluded = new Map<string, StaffExclusion>();
  for (const { connectionId, connection } of connections) {
    if (excluded.has(connection.staffId)) continue;
    const state = states.get(connectionId);
    const lastSuccessAt = state?.lastSuccessAt;
    const ageMinutes = lastSuccessAt ? (now - lastSuccessAt.getTime()) / 60_000 : Infinity;
    const calendar = `their ${connection.provider} calendar`;
    const reconnect = connection.status === 'needs_reauth' ? ' and needs to be reconnected' : '';
    let detail: string | undefined;
    if (ageMinutes > limitMinutes) {
      detail = lastSuccessAt
        ? `${calendar} was last read ${Math.floor(ageMinutes)} minutes ago (the limit is ${limitMinutes})${reconnect}`
        : `${calendar} has not been read yet${reconnect}`;
    } else if (!state?.horizonEnd || state.horizonEnd.getTime() < reach) {
      detail = `${calendar} has been read only up to ${state?.horizonEnd?.toISOString().slice(0, 10) ?? 'an unknown date'}${reconnect}`;
    }
    if (detail) excluded.set(connection.staffId, { staffId: connection.staffId, reason: 'busy_data_stale', detail });
  }
  return [...excluded.values()];
}

/** The staff members who may be offered, and the ones left out with their reason. */
export async function offerableStaff(
  deps: BookingDeps,
  context: BookingContext,
  staff: readonly StaffEntry[],
  until?: Date,
): Promise<{ staff: StaffEntry[]; excluded: StaffExclusion[] }> {
  const excluded = await staffExcludedForStaleBusy(deps, context, staff, until);
  const out = new Set(excluded.map((exclusion) => exclusion.staffId));
  return { staff: staff.filter((entry) => !out.has(entry.id)), excluded };
}
