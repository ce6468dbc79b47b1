import { z } from 'zod';
import { parseDate, parseWallTime } from './calendar';
import { compareInstants, parseInstant, type ParsedInstant } from './instant';
import { isKnownTimeZone } from './time-zone';

/**
 * The input of shared/contracts/availability.md. Objects are strict (unknown fields are errors),
 * `null` is never accepted, and optional fields get the contract's defaults. Rules that relate
 * fields to each other (range length, staff references) live in parse-input.ts.
 */

function integerFrom(min: number, max: number) {
  // JSON `30.0` arrives as the number 30, so it passes; 30.5 and -1 do not.
  return z.number().refine((value) => Number.isInteger(value) && value >= min && value <= max, {
    message: `must be an integer from ${min} to ${max}`,
  });
}

const localDate = z.string().refine((text) => parseDate(text) !== undefined, {
  message: 'must be a real date written YYYY-MM-DD',
});

const wallTime = z.string().refine((text) => parseWallTime(text) !== undefined, {
  message: 'must be a time HH:MM from 00:00 to 24:00',
});

const wallInterval = z.tuple([wallTime, wallTime]).superRefine(([start, end], ctx) => {
  const [startMinute, endMinute] = [parseWallTime(start), parseWallTime(end)];
  if (startMinute === undefined || endMinute === undefined) return;
  if (startMinute === 1440) ctx.addIssue({ code: 'custom', path: [0], message: '24:00 may only end an interval' });
  else if (endMinute <= startMinute) ctx.addIssue({ code: 'custom', message: `must end after it starts (${start}–${end})` });
});

const wallIntervals = z.array(wallInterval);

const weekdayIntervals = z.strictObject({
  mon: wallIntervals.optional(),
  tue: wallIntervals.optional(),
  wed: wallIntervals.optional(),
  thu: wallIntervals.optional(),
  fri: wallIntervals.optional(),
  sat: wallIntervals.optional(),
  sun: wallIntervals.optional(),
});

// Instants are parsed once, here: a query may carry thousands of busy intervals.
const instant = z.string().transform((text, ctx) => {
  const parsed = parseInstant(text);
  if (parsed) return parsed;
  ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 instant YYYY-MM-DDTHH:MM[:SS[.fff]] with Z or ±HH:MM' });
  return z.NEVER;
});

function endsAfterStart(value: { start: ParsedInstant; end: ParsedInstant }, ctx: z.RefinementCtx): void {
  if (value.start && value.end && compareInstants(value.end, value.start) <= 0) {
    ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start' });
  }
}

const timeOffEntry = z.strictObject({ start: instant, end: instant }).superRefine(endsAfterStart);

const busyEntry = z.strictObject({ staffId: z.string(), start: instant, end: instant }).superRefine(endsAfterStart);

const staffMember = z.strictObject({
  id: z.string(),
  weeklyHours: weekdayIntervals.optional(),
  breaks: weekdayIntervals.default({}),
  timeOff: z.array(timeOffEntry).default([]),
});

export const availabilityInputSchema = z.strictObject({
  timeZone: z.string().refine(isKnownTimeZone, { message: 'must be an IANA time zone name, spelled exactly' }),
  now: instant,
  range: z.strictObject({ from: localDate, to: localDate }),
  service: z.strictObject({
    durationMinutes: integerFrom(1, 1440),
    bufferBeforeMinutes: integerFrom(0, 1440).default(0),
    bufferAfterMinutes: integerFrom(0, 1440).default(0),
  }),
  slotStepMinutes: integerFrom(1, 1440).default(15),
  minNoticeMinutes: integerFrom(0, 525600).default(0),
  maxAdvanceDays: integerFrom(0, 3650).default(365),
  business: z.strictObject({
    weeklyHours: weekdayIntervals,
    specialHours: z.array(z.strictObject({ date: localDate, intervals: wallIntervals })).default([]),
    closures: z.array(localDate).default([]),
  }),
  staff: z.array(staffMember),
  busy: z.array(busyEntry).default([]),
  staffIds: z.array(z.string()).optional(),
});

/** What callers send (optional fields may be left out). */
export type AvailabilityRequest = z.input<typeof availabilityInputSchema>;
/** A validated input with the contract's defaults filled in and its instants parsed. */
export type AvailabilityInput = z.output<typeof availabilityInputSchema>;
export type WeekdayIntervals = z.output<typeof weekdayIntervals>;
export type WallInterval = z.output<typeof wallInterval>;

export interface AvailabilitySlot {
  /** UTC, `YYYY-MM-DDTHH:MM:SSZ`. */
  readonly start: string;
  readonly end: string;
  /** Selected staff members who can take the slot, sorted by code point. */
  readonly staffIds: readonly string[];
}

export interface AvailabilityResult {
  readonly slots: readonly AvailabilitySlot[];
}
