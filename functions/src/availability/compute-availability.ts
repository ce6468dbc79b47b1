import { bookableStarts } from './bookable-starts';
import { DAY_MS, HOUR_MS, MINUTE_MS, parseDate } from './calendar';
import { candidateStarts } from './candidates';
import { compareByCodePoint } from './code-point-order';
import { formatUtcInstant } from './instant';
import { subtract, type Interval } from './interval-set';
import { parseAvailabilityInput } from './parse-input';
import type { AvailabilityInput, AvailabilityResult, AvailabilitySlot } from './schema';
import { offsetSpans } from './time-zone';
import { businessHoursByDay, instantsOfLocalTime, localWorkingTime, staffWeek, timeOffInstants } from './working-time';

/** No zone's offset (local mean times included) reaches 18 hours either way. */
const MAX_OFFSET_MS = 18 * HOUR_MS;

/**
 * The slots of shared/contracts/availability.md for any input; throws AvailabilityInputError
 * (with the offending field's path) when the input breaks the contract.
 */
export function computeAvailability(input: unknown): AvailabilityResult {
  return computeAvailabilityForInput(parseAvailabilityInput(input));
}

/** The same for an input that has already been through parseAvailabilityInput. */
export function computeAvailabilityForInput(input: AvailabilityInput): AvailabilityResult {
  const fromDay = parseDate(input.range.from) as number;
  const toDay = parseDate(input.range.to) as number;
  const now = input.now;
  // Candidates are whole milliseconds, so `t ≥ now + notice` ⟺ `t ≥ ceil(now) + notice` (likewise `<`).
  const earliest = Math.max(now.ceilMs + input.minNoticeMinutes * MINUTE_MS, fromDay * DAY_MS - MAX_OFFSET_MS);
  const latestExclusive = Math.min(now.ceilMs + input.maxAdvanceDays * DAY_MS, (toDay + 1) * DAY_MS + MAX_OFFSET_MS);
  if (earliest >= latestExclusive) return { slots: [] };

  const durationMs = input.service.durationMinutes * MINUTE_MS;
  // Working time matters up to the end of the last candidate's service.
  const spans = offsetSpans(input.timeZone, earliest, latestExclusive + durationMs);
  const candidates = candidateStarts(spans, { fromDay, toDay, stepMinutes: input.slotStepMinutes, earliest, latestExclusive });
  const selectedIds = input.staffIds ? new Set(input.staffIds) : undefined;
  const selected = input.staff.filter((member) => !selectedIds || selectedIds.has(member.id));
  if (candidates.length === 0 || selected.length === 0) return { slots: [] };

  const firstLocalDay = Math.floor(Math.min(...spans.map((span) => span.start + span.offsetMs)) / DAY_MS);
  const lastLocalDay = Math.floor((Math.max(...spans.map((span) => span.end + span.offsetMs)) - 1) / DAY_MS);
  const businessHours = businessHoursByDay(input.business);
  const busyByStaff = busyInstantsByStaff(input.busy);
  const staffStarts = selected
    .map((member) => {
      const local = localWorkingTime(staffWeek(member.weeklyHours, member.breaks), businessHours, firstLocalDay, lastLocalDay);
      const working = subtract(instantsOfLocalTime(local, spans), timeOffInstants(member.timeOff));
      return { id: member.id, starts: bookableStarts(working, busyByStaff.get(member.id) ?? [], input.service) };
    })
    .sort((a, b) => compareByCodePoint(a.id, b.id));

  return { slots: slotsFromCandidates(candidates, staffStarts, durationMs) };
}

function busyInstantsByStaff(busy: AvailabilityInput['busy']): Map<string, Interval[]> {
  const byStaff = new Map<string, Interval[]>();
  for (const entry of busy) {
    const interval = { start: entry.start.floorMs, end: entry.end.ceilMs };
    const list = byStaff.get(entry.staffId);
    if (list) list.push(interval);
    else byStaff.set(entry.staffId, [interval]);
  }
  return byStaff;
}

/** Candidates ascend, so each staff member's start intervals are walked once alongside them. */
function slotsFromCandidates(candidates: readonly number[], staff: readonly { id: string; starts: Interval[] }[], durationMs: number): AvailabilitySlot[] {
  const canTake = staff.map(({ starts }) => {
    const marks = new Uint8Array(candidates.length);
    let cursor = 0;
    for (let i = 0; i < candidates.length; i++) {
      const start = candidates[i];
      while (cursor < starts.length && starts[cursor].end <= start) cursor++;
      if (cursor < starts.length && starts[cursor].start <= start) marks[i] = 1;
    }
    return marks;
  });
  const slots: AvailabilitySlot[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const staffIds: string[] = [];
    for (let s = 0; s < staff.length; s++) if (canTake[s][i] === 1) staffIds.push(staff[s].id);
    if (staffIds.length > 0) slots.push({ start: formatUtcInstant(candidates[i]), end: formatUtcInstant(candidates[i] + durationMs), staffIds });
  }
  return slots;
}
