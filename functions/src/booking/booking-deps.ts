import type { Firestore } from 'firebase-admin/firestore';
import type { Clock } from '../clock';
import type { Log } from '../logs';

/** What the booking capabilities need; callables, the local stack and tests pass it in. */
export interface BookingDeps {
  db: Firestore;
  clock: Clock;
  log: Log;
  /** Uniform in [0, 1): random document ids. */
  random: () => number;
}
