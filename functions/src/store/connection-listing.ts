import { FieldPath, type Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS, calendarConnectionSchema } from '../model';
import type { ConnectionRef } from '../providers/types';
import { parseSnapshot } from './read-document';

/** Connection queries of the inbound side (across staff members). */

/**
 * The connections of a business whose calendar's busy time counts: active ones, and ones in
 * `needs_reauth` (their last known busy time still blocks, and ages into stale).
 */
export async function busyConnectionsOfBusiness(db: Firestore, businessId: string): Promise<ConnectionRef[]> {
  const snapshot = await db
    .collection(COLLECTIONS.calendarConnections)
    .where('businessId', '==', businessId)
    .where('status', 'in', ['active', 'needs_reauth'])
    .get();
  return snapshot.docs.map((doc) => ({ connectionId: doc.id, connection: parseSnapshot(doc, calendarConnectionSchema)! }));
}

/** Every active connection of every business, a page at a time (ordered by id). */
export async function activeConnectionsPage(db: Firestore, after: string | undefined, limit: number): Promise<ConnectionRef[]> {
  let query = db.collection(COLLECTIONS.calendarConnections).where('status', '==', 'active').orderBy(FieldPath.documentId()).limit(limit);
  if (after) query = query.startAfter(after);
  const snapshot = await query.get();
  return snapshot.docs.map((doc) => ({ connectionId: doc.id, connection: parseSnapshot(doc, calendarConnectionSchema)! }));
}
