import { AvailabilityInputError } from './availability-input-error';
import { computeAvailability } from './compute-availability';
import { parseAvailabilityInput } from './parse-input';
import { request } from './test-support/request';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A valid input touching every optional part, to break one field at a time. */
function full(): Raw {
  return {
    ...request(),
    timeZone: 'Europe/Warsaw',
    service: { durationMinutes: 45, bufferBeforeMinutes: 5, bufferAfterMinutes: 15 },
    slotStepMinutes: 15,
    minNoticeMinutes: 120,
    maxAdvanceDays: 90,
    business: {
      weeklyHours: { mon: [['09:00', '18:00']] },
      specialHours: [{ date: '2026-01-13', intervals: [['10:00', '12:00']] }],
      closures: ['2026-01-14'],
    },
    staff: [
      { id: 'a', weeklyHours: { mon: [['09:00', '13:00']] }, breaks: { mon: [['11:00', '11:30']] }, timeOff: [{ start: '2026-01-12T12:00:00Z', end: '2026-01-12T13:00:00Z' }] },
      { id: 'b', weeklyHours: { mon: [['09:00', '13:00'], ['14:00', '18:00']] } },
    ],
    busy: [{ staffId: 'a', start: '2026-01-12T09:00:00Z', end: '2026-01-12T10:00:00Z' }],
    staffIds: ['a', 'b'],
  };
}

function errorFor(change: (input: Raw) => void): AvailabilityInputError {
  const input = full();
  change(input);
  try {
    computeAvailability(input);
  } catch (error) {
    if (error instanceof AvailabilityInputError) return error;
    throw error;
  }
  throw new Error('the input was accepted');
}

function accepts(change: (input: Raw) => void): boolean {
  const input = full();
  change(input);
  computeAvailability(input);
  return true;
}

test('the full sample input is valid', () => {
  expect(accepts(() => undefined)).toBe(true);
});

