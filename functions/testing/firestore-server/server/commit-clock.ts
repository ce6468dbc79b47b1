import type { Timestamp } from './wire';

/** Microseconds since the epoch: Firestore's precision for update times and timestamps. */
export type Micros = number;

export function toTimestamp(micros: Micros): Timestamp {
  const seconds = Math.floor(micros / 1e6);
  return { seconds: String(seconds), nanos: (micros - seconds * 1e6) * 1000 };
}

export function toMicros(ts: Timestamp): Micros {
  return Number(ts.seconds ?? 0) * 1e6 + Math.floor((ts.nanos ?? 0) / 1000);
}

/**
 * Hands out commit times that strictly increase, so that every committed version of a document
 * has its own update time and `lastUpdateTime` preconditions can tell versions apart.
 */
export class CommitClock {
  private last: Micros = 0;
  constructor(private readonly wallClockMs: () => number = Date.now) {}

  /** A read time: not before the last commit. */
  now(): Micros {
    return Math.max(this.wallClockMs() * 1000, this.last);
  }

  next(): Micros {
    this.last = Math.max(this.wallClockMs() * 1000, this.last + 1);
    return this.last;
  }
}
