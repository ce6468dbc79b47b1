import { offsetAt } from '../availability/time-zone';

/**
 * Local calendar dates of instants in a business's time zone, for the per-day lock documents and
 * the engine's `range`. Intl does the zone arithmetic (DST included); dates are `YYYY-MM-DD`.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The local date of an instant in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Every local date that some instant of `[start, end)` falls on, in order. */
export function localDatesTouched(start: Date, end: Date, timeZone: string): string[] {
  const last = localDateOf(new Date(end.getTime() - 1), timeZone);
  const dates = [localDateOf(start, timeZone)];
  while (dates[dates.length - 1]! < last) dates.push(addDays(dates[dates.length - 1]!, 1));
  return dates;
}

/** Midnight UTC of a date: a reference point, not a local instant. */
export function utcMidnight(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/**
 * The instant of a local wall-clock time (`HH:MM`) on a local date. For a time that occurs twice
 * (clocks going back) the earlier instant; for one that does not exist, the instant the same
 * distance past the gap. For seeding and tests; the engine does its own zone arithmetic.
 */
export function instantAtLocalTime(date: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${date}T${time}:00Z`);
  // Offsets in force a day either side cover both readings around any transition.
  const before = wall - offsetAt(timeZone, wall - 86_400_000);
  const after = wall - offsetAt(timeZone, wall + 86_400_000);
  const readsAsWall = (candidate: number) => candidate + offsetAt(timeZone, candidate) === wall;
  const matches = [before, after].filter(readsAsWall);
  return new Date(matches.length > 0 ? Math.min(...matches) : before);
}