const rejected: [string, (input: Raw) => void, string, RegExp][] = [
  ['an unknown time zone', (i) => { i.timeZone = 'Mars/Olympus'; }, 'timeZone', /IANA/],
  ['a time zone in the wrong case', (i) => { i.timeZone = 'europe/warsaw'; }, 'timeZone', /IANA/],
  ['an alias in the wrong case', (i) => { i.timeZone = 'us/eastern'; }, 'timeZone', /IANA/],
  ['a UTC offset instead of a zone name', (i) => { i.timeZone = '+05:45'; }, 'timeZone', /IANA/],
  ['a time of 25:00', (i) => { i.business.weeklyHours.mon[0][1] = '25:00'; }, 'business.weeklyHours.mon[0][1]', /HH:MM/],
  ['a time without its leading zero', (i) => { i.staff[1].weeklyHours.mon[1][0] = '9:00'; }, 'staff[1].weeklyHours.mon[1][0]', /HH:MM/],
  ['a time of 12:60', (i) => { i.staff[0].breaks.mon[0][1] = '12:60'; }, 'staff[0].breaks.mon[0][1]', /HH:MM/],
  ['24:00 as a start', (i) => { i.business.weeklyHours.mon[0] = ['24:00', '24:00']; }, 'business.weeklyHours.mon[0][0]', /only end/],
  ['a date that does not exist', (i) => { i.range.to = '2026-02-30'; }, 'range.to', /real date/],
  ['a malformed closure date', (i) => { i.business.closures[0] = '2026-1-14'; }, 'business.closures[0]', /YYYY-MM-DD/],
  ['a special-hours date of February 29 in a common year', (i) => { i.business.specialHours[0].date = '2027-02-29'; }, 'business.specialHours[0].date', /real date/],
  ['an interval ending as it starts', (i) => { i.staff[1].weeklyHours.mon[0] = ['13:00', '13:00']; }, 'staff[1].weeklyHours.mon[0]', /end after/],
  ['an interval ending before it starts', (i) => { i.business.specialHours[0].intervals[0] = ['12:00', '10:00']; }, 'business.specialHours[0].intervals[0]', /end after/],
  ['an interval with three times', (i) => { i.business.weeklyHours.mon[0] = ['09:00', '12:00', '13:00']; }, 'business.weeklyHours.mon[0]', /pair/],
  ['time off ending before it starts', (i) => { i.staff[0].timeOff[0].end = '2026-01-12T11:00:00Z'; }, 'staff[0].timeOff[0].end', /after start/],
  ['busy time ending as it starts, written with another offset', (i) => { i.busy[0].end = '2026-01-12T10:00:00+01:00'; }, 'busy[0].end', /after start/],
  ['range.to before range.from', (i) => { i.range = { from: '2026-01-12', to: '2026-01-11' }; }, 'range.to', /not be before range\.from/],
  ['a range of 63 dates', (i) => { i.range = { from: '2026-01-01', to: '2026-03-04' }; }, 'range.to', /63 dates/],
  ['a duration of 0', (i) => { i.service.durationMinutes = 0; }, 'service.durationMinutes', /1 to 1440/],
  ['a duration of 1441', (i) => { i.service.durationMinutes = 1441; }, 'service.durationMinutes', /1 to 1440/],
  ['a fractional duration', (i) => { i.service.durationMinutes = 30.5; }, 'service.durationMinutes', /integer/],
  ['a duration given as a string', (i) => { i.service.durationMinutes = '30'; }, 'service.durationMinutes', /number/],
  ['a negative buffer', (i) => { i.service.bufferBeforeMinutes = -1; }, 'service.bufferBeforeMinutes', /0 to 1440/],
  ['a buffer over a day', (i) => { i.service.bufferAfterMinutes = 1441; }, 'service.bufferAfterMinutes', /0 to 1440/],
  ['a step of 0', (i) => { i.slotStepMinutes = 0; }, 'slotStepMinutes', /1 to 1440/],
  ['a notice over a year', (i) => { i.minNoticeMinutes = 525601; }, 'minNoticeMinutes', /0 to 525600/],
  ['an advance of 3651 days', (i) => { i.maxAdvanceDays = 3651; }, 'maxAdvanceDays', /0 to 3650/],
  ['an advance too large for a double (1e400)', (i) => { i.maxAdvanceDays = Infinity; }, 'maxAdvanceDays', /finite number/],
  ['a negative advance', (i) => { i.maxAdvanceDays = -1; }, 'maxAdvanceDays', /0 to 3650/],
  ['duplicate staff ids', (i) => { i.staff[1].id = 'a'; }, 'staff[1].id', /duplicate/],
  ['busy time of an unknown staff member', (i) => { i.busy[0].staffId = 'zed'; }, 'busy[0].staffId', /unknown staff/],
  ['staffIds naming an unknown staff member', (i) => { i.staffIds = ['a', 'zed']; }, 'staffIds[1]', /unknown staff/],
  ['an unknown weekday key', (i) => { i.business.weeklyHours.monday = [['09:00', '10:00']]; }, 'business.weeklyHours.monday', /unknown field/],
  ['an unknown weekday key in breaks', (i) => { i.staff[0].breaks.Mon = []; }, 'staff[0].breaks.Mon', /unknown field/],
  ['a missing time zone', (i) => { delete i.timeZone; }, 'timeZone', /required/],
  ['a missing now', (i) => { delete i.now; }, 'now', /required/],
  ['a missing range', (i) => { delete i.range; }, 'range', /required/],
  ['a missing range.from', (i) => { delete i.range.from; }, 'range.from', /required/],
  ['a missing duration', (i) => { delete i.service.durationMinutes; }, 'service.durationMinutes', /required/],
  ['missing business hours', (i) => { delete i.business.weeklyHours; }, 'business.weeklyHours', /required/],
  ['a missing staff list', (i) => { delete i.staff; }, 'staff', /required/],
  ['a staff member without id', (i) => { delete i.staff[1].id; }, 'staff[1].id', /required/],
  ['a busy entry without end', (i) => { delete i.busy[0].end; }, 'busy[0].end', /required/],
  ['null for an optional field', (i) => { i.staffIds = null; }, 'staffIds', /null/],
  ['null for breaks', (i) => { i.staff[0].breaks = null; }, 'staff[0].breaks', /null/],
  ['null for a weekday', (i) => { i.business.weeklyHours.mon = null; }, 'business.weeklyHours.mon', /null/],
  ['null for a buffer', (i) => { i.service.bufferAfterMinutes = null; }, 'service.bufferAfterMinutes', /null/],
  ['a number as a staff id', (i) => { i.staff[0].id = 1; }, 'staff[0].id', /string/],
  ['an object for the step', (i) => { i.slotStepMinutes = { minutes: 15 }; }, 'slotStepMinutes', /number/],
  ['a string for closures', (i) => { i.business.closures = '2026-01-14'; }, 'business.closures', /array/],
  ['an unknown top-level field', (i) => { i.currency = 'PLN'; }, 'currency', /unknown field/],
  ['an unknown field in service', (i) => { i.service.price = 100; }, 'service.price', /unknown field/],
  ['an unknown field in range', (i) => { i.range.days = 3; }, 'range.days', /unknown field/],
  ['an unknown field in a staff member', (i) => { i.staff[1].name = 'Bea'; }, 'staff[1].name', /unknown field/],
  ['an unknown field in time off', (i) => { i.staff[0].timeOff[0].reason = 'x'; }, 'staff[0].timeOff[0].reason', /unknown field/],
  ['an unknown field in a busy entry', (i) => { i.busy[0].title = 'x'; }, 'busy[0].title', /unknown field/],
  ['an unknown field in special hours', (i) => { i.business.specialHours[0].note = 'x'; }, 'business.specialHours[0].note', /unknown field/],
  ['an unknown field in business', (i) => { i.business.holidays = []; }, 'business.holidays', /unknown field/],
  ['an instant without offset', (i) => { i.now = '2026-01-01T00:00:00'; }, 'now', /ISO 8601/],
  ['an instant with a space instead of T', (i) => { i.busy[0].start = '2026-01-12 09:00:00Z'; }, 'busy[0].start', /ISO 8601/],
  ['an instant at 24:00', (i) => { i.busy[0].start = '2026-01-12T24:00:00Z'; }, 'busy[0].start', /ISO 8601/],
  ['an instant with a short offset', (i) => { i.staff[0].timeOff[0].start = '2026-01-12T12:00:00+01'; }, 'staff[0].timeOff[0].start', /ISO 8601/],
  ['an instant on a date that does not exist', (i) => { i.now = '2026-02-29T00:00:00Z'; }, 'now', /ISO 8601/],
];

