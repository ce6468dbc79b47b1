/**
 * The sandbox's notion of "now". Token lifetimes, channel expirations, `updated` timestamps and
 * sync-token ages all read it, so a test can expire an access token by moving the clock instead
 * of waiting an hour.
 */
export interface SandboxClock {
  now(): number;
  /** Jumps to an absolute time; a running clock keeps running from there. */
  set(time: number | Date | string): void;
  advance(ms: number): void;
}

export interface SandboxClockOptions {
  /** Start time; defaults to the real time. */
  start?: number | Date | string;
  /** A frozen clock moves only through set()/advance() (the default for a given `start`). */
  frozen?: boolean;
  /** Source of real time for a running clock. */
  realNow?: () => number;
}

export function toEpochMs(time: number | Date | string): number {
  const ms = typeof time === 'number' ? time : new Date(time).getTime();
  if (!Number.isFinite(ms)) throw new Error(`Invalid time: ${String(time)}`);
  return ms;
}

export function createSandboxClock(options: SandboxClockOptions = {}): SandboxClock {
  const realNow = options.realNow ?? Date.now;
  const frozen = options.frozen ?? options.start !== undefined;
  let base = options.start !== undefined ? toEpochMs(options.start) : realNow();
  let realAtBase = realNow();
  return {
    now: () => (frozen ? base : base + (realNow() - realAtBase)),
    set(time) {
      base = toEpochMs(time);
      realAtBase = realNow();
    },
    advance(ms) {
      base = (frozen ? base : base + (realNow() - realAtBase)) + ms;
      realAtBase = realNow();
    },
  };
}
