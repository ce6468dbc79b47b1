import type { Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS, syncLockSchema } from '../model';
import { parseSnapshot } from './read-document';

export type ClaimResult = 'claimed' | 'busy';

/**
 * Takes the per-appointment sync lease in a transaction. When another worker holds a live lease
 * the claim marks the lock `dirty` instead, so the holder reconciles once more before it lets go:
 * a delivery that arrives mid-sync is never lost and two workers never sync one appointment.
 */
export async function claimSyncLock(
  db: Firestore,
  appointmentId: string,
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<ClaimResult> {
  const ref = db.collection(COLLECTIONS.syncLocks).doc(appointmentId);
  return db.runTransaction(async (tx) => {
    const lock = parseSnapshot(await tx.get(ref), syncLockSchema);
    if (lock?.owner && lock.owner !== owner && lock.leaseUntil && lock.leaseUntil.getTime() > now.getTime()) {
      tx.set(ref, { ...lock, dirty: true });
      return 'busy';
    }
    tx.set(ref, { owner, leaseUntil: new Date(now.getTime() + leaseMs), dirty: false });
    return 'claimed';
  });
}

/**
 * Lets go of the lease unless more work arrived while it was held; then it keeps (and extends)
 * the lease and answers 'again'.
 */
export async function releaseSyncLock(
  db: Firestore,
  appointmentId: string,
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<'released' | 'again'> {
  const ref = db.collection(COLLECTIONS.syncLocks).doc(appointmentId);
  return db.runTransaction(async (tx) => {
    const lock = parseSnapshot(await tx.get(ref), syncLockSchema);
    if (lock && lock.owner === owner && lock.dirty) {
      tx.set(ref, { owner, leaseUntil: new Date(now.getTime() + leaseMs), dirty: false });
      return 'again';
    }
    if (!lock || lock.owner === owner) tx.delete(ref);
    return 'released';
  });
}

/** Appointments whose lease expired without a release (a worker died, or work kept arriving). */
export async function appointmentsWithExpiredLocks(db: Firestore, now: Date, limit: number): Promise<string[]> {
  const snapshot = await db.collection(COLLECTIONS.syncLocks).where('leaseUntil', '<=', now).limit(limit).get();
  return snapshot.docs.map((doc) => doc.id);
}
