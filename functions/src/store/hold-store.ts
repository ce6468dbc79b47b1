import type { DocumentReference, Firestore, Transaction } from 'firebase-admin/firestore';
import { COLLECTIONS, slotHoldSchema, type SlotHold } from '../model';
import { parseSnapshot } from './read-document';
import { getQuery, type Window } from './schedule-store';

export function holdRef(db: Firestore, holdId: string): DocumentReference {
  return db.collection(COLLECTIONS.slotHolds).doc(holdId);
}

export interface StoredHold {
  id: string;
  hold: SlotHold;
}

/** Holds (expired ones included: the caller decides) of a staff member overlapping `window`. */
export async function holdsOfStaff(db: Firestore, businessId: string, staffId: string, window: Window, tx?: Transaction): Promise<StoredHold[]> {
  const query = db
    .collection(COLLECTIONS.slotHolds)
    .where('businessId', '==', businessId)
    .where('staffId', '==', staffId)
    .where('start', '<', window.end)
    .where('end', '>', window.start);
  const snapshot = await getQuery(query, tx);
  return snapshot.docs.map((doc) => ({ id: doc.id, hold: parseSnapshot(doc, slotHoldSchema)! }));
}

/** Every hold of one caller at one business. */
export async function holdsOfHolder(db: Firestore, businessId: string, holderUid: string, tx?: Transaction): Promise<StoredHold[]> {
  const query = db.collection(COLLECTIONS.slotHolds).where('businessId', '==', businessId).where('holderUid', '==', holderUid);
  const snapshot = await getQuery(query, tx);
  return snapshot.docs.map((doc) => ({ id: doc.id, hold: parseSnapshot(doc, slotHoldSchema)! }));
}

export function createHold(tx: Transaction, db: Firestore, holdId: string, hold: SlotHold): void {
  tx.create(holdRef(db, holdId), slotHoldSchema.parse(hold));
}

export function deleteHold(tx: Transaction, db: Firestore, holdId: string): void {
  tx.delete(holdRef(db, holdId));
}
