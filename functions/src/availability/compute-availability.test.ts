import { computeAvailability } from './compute-availability';
import type { AvailabilityRequest } from './schema';
import { everyDay, request, startsOf, summaryOf } from './test-support/request';

/** The input printed in shared/contracts/availability.md. */
const contractExample = {
  timeZone: 'Europe/Warsaw',
  now: '2026-03-27T10:00:00Z',
  range: { from: '2026-03-28', to: '2026-03-30' },
  service: { durationMinutes: 45, bufferBeforeMinutes: 0, bufferAfterMinutes: 15 },
  slotStepMinutes: 15,
  minNoticeMinutes: 120,
  maxAdvanceDays: 90,
  business: {
    weeklyHours: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], sat: [['10:00', '14:00']] },
    specialHours: [{ date: '2026-03-30', intervals: [['12:00', '16:00']] }],
    closures: ['2026-04-05'],
  },
  staff: [
    {
      id: 'anna',
      weeklyHours: { mon: [['09:00', '13:00'], ['14:00', '18:00']] },
      breaks: { mon: [['11:00', '11:30']] },
      timeOff: [{ start: '2026-03-30T12:00:00Z', end: '2026-03-30T13:00:00Z' }],
    },
    { id: 'ola' },
  ],
  busy: [{ staffId: 'ola', start: '2026-03-28T09:00:00Z', end: '2026-03-28T10:30:00Z' }],
  staffIds: ['anna', 'ola'],
};

describe('the contract example', () => {
  const result = computeAvailability(contractExample);

  test('gives 22 slots, the first at 10:30Z with Ola only', () => {
    expect(result.slots).toHaveLength(22);
    expect(result.slots[0]).toEqual({ start: '2026-03-28T10:30:00Z', end: '2026-03-28T11:15:00Z', staffIds: ['ola'] });
  });

  test('offers Saturday 10:30Z–12:15Z starts to Ola, after her busy time and inside 10:00–14:00 local', () => {
    expect(startsOf(result).filter((start) => start.startsWith('2026-03-28'))).toEqual([
      '2026-03-28T10:30:00Z', '2026-03-28T10:45:00Z', '2026-03-28T11:00:00Z', '2026-03-28T11:15:00Z',
      '2026-03-28T11:30:00Z', '2026-03-28T11:45:00Z', '2026-03-28T12:00:00Z', '2026-03-28T12:15:00Z',
    ]);
  });

  test('on the special-hours Monday (after the DST change) Anna gets only the parts outside her time off', () => {
    const monday = result.slots.filter((slot) => slot.start.startsWith('2026-03-30'));
    expect(monday).toHaveLength(14);
    expect(monday[0].start).toBe('2026-03-30T10:00:00Z');
    expect(monday[13].start).toBe('2026-03-30T13:15:00Z');
    expect(monday.filter((slot) => slot.staffIds.includes('anna')).map((slot) => slot.start)).toEqual([
      '2026-03-30T10:00:00Z', '2026-03-30T10:15:00Z', '2026-03-30T13:00:00Z', '2026-03-30T13:15:00Z',
    ]);
  });
});

