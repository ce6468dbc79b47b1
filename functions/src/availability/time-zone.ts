import { daysFromCivil, DAY_MS } from './calendar';
import { IANA_TIME_ZONE_NAMES } from './iana-time-zone-names';

/**
 * UTC offsets of an IANA zone, read from Intl (ICU's tz data). A span is a run of instants
 * `[start, end)` with one offset; the local reading of an instant `t` in it is `t + offsetMs`.
 */
export interface OffsetSpan {
  readonly start: number;
  readonly end: number;
  readonly offsetMs: number;
}

interface DayOffsets {
  /** Offset in force at the UTC midnight starting the day. */
  readonly atStart: number;
  /** Changes inside the day, in order. */
  readonly changes: readonly { readonly at: number; readonly offsetMs: number }[];
}

const MAX_CACHED_DAYS_PER_ZONE = 50_000;

// Creating an Intl.DateTimeFormat costs far more than using one, and a zone's offsets never
// change within a process, so both are cached for the life of the process.
const formatters = new Map<string, Intl.DateTimeFormat>();
const dayOffsetCache = new Map<string, Map<number, DayOffsets>>();
const knownNames = new Map<string, boolean>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * True for an IANA name spelled exactly (aliases included). A zone newer than the bundled list is
 * accepted when ICU knows it under exactly that spelling; offsets such as `+05:45` are not names.
 */
export function isKnownTimeZone(name: string): boolean {
  let known = knownNames.get(name);
  if (known === undefined) {
    known = decideKnownTimeZone(name);
    // Only real zone names are remembered, so junk input cannot grow the cache.
    if (known) knownNames.set(name, true);
  }
  return known;
}

function decideKnownTimeZone(name: string): boolean {
  if (IANA_TIME_ZONE_NAMES.has(name)) {
    try {
      formatterFor(name);
      return true;
    } catch {
      return false; // a name ICU does not know, such as `Factory`
    }
  }
  const lower = name.toLowerCase();
  for (const known of IANA_TIME_ZONE_NAMES) if (known.toLowerCase() === lower) return false;
  try {
    // Not cached: any casing of any name gets here.
    return /^[A-Za-z]/.test(name) && new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone === name;
  } catch {
    return false;
  }
}

/** Offset (ms) in force at a whole-second instant; the local reading has second precision. */
export function offsetAt(timeZone: string, instantMs: number): number {
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) fields[part.type] = part.value;
  const year = fields.era === 'BC' || fields.era === 'B' ? 1 - Number(fields.year) : Number(fields.year);
  const localMs =
    daysFromCivil(year, Number(fields.month), Number(fields.day)) * DAY_MS +
    ((Number(fields.hour) * 60 + Number(fields.minute)) * 60 + Number(fields.second)) * 1000;
  return localMs - Math.floor(instantMs / 1000) * 1000;
}

/** First whole second in (low, high] whose offset differs from `offsetMs`, given that `high`'s does. */
function findChange(timeZone: string, low: number, high: number, offsetMs: number): number {
  let lowSecond = low / 1000;
  let highSecond = high / 1000;
  while (highSecond - lowSecond > 1) {
    const mid = Math.floor((lowSecond + highSecond) / 2);
    if (offsetAt(timeZone, mid * 1000) === offsetMs) lowSecond = mid;
    else highSecond = mid;
  }
  return highSecond * 1000;
}

/**
 * The offsets of one UTC day. The zone is sampled at each UTC midnight and searched only where
 * two midnights differ. That cannot miss a change: in the tz database (checked for 2025b, every
 * zone, every year) no two changes are less than 48 hours apart, so a day holds at most one.
 */
function dayOffsets(timeZone: string, day: number): DayOffsets {
  let zoneCache = dayOffsetCache.get(timeZone);
  if (!zoneCache) {
    zoneCache = new Map();
    dayOffsetCache.set(timeZone, zoneCache);
  }
  const cached = zoneCache.get(day);
  if (cached) return cached;
  if (zoneCache.size >= MAX_CACHED_DAYS_PER_ZONE) zoneCache.clear();

  const start = day * DAY_MS;
  const end = start + DAY_MS;
  const atStart = offsetAt(timeZone, start);
  const atEnd = offsetAt(timeZone, end);
  const changes: { at: number; offsetMs: number }[] = [];
  let current = atStart;
  let from = start;
  // Several changes in a day (rare, historical) are found one after another.
  while (current !== atEnd) {
    const at = findChange(timeZone, from, end, current);
    current = offsetAt(timeZone, at);
    changes.push({ at, offsetMs: current });
    from = at;
  }
  const result = { atStart, changes };
  zoneCache.set(day, result);
  return result;
}

/** The offset spans covering `[fromMs, toMs)`, in order, adjacent spans with different offsets. */
export function offsetSpans(timeZone: string, fromMs: number, toMs: number): OffsetSpan[] {
  const spans: OffsetSpan[] = [];
  let spanStart = fromMs;
  let spanOffset: number | undefined;
  const lastDay = Math.floor((toMs - 1) / DAY_MS);
  for (let day = Math.floor(fromMs / DAY_MS); day <= lastDay; day++) {
    const offsets = dayOffsets(timeZone, day);
    spanOffset ??= offsets.atStart;
    for (const change of offsets.changes) {
      if (change.at <= fromMs) {
        spanOffset = change.offsetMs;
        continue;
      }
      if (change.at >= toMs) break;
      spans.push({ start: spanStart, end: change.at, offsetMs: spanOffset });
      spanStart = change.at;
      spanOffset = change.offsetMs;
    }
  }
  if (spanOffset !== undefined && spanStart < toMs) spans.push({ start: spanStart, end: toMs, offsetMs: spanOffset });
  return spans;
}
