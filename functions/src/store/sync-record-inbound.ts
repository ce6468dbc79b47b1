import type { Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS, calendarSyncId, calendarSyncSchema, type CalendarSync } from '../model';
import { parseSnapshot } from './read-document';
import { writeSyncRecord } from './calendar-sync-store';

/** What inbound sync reads and asks of the outbound `calendarSync` records. */

export async function readSyncRecord(db: Firestore, appointmentId: string, connectionId: string): Promise<CalendarSync | null> {
  return parseSnapshot(await db.collection(COLLECTIONS.calendarSync).doc(calendarSyncId(appointmentId, connectionId)).get(), calendarSyncSchema);
}

/** Records of one connection that say our event is in the calendar. */
export async function presentRecordsOfConnection(db: Firestore, connectionId: string): Promise<CalendarSync[]> {
  const snapshot = await db
    .collection(COLLECTIONS.calendarSync)
    .where('connectionId', '==', connectionId)
    .where('eventState', '==', 'present')
    .get();
  return snapshot.docs.map((doc) => parseSnapshot(doc, calendarSyncSchema)!);
}

/**
 * Makes the next outbound sync write the event again: a `synced` record with an unchanged body
 * hash makes no API call, which is right until someone else changed the event in the calendar.
 * `eventState` stays as it is: a put of a deleted event fails over to a fresh id by itself.
 */
export async function requestEventRewrite(db: Firestore, record: CalendarSync, now: Date): Promise<void> {
  await writeSyncRecord(db, { ...record, syncStatus: 'pending', syncedHash: undefined, updatedAt: now });
}
