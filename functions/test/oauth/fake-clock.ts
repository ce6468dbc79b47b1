import type { Clock } from '../../src/clock';

/** A clock the test moves by hand. */
export interface FakeClock {
  clock: Clock;
  set(iso: string | Date): void;
  advance(ms: number): void;
}

export function fakeClock(startIso = '2030-01-07T09:00:00.000Z'): FakeClock {
  let current = new Date(startIso).getTime();
  return {
    clock: () => new Date(current),
    set: (value) => {
      current = new Date(value).getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}
