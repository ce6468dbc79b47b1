import { DAY_MS, MINUTE_MS, MINUTES_PER_DAY, WEEKDAY_KEYS, parseDate, parseWallTime, weekdayOfDay, type WeekdayKey } from './calendar';
import { firstEndingAfter, intersect, mergeSorted, normalize, subtract, type Interval } from './interval-set';
import type { AvailabilityInput, WallInterval, WeekdayIntervals } from './schema';
import type { OffsetSpan } from './time-zone';

/**
 * Working time per the contract's "Meaning" 1: the wall-clock rules (closures, business hours,
 * the staff member's hours and breaks) decide on the local reading alone, so they are evaluated
 * as local-millisecond intervals and only then mapped to instants through the zone's offset
 * spans. That mapping is what makes `01:00–04:00` hold 2 real hours on the day clocks go forward
 * and 4 on the day they go back. Time off is a set of instants and is subtracted afterwards.
 */

type Week = Record<WeekdayKey, Interval[]>;

const WHOLE_DAY: Interval[] = [{ start: 0, end: MINUTES_PER_DAY }];

function toMinuteIntervals(intervals: readonly WallInterval[] | undefined): Interval[] {
  return normalize((intervals ?? []).map(([start, end]) => ({ start: parseWallTime(start) as number, end: parseWallTime(end) as number })));
}

/** Business hours (minutes of the day) of each local date, memoized per query. */
export function businessHoursByDay(business: AvailabilityInput['business']): (day: number) => Interval[] {
  const weekly = Object.fromEntries(WEEKDAY_KEYS.map((key) => [key, toMinuteIntervals(business.weeklyHours[key])])) as Week;
  const closures = new Set(business.closures.map((date) => parseDate(date) as number));
  const special = new Map<number, WallInterval[]>();
  for (const entry of business.specialHours) {
    const day = parseDate(entry.date) as number;
    // Two entries for one date combine their intervals.
    special.set(day, [...(special.get(day) ?? []), ...entry.intervals]);
  }
  const memo = new Map<number, Interval[]>();
  return (day) => {
    let hours = memo.get(day);
    if (!hours) {
      if (closures.has(day)) hours = [];
      else if (special.has(day)) hours = toMinuteIntervals(special.get(day));
      else hours = weekly[weekdayOfDay(day)];
      memo.set(day, hours);
    }
    return hours;
  };
}

/** A staff member's own hours minus breaks, per weekday; without own hours, the whole day. */
export function staffWeek(weeklyHours: WeekdayIntervals | undefined, breaks: WeekdayIntervals): Week {
  const week = {} as Week;
  for (const key of WEEKDAY_KEYS) {
    const own = weeklyHours ? toMinuteIntervals(weeklyHours[key]) : WHOLE_DAY;
    week[key] = subtract(own, toMinuteIntervals(breaks[key]));
  }
  return week;
}

/** Working wall-clock time over local dates `[firstDay, lastDay]`, in local milliseconds. */
export function localWorkingTime(week: Week, businessHours: (day: number) => Interval[], firstDay: number, lastDay: number): Interval[] {
  const local: Interval[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const dayStart = day * DAY_MS;
    for (const { start, end } of intersect(businessHours(day), week[weekdayOfDay(day)])) {
      local.push({ start: dayStart + start * MINUTE_MS, end: dayStart + end * MINUTE_MS });
    }
  }
  // Hours ending at 24:00 and resuming at 00:00 form one stretch across midnight.
  return mergeSorted(local);
}

/** The instants whose local reading lies in `local`: each offset span maps its part by −offset. */
export function instantsOfLocalTime(local: readonly Interval[], spans: readonly OffsetSpan[]): Interval[] {
  const instants: Interval[] = [];
  for (const span of spans) {
    const localStart = span.start + span.offsetMs;
    const localEnd = span.end + span.offsetMs;
    for (let i = firstEndingAfter(local, localStart); i < local.length && local[i].start < localEnd; i++) {
      instants.push({
        start: Math.max(local[i].start, localStart) - span.offsetMs,
        end: Math.min(local[i].end, localEnd) - span.offsetMs,
      });
    }
  }
  // Pieces on both sides of an offset change touch; merged, they form one stretch of real time.
  return mergeSorted(instants);
}

/** Time off as instants; fractional-millisecond edges widen outward (see ParsedInstant). */
export function timeOffInstants(timeOff: AvailabilityInput['staff'][number]['timeOff']): Interval[] {
  return normalize(timeOff.map((entry) => ({ start: entry.start.floorMs, end: entry.end.ceilMs })));
}
