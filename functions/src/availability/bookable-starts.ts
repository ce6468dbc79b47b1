import { MINUTE_MS } from './calendar';
import { normalize, subtract, type Interval } from './interval-set';

/**
 * The start instants (whole milliseconds, as half-open intervals) at which one staff member can
 * take the service — the contract's "Meaning" 3, turned around so each candidate costs one lookup:
 * - `[t, t + duration)` inside a working stretch `[a, b)` ⟺ `a ≤ t ≤ b − duration`;
 * - `[t − before, t + duration + after)` misses busy `[s, e)` ⟺ not `s − duration − after < t < e + before`.
 * Buffers widen busy intervals only, never working hours, breaks or time off.
 */
export interface ServiceTiming {
  readonly durationMinutes: number;
  readonly bufferBeforeMinutes: number;
  readonly bufferAfterMinutes: number;
}

export function bookableStarts(working: readonly Interval[], busy: readonly Interval[], service: ServiceTiming): Interval[] {
  const duration = service.durationMinutes * MINUTE_MS;
  const fits: Interval[] = [];
  for (const { start, end } of working) {
    if (end - start >= duration) fits.push({ start, end: end - duration + 1 });
  }
  const before = service.bufferBeforeMinutes * MINUTE_MS;
  const reach = duration + service.bufferAfterMinutes * MINUTE_MS;
  const blocked = normalize(busy.map(({ start, end }) => ({ start: start - reach + 1, end: end + before })));
  return subtract(fits, blocked);
}
