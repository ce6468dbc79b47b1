import {
  dateFromDayNumber,
  dayNumber,
  formatDate,
  formatRfc3339InZone,
  fromLocal,
  isValidTimeZone,
} from '../common/zoned-time';
import { googleErrors } from './google-errors';

/**
 * Google's EventDateTime: `{dateTime, timeZone}` for timed events, `{date}` for all-day events.
 * A dateTime needs an offset unless `timeZone` says how to read it; all-day dates are floating
 * and are placed on the timeline in the calendar's own zone.
 */

export interface EventDateTimeJson {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

export type EventTime = { kind: 'timed'; ms: number; timeZone?: string } | { kind: 'allDay'; day: number };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/i;

export function parseEventTime(value: EventDateTimeJson | undefined, field: 'start' | 'end'): EventTime {
  if (!value || (value.date == null && value.dateTime == null)) {
    throw googleErrors.required(`Missing ${field} time.`, field);
  }
  if (value.date != null && value.dateTime != null) {
    throw googleErrors.invalidField(`Invalid ${field} time: set either date or dateTime.`, field);
  }
  if (value.timeZone != null && !isValidTimeZone(value.timeZone)) {
    throw googleErrors.invalidField(`Invalid time zone definition for ${field} time.`, `${field}.timeZone`);
  }
  if (value.date != null) {
    const match = DATE_RE.exec(value.date);
    const date = match && { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
    if (!date || formatDate(dateFromDayNumber(dayNumber(date))) !== value.date) {
      throw googleErrors.invalidField(`Invalid value for: Invalid format: "${value.date}"`, `${field}.date`);
    }
    return { kind: 'allDay', day: dayNumber(date) };
  }
  const text = value.dateTime!;
  const match = DATE_TIME_RE.exec(text);
  if (!match) throw googleErrors.invalidField(`Invalid value for: Invalid format: "${text}"`, `${field}.dateTime`);
  const [, y, mo, d, h, mi, s, offset] = match;
  const local = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s ?? 0) };
  if (local.month < 1 || local.month > 12 || local.day < 1 || local.day > 31 || local.hour > 23 || local.minute > 59 || local.second > 59) {
    throw googleErrors.invalidField(`Invalid value for: Invalid format: "${text}"`, `${field}.dateTime`);
  }
  let ms: number;
  if (offset) {
    const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
    ms = offset.toUpperCase() === 'Z' ? asUtc : asUtc - offsetMinutes(offset) * 60_000;
  } else if (value.timeZone) {
    ms = fromLocal(local, value.timeZone);
  } else {
    throw googleErrors.required(`Missing time zone definition for ${field} time.`, `${field}.timeZone`);
  }
  return value.timeZone ? { kind: 'timed', ms, timeZone: value.timeZone } : { kind: 'timed', ms };
}

function offsetMinutes(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number);
  return sign * (h * 60 + m);
}

/** An RFC 3339 timestamp with mandatory offset (query parameters such as timeMin). */
export function parseRfc3339(text: string): number | undefined {
  const match = DATE_TIME_RE.exec(text);
  if (!match || !match[7]) return undefined;
  const [, y, mo, d, h, mi, s, offset] = match;
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  return offset.toUpperCase() === 'Z' ? asUtc : asUtc - offsetMinutes(offset) * 60_000;
}

/** Renders a time as Google does: the dateTime in the display zone, the event's own timeZone echoed. */
export function renderEventTime(time: EventTime, displayZone: string): EventDateTimeJson {
  if (time.kind === 'allDay') return { date: formatDate(dateFromDayNumber(time.day)) };
  const out: EventDateTimeJson = { dateTime: formatRfc3339InZone(time.ms, displayZone) };
  if (time.timeZone) out.timeZone = time.timeZone;
  return out;
}

/** The instant an event time stands for; all-day dates begin at midnight in the calendar's zone. */
export function instantOf(time: EventTime, calendarZone: string): number {
  if (time.kind === 'timed') return time.ms;
  return fromLocal({ ...dateFromDayNumber(time.day), hour: 0, minute: 0, second: 0 }, calendarZone);
}
