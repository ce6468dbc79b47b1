import { formatIssuePath } from '../errors';
import { bookAppointmentRequest, cancelAppointmentRequest, getAvailabilityRequest } from './booking-requests';

function firstPath(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string {
  return result.success ? '' : formatIssuePath(result.error!.issues[0]!.path);
}

const booking = {
  businessId: 'studio-bella',
  serviceId: 'cut',
  start: '2026-06-10T10:00:00+02:00',
  customer: { name: 'Marta' },
};

describe('booking request schemas', () => {
  it('reads a start with an offset as that instant', () => {
    const parsed = bookAppointmentRequest.parse(booking);
    expect(parsed.start.toISOString()).toBe('2026-06-10T08:00:00.000Z');
  });

  it('names the field of a start without an offset', () => {
    expect(firstPath(bookAppointmentRequest.safeParse({ ...booking, start: '2026-06-10T10:00:00' }))).toBe('start');
  });

  it('names nested customer fields', () => {
    expect(firstPath(bookAppointmentRequest.safeParse({ ...booking, customer: { name: 'M', email: 'not-an-email' } }))).toBe('customer.email');
  });

  it('rejects a request id that could not be a key', () => {
    expect(firstPath(bookAppointmentRequest.safeParse({ ...booking, requestId: 'a/b' }))).toBe('requestId');
  });

  it('rejects unknown fields instead of ignoring them', () => {
    const result = bookAppointmentRequest.safeParse({ ...booking, staffID: 'anna' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.code).toBe('unrecognized_keys');
  });

  it('rejects an availability range that ends before it starts or spans more than 62 dates', () => {
    const base = { businessId: 'b', serviceId: 's' };
    expect(firstPath(getAvailabilityRequest.safeParse({ ...base, from: '2026-06-10', to: '2026-06-09' }))).toBe('to');
    expect(firstPath(getAvailabilityRequest.safeParse({ ...base, from: '2026-06-01', to: '2026-08-02' }))).toBe('to');
    expect(getAvailabilityRequest.safeParse({ ...base, from: '2026-06-01', to: '2026-08-01' }).success).toBe(true);
    expect(firstPath(getAvailabilityRequest.safeParse({ ...base, from: '2026-02-30', to: '2026-03-01' }))).toBe('from');
  });

  it('gives a cancellation without a reason an empty one', () => {
    expect(cancelAppointmentRequest.parse({ appointmentId: 'a1' })).toEqual({ appointmentId: 'a1', reason: '' });
  });
});
