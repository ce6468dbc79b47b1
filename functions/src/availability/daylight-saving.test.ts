import { computeAvailability } from './compute-availability';
import type { AvailabilityRequest } from './schema';
import { startsOf } from './test-support/request';

/** One staff member on the salon's hours; only the zone, the date and the hours vary. */
function onDate(timeZone: string, date: string, hours: AvailabilityRequest['business']['weeklyHours'], service: number, step: number): string[] {
  return startsOf(computeAvailability({
    timeZone,
    now: new Date(Date.parse(`${date}T00:00:00Z`) - 3 * 86_400_000).toISOString(),
    range: { from: date, to: date },
    service: { durationMinutes: service },
    slotStepMinutes: step,
    business: { weeklyHours: hours },
    staff: [{ id: 'a' }],
  }));
}

describe('the day clocks go forward', () => {
  test('Europe/Warsaw: 01:00–04:00 holds 2 real hours and 02:00–02:59 gives no candidate', () => {
    expect(onDate('Europe/Warsaw', '2026-03-29', { sun: [['01:00', '04:00']] }, 60, 30)).toEqual([
      '2026-03-29T00:00:00Z', '2026-03-29T00:30:00Z', '2026-03-29T01:00:00Z',
    ]);
    expect(onDate('Europe/Warsaw', '2026-03-29', { sun: [['01:00', '04:00']] }, 120, 30)).toEqual(['2026-03-29T00:00:00Z']);
  });

  test('America/New_York: the skipped hour at 02:00 gives no candidate', () => {
    expect(onDate('America/New_York', '2026-03-08', { sun: [['01:00', '04:00']] }, 60, 60)).toEqual([
      '2026-03-08T06:00:00Z', '2026-03-08T07:00:00Z',
    ]);
  });

  test('Australia/Lord_Howe: only 30 minutes are skipped (02:00 → 02:30)', () => {
    expect(onDate('Australia/Lord_Howe', '2025-10-05', { sun: [['01:00', '03:00']] }, 30, 30)).toEqual([
      '2025-10-04T14:30:00Z', '2025-10-04T15:00:00Z', '2025-10-04T15:30:00Z',
    ]);
    expect(onDate('Australia/Lord_Howe', '2025-10-05', { sun: [['01:00', '03:00']] }, 90, 30)).toEqual(['2025-10-04T14:30:00Z']);
  });

  test('America/Santiago: local midnight does not exist, and Saturday evening runs straight into Sunday 01:00', () => {
    const hours = { sat: [['22:00', '24:00']], sun: [['00:00', '02:00']] } as AvailabilityRequest['business']['weeklyHours'];
    const both = (service: number) => startsOf(computeAvailability({
      timeZone: 'America/Santiago', now: '2025-01-01T00:00:00Z', range: { from: '2025-09-06', to: '2025-09-07' },
      service: { durationMinutes: service }, slotStepMinutes: 60, business: { weeklyHours: hours }, staff: [{ id: 'a' }],
    }));
    expect(both(60)).toEqual(['2025-09-07T02:00:00Z', '2025-09-07T03:00:00Z', '2025-09-07T04:00:00Z']);
    expect(both(120)).toEqual(['2025-09-07T02:00:00Z', '2025-09-07T03:00:00Z']);
  });

  test('America/Havana: the change at midnight leaves the day starting at 01:00', () => {
    expect(onDate('America/Havana', '2026-03-08', { sun: [['00:00', '03:00']] }, 60, 60)).toEqual([
      '2026-03-08T05:00:00Z', '2026-03-08T06:00:00Z',
    ]);
  });

  test('Pacific/Apia: 2011-12-30 never happened locally, so it has no slots', () => {
    const every = [['09:00', '10:00']] as [string, string][];
    const result = computeAvailability({
      timeZone: 'Pacific/Apia', now: '2011-12-01T00:00:00Z', range: { from: '2011-12-29', to: '2011-12-31' },
      service: { durationMinutes: 60 }, slotStepMinutes: 60,
      business: { weeklyHours: { mon: every, tue: every, wed: every, thu: every, fri: every, sat: every, sun: every } },
      staff: [{ id: 'a' }],
    });
    expect(startsOf(result)).toEqual(['2011-12-29T19:00:00Z', '2011-12-30T19:00:00Z']);
  });
});

