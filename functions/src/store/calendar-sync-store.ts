import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { COLLECTIONS, calendarSyncId, calendarSyncSchema, type CalendarSync } from '../model';
import { parseSnapshot } from './read-document';
import { withoutUndefined } from './without-undefined';

export async function syncRecordsOfAppointment(db: Firestore, appointmentId: string): Promise<Map<string, CalendarSync>> {
  const snapshot = await db.collection(COLLECTIONS.calendarSync).where('appointmentId', '==', appointmentId).get();
  const records = new Map<string, CalendarSync>();
  for (const doc of snapshot.docs) {
    const record = parseSnapshot(doc, calendarSyncSchema)!;
    records.set(record.connectionId, record);
  }
  return records;
}

/** Writes the whole record (replace): the schema is the one definition of what it holds. */
export async function writeSyncRecord(db: Firestore, record: CalendarSync): Promise<void> {
  const { ref, data } = syncRecordWrite(db, record);
  await ref.set(data);
}

/** The same write inside a transaction (the sync writes under its fenced lease). */
export function setSyncRecord(tx: Transaction, db: Firestore, record: CalendarSync): void {
  const { ref, data } = syncRecordWrite(db, record);
  tx.set(ref, data);
}

function syncRecordWrite(db: Firestore, record: CalendarSync) {
  const parsed = calendarSyncSchema.parse(record);
  return { ref: db.collection(COLLECTIONS.calendarSync).doc(calendarSyncId(parsed.appointmentId, parsed.connectionId)), data: withoutUndefined(parsed) };
}

/** Appointment ids whose sync is due for a retry (`error` with `nextRetryAt` passed). */
export async function appointmentsDueForRetry(db: Firestore, now: Date, limit: number): Promise<string[]> {
  const snapshot = await db
    .collection(COLLECTIONS.calendarSync)
    .where('syncStatus', '==', 'error')
    .where('nextRetryAt', '<=', now)
    .orderBy('nextRetryAt')
    .limit(limit)
    .get();
  return [...new Set(snapshot.docs.map((doc) => String(doc.get('appointmentId'))))];
}

/** Appointment ids with a record stuck in `pending` since before `olderThan` (a worker died). */
export async function appointmentsStuckPending(db: Firestore, olderThan: Date, limit: number): Promise<string[]> {
  const snapshot = await db
    .collection(COLLECTIONS.calendarSync)
    .where('syncStatus', '==', 'pending')
    .where('updatedAt', '<=', olderThan)
    .orderBy('updatedAt')
    .limit(limit)
    .get();
  return [...new Set(snapshot.docs.map((doc) => String(doc.get('appointmentId'))))];
}

/** Appointment ids with a record in one connection that is not synced (failed or waiting). */
export async function unsyncedAppointmentsOfConnection(db: Firestore, connectionId: string): Promise<string[]> {
  const snapshot = await db.collection(COLLECTIONS.calendarSync).where('connectionId', '==', connectionId).where('syncStatus', 'in', ['pending', 'error', 'failed']).get();
  return snapshot.docs.map((doc) => String(doc.get('appointmentId')));
}
