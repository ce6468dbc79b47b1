import type { AvailabilityRequest, AvailabilityResult } from '../schema';

/**
 * A deliberately naive reading of the contract's "Meaning" section, written apart from the
 * engine to check it: it walks real time minute by minute and asks Intl for the local reading
 * of every minute. It assumes what the random requests guarantee: offsets, wall-clock values and
 * instants are whole minutes (true for every zone since 1972).
 */
const MINUTE = 60_000;
const DAY = 86_400_000;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

interface LocalReading {
  date: string;
  minuteOfDay: number;
  second: number;
}

const readers = new Map<string, Intl.DateTimeFormat>();
const readings = new Map<string, LocalReading>();

function localReading(timeZone: string, instant: number): LocalReading {
  const key = `${timeZone} ${instant}`;
  let reading = readings.get(key);
  if (!reading) {
    let reader = readers.get(timeZone);
    if (!reader) {
      // sv-SE writes "2026-03-29 01:00:00".
      reader = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
      readers.set(timeZone, reader);
    }
    const text = reader.format(instant);
    reading = { date: text.slice(0, 10), minuteOfDay: Number(text.slice(11, 13)) * 60 + Number(text.slice(14, 16)), second: Number(text.slice(17, 19)) };
    if (readings.size > 2_000_000) readings.clear();
    readings.set(key, reading);
  }
  return reading;
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function inAny(intervals: readonly (readonly [string, string])[] | undefined, minute: number): boolean {
  return (intervals ?? []).some(([start, end]) => minutesOf(start) <= minute && minute < minutesOf(end));
}

function weekdayOf(date: string): (typeof WEEKDAYS)[number] {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
}

function codePoints(text: string): number[] {
  return Array.from(text, (char) => char.codePointAt(0) as number);
}

function byCodePoint(a: string, b: string): number {
  const [x, y] = [codePoints(a), codePoints(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

function utc(instant: number): string {
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function bruteForceAvailability(request: AvailabilityRequest): AvailabilityResult {
  const { timeZone, business, service } = request;
  const step = request.slotStepMinutes ?? 15;
  const notice = request.minNoticeMinutes ?? 0;
  const advanceDays = request.maxAdvanceDays ?? 365;
  const now = Date.parse(request.now);
  const duration = service.durationMinutes;
  const before = service.bufferBeforeMinutes ?? 0;
  const after = service.bufferAfterMinutes ?? 0;

  const decideWorking = (member: AvailabilityRequest['staff'][number], instant: number): boolean => {
    const local = localReading(timeZone, instant);
    if ((business.closures ?? []).includes(local.date)) return false;
    const special = (business.specialHours ?? []).filter((entry) => entry.date === local.date);
    const weekday = weekdayOf(local.date);
    const businessIntervals = special.length > 0 ? special.flatMap((entry) => entry.intervals) : business.weeklyHours[weekday];
    if (!inAny(businessIntervals, local.minuteOfDay)) return false;
    if (member.weeklyHours && !inAny(member.weeklyHours[weekday], local.minuteOfDay)) return false;
    if (inAny(member.breaks?.[weekday], local.minuteOfDay)) return false;
    return !(member.timeOff ?? []).some((off) => Date.parse(off.start) <= instant && instant < Date.parse(off.end));
  };
  // Remembered per staff member and minute only to keep the test suite fast.
  const known = new Map<string, Map<number, boolean>>();
  const isWorking = (member: AvailabilityRequest['staff'][number], instant: number): boolean => {
    let memberKnown = known.get(member.id);
    if (!memberKnown) known.set(member.id, (memberKnown = new Map()));
    let working = memberKnown.get(instant);
    if (working === undefined) memberKnown.set(instant, (working = decideWorking(member, instant)));
    return working;
  };

  const selected = request.staff
    .filter((member) => request.staffIds === undefined || request.staffIds.includes(member.id))
    .sort((a, b) => byCodePoint(a.id, b.id));
  const slots: { start: string; end: string; staffIds: string[] }[] = [];
  const first = Date.parse(`${request.range.from}T00:00:00Z`) - 16 * 3_600_000;
  const last = Date.parse(`${request.range.to}T00:00:00Z`) + DAY + 16 * 3_600_000;
  for (let t = first; t <= last; t += MINUTE) {
    const local = localReading(timeZone, t);
    if (local.second !== 0 || local.minuteOfDay % step !== 0) continue;
    if (local.date < request.range.from || local.date > request.range.to) continue;
    if (t < now + notice * MINUTE || t >= now + advanceDays * DAY) continue;
    const staffIds = selected
      .filter((member) => {
        for (let minute = 0; minute < duration; minute++) if (!isWorking(member, t + minute * MINUTE)) return false;
        const [windowStart, windowEnd] = [t - before * MINUTE, t + (duration + after) * MINUTE];
        return !(request.busy ?? []).some(
          (busy) => busy.staffId === member.id && Date.parse(busy.start) < windowEnd && windowStart < Date.parse(busy.end),
        );
      })
      .map((member) => member.id);
    if (staffIds.length > 0) slots.push({ start: utc(t), end: utc(t + duration * MINUTE), staffIds });
  }
  return { slots };
}
