import { z } from 'zod';
import { documentId } from '../model';
import { permissionDenied } from './booking-errors';

/**
 * Who may call what, from Firebase Auth custom claims set by the backend:
 * `{ businessId, role: 'owner' | 'manager' | 'staff' | 'customer', staffId? }`.
 * Customers act for themselves at their business; owners, managers and staff act for their
 * whole business. Pure functions: the callables, the tests and the rules comments agree here.
 */
export const roleSchema = z.enum(['owner', 'manager', 'staff', 'customer']);
export type Role = z.infer<typeof roleSchema>;

export interface Actor {
  uid: string;
  businessId: string;
  role: Role;
  staffId?: string;
}

const claimsSchema = z.object({ businessId: documentId, role: roleSchema, staffId: documentId.optional() });

/** The caller as an actor, or null when their claims give no role at any business. */
export function actorFromAuth(auth: { uid: string; token: Record<string, unknown> }): Actor | null {
  const claims = claimsSchema.safeParse(auth.token);
  if (!claims.success || !auth.uid) return null;
  return { uid: auth.uid, ...claims.data };
}

export function isStaffRole(actor: Actor): boolean {
  return actor.role !== 'customer';
}

/** Availability: anyone with a role at the business, customers included. */
export function authorizeAvailability(actor: Actor, businessId: string): void {
  if (actor.businessId !== businessId) throw permissionDenied('not a member or customer of this business');
}

/**
 * A new booking (or hold). Customers book for themselves: the appointment's `customerUid` is
 * theirs, whatever they send. Staff roles book for anyone at their business and may link a
 * customer account.
 */
export function authorizeNewBooking(actor: Actor, businessId: string, requestedCustomerUid?: string): { customerUid?: string } {
  if (actor.businessId !== businessId) throw permissionDenied('not a member or customer of this business');
  if (!isStaffRole(actor)) {
    if (requestedCustomerUid !== undefined && requestedCustomerUid !== actor.uid) {
      throw permissionDenied('customers book only for themselves');
    }
    return { customerUid: actor.uid };
  }
  return requestedCustomerUid === undefined ? {} : { customerUid: requestedCustomerUid };
}

/** Rescheduling or cancelling: staff roles of the business, or the customer who booked it. */
export function authorizeAppointmentChange(actor: Actor, appointment: { businessId: string; customerUid?: string }): void {
  if (actor.businessId !== appointment.businessId) throw permissionDenied('not your business');
  if (isStaffRole(actor)) return;
  if (appointment.customerUid !== actor.uid) throw permissionDenied('customers may change only their own appointments');
}

/**
 * The salon's own automation acting on an appointment (inbound calendar sync applying the
 * business's `calendar_wins` policy): the rights of a manager of that business, under a uid no
 * Firebase Auth user can have, so `cancellation.by` shows who did it.
 */
export function systemActor(businessId: string, uid = 'system:calendar-sync'): Actor {
  return { uid, businessId, role: 'manager' };
}