describe('business hours', () => {
  test('a staff member without own hours works on a special-hours day whose weekday has no weekly hours', () => {
    const result = computeAvailability(request({
      range: { from: '2026-01-13', to: '2026-01-13' },
      business: { weeklyHours: { mon: [['09:00', '12:00']] }, specialHours: [{ date: '2026-01-13', intervals: [['10:00', '12:00']] }] },
      staff: [{ id: 'a' }, { id: 'b', weeklyHours: { mon: [['09:00', '12:00']] } }],
    }));
    expect(summaryOf(result)).toEqual(['2026-01-13T10:00:00Z a', '2026-01-13T11:00:00Z a']);
  });

  test('two special-hours entries for one date combine their intervals', () => {
    const result = computeAvailability(request({
      business: {
        weeklyHours: { mon: [['09:00', '12:00']] },
        specialHours: [
          { date: '2026-01-12', intervals: [['13:00', '14:00']] },
          { date: '2026-01-12', intervals: [['14:00', '15:00'], ['16:00', '17:00']] },
        ],
      },
      service: { durationMinutes: 120 },
    }));
    expect(startsOf(result)).toEqual(['2026-01-12T13:00:00Z']);
  });

  test('special hours with no intervals close the day', () => {
    const result = computeAvailability(request({
      business: { weeklyHours: { mon: [['09:00', '12:00']] }, specialHours: [{ date: '2026-01-12', intervals: [] }] },
    }));
    expect(result.slots).toEqual([]);
  });

  test('a closure wins over special hours', () => {
    const result = computeAvailability(request({
      business: {
        weeklyHours: { mon: [['09:00', '12:00']] },
        specialHours: [{ date: '2026-01-12', intervals: [['09:00', '12:00']] }],
        closures: ['2026-01-12'],
      },
    }));
    expect(result.slots).toEqual([]);
  });

  test('hours that end at 24:00 and resume at 00:00 let a service run across midnight', () => {
    const open: AvailabilityRequest['business'] = { weeklyHours: { mon: [['22:00', '24:00']], tue: [['00:00', '02:00']] } };
    const input = request({ business: open, service: { durationMinutes: 180 } });
    expect(startsOf(computeAvailability(input))).toEqual(['2026-01-12T22:00:00Z', '2026-01-12T23:00:00Z']);
    const closedTuesday = computeAvailability({ ...input, business: { ...open, closures: ['2026-01-13'] } });
    expect(closedTuesday.slots).toEqual([]);
  });

  test('overlapping intervals of one weekday are a union', () => {
    const result = computeAvailability(request({ business: { weeklyHours: { mon: [['09:00', '11:00'], ['10:00', '12:00']] } }, service: { durationMinutes: 180 } }));
    expect(startsOf(result)).toEqual(['2026-01-12T09:00:00Z']);
  });
});

describe('staff hours, breaks and time off', () => {
  test('a weekday missing from own hours means the staff member does not work then', () => {
    const result = computeAvailability(request({ staff: [{ id: 'a', weeklyHours: { tue: [['09:00', '12:00']] } }] }));
    expect(result.slots).toEqual([]);
  });

  test('own hours are intersected with the business hours', () => {
    const result = computeAvailability(request({ staff: [{ id: 'a', weeklyHours: { mon: [['10:00', '18:00']] } }] }));
    expect(startsOf(result)).toEqual(['2026-01-12T10:00:00Z', '2026-01-12T11:00:00Z']);
  });

  test('a service cannot straddle a break, but may end as it starts and start as it ends', () => {
    const result = computeAvailability(request({
      slotStepMinutes: 30,
      staff: [{ id: 'a', breaks: { mon: [['10:00', '10:30']] } }],
    }));
    expect(startsOf(result)).toEqual(['2026-01-12T09:00:00Z', '2026-01-12T10:30:00Z', '2026-01-12T11:00:00Z']);
  });

  test('breaks apply only on their weekday', () => {
    const result = computeAvailability(request({ staff: [{ id: 'a', breaks: { tue: [['09:00', '12:00']] } }] }));
    expect(result.slots).toHaveLength(3);
  });

  test('time off across midnight removes the late evening and the early morning', () => {
    const result = computeAvailability(request({
      range: { from: '2026-01-12', to: '2026-01-13' },
      business: { weeklyHours: everyDay([['00:00', '24:00']]) },
      slotStepMinutes: 60,
      staff: [{ id: 'a', timeOff: [{ start: '2026-01-12T21:30:00Z', end: '2026-01-13T02:15:00Z' }] }],
    }));
    const starts = startsOf(result);
    expect(starts).toContain('2026-01-12T20:00:00Z');
    expect(starts).not.toContain('2026-01-12T21:00:00Z');
    expect(starts).not.toContain('2026-01-13T02:00:00Z');
    expect(starts).toContain('2026-01-13T03:00:00Z');
    expect(starts).toHaveLength(48 - 6);
  });

  test('time off given with an offset is the same instant as in UTC', () => {
    const result = computeAvailability(request({ staff: [{ id: 'a', timeOff: [{ start: '2026-01-12T11:00+01:00', end: '2026-01-12T12:00:00+01:00' }] }] }));
    expect(startsOf(result)).toEqual(['2026-01-12T09:00:00Z', '2026-01-12T11:00:00Z']);
  });
});

