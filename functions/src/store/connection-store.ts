import type { Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS, calendarConnectionSchema, type CalendarConnection } from '../model';
import type { ConnectionRef } from '../providers/types';
import { parseSnapshot, readDocument } from './read-document';

export async function readConnection(db: Firestore, connectionId: string): Promise<CalendarConnection | null> {
  return readDocument(db, `${COLLECTIONS.calendarConnections}/${connectionId}`, calendarConnectionSchema);
}

/** The active calendar connections of one staff member of one business. */
export async function activeConnectionsOfStaff(db: Firestore, businessId: string, staffId: string): Promise<ConnectionRef[]> {
  const snapshot = await db
    .collection(COLLECTIONS.calendarConnections)
    .where('businessId', '==', businessId)
    .where('staffId', '==', staffId)
    .where('status', '==', 'active')
    .get();
  return snapshot.docs.map((doc) => ({ connectionId: doc.id, connection: parseSnapshot(doc, calendarConnectionSchema)! }));
}
