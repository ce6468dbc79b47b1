import type { AvailabilitySlot } from '../availability';
import type { BookingContext } from './booking-context';
import type { BookingDeps } from './booking-deps';
import type { Alternative } from './booking-errors';
import { offerableStaff } from './busy-freshness';
import { computeSlots } from './compute-slots';
import { addDays, localDateOf } from './local-dates';

/** Alternatives per group: the same staff member, then the others. */
export const ALTERNATIVES_PER_GROUP = 3;
/** Local dates searched on each side of the requested one. */
export const ALTERNATIVE_SEARCH_DAYS = 7;

/**
 * The free slots nearest in time to the one asked for (before or after it, earlier first on a
 * tie): with the preferred staff member first, then with any other staff member. Without a
 * preferred staff member, one list of the nearest slots with whoever is free.
 */
export function nearestAlternatives(
  slots: readonly AvailabilitySlot[],
  requested: Date,
  preferredStaffId: string | undefined,
  perGroup = ALTERNATIVES_PER_GROUP,
): Alternative[] {
  const target = requested.getTime();
  const byDistance = [...slots].sort((a, b) => {
    const [x, y] = [Date.parse(a.start), Date.parse(b.start)];
    return Math.abs(x - target) - Math.abs(y - target) || x - y;
  });
  const alternative = (slot: AvailabilitySlot, staffId: string): Alternative => ({ start: slot.start, end: slot.end, staffId });
  if (preferredStaffId === undefined) {
    return byDistance.slice(0, perGroup * 2).map((slot) => alternative(slot, slot.staffIds[0]!));
  }
  const same = byDistance
    .filter((slot) => slot.staffIds.includes(preferredStaffId))
    .slice(0, perGroup)
    .map((slot) => alternative(slot, preferredStaffId));
  const others = byDistance
    .map((slot) => ({ slot, staffId: slot.staffIds.find((id) => id !== preferredStaffId) }))
    .filter((entry): entry is { slot: AvailabilitySlot; staffId: string } => entry.staffId !== undefined)
    .slice(0, perGroup)
    .map(({ slot, staffId }) => alternative(slot, staffId));
  return [...same, ...others];
}

export interface AlternativesQuery {
  requestedStart: Date;
  preferredStaffId?: string;
  holderUid?: string;
  ignoreAppointmentId?: string;
  minNoticeMinutes?: number;
}

/** Reads the schedule again (after a refusal) and finds the nearest free slots. */
export async function findAlternatives(deps: BookingDeps, context: BookingContext, query: AlternativesQuery): Promise<Alternative[]> {
  const date = localDateOf(query.requestedStart, context.business.timeZone);
  const { staff } = await offerableStaff(deps, context, context.qualified);
  const slots = await computeSlots(deps, context, {
    staff,
    range: { from: addDays(date, -ALTERNATIVE_SEARCH_DAYS), to: addDays(date, ALTERNATIVE_SEARCH_DAYS) },
    holderUid: query.holderUid,
    ignoreAppointmentId: query.ignoreAppointmentId,
    minNoticeMinutes: query.minNoticeMinutes,
  });
  return nearestAlternatives(slots, query.requestedStart, query.preferredStaffId);
}
