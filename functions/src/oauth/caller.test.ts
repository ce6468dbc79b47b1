import { AppError } from '../errors';
import { mayConnectCalendar, verifyCaller } from './caller';

const target = { businessId: 'biz-1', staffId: 'staff-1' };

describe('who may connect a calendar', () => {
  test('an owner or manager of the business may connect any of its staff', () => {
    expect(mayConnectCalendar({ uid: 'u', businessId: 'biz-1', role: 'owner' }, target)).toBe(true);
    expect(mayConnectCalendar({ uid: 'u', businessId: 'biz-1', role: 'manager' }, target)).toBe(true);
  });

  test('a staff member may connect only their own calendar', () => {
    expect(mayConnectCalendar({ uid: 'u', businessId: 'biz-1', role: 'staff', staffId: 'staff-1' }, target)).toBe(true);
    expect(mayConnectCalendar({ uid: 'u', businessId: 'biz-1', role: 'staff', staffId: 'staff-2' }, target)).toBe(false);
    expect(mayConnectCalendar({ uid: 'u', businessId: 'biz-1', role: 'staff' }, target)).toBe(false);
  });

  test('a manager of another business, a customer or a user without claims may not', () => {
    expect(mayConnectCalendar({ uid: 'u', businessId: 'biz-2', role: 'owner' }, target)).toBe(false);
    expect(mayConnectCalendar({ uid: 'u', businessId: 'biz-1', role: 'customer', staffId: 'staff-1' }, target)).toBe(false);
    expect(mayConnectCalendar({ uid: 'u' }, target)).toBe(false);
  });
});

describe('verifying the caller', () => {
  test('custom claims of a verified token become the caller', async () => {
    const caller = await verifyCaller(async () => ({ uid: 'u1', businessId: 'biz-1', role: 'manager', iss: 'x' }), 'token');
    expect(caller).toEqual({ uid: 'u1', businessId: 'biz-1', role: 'manager' });
  });

  test('a token the verifier rejects is permission_denied without the verifier message', async () => {
    const failure = verifyCaller(async () => {
      throw new Error('Firebase ID token has expired: eyJhbGciOi...');
    }, 'token');
    await expect(failure).rejects.toBeInstanceOf(AppError);
    await expect(failure).rejects.toThrow('ID token is invalid or expired');
  });

  test('an unknown role is refused', async () => {
    await expect(verifyCaller(async () => ({ uid: 'u1', businessId: 'biz-1', role: 'admin' }), 'token')).rejects.toThrow(/no usable claims/);
  });
});