describe('the day clocks go back', () => {
  test('Europe/Warsaw: 01:00–04:00 holds 4 real hours and 02:00 occurs twice', () => {
    expect(onDate('Europe/Warsaw', '2026-10-25', { sun: [['01:00', '04:00']] }, 60, 60)).toEqual([
      '2026-10-24T23:00:00Z', '2026-10-25T00:00:00Z', '2026-10-25T01:00:00Z', '2026-10-25T02:00:00Z',
    ]);
    expect(onDate('Europe/Warsaw', '2026-10-25', { sun: [['01:00', '04:00']] }, 240, 60)).toEqual(['2026-10-24T23:00:00Z']);
  });

  test('Europe/Warsaw: repeated wall-clock starts come out in instant order', () => {
    expect(onDate('Europe/Warsaw', '2026-10-25', { sun: [['02:00', '03:00']] }, 30, 30)).toEqual([
      '2026-10-25T00:00:00Z', '2026-10-25T00:30:00Z', '2026-10-25T01:00:00Z', '2026-10-25T01:30:00Z',
    ]);
  });

  test('America/New_York: 01:00 occurs twice', () => {
    expect(onDate('America/New_York', '2026-11-01', { sun: [['00:00', '03:00']] }, 60, 60)).toEqual([
      '2026-11-01T04:00:00Z', '2026-11-01T05:00:00Z', '2026-11-01T06:00:00Z', '2026-11-01T07:00:00Z',
    ]);
  });

  test('Australia/Lord_Howe: only 01:30–01:59 repeats (02:00 → 01:30)', () => {
    expect(onDate('Australia/Lord_Howe', '2026-04-05', { sun: [['01:00', '03:00']] }, 30, 30)).toEqual([
      '2026-04-04T14:00:00Z', '2026-04-04T14:30:00Z', '2026-04-04T15:00:00Z', '2026-04-04T15:30:00Z', '2026-04-04T16:00:00Z',
    ]);
  });

  test('America/Santiago: 23:00 on Saturday repeats, the change being at local midnight', () => {
    expect(onDate('America/Santiago', '2026-04-04', { sat: [['22:00', '24:00']] }, 60, 60)).toEqual([
      '2026-04-05T01:00:00Z', '2026-04-05T02:00:00Z', '2026-04-05T03:00:00Z',
    ]);
  });

  test('Australia/Adelaide: 02:00–02:59 repeats at +10:30 then +09:30', () => {
    expect(onDate('Australia/Adelaide', '2026-04-05', { sun: [['02:00', '03:00']] }, 30, 30)).toEqual([
      '2026-04-04T15:30:00Z', '2026-04-04T16:00:00Z', '2026-04-04T16:30:00Z', '2026-04-04T17:00:00Z',
    ]);
  });

  test('Pacific/Chatham: 02:45–03:44 repeats at +13:45 then +12:45', () => {
    expect(onDate('Pacific/Chatham', '2026-04-05', { sun: [['02:00', '04:00']] }, 60, 60)).toEqual([
      '2026-04-04T12:15:00Z', '2026-04-04T13:15:00Z', '2026-04-04T14:15:00Z',
    ]);
  });
});

describe('offsets that are not whole hours', () => {
  test('Asia/Kathmandu at +05:45', () => {
    expect(onDate('Asia/Kathmandu', '2026-06-01', { mon: [['09:00', '10:00']] }, 30, 15)).toEqual([
      '2026-06-01T03:15:00Z', '2026-06-01T03:30:00Z', '2026-06-01T03:45:00Z',
    ]);
  });

  test('Asia/Kathmandu on the day it moved from +05:30 to +05:45 (1986-01-01)', () => {
    // 00:00–00:15 local was skipped: the clocks went from 23:59:59 straight to 00:15.
    expect(onDate('Asia/Kathmandu', '1986-01-01', { wed: [['00:00', '01:00']] }, 15, 15)).toEqual([
      '1985-12-31T18:30:00Z', '1985-12-31T18:45:00Z', '1985-12-31T19:00:00Z',
    ]);
  });

  test('Australia/Adelaide at +10:30 in summer and Pacific/Chatham at +13:45', () => {
    expect(onDate('Australia/Adelaide', '2026-01-12', { mon: [['09:00', '10:00']] }, 60, 60)).toEqual(['2026-01-11T22:30:00Z']);
    expect(onDate('Pacific/Chatham', '2026-01-12', { mon: [['09:00', '10:00']] }, 60, 60)).toEqual(['2026-01-11T19:15:00Z']);
  });

  test('a local mean time offset with seconds keeps slots on the local grid', () => {
    // Europe/Brussels used local mean time, +00:17:30, until 1880.
    expect(onDate('Europe/Brussels', '1870-06-06', { mon: [['09:00', '10:00']] }, 30, 30)).toEqual(['1870-06-06T08:42:30Z', '1870-06-06T09:12:30Z']);
  });
});
