import { formatRfc3339InZone, fromLocal } from '../common/zoned-time';
import { expandRecurrence, type Occurrence, type SeriesStart } from './recurrence-expand';
import { parseRecurrence, RecurrenceError } from './recurrence-parse';

const WARSAW = 'Europe/Warsaw';

function timed(localStart: string, durationMinutes: number, timeZone = WARSAW): SeriesStart {
  const [date, time] = localStart.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  return { kind: 'timed', startMs: fromLocal({ year, month, day, hour, minute, second: 0 }, timeZone), durationMs: durationMinutes * 60_000, timeZone };
}

function take(lines: string[], series: SeriesStart, n = 100, zone = WARSAW): string[] {
  const out: string[] = [];
  for (const occurrence of expandRecurrence(parseRecurrence(lines, zone), series)) {
    out.push(render(occurrence, zone));
    if (out.length >= n) break;
  }
  return out;
}

function render(occurrence: Occurrence, zone: string): string {
  return occurrence.kind === 'timed' ? formatRfc3339InZone(occurrence.startMs, zone) : String(occurrence.startDay);
}

test('a weekly 10:00 Warsaw series stays at 10:00 local across both DST changes of 2026', () => {
  const starts = take(['RRULE:FREQ=WEEKLY;COUNT=6'], timed('2026-03-17T10:00', 60));
  expect(starts).toEqual([
    '2026-03-17T10:00:00+01:00',
    '2026-03-24T10:00:00+01:00',
    '2026-03-31T10:00:00+02:00',
    '2026-04-07T10:00:00+02:00',
    '2026-04-14T10:00:00+02:00',
    '2026-04-21T10:00:00+02:00',
  ]);
  const autumn = take(['RRULE:FREQ=WEEKLY;COUNT=3'], timed('2026-10-17T10:00', 60));
  expect(autumn).toEqual(['2026-10-17T10:00:00+02:00', '2026-10-24T10:00:00+02:00', '2026-10-31T10:00:00+01:00']);
});

test('EXDATE removes an occurrence without shortening COUNT', () => {
  const starts = take(['RRULE:FREQ=WEEKLY;COUNT=4', 'EXDATE;TZID=Europe/Warsaw:20260331T100000'], timed('2026-03-17T10:00', 60));
  expect(starts).toEqual(['2026-03-17T10:00:00+01:00', '2026-03-24T10:00:00+01:00', '2026-04-07T10:00:00+02:00']);
});

test('EXDATE in UTC matches the instant of the occurrence', () => {
  const starts = take(['RRULE:FREQ=DAILY;COUNT=3', 'EXDATE:20260330T080000Z'], timed('2026-03-29T10:00', 30));
  expect(starts).toEqual(['2026-03-29T10:00:00+02:00', '2026-03-31T10:00:00+02:00']);
});

test('UNTIL is inclusive and INTERVAL skips periods', () => {
  const starts = take(['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20260420T080000Z'], timed('2026-03-30T10:00', 60));
  expect(starts).toEqual([
    '2026-03-30T10:00:00+02:00',
    '2026-04-02T10:00:00+02:00',
    '2026-04-13T10:00:00+02:00',
    '2026-04-16T10:00:00+02:00',
  ]);
});

test('monthly on the last Friday and on the 31st skips months without such a day', () => {
  expect(take(['RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=3'], timed('2026-01-30T09:00', 60))).toEqual([
    '2026-01-30T09:00:00+01:00',
    '2026-02-27T09:00:00+01:00',
    '2026-03-27T09:00:00+01:00',
  ]);
  expect(take(['RRULE:FREQ=MONTHLY;COUNT=3'], timed('2026-01-31T09:00', 60))).toEqual([
    '2026-01-31T09:00:00+01:00',
    '2026-03-31T09:00:00+02:00',
    '2026-05-31T09:00:00+02:00',
  ]);
});

test('a time inside the spring-forward gap is read with the offset before the gap', () => {
  const starts = take(['RRULE:FREQ=DAILY;COUNT=3'], timed('2026-03-28T02:30', 30));
  expect(starts).toEqual(['2026-03-28T02:30:00+01:00', '2026-03-29T03:30:00+02:00', '2026-03-30T02:30:00+02:00']);
});

test('all-day series advance by calendar days', () => {
  // Day 20540 is 2026-03-28; the DST change that night does not matter to dates.
  const series: SeriesStart = { kind: 'allDay', startDay: 20_540, durationDays: 1 };
  expect(take(['RRULE:FREQ=DAILY;INTERVAL=3;COUNT=3', 'EXDATE;VALUE=DATE:20260331'], series)).toEqual(['20540', '20546']);
});

test('unsupported rule parts are refused instead of expanded wrongly', () => {
  expect(() => parseRecurrence(['RRULE:FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU'], WARSAW)).toThrow(RecurrenceError);
  expect(() => parseRecurrence(['RRULE:FREQ=HOURLY'], WARSAW)).toThrow(RecurrenceError);
  expect(() => parseRecurrence(['RRULE:FREQ=DAILY;COUNT=2;UNTIL=20260101T000000Z'], WARSAW)).toThrow(RecurrenceError);
});