describe('busy intervals and buffers', () => {
  const withBuffers = { durationMinutes: 60, bufferBeforeMinutes: 15, bufferAfterMinutes: 30 };

  test('busy time ending exactly at start − buffer before leaves the start free; one minute later blocks it', () => {
    const at = (end: string) => startsOf(computeAvailability(request({
      service: withBuffers,
      business: { weeklyHours: { mon: [['09:00', '13:00']] } },
      busy: [{ staffId: 'a', start: '2026-01-12T08:00:00Z', end }],
    })));
    expect(at('2026-01-12T09:45:00Z')[0]).toBe('2026-01-12T10:00:00Z');
    expect(at('2026-01-12T09:46:00Z')[0]).toBe('2026-01-12T11:00:00Z');
  });

  test('busy time starting exactly at end + buffer after leaves the start free; one minute earlier blocks it', () => {
    const at = (start: string) => startsOf(computeAvailability(request({
      service: withBuffers,
      business: { weeklyHours: { mon: [['09:00', '13:00']] } },
      busy: [{ staffId: 'a', start, end: '2026-01-12T20:00:00Z' }],
    })));
    expect(at('2026-01-12T11:30:00Z')).toEqual(['2026-01-12T09:00:00Z', '2026-01-12T10:00:00Z']);
    expect(at('2026-01-12T11:29:00Z')).toEqual(['2026-01-12T09:00:00Z']);
  });

  test('buffers do not apply against opening hours, breaks or time off', () => {
    const result = computeAvailability(request({
      service: { durationMinutes: 60, bufferBeforeMinutes: 60, bufferAfterMinutes: 60 },
      staff: [{ id: 'a', breaks: { mon: [['10:00', '11:00']] }, timeOff: [{ start: '2026-01-12T11:00:00Z', end: '2026-01-12T11:30:00Z' }] }],
      business: { weeklyHours: { mon: [['09:00', '13:00']] } },
      slotStepMinutes: 30,
    }));
    expect(startsOf(result)).toEqual(['2026-01-12T09:00:00Z', '2026-01-12T11:30:00Z', '2026-01-12T12:00:00Z']);
  });

  test('a busy end a fraction of a millisecond past a start blocks it, and one just before does not', () => {
    const first = (end: string) => startsOf(computeAvailability(request({ busy: [{ staffId: 'a', start: '2026-01-12T08:00:00Z', end }] })))[0];
    expect(first('2026-01-12T09:00:00.0001Z')).toBe('2026-01-12T10:00:00Z');
    expect(first('2026-01-12T08:59:59.9999Z')).toBe('2026-01-12T09:00:00Z');
  });

  test('busy time of one staff member leaves the others bookable', () => {
    const result = computeAvailability(request({
      staff: [{ id: 'a' }, { id: 'b' }],
      busy: [{ staffId: 'a', start: '2026-01-12T09:00:00Z', end: '2026-01-12T10:00:00Z' }],
    }));
    expect(summaryOf(result)).toEqual(['2026-01-12T09:00:00Z b', '2026-01-12T10:00:00Z a,b', '2026-01-12T11:00:00Z a,b']);
  });
});

