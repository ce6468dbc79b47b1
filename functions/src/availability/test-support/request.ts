import type { AvailabilityRequest, AvailabilityResult } from '../schema';

/**
 * A small valid request for tests: UTC, Monday 2026-01-12, the salon open 09:00–12:00 on Mondays,
 * one staff member `a` on the salon's hours, a 60-minute service on a 60-minute grid, no limits.
 */
export function request(overrides: Partial<AvailabilityRequest> = {}): AvailabilityRequest {
  return {
    timeZone: 'UTC',
    now: '2026-01-01T00:00:00Z',
    range: { from: '2026-01-12', to: '2026-01-12' },
    service: { durationMinutes: 60 },
    slotStepMinutes: 60,
    business: { weeklyHours: { mon: [['09:00', '12:00']] } },
    staff: [{ id: 'a' }],
    ...overrides,
  };
}

/** Every day of the week open for the given intervals. */
export function everyDay(intervals: [string, string][]): Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', [string, string][]> {
  return { mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals, sat: intervals, sun: intervals };
}

export function startsOf(result: AvailabilityResult): string[] {
  return result.slots.map((slot) => slot.start);
}

/** `start staffId,staffId` per slot: compact to compare whole results. */
export function summaryOf(result: AvailabilityResult): string[] {
  return result.slots.map((slot) => `${slot.start} ${slot.staffIds.join(',')}`);
}
