import { dayNumber, fromLocal, isValidTimeZone, type LocalDateTime } from '../common/zoned-time';

/**
 * Parses the `recurrence` lines of a Google event (RFC 5545 RRULE / RDATE / EXDATE, no DTSTART).
 * Supports what salons and their staff produce: FREQ DAILY/WEEKLY/MONTHLY/YEARLY with INTERVAL,
 * COUNT, UNTIL, BYDAY (with ordinals for MONTHLY/YEARLY), BYMONTHDAY, BYMONTH and WKST.
 * Anything else is refused with a clear message rather than expanded wrongly.
 */

export type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

/** A point of a recurrence set: an instant for timed events, a calendar day for all-day events. */
export type RecurrenceMarker = { kind: 'instant'; ms: number } | { kind: 'date'; day: number };

export interface WeekdayRule {
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** 1 = first, -1 = last; undefined = every such weekday of the period */
  ordinal?: number;
}

export interface RecurrenceRule {
  freq: Frequency;
  interval: number;
  count?: number;
  until?: RecurrenceMarker;
  byDay?: WeekdayRule[];
  byMonthDay?: number[];
  byMonth?: number[];
  weekStart: number;
}

export interface RecurrenceSet {
  rule?: RecurrenceRule;
  rDates: RecurrenceMarker[];
  exDates: RecurrenceMarker[];
}

export class RecurrenceError extends Error {}

const WEEKDAYS: Record<string, number> = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };
const UNSUPPORTED_PARTS = new Set(['BYSETPOS', 'BYHOUR', 'BYMINUTE', 'BYSECOND', 'BYWEEKNO', 'BYYEARDAY']);

/**
 * @param floatingTimeZone zone for date-times without `Z` or `TZID` (the event's own zone).
 */
export function parseRecurrence(lines: readonly string[], floatingTimeZone: string): RecurrenceSet {
  const set: RecurrenceSet = { rDates: [], exDates: [] };
  for (const raw of lines) {
    const line = raw.trim();
    const colon = line.indexOf(':');
    if (colon < 0) throw new RecurrenceError(`Invalid recurrence line "${line}".`);
    const [name, ...params] = line.slice(0, colon).split(';');
    const value = line.slice(colon + 1);
    switch (name.toUpperCase()) {
      case 'RRULE':
        if (set.rule) throw new RecurrenceError('The sandbox supports one RRULE per event.');
        set.rule = parseRule(value, floatingTimeZone);
        break;
      case 'EXDATE':
        set.exDates.push(...parseDateList(value, params, floatingTimeZone));
        break;
      case 'RDATE':
        set.rDates.push(...parseDateList(value, params, floatingTimeZone));
        break;
      default:
        throw new RecurrenceError(`Unsupported recurrence property "${name}".`);
    }
  }
  return set;
}

