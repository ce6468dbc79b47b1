import type { AvailabilityRequest } from '../availability';
import type { Business, Service, Staff, WallClockInterval } from '../model';
import type { BusyBlock } from './occupied-time';

export interface StaffEntry {
  id: string;
  staff: Staff;
}

export interface AvailabilityInputParts {
  business: Business;
  service: Service;
  /** The staff members to consider (already narrowed to the selected, qualified ones). */
  staff: readonly StaffEntry[];
  /** Occupied blocks of bookings, holds and external calendars; others' entries are ignored. */
  busy: readonly BusyBlock[];
  now: Date;
  /** Local dates of the business, inclusive. */
  range: { from: string; to: string };
  /** Overrides the business's minimum notice (staff may book at short notice). */
  minNoticeMinutes?: number;
}

/**
 * The availability engine's input (shared/contracts/availability.md) from the Firestore
 * documents: the one place where our document shapes meet the engine's.
 */
export function availabilityInput(parts: AvailabilityInputParts): AvailabilityRequest {
  const { business, service } = parts;
  const staffIds = new Set(parts.staff.map((entry) => entry.id));
  return {
    timeZone: business.timeZone,
    now: parts.now.toISOString(),
    range: parts.range,
    service: {
      durationMinutes: service.durationMinutes,
      bufferBeforeMinutes: service.bufferBeforeMinutes,
      bufferAfterMinutes: service.bufferAfterMinutes,
    },
    slotStepMinutes: business.slotStepMinutes,
    minNoticeMinutes: parts.minNoticeMinutes ?? business.minNoticeMinutes,
    maxAdvanceDays: business.maxAdvanceDays,
    business: {
      weeklyHours: weekTuples(business.weeklyHours),
      specialHours: business.specialHours.map((entry) => ({ date: entry.date, intervals: entry.intervals.map(tuple) })),
      closures: business.closures,
    },
    staff: parts.staff.map(({ id, staff }) => ({
      id,
      ...(staff.weeklyHours ? { weeklyHours: weekTuples(staff.weeklyHours) } : {}),
      breaks: weekTuples(staff.breaks),
      timeOff: staff.timeOff.map((interval) => ({ start: interval.start.toISOString(), end: interval.end.toISOString() })),
    })),
    busy: parts.busy
      .filter((block) => staffIds.has(block.staffId) && block.end.getTime() > block.start.getTime())
      .map((block) => ({ staffId: block.staffId, start: block.start.toISOString(), end: block.end.toISOString() })),
  };
}

/** Our `{start, end}` maps (Firestore cannot nest arrays) as the engine's `[start, end]` pairs. */
function tuple(interval: WallClockInterval): [string, string] {
  return [interval.start, interval.end];
}

function weekTuples(week: Partial<Record<string, WallClockInterval[]>>): Record<string, [string, string][]> {
  const out: Record<string, [string, string][]> = {};
  for (const [day, intervals] of Object.entries(week)) if (intervals) out[day] = intervals.map(tuple);
  return out;
}
