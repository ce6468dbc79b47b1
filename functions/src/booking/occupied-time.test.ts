import { largestBuffers, occupiedBlock, overlaps, searchWindow, serviceEnd } from './occupied-time';

const at = (time: string) => new Date(`2026-06-10T${time}:00Z`);

describe('occupied time', () => {
  it('adds the service\'s buffers on both sides', () => {
    const block = occupiedBlock({ start: at('10:00'), end: at('10:45') }, { bufferBeforeMinutes: 10, bufferAfterMinutes: 15 });
    expect(block).toEqual({ start: at('09:50'), end: at('11:00') });
  });

  it('treats a booking of a service no longer in the catalogue as having no buffers', () => {
    expect(occupiedBlock({ start: at('10:00'), end: at('10:45') }, undefined)).toEqual({ start: at('10:00'), end: at('10:45') });
  });

  it('ends a service after its duration', () => {
    expect(serviceEnd(at('10:00'), { durationMinutes: 45 })).toEqual(at('10:45'));
  });

  it('counts half-open intervals that only touch as not overlapping', () => {
    expect(overlaps({ start: at('10:00'), end: at('11:00') }, { start: at('11:00'), end: at('12:00') })).toBe(false);
    expect(overlaps({ start: at('10:00'), end: at('11:01') }, { start: at('11:00'), end: at('12:00') })).toBe(true);
  });

  it('widens the search window by the largest buffers any booking could carry', () => {
    const catalogue = largestBuffers([
      { bufferBeforeMinutes: 10, bufferAfterMinutes: 5 },
      { bufferBeforeMinutes: 0, bufferAfterMinutes: 20 },
    ] as never);
    expect(catalogue).toEqual({ before: 10, after: 20 });
    // A booking ending at 09:45 with a 20-minute clean-up still reaches a block starting at 10:00.
    expect(searchWindow({ start: at('10:00'), end: at('11:00') }, catalogue)).toEqual({ start: at('09:40'), end: at('11:10') });
  });
});
