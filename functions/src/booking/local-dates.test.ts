import { addDays, instantAtLocalTime, localDateOf, localDatesTouched } from './local-dates';

describe('local dates', () => {
  it('reads an instant\'s date in the business\'s zone, not in UTC', () => {
    expect(localDateOf(new Date('2026-06-09T22:30:00Z'), 'Europe/Warsaw')).toBe('2026-06-10');
    expect(localDateOf(new Date('2026-06-09T22:30:00Z'), 'America/New_York')).toBe('2026-06-09');
  });

  it('lists both days for a block that spans local midnight', () => {
    const start = new Date('2026-06-10T21:30:00Z'); // 23:30 in Warsaw
    const end = new Date('2026-06-10T22:30:00Z'); // 00:30 the next day
    expect(localDatesTouched(start, end, 'Europe/Warsaw')).toEqual(['2026-06-10', '2026-06-11']);
  });

  it('lists one day for a block that ends exactly at local midnight', () => {
    expect(localDatesTouched(new Date('2026-06-10T21:00:00Z'), new Date('2026-06-10T22:00:00Z'), 'Europe/Warsaw')).toEqual(['2026-06-10']);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('finds the instant of a local time in summer and winter time', () => {
    expect(instantAtLocalTime('2026-06-10', '10:00', 'Europe/Warsaw').toISOString()).toBe('2026-06-10T08:00:00.000Z');
    expect(instantAtLocalTime('2026-01-12', '10:00', 'Europe/Warsaw').toISOString()).toBe('2026-01-12T09:00:00.000Z');
  });

  it('takes the first of a local time that occurs twice when clocks go back', () => {
    expect(instantAtLocalTime('2026-10-25', '02:30', 'Europe/Warsaw').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('moves a local time skipped by clocks going forward past the gap', () => {
    expect(instantAtLocalTime('2026-03-29', '02:30', 'Europe/Warsaw').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});
