import {
  dateFromDayNumber,
  dayNumber,
  daysInMonth,
  fromLocal,
  toLocal,
  weekdayOf,
} from '../common/zoned-time';
import type { RecurrenceMarker, RecurrenceRule, RecurrenceSet } from './recurrence-parse';

/**
 * Expands a recurrence set from its first occurrence (DTSTART) onwards, in chronological order.
 * Timed series keep their local time of day in their own zone, so a weekly 10:00 Europe/Warsaw
 * series stays at 10:00 local across both DST changes (the UTC instant moves by an hour).
 * Infinite series are infinite generators: callers stop consuming at their window's end.
 */

export type SeriesStart =
  | { kind: 'timed'; startMs: number; durationMs: number; timeZone: string }
  | { kind: 'allDay'; startDay: number; durationDays: number };

export type Occurrence =
  | { kind: 'timed'; startMs: number; endMs: number }
  | { kind: 'allDay'; startDay: number; endDay: number };

/** Periods scanned without finding an occurrence before giving up (e.g. BYMONTHDAY=31;BYMONTH=2). */
const MAX_BARREN_PERIODS = 5000;

export function* expandRecurrence(set: RecurrenceSet, series: SeriesStart): Generator<Occurrence> {
  const excludedValues = new Set<number>();
  const excludedDays = new Set<number>();
  for (const marker of set.exDates) {
    if (series.kind === 'timed' && marker.kind === 'date') excludedDays.add(marker.day);
    else excludedValues.add(markerValue(marker, series));
  }
  const rDates = [...new Set(set.rDates.map((m) => markerValue(m, series)))].sort((a, b) => a - b);
  const ruleValues = set.rule ? ruleStarts(set.rule, series) : single(seriesStartValue(series));

  let nextRule = ruleValues.next();
  let rIndex = 0;
  let previous = Number.NEGATIVE_INFINITY;
  while (!nextRule.done || rIndex < rDates.length) {
    let value: number;
    if (nextRule.done || (rIndex < rDates.length && rDates[rIndex] < nextRule.value)) {
      value = rDates[rIndex++];
    } else {
      value = nextRule.value;
      nextRule = ruleValues.next();
    }
    if (value === previous) continue;
    previous = value;
    if (excludedValues.has(value)) continue;
    if (series.kind === 'timed' && excludedDays.size > 0 && excludedDays.has(localDay(value, series.timeZone))) continue;
    yield toOccurrence(value, series);
  }
}

function* single(value: number): Generator<number> {
  yield value;
}

function seriesStartValue(series: SeriesStart): number {
  return series.kind === 'timed' ? series.startMs : series.startDay;
}

function toOccurrence(value: number, series: SeriesStart): Occurrence {
  return series.kind === 'timed'
    ? { kind: 'timed', startMs: value, endMs: value + series.durationMs }
    : { kind: 'allDay', startDay: value, endDay: value + series.durationDays };
}

function localDay(ms: number, timeZone: string): number {
  return dayNumber(toLocal(ms, timeZone));
}

/** A marker in the series' own unit: epoch ms for timed series, day number for all-day ones. */
function markerValue(marker: RecurrenceMarker, series: SeriesStart): number {
  if (series.kind === 'timed') {
    if (marker.kind === 'instant') return marker.ms;
    const time = toLocal(series.startMs, series.timeZone);
    return fromLocal({ ...dateFromDayNumber(marker.day), hour: time.hour, minute: time.minute, second: time.second }, series.timeZone);
  }
  return marker.kind === 'date' ? marker.day : Math.floor(marker.ms / 86_400_000);
}

