import { nearestAlternatives } from './alternatives';

const slot = (start: string, staffIds: string[]) => ({
  start: `2026-06-10T${start}:00Z`,
  end: `2026-06-10T${String(Number(start.slice(0, 2)) + 1).padStart(2, '0')}${start.slice(2)}:00Z`,
  staffIds,
});

describe('nearestAlternatives', () => {
  const requested = new Date('2026-06-10T10:00:00Z');
  const slots = [
    slot('07:00', ['anna']),
    slot('09:30', ['ola']),
    slot('10:00', ['ola', 'kasia']),
    slot('10:45', ['anna', 'ola']),
    slot('11:15', ['anna']),
    slot('12:00', ['anna']),
    slot('13:00', ['anna']),
  ];

  it('lists the preferred staff member\'s nearest slots first, then other staff members\' nearest', () => {
    expect(nearestAlternatives(slots, requested, 'anna', 3)).toEqual([
      { start: '2026-06-10T10:45:00Z', end: '2026-06-10T11:45:00Z', staffId: 'anna' },
      { start: '2026-06-10T11:15:00Z', end: '2026-06-10T12:15:00Z', staffId: 'anna' },
      { start: '2026-06-10T12:00:00Z', end: '2026-06-10T13:00:00Z', staffId: 'anna' },
      { start: '2026-06-10T10:00:00Z', end: '2026-06-10T11:00:00Z', staffId: 'ola' },
      { start: '2026-06-10T09:30:00Z', end: '2026-06-10T10:30:00Z', staffId: 'ola' },
      { start: '2026-06-10T10:45:00Z', end: '2026-06-10T11:45:00Z', staffId: 'ola' },
    ]);
  });

  it('prefers the earlier slot when two are equally near', () => {
    const tie = [slot('11:00', ['anna']), slot('09:00', ['anna'])];
    expect(nearestAlternatives(tie, requested, 'anna', 1).map((a) => a.start)).toEqual(['2026-06-10T09:00:00Z']);
  });

  it('without a preferred staff member lists the nearest slots with whoever is free', () => {
    expect(nearestAlternatives(slots, requested, undefined, 1)).toEqual([
      { start: '2026-06-10T10:00:00Z', end: '2026-06-10T11:00:00Z', staffId: 'ola' },
      { start: '2026-06-10T09:30:00Z', end: '2026-06-10T10:30:00Z', staffId: 'ola' },
    ]);
  });

  it('offers nothing when nothing is free', () => {
    expect(nearestAlternatives([], requested, 'anna')).toEqual([]);
  });
});
