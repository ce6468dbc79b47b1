import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { COLLECTIONS, appointmentSchema, businessSchema, serviceSchema, staffSchema, type Appointment, type Business, type Service, type Staff } from '../model';
import { readDocument } from './read-document';

/** Reads of the business catalogue and appointments, each through its one schema. */
export const readBusiness = (db: Firestore, id: string, tx?: Transaction): Promise<Business | null> =>
  readDocument(db, `${COLLECTIONS.businesses}/${id}`, businessSchema, tx);

export const readStaff = (db: Firestore, id: string, tx?: Transaction): Promise<Staff | null> =>
  readDocument(db, `${COLLECTIONS.staff}/${id}`, staffSchema, tx);

export const readService = (db: Firestore, id: string, tx?: Transaction): Promise<Service | null> =>
  readDocument(db, `${COLLECTIONS.services}/${id}`, serviceSchema, tx);

export const readAppointment = (db: Firestore, id: string, tx?: Transaction): Promise<Appointment | null> =>
  readDocument(db, `${COLLECTIONS.appointments}/${id}`, appointmentSchema, tx);

/** The raw appointment document, for callers that must cope with invalid data themselves. */
export async function readAppointmentData(db: Firestore, id: string): Promise<Record<string, unknown> | null> {
  const snapshot = await db.collection(COLLECTIONS.appointments).doc(id).get();
  return snapshot.exists ? (snapshot.data() as Record<string, unknown>) : null;
}

/** Ids of a staff member's appointments that end after `from` (any status; the sync decides). */
export async function appointmentIdsOfStaffEndingAfter(db: Firestore, businessId: string, staffId: string, from: Date): Promise<string[]> {
  const snapshot = await db
    .collection(COLLECTIONS.appointments)
    .where('businessId', '==', businessId)
    .where('staffId', '==', staffId)
    .where('end', '>', from)
    .get();
  return snapshot.docs.map((doc) => doc.id);
}