function* ruleStarts(rule: RecurrenceRule, series: SeriesStart): Generator<number> {
  const first = seriesStartValue(series);
  const startDay = series.kind === 'timed' ? localDay(series.startMs, series.timeZone) : series.startDay;
  const time = series.kind === 'timed' ? toLocal(series.startMs, series.timeZone) : undefined;
  const valueOfDay = (day: number): number =>
    series.kind === 'timed' && time
      ? fromLocal({ ...dateFromDayNumber(day), hour: time.hour, minute: time.minute, second: time.second }, series.timeZone)
      : day;
  const pastUntil = (value: number, day: number): boolean => {
    if (!rule.until) return false;
    if (rule.until.kind === 'date') return day > rule.until.day;
    return series.kind === 'timed' ? value > rule.until.ms : day > Math.floor(rule.until.ms / 86_400_000);
  };

  // RFC 5545: DTSTART is always the first instance and counts towards COUNT.
  if (pastUntil(first, startDay)) return;
  yield first;
  let emitted = 1;
  if (rule.count !== undefined && emitted >= rule.count) return;

  let barren = 0;
  for (let period = 0; barren < MAX_BARREN_PERIODS; period++) {
    const days = candidateDays(rule, startDay, period);
    let found = false;
    for (const day of days) {
      if (day < startDay) continue;
      const value = valueOfDay(day);
      if (value <= first) continue;
      if (pastUntil(value, day)) return;
      found = true;
      yield value;
      emitted++;
      if (rule.count !== undefined && emitted >= rule.count) return;
    }
    barren = found ? 0 : barren + 1;
  }
}

/** The days (ascending) of the `period`-th period of the rule, before DTSTART filtering. */
function candidateDays(rule: RecurrenceRule, startDay: number, period: number): number[] {
  const start = dateFromDayNumber(startDay);
  const inMonths = (day: number): boolean => !rule.byMonth || rule.byMonth.includes(dateFromDayNumber(day).month);
  switch (rule.freq) {
    case 'DAILY': {
      const day = startDay + period * rule.interval;
      const date = dateFromDayNumber(day);
      const weekdayOk = !rule.byDay || rule.byDay.some((d) => d.weekday === weekdayOf(date));
      const monthDayOk = !rule.byMonthDay || rule.byMonthDay.some((d) => monthDayMatches(d, date.year, date.month, date.day));
      return weekdayOk && monthDayOk && inMonths(day) ? [day] : [];
    }
    case 'WEEKLY': {
      const weekStart = startDay - ((weekdayOf(start) - rule.weekStart + 7) % 7) + period * 7 * rule.interval;
      const weekdays = rule.byDay?.map((d) => d.weekday) ?? [weekdayOf(start)];
      return [...new Set(weekdays.map((wd) => weekStart + ((wd - rule.weekStart + 7) % 7)))]
        .filter(inMonths)
        .sort((a, b) => a - b);
    }
    case 'MONTHLY': {
      const monthIndex = start.year * 12 + (start.month - 1) + period * rule.interval;
      const year = Math.floor(monthIndex / 12);
      const month = (monthIndex % 12) + 1;
      if (rule.byMonth && !rule.byMonth.includes(month)) return [];
      return daysOfMonth(rule, year, month, start.day);
    }
    case 'YEARLY': {
      const year = start.year + period * rule.interval;
      const months = rule.byMonth ?? [start.month];
      return months
        .slice()
        .sort((a, b) => a - b)
        .flatMap((month) => daysOfMonth(rule, year, month, start.day));
    }
  }
}

function monthDayMatches(byMonthDay: number, year: number, month: number, day: number): boolean {
  const dim = daysInMonth(year, month);
  return byMonthDay > 0 ? day === byMonthDay : day === dim + byMonthDay + 1;
}

function daysOfMonth(rule: RecurrenceRule, year: number, month: number, defaultDay: number): number[] {
  const dim = daysInMonth(year, month);
  const all = Array.from({ length: dim }, (_, i) => i + 1);
  let days: number[];
  if (!rule.byMonthDay && !rule.byDay) {
    days = defaultDay <= dim ? [defaultDay] : [];
  } else {
    days = all.filter((day) => {
      const monthDayOk = !rule.byMonthDay || rule.byMonthDay.some((d) => monthDayMatches(d, year, month, day));
      const weekdayOk = !rule.byDay || rule.byDay.some((d) => weekdayRuleMatches(d.weekday, d.ordinal, year, month, day, dim));
      return monthDayOk && weekdayOk;
    });
  }
  return days.map((day) => dayNumber({ year, month, day }));
}

function weekdayRuleMatches(weekday: number, ordinal: number | undefined, year: number, month: number, day: number, dim: number): boolean {
  if (weekdayOf({ year, month, day }) !== weekday) return false;
  if (ordinal === undefined) return true;
  if (ordinal > 0) return Math.ceil(day / 7) === ordinal;
  return Math.ceil((dim - day + 1) / 7) === -ordinal;
}
