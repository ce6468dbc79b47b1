import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { COLLECTIONS, calendarSyncId, calendarSyncSchema, type CalendarSync } from '../model';
import { parseSnapshot } from './read-document';
import { setSyncRecord } from './calendar-sync-store';

/** What inbound sync reads and asks of the outbound `calendarSync` records. */

const recordRef = (db: Firestore, appointmentId: string, connectionId: string) =>
  db.collection(COLLECTIONS.calendarSync).doc(calendarSyncId(appointmentId, connectionId));

export async function readSyncRecord(db: Firestore, appointmentId: string, connectionId: string): Promise<CalendarSync | null> {
  return parseSnapshot(await recordRef(db, appointmentId, connectionId).get(), calendarSyncSchema);
}

/** Firestore's limit of documents in one batched read we keep to. */
const GET_ALL_LIMIT = 300;

/** The records of these appointments in one connection, by appointment id (absent ones left out). */
export async function syncRecordsOfAppointments(db: Firestore, connectionId: string, appointmentIds: readonly string[]): Promise<Map<string, CalendarSync>> {
  const out = new Map<string, CalendarSync>();
  const unique = [...new Set(appointmentIds)];
  for (let offset = 0; offset < unique.length; offset += GET_ALL_LIMIT) {
    const refs = unique.slice(offset, offset + GET_ALL_LIMIT).map((id) => recordRef(db, id, connectionId));
    for (const snapshot of await db.getAll(...refs)) {
      const record = parseSnapshot(snapshot, calendarSyncSchema);
      if (record) out.set(record.appointmentId, record);
    }
  }
  return out;
}

/** How often inbound sync already put this event back for this version of the appointment. */
export function restoresFor(record: CalendarSync, appointmentVersion: number): number {
  return record.inboundRestores?.version === appointmentVersion ? record.inboundRestores.count : 0;
}

/**
 * Makes the next outbound sync write the event again: a `synced` record with an unchanged body
 * hash makes no API call, which is right until someone else changed the event in the calendar.
 * Runs inside a transaction (the reader's fenced lease) and re-reads the record there: when the
 * outbound sync changed it since `seen` was read (a new write, a new id generation), it is left
 * alone ('outdated': that sync puts the salon's version anyway, and writing the old copy back
 * would forget the newer event id). Counts the restore for `appointmentVersion`.
 * `eventState` stays as it is: a put of a deleted event fails over to a fresh id by itself.
 */
export async function requestEventRewrite(
  tx: Transaction,
  db: Firestore,
  seen: CalendarSync,
  appointmentVersion: number,
  now: Date,
): Promise<'requested' | 'outdated'> {
  const current = parseSnapshot(await tx.get(recordRef(db, seen.appointmentId, seen.connectionId)), calendarSyncSchema);
  const unchanged =
    !!current &&
    current.syncStatus === 'synced' &&
    current.providerEventId === seen.providerEventId &&
    current.generation === seen.generation &&
    current.syncedHash === seen.syncedHash;
  if (!unchanged) return 'outdated';
  const inboundRestores = { version: appointmentVersion, count: restoresFor(current, appointmentVersion) + 1 };
  setSyncRecord(tx, db, { ...current, syncStatus: 'pending', syncedHash: undefined, inboundRestores, updatedAt: now });
  return 'requested';
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