describe('candidate starts', () => {
  test('the grid restarts at every local midnight', () => {
    const result = computeAvailability(request({
      range: { from: '2026-01-12', to: '2026-01-13' },
      business: { weeklyHours: everyDay([['00:00', '24:00']]) },
      service: { durationMinutes: 15 },
      slotStepMinutes: 45,
    }));
    const starts = startsOf(result);
    expect(starts.slice(30, 34)).toEqual(['2026-01-12T22:30:00Z', '2026-01-12T23:15:00Z', '2026-01-13T00:00:00Z', '2026-01-13T00:45:00Z']);
    expect(starts).toHaveLength(64);
  });

  test('a 1440-minute step offers local midnight only', () => {
    const result = computeAvailability(request({
      timeZone: 'Europe/Warsaw',
      range: { from: '2026-01-12', to: '2026-01-14' },
      business: { weeklyHours: everyDay([['00:00', '24:00']]) },
      slotStepMinutes: 1440,
    }));
    expect(startsOf(result)).toEqual(['2026-01-11T23:00:00Z', '2026-01-12T23:00:00Z', '2026-01-13T23:00:00Z']);
  });

  test('the range is of local dates, and a service may end after the range', () => {
    const result = computeAvailability(request({
      timeZone: 'Europe/Warsaw',
      business: { weeklyHours: everyDay([['00:00', '24:00']]) },
      service: { durationMinutes: 90 },
    }));
    const starts = startsOf(result);
    expect(starts[0]).toBe('2026-01-11T23:00:00Z');
    expect(starts[starts.length - 1]).toBe('2026-01-12T22:00:00Z');
    expect(starts).toHaveLength(24);
  });

  test('minimum notice admits a start exactly at now + notice and rounds a fractional now up', () => {
    const base = { minNoticeMinutes: 90, slotStepMinutes: 30 };
    expect(startsOf(computeAvailability(request({ ...base, now: '2026-01-12T08:30:00Z' })))[0]).toBe('2026-01-12T10:00:00Z');
    expect(startsOf(computeAvailability(request({ ...base, now: '2026-01-12T08:30:00.001Z' })))[0]).toBe('2026-01-12T10:30:00Z');
    expect(startsOf(computeAvailability(request({ ...base, now: '2026-01-12T08:29:59.9999Z' })))[0]).toBe('2026-01-12T10:00:00Z');
  });

  test('maximum advance counts real 24-hour days and excludes its own end', () => {
    const base = { maxAdvanceDays: 1, slotStepMinutes: 30 };
    expect(startsOf(computeAvailability(request({ ...base, now: '2026-01-11T10:00:00Z' })))).toEqual(['2026-01-12T09:00:00Z', '2026-01-12T09:30:00Z']);
    expect(computeAvailability(request({ maxAdvanceDays: 0, now: '2026-01-12T00:00:00Z' })).slots).toEqual([]);
  });

  test('maximum advance across a DST change is 24 real hours per day, not a local day', () => {
    const result = computeAvailability(request({
      timeZone: 'Europe/Warsaw',
      now: '2026-03-28T12:00:00Z',
      maxAdvanceDays: 1,
      range: { from: '2026-03-29', to: '2026-03-29' },
      business: { weeklyHours: { sun: [['00:00', '24:00']] } },
    }));
    const starts = startsOf(result);
    // 12:00Z + 24 h = 2026-03-29T12:00Z, which is 14:00 local on the short day.
    expect(starts[starts.length - 1]).toBe('2026-03-29T11:00:00Z');
    // Local 00:00 (23:00Z) to 13:00 (11:00Z), 02:00 not existing: 13 starts.
    expect(starts).toHaveLength(13);
  });

  test('the past is never offered', () => {
    const result = computeAvailability(request({ now: '2026-02-01T00:00:00Z' }));
    expect(result.slots).toEqual([]);
  });
});

describe('staff selection and output', () => {
  const twoStaff: Partial<AvailabilityRequest> = { staff: [{ id: 'a' }, { id: 'b', weeklyHours: { mon: [['11:00', '12:00']] } }] };

  test('without staffIds every staff member counts', () => {
    expect(summaryOf(computeAvailability(request(twoStaff)))).toEqual(['2026-01-12T09:00:00Z a', '2026-01-12T10:00:00Z a', '2026-01-12T11:00:00Z a,b']);
  });

  test('staffIds selects, an empty list selects nobody, and a repeated id counts once', () => {
    expect(summaryOf(computeAvailability(request({ ...twoStaff, staffIds: ['b'] })))).toEqual(['2026-01-12T11:00:00Z b']);
    expect(computeAvailability(request({ ...twoStaff, staffIds: [] })).slots).toEqual([]);
    expect(summaryOf(computeAvailability(request({ ...twoStaff, staffIds: ['b', 'a', 'b'] })))).toEqual([
      '2026-01-12T09:00:00Z a', '2026-01-12T10:00:00Z a', '2026-01-12T11:00:00Z a,b',
    ]);
  });

  test('staffIds in a slot are sorted by code point, not by locale or UTF-16 unit', () => {
    const ids = ['😀', 'ﬀ', 'anna', 'Zoe'];
    const result = computeAvailability(request({ staff: ids.map((id) => ({ id })) }));
    expect(result.slots[0].staffIds).toEqual(['Zoe', 'anna', 'ﬀ', '😀']);
  });

  test('slots carry UTC start and end without fractions', () => {
    const result = computeAvailability(request({ timeZone: 'Asia/Kolkata', business: { weeklyHours: { mon: [['09:00', '10:00']] } } }));
    expect(result).toEqual({ slots: [{ start: '2026-01-12T03:30:00Z', end: '2026-01-12T04:30:00Z', staffIds: ['a'] }] });
  });

  test('the same input always gives the same output', () => {
    expect(computeAvailability(contractExample)).toEqual(computeAvailability(JSON.parse(JSON.stringify(contractExample))));
  });
});
