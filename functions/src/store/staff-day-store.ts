import type { DocumentReference, Firestore, Transaction } from 'firebase-admin/firestore';
import { COLLECTIONS, staffDayId, staffDaySchema, type StaffDay } from '../model';
import { parseSnapshot } from './read-document';

export interface StaffDayRead {
  ref: DocumentReference;
  date: string;
  day: StaffDay | null;
}

/**
 * Reads the per-day documents of a staff member inside a transaction. Reading them is half of
 * the serialisation; `touchStaffDays` (the write) is the other half, and must follow in the same
 * transaction.
 */
export async function readStaffDays(tx: Transaction, db: Firestore, staffId: string, dates: readonly string[]): Promise<StaffDayRead[]> {
  const refs = dates.map((date) => db.collection(COLLECTIONS.staffDays).doc(staffDayId(staffId, date)));
  const snapshots = refs.length > 0 ? await tx.getAll(...refs) : [];
  return snapshots.map((snapshot, index) => ({ ref: refs[index]!, date: dates[index]!, day: parseSnapshot(snapshot, staffDaySchema) }));
}

export function touchStaffDays(tx: Transaction, businessId: string, staffId: string, days: readonly StaffDayRead[], now: Date): void {
  for (const { ref, date, day } of days) {
    const next: StaffDay = { businessId, staffId, date, revision: (day?.revision ?? 0) + 1, updatedAt: now };
    tx.set(ref, staffDaySchema.parse(next));
  }
}
