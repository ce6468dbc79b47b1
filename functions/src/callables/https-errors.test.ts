import { HttpsError } from 'firebase-functions/v2/https';
import { z } from 'zod';
import { BookingError, slotConflict, invalidArgument, notChangeable, notFound, permissionDenied } from '../booking/booking-errors';
import { InvalidDocumentError } from '../errors';
import { memoryLog } from '../logs';
import { invalidRequest, toHttpsError } from './https-errors';

describe('toHttpsError', () => {
  const log = memoryLog();
  const alternatives = [{ start: '2026-06-10T09:00:00.000Z', end: '2026-06-10T09:45:00.000Z', staffId: 'anna' }];

  it('answers a taken slot with already-exists, the reason and the alternatives', () => {
    const error = toHttpsError(slotConflict('slot_taken', alternatives), log, 'bookAppointment');
    expect(error.code).toBe('already-exists');
    expect(error.details).toEqual({ reason: 'slot_taken', alternatives });
  });

  it('answers an unbookable slot and an unchangeable appointment with failed-precondition', () => {
    expect(toHttpsError(slotConflict('not_bookable', alternatives), log, 'x').code).toBe('failed-precondition');
    const unchangeable = toHttpsError(notChangeable('already cancelled'), log, 'x');
    expect(unchangeable.code).toBe('failed-precondition');
    expect(unchangeable.details).toEqual({ reason: 'appointment_not_changeable' });
  });

  it('keeps the field path of invalid arguments', () => {
    const error = toHttpsError(invalidArgument('staffId', 'does not offer the service'), log, 'x');
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toBe('staffId: does not offer the service');
    expect(error.details).toEqual({ field: 'staffId' });
  });

  it('maps not found, permission and broken stored documents', () => {
    expect(toHttpsError(notFound('appointment'), log, 'x').code).toBe('not-found');
    expect(toHttpsError(permissionDenied('no'), log, 'x').code).toBe('permission-denied');
    const broken = toHttpsError(new InvalidDocumentError('staff/anna', 'weeklyHours.mon[0]', 'must be HH:MM'), log, 'x');
    expect(broken.code).toBe('failed-precondition');
    expect(broken.message).toContain('weeklyHours.mon[0]');
  });

  it('marks contention as retryable unavailable', () => {
    const error = toHttpsError(new BookingError('unavailable', 'busy', { reason: 'contention', retryable: true }), log, 'x');
    expect(error.code).toBe('unavailable');
    expect(error.details).toEqual({ reason: 'contention', retryable: true });
  });

  it('hides the message of an unexpected error and logs it', () => {
    const error = toHttpsError(new Error('socket hang up at 10.0.0.1'), log, 'bookAppointment');
    expect(error.code).toBe('internal');
    expect(error.message).toBe('internal error');
    expect(log.entries.at(-1)).toMatchObject({ level: 'error', event: 'booking.failed', fields: { callable: 'bookAppointment' } });
  });

  it('passes an HttpsError through unchanged', () => {
    const original = new HttpsError('unauthenticated', 'sign in first');
    expect(toHttpsError(original, log, 'x')).toBe(original);
  });
});

describe('invalidRequest', () => {
  it('names the offending field, including an unknown one', () => {
    const schema = z.strictObject({ customer: z.strictObject({ name: z.string() }) });
    const unknown = invalidRequest(schema.safeParse({ customer: { name: 'M', nick: 'm' } }).error!);
    expect(unknown.message).toBe('customer.nick: unknown field');
    expect(unknown.details).toEqual({ field: 'customer.nick' });
    const missing = invalidRequest(schema.safeParse({ customer: {} }).error!);
    expect(missing.message).toMatch(/^customer\.name: /);
  });
});
