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

/** Firestore's limit of values in one `in` filter. */
const IN_LIMIT = 30;

/**
 * Records of one connection naming any of these provider event ids. Inbound sync needs it for
 * deleted events: Google guarantees only the id of a cancelled entry, not its extended
 * properties, so our own deleted events are recognised by id.
 */
export async function recordsByProviderEventIds(db: Firestore, connectionId: string, eventIds: readonly string[]): Promise<Map<string, CalendarSync>> {
  const out = new Map<string, CalendarSync>();
  const unique = [...new Set(eventIds)];
  for (let offset = 0; offset < unique.length; offset += IN_LIMIT) {
    const snapshot = await db
      .collection(COLLECTIONS.calendarSync)
      .where('connectionId', '==', connectionId)
      .where('providerEventId', 'in', unique.slice(offset, offset + IN_LIMIT))
      .get();
    for (const doc of snapshot.docs) {
      const record = parseSnapshot(doc, calendarSyncSchema)!;
      out.set(record.providerEventId!, record);
    }
  }
  return out;
}
