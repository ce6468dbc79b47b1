import { BookingError } from './booking-errors';
import { actorFromAuth, authorizeAppointmentChange, authorizeAvailability, authorizeNewBooking, type Actor } from './authorization';

const salon = 'studio-bella';
const owner: Actor = { uid: 'o', businessId: salon, role: 'owner' };
const manager: Actor = { uid: 'm', businessId: salon, role: 'manager' };
const staff: Actor = { uid: 's', businessId: salon, role: 'staff', staffId: 'anna' };
const customer: Actor = { uid: 'c', businessId: salon, role: 'customer' };
const otherSalonManager: Actor = { uid: 'x', businessId: 'elsewhere', role: 'manager' };
const otherSalonCustomer: Actor = { uid: 'c', businessId: 'elsewhere', role: 'customer' };

function denied(run: () => unknown): boolean {
  try {
    run();
    return false;
  } catch (error) {
    if (error instanceof BookingError && error.code === 'permission_denied') return true;
    throw error;
  }
}

describe('actorFromAuth', () => {
  it('reads the business, role and staff id from custom claims', () => {
    expect(actorFromAuth({ uid: 'u1', token: { businessId: salon, role: 'staff', staffId: 'anna', email: 'a@x.example' } })).toEqual({
      uid: 'u1',
      businessId: salon,
      role: 'staff',
      staffId: 'anna',
    });
  });

  it('gives no actor for an account without claims or with an unknown role', () => {
    expect(actorFromAuth({ uid: 'u1', token: {} })).toBeNull();
    expect(actorFromAuth({ uid: 'u1', token: { businessId: salon, role: 'admin' } })).toBeNull();
    expect(actorFromAuth({ uid: 'u1', token: { role: 'owner' } })).toBeNull();
  });
});

describe('authorization matrix', () => {
  const appointmentOf = (customerUid?: string) => ({ businessId: salon, customerUid });

  it.each([
    ['owner', owner, true],
    ['manager', manager, true],
    ['staff', staff, true],
    ['customer', customer, true],
    ['manager of another business', otherSalonManager, false],
    ['customer of another business', otherSalonCustomer, false],
  ])('availability: %s allowed = %s', (_name, actor, allowed) => {
    expect(denied(() => authorizeAvailability(actor, salon))).toBe(!allowed);
  });

  it.each([
    ['owner', owner, true],
    ['manager', manager, true],
    ['staff', staff, true],
    ['customer', customer, true],
    ['manager of another business', otherSalonManager, false],
    ['customer of another business', otherSalonCustomer, false],
  ])('booking: %s allowed = %s', (_name, actor, allowed) => {
    expect(denied(() => authorizeNewBooking(actor, salon))).toBe(!allowed);
  });

  it('books a customer\'s appointment under their own uid', () => {
    expect(authorizeNewBooking(customer, salon)).toEqual({ customerUid: 'c' });
    expect(authorizeNewBooking(customer, salon, 'c')).toEqual({ customerUid: 'c' });
  });

  it('does not let a customer book in someone else\'s name', () => {
    expect(denied(() => authorizeNewBooking(customer, salon, 'someone-else'))).toBe(true);
  });

  it('lets staff roles link a booking to any customer account, or none', () => {
    expect(authorizeNewBooking(manager, salon, 'c')).toEqual({ customerUid: 'c' });
    expect(authorizeNewBooking(staff, salon)).toEqual({});
  });

  it.each([
    ['owner', owner, appointmentOf('c'), true],
    ['manager', manager, appointmentOf(undefined), true],
    ['staff', staff, appointmentOf('c'), true],
    ['customer who booked it', customer, appointmentOf('c'), true],
    ['another customer', customer, appointmentOf('someone-else'), false],
    ['customer, appointment booked by the salon', customer, appointmentOf(undefined), false],
    ['manager of another business', otherSalonManager, appointmentOf('c'), false],
    ['same uid as customer but at another business', otherSalonCustomer, appointmentOf('c'), false],
  ])('reschedule or cancel: %s allowed = %s', (_name, actor, appointment, allowed) => {
    expect(denied(() => authorizeAppointmentChange(actor, appointment))).toBe(!allowed);
  });
});
