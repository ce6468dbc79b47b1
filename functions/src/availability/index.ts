/** The availability engine (shared/contracts/availability.md): pure, no I/O. */
export { computeAvailability, computeAvailabilityForInput } from './compute-availability';
export { parseAvailabilityInput, MAX_RANGE_DATES } from './parse-input';
export { AvailabilityInputError } from './availability-input-error';
export type { ParsedInstant } from './instant';
export type { AvailabilityInput, AvailabilityRequest, AvailabilityResult, AvailabilitySlot } from './schema';