test.each(rejected)('rejects %s, naming the field', (_name, change, path, reason) => {
  const error = errorFor(change);
  expect(error.path).toBe(path);
  expect(error.reason).toMatch(reason);
  expect(error.message).toBe(`${path}: ${error.reason}`);
  expect(error.message).not.toContain('\n');
});

test('rejects what is not an object, naming the input itself', () => {
  for (const raw of [null, [], 'x', 3]) {
    expect(() => parseAvailabilityInput(raw)).toThrow(expect.objectContaining({ path: 'input' }));
  }
});

test('accepts 62 dates, integral JSON numbers written with a fraction, aliases and every instant form', () => {
  expect(accepts((i) => { i.range = { from: '2026-01-01', to: '2026-03-03' }; })).toBe(true);
  const parsed = parseAvailabilityInput(JSON.parse('{"timeZone":"Europe/Kiev","now":"2026-01-01T00:00+02:00","range":{"from":"2026-01-12","to":"2026-01-12"},"service":{"durationMinutes":30.0},"slotStepMinutes":15.0,"business":{"weeklyHours":{}},"staff":[]}'));
  expect(parsed.service.durationMinutes).toBe(30);
  for (const now of ['2026-01-01T00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00.5Z', '2026-01-01T00:00:00.123456789-03:30']) {
    expect(accepts((i) => { i.now = now; })).toBe(true);
  }
  for (const timeZone of ['UTC', 'Etc/GMT+5', 'US/Eastern', 'Asia/Calcutta', 'Europe/Kyiv', 'America/Argentina/ComodRivadavia']) {
    expect(accepts((i) => { i.timeZone = timeZone; })).toBe(true);
  }
});

test('fills in the defaults of the contract', () => {
  const parsed = parseAvailabilityInput({
    timeZone: 'UTC', now: '2026-01-01T00:00:00Z', range: { from: '2026-01-12', to: '2026-01-12' },
    service: { durationMinutes: 30 }, business: { weeklyHours: {} }, staff: [{ id: 'a' }],
  });
  expect(parsed).toEqual({
    timeZone: 'UTC', now: expect.objectContaining({ floorMs: Date.UTC(2026, 0, 1) }), range: { from: '2026-01-12', to: '2026-01-12' },
    service: { durationMinutes: 30, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 },
    slotStepMinutes: 15, minNoticeMinutes: 0, maxAdvanceDays: 365,
    business: { weeklyHours: {}, specialHours: [], closures: [] },
    staff: [{ id: 'a', breaks: {}, timeOff: [] }],
    busy: [],
  });
});
