import type { Firestore, Transaction, WriteBatch } from 'firebase-admin/firestore';
import { COLLECTIONS, externalBusySchema, type ExternalBusy } from '../model';
import { parseSnapshot } from './read-document';
import { withoutUndefined } from './without-undefined';

/** `externalBusy`: busy time imported from staff members' own calendars (inbound sync only). */

export interface StoredBusy {
  id: string;
  busy: ExternalBusy;
}

/** Firestore's limit of writes per batch. */
const BATCH_LIMIT = 500;

const collection = (db: Firestore) => db.collection(COLLECTIONS.externalBusy);

export async function busyOfConnection(db: Firestore, connectionId: string): Promise<StoredBusy[]> {
  const snapshot = await collection(db).where('connectionId', '==', connectionId).get();
  return snapshot.docs.map((doc) => ({ id: doc.id, busy: parseSnapshot(doc, externalBusySchema)! }));
}

/** The instances of one series imported from one connection. */
export async function busyOfSeries(db: Firestore, connectionId: string, seriesId: string): Promise<StoredBusy[]> {
  const snapshot = await collection(db).where('connectionId', '==', connectionId).where('seriesId', '==', seriesId).get();
  return snapshot.docs.map((doc) => ({ id: doc.id, busy: parseSnapshot(doc, externalBusySchema)! }));
}

export async function readBusyDocuments(db: Firestore, ids: readonly string[]): Promise<Map<string, ExternalBusy>> {
  const out = new Map<string, ExternalBusy>();
  for (let offset = 0; offset < ids.length; offset += BATCH_LIMIT) {
    const refs = ids.slice(offset, offset + BATCH_LIMIT).map((id) => collection(db).doc(id));
    for (const snapshot of await db.getAll(...refs)) {
      const busy = parseSnapshot(snapshot, externalBusySchema);
      if (busy) out.set(snapshot.id, busy);
    }
  }
  return out;
}

/** Applies upserts and deletions in batches (each batch atomic; the whole is idempotent). */
export async function writeBusyChanges(db: Firestore, upserts: ReadonlyMap<string, ExternalBusy>, deletions: readonly string[]): Promise<void> {
  const operations: ((batch: WriteBatch) => void)[] = [];
  for (const [id, busy] of upserts) operations.push((batch) => batch.set(collection(db).doc(id), withoutUndefined(externalBusySchema.parse(busy))));
  for (const id of deletions) operations.push((batch) => batch.delete(collection(db).doc(id)));
  for (let offset = 0; offset < operations.length; offset += BATCH_LIMIT) {
    const batch = db.batch();
    for (const operation of operations.slice(offset, offset + BATCH_LIMIT)) operation(batch);
    await batch.commit();
  }
}

/**
 * Busy-time writes that fit in one fenced transaction next to the lease's own write (Firestore
 * allows 500 writes per commit).
 */
export const BUSY_WRITES_PER_TRANSACTION = 450;

/** One document to write (`busy`) or delete (`null`). */
export interface BusyChange {
  id: string;
  busy: ExternalBusy | null;
}

/** Upserts and deletions inside a transaction (the reader's fenced lease transaction). */
export function setBusyChanges(tx: Transaction, db: Firestore, changes: readonly BusyChange[]): void {
  for (const { id, busy } of changes) {
    if (busy) tx.set(collection(db).doc(id), withoutUndefined(externalBusySchema.parse(busy)));
    else tx.delete(collection(db).doc(id));
  }
}

/**
 * The next connection id, in order, that has imported busy time (one document read): lets a
 * sweep visit every connection with busy time without reading all of it.
 */
export async function nextConnectionWithBusy(db: Firestore, after: string | undefined): Promise<string | null> {
  let query = collection(db).orderBy('connectionId').limit(1);
  if (after !== undefined) query = collection(db).where('connectionId', '>', after).orderBy('connectionId').limit(1);
  const snapshot = await query.get();
  const doc = snapshot.docs[0];
  return doc ? String(doc.get('connectionId')) : null;
}

/** Removes everything imported from a connection (it was disconnected: its calendar is not ours to read). */
export async function deleteBusyOfConnection(db: Firestore, connectionId: string): Promise<number> {
  const existing = await busyOfConnection(db, connectionId);
  await writeBusyChanges(db, new Map(), existing.map(({ id }) => id));
  return existing.length;
}
