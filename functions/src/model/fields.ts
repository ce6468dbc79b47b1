import { Timestamp } from 'firebase-admin/firestore';
import { z } from 'zod';

/**
 * Field schemas shared by the document schemas. Instants are `Date` in code; Firestore stores
 * them as Timestamps (firebase-admin converts a Date on write), so reading accepts both.
 */
export const instant = z.preprocess((value) => (value instanceof Timestamp ? value.toDate() : value), z.date());

export const documentId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^/]+$/, 'must not contain "/"');

export function isIanaTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

export const ianaTimeZone = z.string().refine(isIanaTimeZone, 'must be an IANA time zone such as Europe/Warsaw');

const wallClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM');
/**
 * `{ start: 'HH:MM', end: 'HH:MM' }`, a map rather than a `[start, end]` pair: Firestore cannot
 * store an array directly inside an array ("Arrays cannot directly contain arrays"), and hours
 * are lists of intervals. The engine's tuple form is made in booking/availability-input.ts.
 */
export const wallClockInterval = z
  .object({ start: wallClock, end: wallClock })
  .refine(({ start, end }) => start < end, { message: 'end must be after start', path: ['end'] });
export type WallClockInterval = z.infer<typeof wallClockInterval>;

export const weekdayKey = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type WeekdayKey = z.infer<typeof weekdayKey>;
export const weeklyHours = z.partialRecord(weekdayKey, z.array(wallClockInterval));
export type WeeklyHours = z.infer<typeof weeklyHours>;

export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

export const instantInterval = z
  .object({ start: instant, end: instant })
  .refine((value) => value.end.getTime() > value.start.getTime(), { message: 'end must be after start', path: ['end'] });
