import { connectedCalendar, type GoogleSandbox } from '../../sandbox/google';

export interface Interval {
  start: number;
  end: number;
}

/** Sorted, overlapping and touching intervals joined. */
export function merged(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const interval of sorted) {
    const last = out[out.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else out.push({ ...interval });
  }
  return out;
}

/** `intervals` cut to [from, to), dropping what falls outside. */
export function clipped(intervals: readonly Interval[], from: Date, to: Date): Interval[] {
  return intervals
    .map(({ start, end }) => ({ start: Math.max(start, from.getTime()), end: Math.min(end, to.getTime()) }))
    .filter(({ start, end }) => end > start);
}

/**
 * What the calendar itself says is busy: Google's free/busy answer (through the real client),
 * which counts every event that is not cancelled and not "free", recurring ones expanded.
 */
export async function calendarBusy(sandbox: GoogleSandbox, calendarId: string, from: Date, to: Date): Promise<Interval[]> {
  const { calendar } = connectedCalendar(sandbox, calendarId);
  const { data } = await calendar.freebusy.query({ requestBody: { timeMin: from.toISOString(), timeMax: to.toISOString(), items: [{ id: calendarId }] } });
  return (data.calendars?.[calendarId]?.busy ?? []).map((busy) => ({ start: Date.parse(busy.start!), end: Date.parse(busy.end!) }));
}

/** The local wall-clock time `HH:MM` of an instant in a zone. */
export function wallClock(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

/** The first local date after `from` (plus a week of margin) on which the zone's UTC offset changes. */
export function nextOffsetChange(from: Date, timeZone: string): string {
  const offsetAtNoon = (date: Date) => {
    const local = new Date(date.toLocaleString('en-US', { timeZone }));
    const utc = new Date(date.toLocaleString('en-US', { timeZone: 'UTC' }));
    return local.getTime() - utc.getTime();
  };
  const day = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + 21, 12));
  let previous = offsetAtNoon(day);
  for (let i = 0; i < 400; i += 1) {
    day.setUTCDate(day.getUTCDate() + 1);
    const offset = offsetAtNoon(day);
    if (offset !== previous) return day.toISOString().slice(0, 10);
    previous = offset;
  }
  throw new Error('no offset change within a year');
}
