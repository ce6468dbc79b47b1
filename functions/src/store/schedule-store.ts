import type { Firestore, Query, QuerySnapshot, Transaction } from 'firebase-admin/firestore';
import { z } from 'zod';
import {
  COLLECTIONS,
  LIVE_STATUSES,
  appointmentStatus,
  documentId,
  externalBusySchema,
  instant,
  serviceSchema,
  staffSchema,
  type Service,
  type Staff,
} from '../model';
import { parseSnapshot } from './read-document';

/** What the schedule needs from the catalogue and the bookings of one business. */

export interface Window {
  start: Date;
  end: Date;
}

export function getQuery(query: Query, tx?: Transaction): Promise<QuerySnapshot> {
  return tx ? tx.get(query) : query.get();
}

export async function servicesOfBusiness(db: Firestore, businessId: string): Promise<Map<string, Service>> {
  const snapshot = await db.collection(COLLECTIONS.services).where('businessId', '==', businessId).get();
  return new Map(snapshot.docs.map((doc) => [doc.id, parseSnapshot(doc, serviceSchema)!]));
}

export async function staffOfBusiness(db: Firestore, businessId: string): Promise<{ id: string; staff: Staff }[]> {
  const snapshot = await db.collection(COLLECTIONS.staff).where('businessId', '==', businessId).get();
  return snapshot.docs.map((doc) => ({ id: doc.id, staff: parseSnapshot(doc, staffSchema)! }));
}

/**
 * Only the fields that make an appointment occupy time: an appointment whose other fields are
 * invalid (a typo in the customer's email) still blocks its stylist.
 */
const appointmentTimeSchema = z.object({
  staffId: documentId,
  serviceId: z.string().optional(),
  start: instant,
  end: instant,
  status: appointmentStatus,
});
export type AppointmentTime = z.infer<typeof appointmentTimeSchema>;

/** Live appointments of a staff member whose own time overlaps `window` (half-open). */
export async function liveAppointmentsOfStaff(
  db: Firestore,
  businessId: string,
  staffId: string,
  window: Window,
  tx?: Transaction,
): Promise<{ id: string; appointment: AppointmentTime }[]> {
  const query = db
    .collection(COLLECTIONS.appointments)
    .where('businessId', '==', businessId)
    .where('staffId', '==', staffId)
    .where('start', '<', window.end)
    .where('end', '>', window.start);
  const snapshot = await getQuery(query, tx);
  return snapshot.docs
    .map((doc) => ({ id: doc.id, appointment: parseSnapshot(doc, appointmentTimeSchema)! }))
    .filter(({ appointment }) => LIVE_STATUSES.includes(appointment.status));
}

/** Time the staff member is busy in their own calendars, overlapping `window`. */
export async function externalBusyOfStaff(
  db: Firestore,
  businessId: string,
  staffId: string,
  window: Window,
  tx?: Transaction,
): Promise<{ start: Date; end: Date }[]> {
  const query = db
    .collection(COLLECTIONS.externalBusy)
    .where('businessId', '==', businessId)
    .where('staffId', '==', staffId)
    .where('start', '<', window.end)
    .where('end', '>', window.start);
  const snapshot = await getQuery(query, tx);
  return snapshot.docs.map((doc) => {
    const busy = parseSnapshot(doc, externalBusySchema)!;
    return { start: busy.start, end: busy.end };
  });
}
