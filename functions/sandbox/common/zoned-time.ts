/**
 * Wall-clock arithmetic in IANA time zones with nothing but `Intl`, independent of the process TZ.
 * Used to expand recurring events the way calendar servers do: the local time of day is kept
 * across DST changes, so the UTC instant moves.
 */

export interface LocalDateTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time in `timeZone` at the instant `epochMs`. */
export function toLocal(epochMs: number, timeZone: string): LocalDateTime {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** Offset of `timeZone` from UTC at `epochMs`, in milliseconds (east positive). */
export function offsetAt(epochMs: number, timeZone: string): number {
  const local = toLocal(epochMs, timeZone);
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return localAsUtc(local) - wholeSecond;
}

/** Treats a wall-clock time as if it were UTC; handy for calendar arithmetic on local dates. */
export function localAsUtc(local: LocalDateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
}

export function utcAsLocal(epochMs: number): LocalDateTime {
  const d = new Date(epochMs);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const HOUR = 3_600_000;

/**
 * The instant at which `timeZone` shows `local`. RFC 5545 §3.3.5: a time inside a DST gap is
 * read with the offset in force before the gap (02:30 on a spring-forward night becomes 03:30),
 * and an ambiguous time in the fall-back hour means its first occurrence.
 */
export function fromLocal(local: LocalDateTime, timeZone: string): number {
  const asUtc = localAsUtc(local);
  const offsetBefore = offsetAt(asUtc - 14 * HOUR, timeZone);
  const offsetAfter = offsetAt(asUtc + 14 * HOUR, timeZone);
  const candidates = [asUtc - offsetBefore, asUtc - offsetAfter].filter(
    (t) => localAsUtc(toLocal(t, timeZone)) === asUtc,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  return asUtc - offsetBefore;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function formatDate(local: Pick<LocalDateTime, 'year' | 'month' | 'day'>): string {
  return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}`;
}

/** RFC 3339 with the zone's offset at that instant, e.g. `2026-03-30T10:00:00+02:00` (`Z` for UTC). */
export function formatRfc3339InZone(epochMs: number, timeZone: string): string {
  const local = toLocal(epochMs, timeZone);
  const offsetMinutes = Math.round(offsetAt(epochMs, timeZone) / 60_000);
  const time = `${formatDate(local)}T${pad(local.hour)}:${pad(local.minute)}:${pad(local.second)}`;
  if (offsetMinutes === 0 && (timeZone === 'UTC' || timeZone === 'Etc/UTC')) return `${time}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `20260330T080000Z`: the UTC basic format Google uses in recurring instance ids. */
export function formatUtcBasic(epochMs: number): string {
  const u = utcAsLocal(epochMs);
  return `${pad(u.year, 4)}${pad(u.month)}${pad(u.day)}T${pad(u.hour)}${pad(u.minute)}${pad(u.second)}Z`;
}

/** Days since 1970-01-01 of a calendar date (no zone). */
export function dayNumber(date: Pick<LocalDateTime, 'year' | 'month' | 'day'>): number {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000);
}

export function dateFromDayNumber(days: number): Pick<LocalDateTime, 'year' | 'month' | 'day'> {
  const d = new Date(days * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: Pick<LocalDateTime, 'year' | 'month' | 'day'>): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
