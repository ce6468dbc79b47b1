import { DAY_MS, MINUTE_MS } from './calendar';
import type { OffsetSpan } from './time-zone';

export interface CandidateWindow {
  /** Local dates, as day numbers, `[fromDay, toDay]`. */
  readonly fromDay: number;
  readonly toDay: number;
  readonly stepMinutes: number;
  /** Instants allowed by notice and advance limits: `[earliest, latestExclusive)`. */
  readonly earliest: number;
  readonly latestExclusive: number;
}

/**
 * Candidate starts (the contract's "Meaning" 2), ascending: local readings on a grid that restarts
 * at every local midnight. Each offset span contributes the grid points its local readings cover,
 * so a skipped wall-clock time yields nothing and a repeated one yields one instant per span.
 */
export function candidateStarts(spans: readonly OffsetSpan[], window: CandidateWindow): number[] {
  const stepMs = window.stepMinutes * MINUTE_MS;
  const starts: number[] = [];
  for (const span of spans) {
    const localLow = Math.max(Math.max(span.start, window.earliest) + span.offsetMs, window.fromDay * DAY_MS);
    const localHigh = Math.min(Math.min(span.end, window.latestExclusive) + span.offsetMs, (window.toDay + 1) * DAY_MS);
    if (localLow >= localHigh) continue;
    for (let day = Math.floor(localLow / DAY_MS); day * DAY_MS < localHigh; day++) {
      const dayStart = day * DAY_MS;
      const firstStep = Math.max(0, Math.ceil((localLow - dayStart) / stepMs));
      for (let local = dayStart + firstStep * stepMs; local < dayStart + DAY_MS && local < localHigh; local += stepMs) {
        starts.push(local - span.offsetMs);
      }
    }
  }
  return starts;
}
