import type { InboundEvent } from '../providers/types';
import { busyIntervalOf } from './busy-interval';

const ZONE = 'Europe/Warsaw';
const timed = (start: string, end: string, extra: Partial<InboundEvent> = {}): InboundEvent => ({
  id: 'e1',
  status: 'confirmed',
  time: { kind: 'timed', start: new Date(start), end: new Date(end) },
  transparent: false,
  declinedBySelf: false,
  ...extra,
});
const allDay = (startDate: string, endDate: string, extra: Partial<InboundEvent> = {}): InboundEvent => ({
  id: 'e2',
  status: 'confirmed',
  time: { kind: 'all_day', startDate, endDate },
  transparent: false,
  declinedBySelf: false,
  ...extra,
});

test('a timed event blocks exactly its instants', () => {
  expect(busyIntervalOf(timed('2026-03-10T09:00:00+01:00', '2026-03-10T10:30:00+01:00'), ZONE)).toEqual({
    start: new Date('2026-03-10T08:00:00Z'),
    end: new Date('2026-03-10T09:30:00Z'),
    allDay: false,
  });
});

test('tentative events block; cancelled, free and declined ones do not', () => {
  expect(busyIntervalOf(timed('2026-03-10T09:00:00Z', '2026-03-10T10:00:00Z', { status: 'tentative' }), ZONE)).not.toBeNull();
  expect(busyIntervalOf({ id: 'x', status: 'cancelled', transparent: false, declinedBySelf: false }, ZONE)).toBeNull();
  expect(busyIntervalOf(timed('2026-03-10T09:00:00Z', '2026-03-10T10:00:00Z', { transparent: true }), ZONE)).toBeNull();
  expect(busyIntervalOf(timed('2026-03-10T09:00:00Z', '2026-03-10T10:00:00Z', { declinedBySelf: true }), ZONE)).toBeNull();
});

test('an event without duration blocks nothing', () => {
  expect(busyIntervalOf(timed('2026-03-10T09:00:00Z', '2026-03-10T09:00:00Z'), ZONE)).toBeNull();
});

test('an all-day event marked busy blocks its local days in the salon time zone, across a DST change', () => {
  // 2026-03-29: clocks go forward in Warsaw; the day is 23 hours long.
  expect(busyIntervalOf(allDay('2026-03-28', '2026-03-30'), ZONE)).toEqual({
    start: new Date('2026-03-27T23:00:00Z'),
    end: new Date('2026-03-29T22:00:00Z'),
    allDay: true,
  });
});

test('an all-day event marked free (Google\'s default for all-day events) blocks nothing', () => {
  expect(busyIntervalOf(allDay('2026-03-28', '2026-03-29', { transparent: true }), ZONE)).toBeNull();
});