function parseRule(value: string, floatingTimeZone: string): RecurrenceRule {
  const parts = new Map<string, string>();
  for (const piece of value.split(';')) {
    if (!piece) continue;
    const [key, val] = piece.split('=');
    if (!key || val === undefined) throw new RecurrenceError(`Invalid RRULE part "${piece}".`);
    parts.set(key.toUpperCase(), val.toUpperCase());
  }
  for (const key of parts.keys()) {
    if (UNSUPPORTED_PARTS.has(key)) throw new RecurrenceError(`The sandbox does not expand RRULE ${key}.`);
  }
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY' && freq !== 'YEARLY') {
    throw new RecurrenceError(`Unsupported or missing RRULE FREQ "${freq ?? ''}".`);
  }
  if (parts.has('COUNT') && parts.has('UNTIL')) throw new RecurrenceError('RRULE cannot have both COUNT and UNTIL.');
  const rule: RecurrenceRule = {
    freq,
    interval: positiveInt(parts.get('INTERVAL') ?? '1', 'INTERVAL'),
    weekStart: parts.has('WKST') ? weekday(parts.get('WKST')!) : 1,
  };
  if (parts.has('COUNT')) rule.count = positiveInt(parts.get('COUNT')!, 'COUNT');
  if (parts.has('UNTIL')) rule.until = parseDateValue(parts.get('UNTIL')!, undefined, floatingTimeZone);
  if (parts.has('BYDAY')) rule.byDay = parts.get('BYDAY')!.split(',').map(parseWeekdayRule);
  if (parts.has('BYMONTHDAY')) rule.byMonthDay = parts.get('BYMONTHDAY')!.split(',').map((d) => intIn(d, -31, 31, 'BYMONTHDAY'));
  if (parts.has('BYMONTH')) rule.byMonth = parts.get('BYMONTH')!.split(',').map((m) => intIn(m, 1, 12, 'BYMONTH'));
  if (rule.byDay?.some((d) => d.ordinal !== undefined) && (freq === 'DAILY' || freq === 'WEEKLY')) {
    throw new RecurrenceError('BYDAY ordinals are only valid with FREQ=MONTHLY or YEARLY.');
  }
  if (freq === 'YEARLY' && rule.byDay && !rule.byMonth) {
    throw new RecurrenceError('The sandbox expands YEARLY BYDAY only together with BYMONTH.');
  }
  return rule;
}

function parseWeekdayRule(text: string): WeekdayRule {
  const match = /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(text);
  if (!match) throw new RecurrenceError(`Invalid BYDAY value "${text}".`);
  const rule: WeekdayRule = { weekday: WEEKDAYS[match[2]] };
  if (match[1]) {
    const ordinal = Number(match[1]);
    if (ordinal === 0 || Math.abs(ordinal) > 53) throw new RecurrenceError(`Invalid BYDAY ordinal "${text}".`);
    rule.ordinal = ordinal;
  }
  return rule;
}

function weekday(text: string): number {
  const value = WEEKDAYS[text];
  if (value === undefined) throw new RecurrenceError(`Invalid weekday "${text}".`);
  return value;
}

function positiveInt(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new RecurrenceError(`Invalid RRULE ${name} "${text}".`);
  return n;
}

function intIn(text: string, min: number, max: number, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max || n === 0) throw new RecurrenceError(`Invalid RRULE ${name} "${text}".`);
  return n;
}

function parseDateList(value: string, params: string[], floatingTimeZone: string): RecurrenceMarker[] {
  let tzid: string | undefined;
  let valueType: string | undefined;
  for (const param of params) {
    const [key, val] = param.split('=');
    if (key.toUpperCase() === 'TZID') tzid = val;
    if (key.toUpperCase() === 'VALUE') valueType = val.toUpperCase();
  }
  if (tzid && !isValidTimeZone(tzid)) throw new RecurrenceError(`Unknown TZID "${tzid}".`);
  return value.split(',').map((v) => {
    const marker = parseDateValue(v.trim(), tzid, floatingTimeZone);
    if (valueType === 'DATE' && marker.kind !== 'date') throw new RecurrenceError(`Expected a DATE value, got "${v}".`);
    return marker;
  });
}

/** `20260315`, `20260315T100000` (local to TZID or the event zone) or `20260315T090000Z`. */
export function parseDateValue(text: string, tzid: string | undefined, floatingTimeZone: string): RecurrenceMarker {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(text);
  if (!match) throw new RecurrenceError(`Invalid date value "${text}".`);
  const [, y, mo, d, h, mi, s, z] = match;
  const date = { year: Number(y), month: Number(mo), day: Number(d) };
  if (h === undefined) return { kind: 'date', day: dayNumber(date) };
  const local: LocalDateTime = { ...date, hour: Number(h), minute: Number(mi), second: Number(s) };
  if (z) return { kind: 'instant', ms: Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) };
  return { kind: 'instant', ms: fromLocal(local, tzid ?? floatingTimeZone) };
}
