import { daysFromCivil, civilFromDays, parseDate, parseWallTime, weekdayOfDay } from './calendar';
import { compareInstants, formatUtcInstant, parseInstant } from './instant';

describe('parseInstant', () => {
  test('reads every form the contract allows', () => {
    expect(parseInstant('2026-03-27T10:00Z')?.floorMs).toBe(Date.UTC(2026, 2, 27, 10));
    expect(parseInstant('2026-03-27T10:00:30Z')?.floorMs).toBe(Date.UTC(2026, 2, 27, 10, 0, 30));
    expect(parseInstant('2026-03-27T12:00:00.250+02:00')?.floorMs).toBe(Date.UTC(2026, 2, 27, 10, 0, 0, 250));
    expect(parseInstant('2026-03-27T04:15:00-05:45')?.floorMs).toBe(Date.UTC(2026, 2, 27, 10));
  });

  test('keeps sub-millisecond fractions exact: floor and ceiling differ and the order is exact', () => {
    const a = parseInstant('2026-03-27T10:00:00.0001Z')!;
    expect([a.floorMs, a.ceilMs]).toEqual([Date.UTC(2026, 2, 27, 10), Date.UTC(2026, 2, 27, 10) + 1]);
    expect(compareInstants(a, parseInstant('2026-03-27T10:00:00.00010000Z')!)).toBe(0);
    expect(compareInstants(a, parseInstant('2026-03-27T10:00:00.00009999Z')!)).toBeGreaterThan(0);
    expect(compareInstants(parseInstant('2026-03-27T11:00:00+01:00')!, parseInstant('2026-03-27T10:00Z')!)).toBe(0);
  });

  test('rejects instants without an offset or with impossible fields', () => {
    for (const text of ['2026-03-27T10:00:00', '2026-03-27T10:00:00z', '2026-03-27 10:00Z', '2026-03-27T10Z', '2026-02-29T10:00Z', '2026-03-27T24:00Z', '2026-03-27T10:60Z', '2026-03-27T10:00:60Z', '2026-03-27T10:00:00.Z', '2026-03-27T10:00+0100', '2026-03-27T10:00+24:00']) {
      expect([text, parseInstant(text)]).toEqual([text, undefined]);
    }
  });
});

test('formatUtcInstant writes YYYY-MM-DDTHH:MM:SSZ', () => {
  expect(formatUtcInstant(Date.UTC(2026, 2, 28, 10, 30))).toBe('2026-03-28T10:30:00Z');
  expect(formatUtcInstant(Date.UTC(1870, 5, 6, 8, 42, 30))).toBe('1870-06-06T08:42:30Z');
});

describe('calendar', () => {
  test('day numbers round-trip and match Date.UTC, leap years included', () => {
    for (const [y, m, d] of [[1970, 1, 1], [2000, 2, 29], [2026, 12, 31], [1600, 3, 1], [2100, 2, 28]]) {
      expect(daysFromCivil(y, m, d) * 86_400_000).toBe(Date.UTC(y, m - 1, d));
      expect(civilFromDays(daysFromCivil(y, m, d))).toEqual({ year: y, month: m, day: d });
    }
  });

  test('parses dates and wall-clock times strictly', () => {
    expect(parseDate('2024-02-29')).toBe(daysFromCivil(2024, 2, 29));
    expect(['2026-02-29', '2026-13-01', '2026-1-01', '20260101'].map(parseDate)).toEqual([undefined, undefined, undefined, undefined]);
    expect(['00:00', '09:30', '23:59', '24:00'].map(parseWallTime)).toEqual([0, 570, 1439, 1440]);
    expect(['9:00', '25:00', '24:01', '12:60', '12:5'].map(parseWallTime)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  test('knows the weekday of a day number', () => {
    expect(weekdayOfDay(daysFromCivil(2026, 3, 28))).toBe('sat');
    expect(weekdayOfDay(daysFromCivil(2026, 3, 30))).toBe('mon');
    expect(weekdayOfDay(daysFromCivil(1969, 12, 28))).toBe('sun');
  });
});
