import { isKnownTimeZone, offsetAt, offsetSpans } from './time-zone';

const HOUR = 3_600_000;

describe('isKnownTimeZone', () => {
  test('accepts IANA names and backward-compatible aliases spelled exactly', () => {
    for (const name of ['Europe/Warsaw', 'Europe/Kiev', 'Europe/Kyiv', 'US/Eastern', 'UTC', 'Etc/GMT-14', 'Asia/Katmandu', 'America/Argentina/Buenos_Aires']) {
      expect([name, isKnownTimeZone(name)]).toEqual([name, true]);
    }
  });

  test('rejects other spellings, offsets and unknown names', () => {
    for (const name of ['europe/warsaw', 'EUROPE/WARSAW', 'utc', 'us/eastern', '+05:45', 'Z', 'Europe/Warsaw ', '', 'Mars/Olympus', 'Factory']) {
      expect([name, isKnownTimeZone(name)]).toEqual([name, false]);
    }
  });
});

describe('offsetSpans', () => {
  test('splits at the exact instant of a change', () => {
    const from = Date.UTC(2026, 2, 28);
    const to = Date.UTC(2026, 2, 31);
    expect(offsetSpans('Europe/Warsaw', from, to)).toEqual([
      { start: from, end: Date.UTC(2026, 2, 29, 1), offsetMs: HOUR },
      { start: Date.UTC(2026, 2, 29, 1), end: to, offsetMs: 2 * HOUR },
    ]);
  });

  test('finds the half-hour change of Lord Howe Island', () => {
    const spans = offsetSpans('Australia/Lord_Howe', Date.UTC(2026, 3, 1), Date.UTC(2026, 3, 10));
    expect(spans.map((span) => [new Date(span.start).toISOString(), span.offsetMs / 60_000])).toEqual([
      ['2026-04-01T00:00:00.000Z', 660],
      ['2026-04-04T15:00:00.000Z', 630],
    ]);
  });

  test('finds several changes in one range, and none where there is none', () => {
    // Morocco leaves +01:00 for Ramadan and comes back a month later.
    expect(offsetSpans('Africa/Casablanca', Date.UTC(2026, 0, 1), Date.UTC(2026, 4, 1)).map((span) => span.offsetMs / HOUR)).toEqual([1, 0, 1]);
    expect(offsetSpans('Asia/Kolkata', Date.UTC(2026, 0, 1), Date.UTC(2026, 2, 1))).toEqual([
      { start: Date.UTC(2026, 0, 1), end: Date.UTC(2026, 2, 1), offsetMs: 5.5 * HOUR },
    ]);
  });

  test('starts with the offset in force at the first instant, even right after a change', () => {
    const change = Date.UTC(2026, 2, 29, 1);
    expect(offsetSpans('Europe/Warsaw', change, change + HOUR)).toEqual([{ start: change, end: change + HOUR, offsetMs: 2 * HOUR }]);
    expect(offsetSpans('Europe/Warsaw', change - 1000, change)).toEqual([{ start: change - 1000, end: change, offsetMs: HOUR }]);
  });
});

test('offsetAt reads offsets with seconds and before the common era', () => {
  expect(offsetAt('Europe/Brussels', Date.UTC(1870, 0, 1))).toBe(17.5 * 60_000);
  expect(offsetAt('Asia/Kathmandu', Date.UTC(2026, 0, 1))).toBe((5 * 60 + 45) * 60_000);
  expect(offsetAt('UTC', Date.UTC(-100, 0, 1))).toBe(0);
});
