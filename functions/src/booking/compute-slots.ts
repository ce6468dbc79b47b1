import { AvailabilityInputError, computeAvailability, type AvailabilityResult, type AvailabilitySlot } from '../availability';
import { availabilityInput, type AvailabilityInputParts, type StaffEntry } from './availability-input';
import type { BookingContext } from './booking-context';
import type { BookingDeps } from './booking-deps';
import { BookingError } from './booking-errors';
import { busyOfStaff, type BusyOptions } from './busy-time';
import { addDays, utcMidnight } from './local-dates';
import { largestBuffers, searchWindow } from './occupied-time';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** No time zone is further than this from UTC: bounds the instants of a local date. */
const MAX_OFFSET_MS = 18 * HOUR_MS;

/**
 * Runs the engine on input built from our documents. The engine rejecting it means the stored
 * configuration is broken (e.g. a staff member's hours): say which field, never crash.
 */
export function runEngine(parts: AvailabilityInputParts): AvailabilityResult {
  try {
    return computeAvailability(availabilityInput(parts));
  } catch (error) {
    if (error instanceof AvailabilityInputError) {
      throw new BookingError('invalid_document', `business configuration is invalid: ${error.message}`, {
        reason: 'invalid_configuration',
        cause: error,
      });
    }
    throw error;
  }
}

/** The staff members (among the selected) who can take a slot starting exactly at `start`. */
export function staffFreeAt(result: AvailabilityResult, start: Date): readonly string[] {
  const slot = result.slots.find((candidate) => Date.parse(candidate.start) === start.getTime());
  return slot?.staffIds ?? [];
}

export interface SlotQuery extends Omit<BusyOptions, 'now'> {
  staff: readonly StaffEntry[];
  range: { from: string; to: string };
  minNoticeMinutes?: number;
}

/** Free slots over local dates, with busy time read from Firestore now (outside any transaction). */
export async function computeSlots(deps: BookingDeps, context: BookingContext, query: SlotQuery): Promise<AvailabilitySlot[]> {
  if (query.staff.length === 0) return [];
  const now = deps.clock();
  const { service } = context;
  // Every candidate's occupied block lies inside this span; search wide enough for others' buffers.
  const blocks = {
    start: new Date(utcMidnight(query.range.from).getTime() - MAX_OFFSET_MS - service.bufferBeforeMinutes * MINUTE_MS),
    end: new Date(
      utcMidnight(addDays(query.range.to, 1)).getTime() +
        MAX_OFFSET_MS +
        (service.durationMinutes + service.bufferAfterMinutes) * MINUTE_MS,
    ),
  };
  const window = searchWindow(blocks, largestBuffers(context.services.values()));
  const busy = await Promise.all(
    query.staff.map((entry) =>
      busyOfStaff(deps.db, context, entry.id, window, { now, holderUid: query.holderUid, ignoreAppointmentId: query.ignoreAppointmentId }),
    ),
  );
  const result = runEngine({
    business: context.business,
    service,
    staff: query.staff,
    busy: busy.flatMap((entry) => entry.blocks),
    now,
    range: query.range,
    minNoticeMinutes: query.minNoticeMinutes,
  });
  return [...result.slots];
}
