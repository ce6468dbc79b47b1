import type { DocumentReference, Firestore, Transaction } from 'firebase-admin/firestore';
import { COLLECTIONS, appointmentSchema, type Appointment } from '../model';
import { parseSnapshot } from './read-document';
import { withoutUndefined } from './without-undefined';

/**
 * Appointment writes of the booking callables. Every write bumps `version` by exactly one (the
 * sync never applies an older version over a newer one) and stamps `updatedAt`.
 */
export function appointmentRef(db: Firestore, appointmentId: string): DocumentReference {
  return db.collection(COLLECTIONS.appointments).doc(appointmentId);
}

export async function readAppointmentInTransaction(tx: Transaction, ref: DocumentReference): Promise<Appointment | null> {
  return parseSnapshot(await tx.get(ref), appointmentSchema);
}

/** `create`, not `set`: if the id exists after all, the commit fails instead of overwriting. */
export function createAppointment(tx: Transaction, ref: DocumentReference, appointment: Appointment): void {
  tx.create(ref, withoutUndefined(appointmentSchema.parse(appointment)));
}

/**
 * Changes some fields of an appointment read in the same transaction. `update` keeps fields
 * this schema does not know (written by the salon app) instead of replacing the document.
 */
export function updateAppointment(
  tx: Transaction,
  ref: DocumentReference,
  current: Appointment,
  changes: Partial<Pick<Appointment, 'start' | 'end' | 'staffId' | 'status' | 'cancellation'>>,
  now: Date,
): Appointment {
  const next = appointmentSchema.parse({ ...current, ...changes, version: current.version + 1, updatedAt: now });
  tx.update(ref, withoutUndefined({ ...changes, version: next.version, updatedAt: now }));
  return next;
}
