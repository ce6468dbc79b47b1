import type { Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { AppError } from '../errors';
import { COLLECTIONS, documentId, staffSchema } from '../model';
import { readDocument } from '../store/read-document';

/**
 * Who is asking, from the custom claims of a verified Firebase ID token:
 * `{ businessId, role: 'owner' | 'manager' | 'staff' | 'customer', staffId? }`.
 */
export const callerClaimsSchema = z.object({
  uid: z.string().min(1),
  businessId: documentId.optional(),
  role: z.enum(['owner', 'manager', 'staff', 'customer']).optional(),
  staffId: documentId.optional(),
});
export type CallerClaims = z.infer<typeof callerClaimsSchema>;

/**
 * Verifies a Firebase ID token and returns its decoded claims. Production passes
 * `firebaseIdTokenVerifier(getAuth())`; tests pass their own, so they need no Auth emulator.
 */
export type IdTokenVerifier = (idToken: string) => Promise<Record<string, unknown>>;

export function firebaseIdTokenVerifier(auth: { verifyIdToken(idToken: string, checkRevoked?: boolean): Promise<object> }): IdTokenVerifier {
  // checkRevoked: a disabled or signed-out user cannot start a connection with an old token.
  return async (idToken) => (await auth.verifyIdToken(idToken, true)) as Record<string, unknown>;
}

/** Verifies the bearer token and parses its claims; any failure is `permission_denied`. */
export async function verifyCaller(verify: IdTokenVerifier, idToken: string | undefined): Promise<CallerClaims> {
  if (!idToken) throw new AppError('permission_denied', 'missing ID token');
  let decoded: Record<string, unknown>;
  try {
    decoded = await verify(idToken);
  } catch {
    throw new AppError('permission_denied', 'ID token is invalid or expired');
  }
  const claims = callerClaimsSchema.safeParse(decoded);
  if (!claims.success) throw new AppError('permission_denied', 'ID token has no usable claims');
  return claims.data;
}

/**
 * A calendar may be connected for a staff member by an owner or manager of the staff member's
 * business, or by that staff member themself. Pure: the tenancy check against the staff
 * document is `assertMayConnect`.
 */
export function mayConnectCalendar(caller: CallerClaims, target: { businessId: string; staffId: string }): boolean {
  if (caller.businessId !== target.businessId) return false;
  if (caller.role === 'owner' || caller.role === 'manager') return true;
  return caller.role === 'staff' && caller.staffId === target.staffId;
}

/** Authorises the caller, then checks the staff member really belongs to that business. */
export async function assertMayConnect(db: Firestore, caller: CallerClaims, target: { businessId: string; staffId: string }): Promise<void> {
  if (!mayConnectCalendar(caller, target)) {
    throw new AppError('permission_denied', `not allowed to connect calendars for staff ${target.staffId} of business ${target.businessId}`);
  }
  const staff = await readDocument(db, `${COLLECTIONS.staff}/${target.staffId}`, staffSchema);
  if (!staff || staff.businessId !== target.businessId) {
    throw new AppError('not_found', `staff ${target.staffId} not found in business ${target.businessId}`);
  }
}
