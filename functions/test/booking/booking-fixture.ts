import type { Firestore } from 'firebase-admin/firestore';
import type { Actor } from '../../src/booking';
import type { BookingDeps } from '../../src/booking/booking-deps';
import { instantAtLocalTime } from '../../src/booking/local-dates';
import { memoryLog } from '../../src/logs';
import { seedDemoSalon, type DemoSalon } from '../../stack/seed-demo-salon';
import { startTestFirestore, type TestFirestore } from '../../testing/firestore-server/harness';

/**
 * One Firestore server per test file, the demo salon seeded afresh for every test, a fake
 * clock frozen on Monday 2026-06-08 09:00 in Warsaw (demo appointments from Wednesday
 * 2026-06-10), and actors for each role.
 */
export const TEST_NOW = new Date('2026-06-08T07:00:00Z');

export interface BookingFixture {
  firestore: TestFirestore;
  db: Firestore;
  deps: BookingDeps & { log: ReturnType<typeof memoryLog> };
  salon: DemoSalon;
  clock: { now: Date; set(instant: Date): void; advanceMinutes(minutes: number): void };
  /** The instant of a local wall-clock time in the salon. */
  at(date: string, time: string): Date;
  actors: { owner: Actor; manager: Actor; stylist: Actor; customer: Actor; otherCustomer: Actor; stranger: Actor };
}

export function bookingFixture(): BookingFixture {
  const fixture = {} as BookingFixture;
  let counter = 0;
  beforeAll(async () => {
    fixture.firestore = await startTestFirestore();
    fixture.db = fixture.firestore.db();
  });
  afterAll(async () => {
    await fixture.firestore.stop();
  });
  beforeEach(async () => {
    await fixture.firestore.reset();
    let now = TEST_NOW.getTime();
    fixture.clock = {
      get now() {
        return new Date(now);
      },
      set: (instant) => {
        now = instant.getTime();
      },
      advanceMinutes: (minutes) => {
        now += minutes * 60_000;
      },
    };
    // A deterministic random source: ids differ call by call, identical across runs.
    let seed = 0x2f6b;
    const random = () => {
      seed = (seed * 1103515245 + 12345 + counter++) % 2 ** 31;
      return seed / 2 ** 31;
    };
    fixture.deps = { db: fixture.db, clock: () => new Date(now), log: memoryLog(), random };
    fixture.salon = await seedDemoSalon(fixture.db, { now: TEST_NOW });
    fixture.at = (date, time) => instantAtLocalTime(date, time, fixture.salon.timeZone);
    const businessId = fixture.salon.businessId;
    fixture.actors = {
      owner: { uid: 'owner-uid', businessId, role: 'owner' },
      manager: { uid: 'manager-uid', businessId, role: 'manager' },
      stylist: { uid: 'anna-uid', businessId, role: 'staff', staffId: fixture.salon.staffIds.anna },
      customer: { uid: 'customer-uid', businessId, role: 'customer' },
      otherCustomer: { uid: 'other-customer-uid', businessId, role: 'customer' },
      stranger: { uid: 'stranger-uid', businessId: 'another-salon', role: 'manager' },
    };
  });
  return fixture;
}

/** Runs a promise expected to fail and returns its error. */
export async function failureOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure, got success');
}
