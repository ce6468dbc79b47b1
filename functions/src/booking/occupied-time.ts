import type { Service } from '../model';

/**
 * The time a booking occupies a staff member: the service itself plus its buffers (preparation
 * before, clean-up after). Every appointment and hold occupies its own buffers, and two
 * occupied blocks of one staff member may not overlap; the availability engine applies the
 * requested service's buffers against the blocks of everything already booked, which is the
 * same rule seen from the new booking's side.
 */
export interface TimeInterval {
  start: Date;
  end: Date;
}

export interface BusyBlock extends TimeInterval {
  staffId: string;
}

export interface ServiceTiming {
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
}

const MINUTE_MS = 60_000;

export function serviceEnd(start: Date, service: Pick<ServiceTiming, 'durationMinutes'>): Date {
  return new Date(start.getTime() + service.durationMinutes * MINUTE_MS);
}

/** `[start − buffer before, end + buffer after)`; a service no longer in the catalogue has no buffers. */
export function occupiedBlock(interval: TimeInterval, service: Pick<ServiceTiming, 'bufferBeforeMinutes' | 'bufferAfterMinutes'> | undefined): TimeInterval {
  return {
    start: new Date(interval.start.getTime() - (service?.bufferBeforeMinutes ?? 0) * MINUTE_MS),
    end: new Date(interval.end.getTime() + (service?.bufferAfterMinutes ?? 0) * MINUTE_MS),
  };
}

export function overlaps(a: TimeInterval, b: TimeInterval): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

/** The largest buffers of a catalogue: how far another booking's block can reach past its own time. */
export function largestBuffers(services: Iterable<Service>): { before: number; after: number } {
  let before = 0;
  let after = 0;
  for (const service of services) {
    before = Math.max(before, service.bufferBeforeMinutes);
    after = Math.max(after, service.bufferAfterMinutes);
  }
  return { before, after };
}

/**
 * The window to search for bookings whose blocks may overlap `blocks`: a booking's own time
 * `[s, e)` has block `[s − its before, e + its after)`, which overlaps `[from, to)` only if
 * `s < to + largest before` and `e > from − largest after`.
 */
export function searchWindow(blocks: TimeInterval, catalogue: { before: number; after: number }): TimeInterval {
  return {
    start: new Date(blocks.start.getTime() - catalogue.after * MINUTE_MS),
    end: new Date(blocks.end.getTime() + catalogue.before * MINUTE_MS),
  };
}
