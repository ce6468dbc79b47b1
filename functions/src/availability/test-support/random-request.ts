import type { AvailabilityRequest } from '../schema';

/**
 * Seeded random requests for comparing the engine with the brute-force reference: small ranges
 * (1–3 dates), many zones, and dates chosen near offset changes half of the time. All values are
 * whole minutes, as the reference assumes.
 */
const MINUTE = 60_000;
const DAY = 86_400_000;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const ZONES = [
  'Europe/Warsaw', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kathmandu', 'Asia/Kolkata',
  'Australia/Adelaide', 'Pacific/Chatham', 'America/St_Johns', 'Europe/London', 'Africa/Casablanca', 'America/Havana',
  'Antarctica/Troll', 'Asia/Gaza', 'America/Asuncion', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC', 'Europe/Dublin',
  'America/Nuuk', 'Asia/Tehran', 'Pacific/Norfolk',
];

/** Historical days worth a visit: skipped dates, offset changes at odd hours. */
const HISTORIC: [string, string][] = [
  ['Pacific/Apia', '2011-12-29'], ['Asia/Kathmandu', '1986-01-01'], ['America/Sao_Paulo', '2018-11-04'],
  ['America/Sao_Paulo', '2019-02-16'], ['Europe/Moscow', '2014-10-26'], ['America/Caracas', '2016-05-01'],
  ['Asia/Pyongyang', '2018-05-04'], ['Pacific/Kwajalein', '1993-08-20'], ['Asia/Tehran', '2022-03-22'],
];

export type Random = () => number;

