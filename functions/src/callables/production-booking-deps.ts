import { randomInt } from 'node:crypto';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import type { BookingDeps } from '../booking/booking-deps';
import { systemClock } from '../clock';
import { cloudLog } from '../logs';

let deps: BookingDeps | undefined;

/** The deployed functions' dependencies, made at the first call (not at import, for cold starts). */
export function productionBookingDeps(): BookingDeps {
  if (!deps) {
    const app = getApps()[0] ?? initializeApp();
    deps = { db: getFirestore(app), clock: systemClock, log: cloudLog, random: () => randomInt(2 ** 47) / 2 ** 47 };
  }
  return deps;
}
