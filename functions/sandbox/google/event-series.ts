import { dayNumber, formatDate, dateFromDayNumber, formatUtcBasic } from '../common/zoned-time';
import { instantOf, type EventTime } from './event-time';
import { expandRecurrence, type Occurrence, type SeriesStart } from './recurrence-expand';
import type { RecurrenceSet } from './recurrence-parse';

/**
 * Recurring series: their occurrences and Google's instance ids. An instance id is the series id,
 * `_`, and the original start in UTC basic format (`abc_20260330T080000Z`), or the date for
 * all-day series (`abc_20260330`).
 */

export interface SeriesShape {
  start: EventTime;
  end: EventTime;
  recurrence?: RecurrenceSet;
}

export function seriesStartOf(shape: SeriesShape, calendarZone: string): SeriesStart {
  const { start, end } = shape;
  if (start.kind === 'timed' && end.kind === 'timed') {
    return { kind: 'timed', startMs: start.ms, durationMs: end.ms - start.ms, timeZone: start.timeZone ?? calendarZone };
  }
  if (start.kind === 'allDay' && end.kind === 'allDay') {
    return { kind: 'allDay', startDay: start.day, durationDays: end.day - start.day };
  }
  throw new Error('start and end must both be timed or both all-day');
}

export function occurrenceStartMs(occurrence: Occurrence, calendarZone: string): number {
  return occurrence.kind === 'timed' ? occurrence.startMs : instantOf({ kind: 'allDay', day: occurrence.startDay }, calendarZone);
}

export function occurrenceEndMs(occurrence: Occurrence, calendarZone: string): number {
  return occurrence.kind === 'timed' ? occurrence.endMs : instantOf({ kind: 'allDay', day: occurrence.endDay }, calendarZone);
}

/** Occurrences in chronological order whose start is before `untilMs`. */
export function* occurrencesUntil(shape: SeriesShape, calendarZone: string, untilMs: number): Generator<Occurrence> {
  if (!shape.recurrence) return;
  for (const occurrence of expandRecurrence(shape.recurrence, seriesStartOf(shape, calendarZone))) {
    if (occurrenceStartMs(occurrence, calendarZone) >= untilMs) return;
    yield occurrence;
  }
}

export function instanceSuffix(occurrence: Occurrence): string {
  return occurrence.kind === 'timed' ? formatUtcBasic(occurrence.startMs) : formatDate(dateFromDayNumber(occurrence.startDay)).replaceAll('-', '');
}

export function instanceId(seriesId: string, occurrence: Occurrence): string {
  return `${seriesId}_${instanceSuffix(occurrence)}`;
}

export type OriginalStart = { kind: 'instant'; ms: number } | { kind: 'date'; day: number };

export function parseInstanceId(id: string): { seriesId: string; original: OriginalStart } | undefined {
  const match = /^(.+)_(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/.exec(id);
  if (!match) return undefined;
  const [, seriesId, y, mo, d, h, mi, s] = match;
  if (h === undefined) return { seriesId, original: { kind: 'date', day: dayNumber({ year: Number(y), month: Number(mo), day: Number(d) }) } };
  return { seriesId, original: { kind: 'instant', ms: Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) } };
}

/** The occurrence of the series that starts at `original`, if there is one. */
export function findOccurrence(shape: SeriesShape, calendarZone: string, original: OriginalStart): Occurrence | undefined {
  if (!shape.recurrence) return undefined;
  const target = original.kind === 'instant' ? original.ms : instantOf({ kind: 'allDay', day: original.day }, calendarZone);
  for (const occurrence of occurrencesUntil(shape, calendarZone, target + 1)) {
    const matches =
      occurrence.kind === 'timed'
        ? original.kind === 'instant' && occurrence.startMs === original.ms
        : original.kind === 'date' && occurrence.startDay === original.day;
    if (matches) return occurrence;
  }
  return undefined;
}

/** Start and end of an occurrence as event times carrying the series' own time zones. */
export function occurrenceTimes(shape: SeriesShape, occurrence: Occurrence): { start: EventTime; end: EventTime } {
  if (occurrence.kind === 'allDay') {
    return { start: { kind: 'allDay', day: occurrence.startDay }, end: { kind: 'allDay', day: occurrence.endDay } };
  }
  const startZone = shape.start.kind === 'timed' ? shape.start.timeZone : undefined;
  const endZone = shape.end.kind === 'timed' ? shape.end.timeZone : undefined;
  return {
    start: { kind: 'timed', ms: occurrence.startMs, ...(startZone ? { timeZone: startZone } : {}) },
    end: { kind: 'timed', ms: occurrence.endMs, ...(endZone ? { timeZone: endZone } : {}) },
  };
}