/** mulberry32: small, fast and good enough for test data. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, 0, items.length - 1)];
const chance = (random: Random, p: number) => random() < p;

const offsetNames = new Map<string, Intl.DateTimeFormat>();
function offsetName(timeZone: string, instant: number): string {
  let format = offsetNames.get(timeZone);
  if (!format) offsetNames.set(timeZone, (format = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })));
  return format.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? '';
}

const changeDays = new Map<string, string[]>();
/** UTC dates in 2024–2027 on which the zone's offset changes. */
function offsetChangeDates(timeZone: string): string[] {
  let dates = changeDays.get(timeZone);
  if (!dates) {
    dates = [];
    for (let day = Date.UTC(2024, 0, 1); day < Date.UTC(2028, 0, 1); day += DAY) {
      if (offsetName(timeZone, day) !== offsetName(timeZone, day + DAY)) dates.push(new Date(day).toISOString().slice(0, 10));
    }
    changeDays.set(timeZone, dates);
  }
  return dates;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function time(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Wall-clock minutes, often near 00:00–04:00 where offsets change. */
function wallMinute(random: Random): number {
  return chance(random, 0.5) ? pick(random, [0, 30, 45, 60, 90, 120, 150, 165, 180, 210, 240, 1380, 1410]) : int(random, 0, 95) * 15 + (chance(random, 0.2) ? int(random, 0, 14) : 0);
}

function wallIntervals(random: Random, count: number): [string, string][] {
  const intervals: [string, string][] = [];
  for (let i = 0; i < count; i++) {
    if (chance(random, 0.15)) {
      intervals.push(['00:00', '24:00']);
      continue;
    }
    const start = Math.min(wallMinute(random), 1439);
    const end = Math.min(1440, start + pick(random, [15, 30, 60, 90, 120, 180, 240, 480, 600, 1440]) + (chance(random, 0.2) ? int(random, 1, 29) : 0));
    intervals.push([time(start), time(end)]);
  }
  return intervals;
}

function week(random: Random, density: number, minIntervals = 0): Partial<Record<(typeof WEEKDAYS)[number], [string, string][]>> {
  const result: Partial<Record<(typeof WEEKDAYS)[number], [string, string][]>> = {};
  for (const day of WEEKDAYS) if (chance(random, density)) result[day] = wallIntervals(random, int(random, minIntervals, 2));
  return result;
}

function instant(random: Random, ms: number): string {
  const text = new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
  if (chance(random, 0.7)) return text;
  const offsetMinutes = pick(random, [60, 120, -300, 345, -570, 780]);
  const shifted = new Date(ms + offsetMinutes * MINUTE).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  return `${shifted}${sign}${time(Math.abs(offsetMinutes))}`;
}

export function randomRequest(random: Random): AvailabilityRequest {
  let timeZone: string;
  let date: string;
  if (chance(random, 0.1)) {
    [timeZone, date] = pick(random, HISTORIC);
  } else {
    timeZone = pick(random, ZONES);
    const changes = offsetChangeDates(timeZone);
    date = changes.length > 0 && chance(random, 0.7)
      ? addDays(pick(random, changes), int(random, -1, 1))
      : addDays('2024-01-01', int(random, 0, 1400));
  }
  const from = addDays(date, -int(random, 0, 1));
  const to = addDays(from, int(random, 0, 2));
  const windowStart = Date.parse(`${from}T00:00:00Z`) - DAY;
  const windowMinutes = (Date.parse(`${to}T00:00:00Z`) + 2 * DAY - windowStart) / MINUTE;
  const someInstant = () => windowStart + int(random, 0, windowMinutes) * MINUTE;

  const staffCount = int(random, 1, 3);
  const staff: AvailabilityRequest['staff'] = [];
  for (let i = 0; i < staffCount; i++) {
    const member: AvailabilityRequest['staff'][number] = { id: pick(random, ['anna', 'Ola', 'zoë', 'ﬀ', '😀', 'b']) + i };
    if (chance(random, 0.3)) member.weeklyHours = week(random, 0.8, 1);
    if (chance(random, 0.3)) member.breaks = week(random, 0.4);
    if (chance(random, 0.3)) {
      member.timeOff = Array.from({ length: int(random, 1, 2) }, () => {
        const start = someInstant();
        return { start: instant(random, start), end: instant(random, start + int(random, 1, 48 * 60) * MINUTE) };
      });
    }
    staff.push(member);
  }
  const busy = Array.from({ length: int(random, 0, 6) }, () => {
    const start = someInstant();
    return { staffId: pick(random, staff).id, start: instant(random, start), end: instant(random, start + int(random, 1, 240) * MINUTE) };
  });
  const dates = Array.from({ length: 4 }, (_, i) => addDays(from, i - 1));
  const request: AvailabilityRequest = {
    timeZone,
    // Mostly before the range, sometimes inside it so that notice and advance limits cut it.
    now: new Date(
      (chance(random, 0.75) ? windowStart - int(random, 0, 2 * 24 * 60) * MINUTE : someInstant()) + (chance(random, 0.2) ? int(random, 1, 59) * 1000 : 0),
    ).toISOString(),
    range: { from, to },
    service: { durationMinutes: chance(random, 0.8) ? pick(random, [15, 30, 45, 60, 90, 120]) : int(random, 1, 300) },
    business: { weeklyHours: week(random, 0.9, chance(random, 0.9) ? 1 : 0) },
    staff,
  };
  if (chance(random, 0.5)) request.service.bufferBeforeMinutes = pick(random, [0, 5, 15, 30, 60]);
  if (chance(random, 0.5)) request.service.bufferAfterMinutes = pick(random, [0, 10, 15, 45]);
  if (chance(random, 0.8)) request.slotStepMinutes = pick(random, [5, 10, 15, 20, 30, 45, 60, 7, 25, 90, 1440]);
  if (chance(random, 0.3)) request.minNoticeMinutes = int(random, 0, 600);
  if (chance(random, 0.25)) request.maxAdvanceDays = int(random, 0, 4);
  if (chance(random, 0.3)) request.business.specialHours = [{ date: pick(random, dates), intervals: wallIntervals(random, int(random, 0, 2)) }];
  if (chance(random, 0.1)) request.business.specialHours = [...(request.business.specialHours ?? []), { date: pick(random, dates), intervals: wallIntervals(random, 1) }];
  if (chance(random, 0.15)) request.business.closures = [pick(random, dates)];
  if (busy.length > 0) request.busy = busy;
  if (chance(random, 0.3)) request.staffIds = staff.filter(() => chance(random, 0.6)).map((member) => member.id);
  return request;
}
